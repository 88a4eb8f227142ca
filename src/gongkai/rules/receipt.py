"""The day an application counts as received (《政府信息公开条例》 Art. 31). Pure Python.

The day of receipt starts every period of an application (Art. 30: 7 working days for a correction
notice; Art. 33: 20 working days for the reply), so it is fixed by the channel, never by when staff
happened to register the application:

- in person (当面提交): the day it is handed in (Art. 31(1));
- orally (口头提出, Art. 29 para. 1: only when writing is genuinely hard; the office fills in the form
  with the applicant present): the day the office writes it down, i.e. the day it is handed in;
- registered post (邮寄，需签收): the day the office signs for it (Art. 31(2));
- ordinary post (平常信函等无需签收的邮寄方式): the day the office confirms with the applicant; the office
  should confirm on the day the letter arrives (Art. 31(2));
- online, e-mail (data messages, Art. 29: 数据电文) and fax: the day both sides confirm (Art. 31(3)).

``submitted_on`` is the day the applicant acted (handed in, posted, sent); the office's date
(``signed_on`` / ``confirmed_on``) can be that day or later, never earlier.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Channel(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    REGISTERED_POST = "registered_post"
    ORDINARY_POST = "ordinary_post"
    FAX = "fax"
    EMAIL = "email"
    ORAL = "oral"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Channel.ONLINE: "在线申请",
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "邮寄（需签收）",
    Channel.ORDINARY_POST: "平常信函",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.ORAL: "口头提出（代为填写）",
}


@dataclass(frozen=True)
class _Rule:
    decisive: str  # which date decides: "submitted", "signed" or "confirmed"
    day_name: str  # what the day of receipt is called, e.g. 签收之日
    text: str  # the rule in words, citing the article


_RULES = {
    Channel.IN_PERSON: _Rule(
        "submitted", "提交之日", "当面提交的，以提交之日为收到申请之日（《条例》第三十一条第（一）项）"
    ),
    Channel.ORAL: _Rule(
        "submitted",
        "代为填写之日",
        "采用书面形式确有困难、口头提出的，由政府信息公开工作机构当面代为填写申请，"
        "以代为填写之日为收到申请之日（《条例》第二十九条第一款、第三十一条第（一）项）",
    ),
    Channel.REGISTERED_POST: _Rule(
        "signed", "签收之日", "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《条例》第三十一条第（二）项）"
    ),
    Channel.ORDINARY_POST: _Rule(
        "confirmed",
        "与申请人确认之日",
        "以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，"
        "确认之日为收到申请之日（《条例》第三十一条第（二）项）",
    ),
    Channel.ONLINE: _Rule(
        "confirmed",
        "双方确认之日",
        "通过互联网渠道提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
    ),
    Channel.EMAIL: _Rule(
        "confirmed",
        "双方确认之日",
        "以电子邮件等数据电文形式通过互联网渠道提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
    ),
    Channel.FAX: _Rule(
        "confirmed",
        "双方确认之日",
        "通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
    ),
}

_DATE_NAMES = {"signed": "签收日期", "confirmed": "确认日期"}


class ReceiptDateError(ValueError):
    """The dates given cannot fix the day of receipt; the message (Chinese) says which date is wrong."""


@dataclass(frozen=True)
class Receipt:
    """The day of receipt, the channel, and the rule that fixed it (for the record and the letters)."""

    date: dt.date
    channel: Channel
    rule: str

    @property
    def basis(self) -> str:
        """Short form for explanations, e.g. 在线申请，双方确认之日."""
        return f"{self.channel.label}，{_RULES[self.channel].day_name}"


def needs_signature(channel: Channel) -> bool:
    """Registered post: the office must record the day it signed for the letter."""
    return _RULES[channel].decisive == "signed"


def needs_confirmation(channel: Channel) -> bool:
    """Ordinary post, online, e-mail, fax: the office must record the day of confirmation."""
    return _RULES[channel].decisive == "confirmed"


def receipt_date(
    channel: Channel,
    *,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> Receipt:
    """The day of receipt under Art. 31 for an application submitted through ``channel``.

    Raises ``ReceiptDateError`` when the date the channel needs is missing, when a date that does not
    apply to the channel is given (so a wrong field is never silently ignored), or when the office's
    date is before ``submitted_on``.
    """
    channel = Channel(channel)
    rule = _RULES[channel]
    given = {"signed": signed_on, "confirmed": confirmed_on}
    for day in (submitted_on, signed_on, confirmed_on):
        if isinstance(day, dt.datetime):
            msg = "请传入日期（date），而非带时间的 datetime：收到申请之日按北京时间的日历日确定"
            raise TypeError(msg)
    for key, day in given.items():
        if day is not None and key != rule.decisive:
            raise ReceiptDateError(
                f"{channel.label}不适用{_DATE_NAMES[key]}：收到申请之日按{rule.day_name}确定，请勿填写{_DATE_NAMES[key]}"
            )
    if rule.decisive == "submitted":
        return Receipt(submitted_on, channel, rule.text)
    decisive = given[rule.decisive]
    name = _DATE_NAMES[rule.decisive]
    if decisive is None:
        raise ReceiptDateError(f"{channel.label}须填写{name}：{rule.text}")
    if decisive < submitted_on:
        raise ReceiptDateError(
            f"{name}（{decisive.isoformat()}）早于申请人提交之日（{submitted_on.isoformat()}），请核对"
        )
    return Receipt(decisive, channel, rule.text)
