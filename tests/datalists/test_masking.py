"""Personal data in published aid lists (公示不得公开身份证号码、家庭住址、联系电话、银行卡号)."""

import pytest

from gongkai.datalists.masking import mask_id_number, mask_person_name, personal_findings


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张*丰"),
        ("欧阳娜娜", "欧**娜"),
        ("司马相如君", "司***君"),
        ("李", "*"),
        (" 王 五 ", "王*"),
    ],
)
def test_names_keep_first_and_last_character(name, masked):
    assert mask_person_name(name) == masked


def test_names_with_a_separator_dot_keep_the_dot():
    assert mask_person_name("阿依古丽·买买提") == "阿***·**提"


def test_id_numbers_keep_region_and_last_four_only():
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert "19491231" not in mask_id_number("11010519491231002X")


def test_safety_net_finds_unmasked_id_mobile_and_bank_card():
    assert personal_findings("张三 11010519491231002X") == ("居民身份证号码",)
    assert personal_findings("联系 13912345678") == ("手机号码",)
    assert personal_findings("卡号 6222020200112233446") == ("银行卡号",)
    assert personal_findings("110105********002X") == ()
    assert personal_findings("示范市解放路小学") == ()


def test_safety_net_lets_a_published_office_phone_column_hold_a_mobile():
    assert personal_findings("13912345678", allow_phones=True) == ()
    assert personal_findings("11010519491231002X", allow_phones=True) == ("居民身份证号码",)
