"""Identity document checks with ``python-stdnum`` (GB 11643 resident ID: date of birth and check digit)."""

import unicodedata

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric


def resident_id_problem(value: str) -> str:
    """A Chinese message saying what is wrong with a resident ID number, or "" when it is valid."""
    number = unicodedata.normalize("NFKC", value).strip().upper()
    try:
        ric.validate(number)
    except stdnum_errors.InvalidLength:
        return f"居民身份证号码应为18位，当前为{len(number)}位。"
    except stdnum_errors.InvalidFormat:
        return "居民身份证号码格式不正确：前17位应为数字，最后一位为数字或X。"
    except stdnum_errors.InvalidComponent:
        return "居民身份证号码中的出生日期不正确。"
    except stdnum_errors.InvalidChecksum:
        return "居民身份证号码校验位不正确，请核对是否有数字录入错误。"
    return ""
