"""Screening rules: each test names what must be found, or must stay quiet (false positives)."""

import pytest
from stdnum.cn import ric

from gongkai.screening import FindingKind, mask, screen_text


def valid_id(body: str = "11010519491231002") -> str:
    """A checksum-valid, obviously fictional resident ID (stdnum computes over the full 18 characters)."""
    return body + ric.calc_check_digit(body + "0")


def kinds(text: str, **kwargs) -> list[FindingKind]:
    return [f.kind for f in screen_text(text, **kwargs)]


def test_id_number_with_valid_checksum_is_found():
    number = valid_id()
    findings = screen_text(f"申请人身份证号：{number}。")
    assert [f.kind for f in findings] == [FindingKind.ID_NUMBER]
    assert findings[0].text == number


def test_18_digit_number_with_bad_checksum_is_not_an_id():
    number = valid_id()
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    assert FindingKind.ID_NUMBER not in kinds(f"编号{wrong}")


def test_id_inside_a_longer_run_of_digits_is_not_an_id():
    assert kinds(f"流水号9{valid_id()}7") == []


def test_lowercase_x_check_character_is_accepted():
    number = valid_id()
    assert number.endswith("X")
    assert kinds(number.lower()) == [FindingKind.ID_NUMBER]


def test_bank_card_passing_luhn_is_found():
    assert kinds("退款账户 6222 0212 3456 7890 128") == [FindingKind.BANK_CARD]
    assert kinds("卡号4111111111111111") == [FindingKind.BANK_CARD]


def test_digit_run_failing_luhn_is_not_a_bank_card():
    assert kinds("卡号4111111111111112") == []


@pytest.mark.parametrize("phone", ["13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678"])
def test_mobile_numbers_in_common_spellings(phone):
    assert kinds(f"联系电话：{phone}。") == [FindingKind.MOBILE]


@pytest.mark.parametrize("phone", ["0571-87654321", "(010)62345678", "（0999）82346001", "0571-87654321转801"])
def test_landline_numbers(phone):
    findings = screen_text(f"电话 {phone}，")
    assert [f.kind for f in findings] == [FindingKind.LANDLINE]
    assert findings[0].text == phone


def test_email_next_to_chinese_text_is_found():
    findings = screen_text("邮箱zhang.san@example.com。")
    assert [(f.kind, f.text) for f in findings] == [(FindingKind.EMAIL, "zhang.san@example.com")]


def test_document_number_dates_amounts_and_index_numbers_are_not_flagged():
    text = (
        "根据教基〔2025〕3号文件，自2026-10-01起施行，预算12,345.67万元，"
        "索引号11990100000000002Q/2026-00001，统一社会信用代码11990100000000002Q，第20260930001号。"
    )
    assert screen_text(text) == []


def test_secrecy_marking_with_star():
    assert kinds("秘密★1年\n关于招生工作的通知") == [FindingKind.SECRECY_MARK]
    assert kinds("机密★") == [FindingKind.SECRECY_MARK]


def test_secrecy_level_standing_alone_as_a_label():
    assert kinds("绝密\n某某文件") == [FindingKind.SECRECY_MARK]
    assert kinds("【机密】") == [FindingKind.SECRECY_MARK]


def test_commercial_and_state_secret_in_legal_text_is_not_a_marking():
    text = "行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息，工作人员应当保守秘密。"
    assert screen_text(text) == []


def test_internal_management_is_not_a_marking_but_internal_label_is():
    assert screen_text("加强内部管理和内部控制，完善内设机构职责。") == []
    assert kinds("【内部】会议纪要") == [FindingKind.SECRECY_MARK]
    assert kinds("内部资料 不得外传") == [FindingKind.SECRECY_MARK, FindingKind.SECRECY_MARK]


def test_sensitive_terms_every_occurrence_case_insensitive():
    findings = screen_text("Foo 与 foo 及示例词，示例词。", sensitive_terms=["FOO", "示例词", " "])
    assert [(f.text, f.start) for f in findings] == [("Foo", 0), ("foo", 6), ("示例词", 11), ("示例词", 15)]


def test_full_width_digits_are_found_and_offsets_point_at_the_original_text():
    text = "手机：１３８１２３４５６７８"
    findings = screen_text(text)
    assert [f.kind for f in findings] == [FindingKind.MOBILE]
    assert text[findings[0].start : findings[0].end] == "１３８１２３４５６７８"


def test_overlapping_kinds_keep_the_most_specific():
    # An ID number is also a run of digits: it is reported once, as an ID.
    assert kinds(valid_id()) == [FindingKind.ID_NUMBER]


def test_masked_form_hides_the_middle_and_keeps_the_length():
    assert mask("13812345678") == "138****5678"
    assert mask("110105194912310022") == "110105********0022"
    assert mask("zhang@example.com") == "z****@example.com"
    assert len(mask("6222 0212 3456 7890 128")) == len("6222 0212 3456 7890 128")


def test_context_never_shows_personal_data_in_clear():
    number = valid_id()
    findings = screen_text(f"张三 {number} 手机13812345678")
    for finding in findings:
        assert number not in finding.context
        assert "13812345678" not in finding.context
    assert "110105********002X" in findings[0].context
