"""Art. 31: the day an application counts as received, by channel."""

import datetime as dt

import pytest

from gongkai.rules.receipt import Channel, ReceiptDateError, needs_confirmation, needs_signature, receipt_date

D = dt.date


def test_art31_in_person_received_on_the_day_handed_in():
    receipt = receipt_date(Channel.IN_PERSON, submitted_on=D(2026, 3, 2))
    assert receipt.date == D(2026, 3, 2)
    assert receipt.channel is Channel.IN_PERSON
    assert "第三十一条第（一）项" in receipt.rule
    assert receipt.basis == "当面提交，提交之日"


def test_art29_oral_application_received_on_the_day_the_office_writes_it_down():
    receipt = receipt_date(Channel.ORAL, submitted_on=D(2026, 3, 2))
    assert receipt.date == D(2026, 3, 2)
    assert "代为填写" in receipt.rule
    assert "第二十九条" in receipt.rule


def test_art31_registered_post_received_on_the_day_signed_for():
    receipt = receipt_date(Channel.REGISTERED_POST, submitted_on=D(2026, 2, 26), signed_on=D(2026, 3, 2))
    assert receipt.date == D(2026, 3, 2)
    assert receipt.rule == "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《条例》第三十一条第（二）项）"
    assert receipt.basis == "邮寄（需签收），签收之日"


def test_art31_registered_post_without_signature_date_is_refused():
    with pytest.raises(ReceiptDateError, match="须填写签收日期"):
        receipt_date(Channel.REGISTERED_POST, submitted_on=D(2026, 2, 26))


def test_art31_ordinary_post_received_on_the_day_confirmed_with_the_applicant():
    receipt = receipt_date(Channel.ORDINARY_POST, submitted_on=D(2026, 2, 26), confirmed_on=D(2026, 3, 3))
    assert receipt.date == D(2026, 3, 3)
    assert "平常信函" in receipt.rule
    assert "确认之日为收到申请之日" in receipt.rule
    with pytest.raises(ReceiptDateError, match="须填写确认日期"):
        receipt_date(Channel.ORDINARY_POST, submitted_on=D(2026, 2, 26))


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.EMAIL, Channel.FAX])
def test_art31_online_email_and_fax_received_on_the_day_both_sides_confirm(channel):
    receipt = receipt_date(channel, submitted_on=D(2026, 2, 28), confirmed_on=D(2026, 3, 2))
    assert receipt.date == D(2026, 3, 2)
    assert "双方确认之日" in receipt.rule
    assert "第三十一条第（三）项" in receipt.rule
    assert receipt.basis == f"{channel.label}，双方确认之日"
    with pytest.raises(ReceiptDateError, match="确认日期"):
        receipt_date(channel, submitted_on=D(2026, 2, 28))


def test_art31_office_date_before_submission_is_refused():
    with pytest.raises(ReceiptDateError, match="早于申请人提交之日"):
        receipt_date(Channel.REGISTERED_POST, submitted_on=D(2026, 3, 2), signed_on=D(2026, 3, 1))
    with pytest.raises(ReceiptDateError, match=r"确认日期.*早于申请人提交之日"):
        receipt_date(Channel.ONLINE, submitted_on=D(2026, 3, 2), confirmed_on=D(2026, 3, 1))


def test_art31_same_day_confirmation_is_accepted():
    assert receipt_date(Channel.ONLINE, submitted_on=D(2026, 3, 2), confirmed_on=D(2026, 3, 2)).date == D(2026, 3, 2)


def test_art31_date_that_does_not_apply_to_the_channel_is_refused_not_ignored():
    with pytest.raises(ReceiptDateError, match="当面提交不适用签收日期"):
        receipt_date(Channel.IN_PERSON, submitted_on=D(2026, 3, 2), signed_on=D(2026, 3, 3))
    with pytest.raises(ReceiptDateError, match="不适用确认日期"):
        receipt_date(
            Channel.REGISTERED_POST, submitted_on=D(2026, 3, 2), signed_on=D(2026, 3, 3), confirmed_on=D(2026, 3, 4)
        )


def test_datetime_is_refused():
    with pytest.raises(TypeError, match="datetime"):
        receipt_date(Channel.IN_PERSON, submitted_on=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))


def test_receipt_error_is_a_value_error():
    assert issubclass(ReceiptDateError, ValueError)


def test_ui_helpers_name_the_date_each_channel_needs():
    assert [c for c in Channel if needs_signature(c)] == [Channel.REGISTERED_POST]
    assert {c for c in Channel if needs_confirmation(c)} == {
        Channel.ORDINARY_POST,
        Channel.ONLINE,
        Channel.EMAIL,
        Channel.FAX,
    }
    assert not needs_confirmation(Channel.IN_PERSON)
    assert not needs_signature(Channel.ORAL)


def test_every_channel_has_a_chinese_label_and_string_value():
    assert Channel("online") is Channel.ONLINE
    assert Channel.REGISTERED_POST.label == "邮寄（需签收）"
    assert Channel.ORDINARY_POST.label == "平常信函"
    assert Channel.ORAL.label == "口头提出（代为填写）"
    assert all(channel.label for channel in Channel)
