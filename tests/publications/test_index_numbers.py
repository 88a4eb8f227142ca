import pytest

from gongkai.publications.index_numbers import (
    DEFAULT_TEMPLATE,
    IndexNumberParts,
    TemplateError,
    format_index_number,
    validate_template,
)


def test_default_template_is_credit_code_year_and_five_digit_serial():
    parts = IndexNumberParts(credit_code="11990100000000002Q", year=2026, serial=7)
    assert format_index_number(DEFAULT_TEMPLATE, parts) == "11990100000000002Q/2026-00007"


def test_catalog_code_placeholder():
    parts = IndexNumberParts(credit_code="X", year=2026, serial=12, catalog_code="ZCWJ")
    assert format_index_number("JY-{catalog_code}-{year}-{serial:04d}", parts) == "JY-ZCWJ-2026-0012"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{credit_code}/{serial}", "必须包含 {year} 和 {serial}"),
        ("{credit_code}/{year}", "必须包含"),
        ("{year}-{serial}-{name}", "未知字段：name"),
        ("{year}-{serial", "格式错误"),
        ("{year}-{serial:zz}", "格式错误"),
    ],
)
def test_bad_templates_are_refused_with_chinese_messages(template, message):
    with pytest.raises(TemplateError, match=message.replace("{", r"\{").replace("}", r"\}")):
        validate_template(template)
