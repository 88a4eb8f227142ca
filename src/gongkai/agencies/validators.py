import re

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc


def validate_credit_code(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""
    try:
        uscc.validate(value)
    except stdnum_errors.InvalidLength as exc:
        raise ValidationError("统一社会信用代码应为18位，当前为%(n)s位。", params={"n": len(value)}) from exc
    except stdnum_errors.InvalidFormat as exc:
        raise ValidationError(
            "统一社会信用代码格式不正确：前8位应为数字，其余为数字或大写字母（不含I、O、Z、S、V）。"
        ) from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError("统一社会信用代码校验位不正确，请核对是否有字符录入错误。") from exc
    if value != value.strip().upper():
        raise ValidationError("统一社会信用代码请使用大写字母，且不含空格。")


_POSTCODE = re.compile(r"\d{6}")
_PHONE = re.compile(r"[0-9+\-() 、,，/转]{5,60}")


def validate_postcode(value: str) -> None:
    if not _POSTCODE.fullmatch(value):
        raise ValidationError("邮政编码应为6位数字。")


def validate_phone(value: str) -> None:
    if not _PHONE.fullmatch(value):
        raise ValidationError("电话号码只能包含数字、空格、括号、“-”和“转”，如 0571-12345678。")
