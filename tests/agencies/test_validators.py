import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.validators import validate_credit_code, validate_phone, validate_postcode
from tests.factories import valid_credit_code


def test_valid_credit_code_passes():
    validate_credit_code(valid_credit_code(1))
    validate_credit_code("91110000600037341L")  # a published code (checksum per GB 32100-2015)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91110000600037341", "18位"),
        ("9111000060003734IL", "格式"),
        ("91110000600037341A", "校验位"),
    ],
)
def test_bad_credit_codes_get_clear_chinese_errors(value, message):
    with pytest.raises(ValidationError) as err:
        validate_credit_code(value)
    assert message in str(err.value)


def test_postcode_and_phone():
    validate_postcode("310000")
    validate_phone("0571-87654321")
    validate_phone("(0999) 12345678 转 801")
    with pytest.raises(ValidationError, match="6位数字"):
        validate_postcode("31000")
    with pytest.raises(ValidationError, match="电话号码"):
        validate_phone("call me")
