"""The clock ledger of an application and its reply due date. Pure Python: no Django import.

Law: 《政府信息公开条例》 Art. 30 (correction), Arts. 32 and 34 (consultation of third parties and of
other agencies), Art. 33 (20 working days, one extension of at most 20, consultation time not
counted), Art. 42 with 国办函〔2020〕109号 (information-processing fees).

Every application keeps a ledger of plain events (``ClockEvent``). Nothing derived is stored: the due
dates, the phase, breaches and an explanation staff can check are computed from the ledger and a
``WorkCalendar`` by ``compute``. ``validate_append`` refuses an event the law or logic forbids, with a
Chinese message; ``compute`` replays it over the whole ledger, so a state is only ever derived from a
valid ledger.

Counting conventions
--------------------
1. A period of ``n`` working days from a day runs from the next day and ends at the end of the
   ``n``-th working day: ``calendar.add_workdays(day, n)`` (the start day is never counted).
2. ``start`` is the day of receipt (Art. 31, see ``gongkai.rules.receipt``) or, after a correction,
   the day the corrected application was received: Art. 30 restarts the period, days before it are
   void. Reply due = ``add_workdays(start, 20 + excluded + extension)``.
3. An excluded period (a consultation, or the fee wait while ``FEE_TIME_EXCLUDED``) covers the
   working days ``d`` with ``begins < d <= ends``: the day the letter or notice goes out counts in the
   reply period (the office works on the application that day), the day the answer or payment
   arrives is excluded (it arrives during the wait). This is ``workdays_between(begins, ends)``.
   ``ends`` is the earlier of the answer/payment day and the period's deadline (consultation: 15
   working days after sending, Arts. 32 and 34, silence after that ends the wait; fee: 20 working
   days after the applicant received the notice). Only working days after ``start`` count, and
   overlapping periods are merged first: a working day is excluded once however many periods
   cover it.
4. A period still awaited is excluded up to today (on a non-working day: up to the next working
   day), at most to its deadline. The due date shown is the one that applies if the answer arrives
   then; it moves one working day later each working day the wait goes on.
5. A period counts only if it began while the reply period was running (on or before the due date
   as it then stood) or while the clock already stood still (awaiting a correction, or inside
   another counted period). A consultation or fee notice sent after the due date is recorded but does
   not move the due date: it cannot undo a breach that has already happened.
6. Correction notice due = ``add_workdays(received, 7)``. A later notice is still the one notice and
   still restarts the period, but it is a breach (``correction_notice_late``); if it went out after the
   original reply due, that reply is late too (``reply_late`` with the original due).
7. Correction deadline = ``add_workdays(notice day, period)``; payment due =
   ``add_workdays(notice received, 20)`` (20 working days counted from the day after receipt). The
   application is deemed abandoned from the calendar day after the missed deadline.
8. Extension: one only, 1–20 working days, granted on or before the due date as it then stood.
9. A reply on the start day is an on-the-spot reply (Art. 33 para. 1): 0 working days used.
10. ``overdue``: the reply (or withdrawal; for an abandonment the earlier of it and the payment
    deadline), or today while open, is after the reply due. ``days_left`` =
    ``workdays_between(today, reply_due)``: 0 on the due day, -1 on the first working day after it.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from gongkai.workdays import WorkCalendar
from gongkai.workdays.errors import unconfirmed_years_message
from gongkai.workdays.explain import chinese_date, weekday_name

REPLY_WORKDAYS = 20  # Art. 33 para. 2
MAX_EXTENSION_WORKDAYS = 20  # Art. 33 para. 2
CORRECTION_NOTICE_WORKDAYS = 7  # Art. 30
CONSULTATION_WORKDAYS = 15  # Arts. 32, 34
PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号

# 国办函〔2020〕109号《政府信息公开信息处理费管理办法》: the fee notice goes out within the reply period;
# the applicant pays within 20 working days from the day after receiving it, or the application is
# deemed abandoned; the time from the fee notice to the payment is not counted in the reply period
# (as we read the measures; the exact article is being confirmed against the published text). While
# True, the working days in (fee notice sent, fee paid] — up to today while unpaid — are excluded like
# a consultation. Set to False to let the reply clock run while the office waits for payment.
FEE_TIME_EXCLUDED = True


class EventKind(StrEnum):
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_ANSWERED = "consultation_answered"
    EXTENSION_GRANTED = "extension_granted"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_NOTICE_RECEIVED = "fee_notice_received"
    FEE_PAID = "fee_paid"
    REPLIED = "replied"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.CORRECTION_REQUESTED: "告知补正",
    EventKind.CORRECTION_RECEIVED: "收到补正",
    EventKind.CONSULTATION_SENT: "发出征求意见",
    EventKind.CONSULTATION_ANSWERED: "收到意见",
    EventKind.EXTENSION_GRANTED: "延长答复期限",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_NOTICE_RECEIVED: "申请人收到收费通知",
    EventKind.FEE_PAID: "缴纳信息处理费",
    EventKind.REPLIED: "答复",
    EventKind.DELIVERED: "送达",
    EventKind.WITHDRAWN: "撤回申请",
    EventKind.ABANDONED: "视为放弃申请",
}


class ConsultationParty(StrEnum):
    THIRD_PARTY = "third_party"  # Art. 32
    AGENCY = "agency"  # Art. 34

    @property
    def label(self) -> str:
        return "第三方" if self is ConsultationParty.THIRD_PARTY else "其他行政机关"


class Phase(StrEnum):
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_PAYMENT = "awaiting_payment"
    RUNNING = "running"
    REPLIED = "replied"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.AWAITING_CORRECTION: "等待补正",
    Phase.CONSULTING: "征求意见中",
    Phase.AWAITING_PAYMENT: "等待缴费",
    Phase.RUNNING: "办理中",
    Phase.REPLIED: "已答复",
    Phase.DELIVERED: "已送达",
    Phase.WITHDRAWN: "已撤回",
    Phase.ABANDONED: "视为放弃",
}


class BreachKind(StrEnum):
    REPLY_LATE = "reply_late"
    CORRECTION_NOTICE_LATE = "correction_notice_late"

    @property
    def label(self) -> str:
        return "超过答复期限" if self is BreachKind.REPLY_LATE else "补正通知超过7个工作日"


class AbandonmentReason(StrEnum):
    """The 其他处理 sub-rows of table 三 (2021 format), keyed as in the report JSON."""

    OVERDUE_CORRECTION = "overdue_correction"
    FEE_NOT_PAID = "fee_not_paid"

    @property
    def label(self) -> str:
        if self is AbandonmentReason.OVERDUE_CORRECTION:
            return "申请人无正当理由逾期不补正（《条例》第三十条）"
        return "申请人逾期未按收费通知要求缴纳费用（国办函〔2020〕109号）"


class Breach(NamedTuple):
    """A missed statutory deadline; the Django layer records each ``(kind, due)`` once."""

    kind: BreachKind
    due: dt.date


class Abandonment(NamedTuple):
    """The application may be deemed abandoned for ``reason`` from ``on``."""

    reason: AbandonmentReason
    on: dt.date


class ExclusionSource(StrEnum):
    CONSULTATION = "consultation"
    FEE = "fee"


class ClockError(ValueError):
    """An event the law or the ledger's logic forbids; the message (Chinese) says why."""


@dataclass(frozen=True)
class ClockEvent:
    """One fact of the ledger.

    ``workdays``: the correction period set by the office (``correction_requested``) or the extension
    (``extension_granted``). ``ref``: the consultation a ``consultation_answered`` closes (its
    ``consultation_sent`` carries the same ``ref`` and the ``party``). ``note``: free text shown in the
    explanation (for ``received``: the Art. 31 basis, e.g. ``Receipt.basis``; for a consultation: who
    was consulted).
    """

    kind: EventKind
    on: dt.date
    workdays: int | None = None
    ref: str = ""
    party: ConsultationParty | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.on, dt.datetime):
            msg = "请传入日期（date），而非带时间的 datetime：法定期限按北京时间的日历日计算"
            raise TypeError(msg)


@dataclass(frozen=True)
class ExcludedPeriod:
    """A consultation or a fee wait and the working days it takes out of the reply period."""

    source: ExclusionSource
    ref: str
    party: ConsultationParty | None
    note: str
    begins: dt.date  # letter or notice sent; this day itself is not excluded
    deadline: dt.date | None  # answer due / payment due (None until the fee notice is received)
    closed_on: dt.date | None  # answer received / fee paid
    ends: dt.date  # last excluded day: the earlier of closed_on (or today while open) and the deadline
    is_open: bool  # still awaited and within its deadline
    counts: bool  # began while the reply period ran or stood still (convention 5)
    workdays: int  # working days in (max(begins, start), ends]; overlaps with other periods not removed


@dataclass(frozen=True)
class ClockState:
    phase: Phase
    today: dt.date
    received: dt.date
    start: dt.date
    reply_due: dt.date | None
    correction_notice_due: dt.date
    correction_deadline: dt.date | None
    consultation_deadlines: Mapping[str, dt.date]
    excluded_periods: tuple[ExcludedPeriod, ...]
    payment_due: dt.date | None
    excluded_workdays: int
    extension_workdays: int
    extension_allowed: bool
    overdue: bool
    days_left: int | None
    workdays_used: int | None
    replied_on: dt.date | None
    breaches: tuple[Breach, ...]
    abandonment_due: Abandonment | None
    warnings: tuple[str, ...]
    explanation: tuple[str, ...] = field(default=())


def explain(state: ClockState) -> str:
    return "".join(state.explanation)


# --- the ledger, indexed ---------------------------------------------------------------------------


@dataclass
class _Index:
    received: ClockEvent
    correction_requested: ClockEvent | None = None
    correction_received: ClockEvent | None = None
    extension: ClockEvent | None = None
    fee_notice_sent: ClockEvent | None = None
    fee_notice_received: ClockEvent | None = None
    fee_paid: ClockEvent | None = None
    replied: ClockEvent | None = None
    delivered: ClockEvent | None = None
    withdrawn: ClockEvent | None = None
    abandoned: ClockEvent | None = None
    consultations: dict[str, list[ClockEvent]] = field(default_factory=dict)  # ref -> [sent, answered?]

    @property
    def closing(self) -> ClockEvent | None:
        return self.replied or self.withdrawn or self.abandoned


_SINGLE = {
    EventKind.CORRECTION_REQUESTED: "correction_requested",
    EventKind.CORRECTION_RECEIVED: "correction_received",
    EventKind.EXTENSION_GRANTED: "extension",
    EventKind.FEE_NOTICE_SENT: "fee_notice_sent",
    EventKind.FEE_NOTICE_RECEIVED: "fee_notice_received",
    EventKind.FEE_PAID: "fee_paid",
    EventKind.REPLIED: "replied",
    EventKind.DELIVERED: "delivered",
    EventKind.WITHDRAWN: "withdrawn",
    EventKind.ABANDONED: "abandoned",
}


def _index(ledger: Sequence[ClockEvent]) -> _Index:
    """The ledger by kind; assumes it is valid (``validate_append`` held for every event)."""
    index = _Index(received=ledger[0])
    for event in ledger[1:]:
        if event.kind in _SINGLE:
            setattr(index, _SINGLE[event.kind], event)
        elif event.kind is EventKind.CONSULTATION_SENT:
            index.consultations[event.ref] = [event]
        elif event.kind is EventKind.CONSULTATION_ANSWERED:
            index.consultations[event.ref].append(event)
    return index


# --- validation ------------------------------------------------------------------------------------

_WITH_WORKDAYS = {EventKind.CORRECTION_REQUESTED, EventKind.EXTENSION_GRANTED}
_CONSULTATION_KINDS = {EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_ANSWERED}


def _check_shape(event: ClockEvent) -> None:
    kind = EventKind(event.kind)
    if kind in _WITH_WORKDAYS:
        if event.workdays is None or isinstance(event.workdays, bool) or event.workdays < 1:
            what = "补正期限" if kind is EventKind.CORRECTION_REQUESTED else "延长的期限"
            raise ClockError(f"{kind.label}须填写{what}（不少于1个工作日）")
    elif event.workdays is not None:
        raise ClockError(f"“{kind.label}”事件不带工作日数")
    if kind in _CONSULTATION_KINDS:
        if not event.ref:
            raise ClockError(f"“{kind.label}”须注明征求意见编号，以便对应意见与征求")
        if kind is EventKind.CONSULTATION_SENT and event.party is None:
            raise ClockError("发出征求意见须注明对象：第三方（《条例》第三十二条）或其他行政机关（《条例》第三十四条）")
    elif event.party is not None:
        raise ClockError(f"“{kind.label}”事件不带征求意见对象")


def validate_append(ledger: Sequence[ClockEvent], event: ClockEvent, calendar: WorkCalendar) -> None:
    """Raise ``ClockError`` if ``event`` may not follow ``ledger`` (which must itself be valid)."""
    _check_shape(event)
    kind = EventKind(event.kind)
    if not ledger:
        if kind is not EventKind.RECEIVED:
            raise ClockError("台账的第一个事件必须是“收到申请”（收到申请之日按《条例》第三十一条确定）")
        return
    if kind is EventKind.RECEIVED:
        raise ClockError("“收到申请”只能记录一次")
    index = _index(ledger)
    if event.on < index.received.on:
        raise ClockError(f"事件日期{_d(event.on)}早于收到申请之日{_d(index.received.on)}")
    last = ledger[-1]
    if event.on < last.on:
        raise ClockError(
            f"事件日期{_d(event.on)}早于台账中上一事件（{EventKind(last.kind).label}，{_d(last.on)}）；事件须按时间顺序记录"
        )
    _check_open(index, kind)
    _check_kind(ledger, index, event, kind, calendar)


def _check_open(index: _Index, kind: EventKind) -> None:
    if index.withdrawn is not None:
        raise ClockError(f"申请人已于{_d(index.withdrawn.on)}撤回申请，不能再记录其他事件")
    if index.abandoned is not None:
        raise ClockError(f"申请已于{_d(index.abandoned.on)}视为放弃、不再处理，不能再记录其他事件")
    if index.delivered is not None:
        raise ClockError(f"答复已于{_d(index.delivered.on)}送达，办理已结束，不能再记录其他事件")
    if index.replied is not None and kind is not EventKind.DELIVERED:
        raise ClockError(f"已于{_d(index.replied.on)}作出答复；答复后只能记录送达")


def _check_kind(  # noqa: C901, PLR0912 — one branch per event kind reads best as a flat table
    ledger: Sequence[ClockEvent], index: _Index, event: ClockEvent, kind: EventKind, calendar: WorkCalendar
) -> None:
    if kind is EventKind.CORRECTION_REQUESTED:
        if index.correction_requested is not None:
            raise ClockError(
                f"补正通知只能一次性发出（《条例》第三十条）：已于{_d(index.correction_requested.on)}告知补正"
            )
    elif kind is EventKind.CORRECTION_RECEIVED:
        if index.correction_requested is None:
            raise ClockError("尚未告知补正，不能登记收到补正（《条例》第三十条）")
        if index.correction_received is not None:
            raise ClockError(f"已于{_d(index.correction_received.on)}收到补正，不能重复登记")
    elif kind is EventKind.CONSULTATION_SENT:
        if event.ref in index.consultations:
            raise ClockError(f"征求意见编号“{event.ref}”已经使用，请为每次征求意见使用不同编号")
    elif kind is EventKind.CONSULTATION_ANSWERED:
        pair = index.consultations.get(event.ref)
        if pair is None or len(pair) > 1:
            raise ClockError(f"没有编号为“{event.ref}”且尚未收到意见的征求意见，无法登记意见")
        if event.party is not None and event.party != pair[0].party:
            raise ClockError(f"征求意见“{event.ref}”的对象是{_party(pair[0]).label}，与登记的意见不符")
    elif kind is EventKind.EXTENSION_GRANTED:
        _check_extension(ledger, index, event, calendar)
    elif kind is EventKind.FEE_NOTICE_SENT:
        if index.fee_notice_sent is not None:
            raise ClockError(f"已于{_d(index.fee_notice_sent.on)}发出收费通知，一件申请只发一次收费通知")
    elif kind in {EventKind.FEE_NOTICE_RECEIVED, EventKind.FEE_PAID}:
        if index.fee_notice_sent is None:
            raise ClockError(f"尚未发出收费通知，不能登记“{kind.label}”")
        previous = index.fee_notice_received if kind is EventKind.FEE_NOTICE_RECEIVED else index.fee_paid
        if previous is not None:
            raise ClockError(f"“{kind.label}”已于{_d(previous.on)}登记，不能重复登记")
    elif kind is EventKind.DELIVERED:
        if index.replied is None:
            raise ClockError("尚未答复，不能登记送达")
    elif kind is EventKind.ABANDONED:
        state = _derive(ledger, calendar, today=event.on, with_explanation=False)
        if state.abandonment_due is None:
            raise ClockError(
                "只有申请人无正当理由逾期不补正（《条例》第三十条）或逾期未缴纳信息处理费（国办函〔2020〕109号）"
                "的，才能视为放弃申请；当前不存在这种情形"
            )


def _check_extension(ledger: Sequence[ClockEvent], index: _Index, event: ClockEvent, calendar: WorkCalendar) -> None:
    if index.extension is not None:
        raise ClockError(
            f"答复期限只能延长一次（《条例》第三十三条第二款）：已于{_d(index.extension.on)}"
            f"延长{index.extension.workdays}个工作日"
        )
    if event.workdays is not None and event.workdays > MAX_EXTENSION_WORKDAYS:
        raise ClockError(
            f"延长的期限最长不得超过{MAX_EXTENSION_WORKDAYS}个工作日（《条例》第三十三条第二款），"
            f"不能延长{event.workdays}个工作日"
        )
    state = _derive(ledger, calendar, today=event.on, with_explanation=False)
    if state.reply_due is None:
        raise ClockError("补正期间答复期限暂停计算，无需也不能延长；答复期限自收到补正申请之日起重新计算")
    if event.on > state.reply_due:
        raise ClockError(
            f"延长答复期限须在答复期限届满前决定（《条例》第三十三条第二款）：答复期限已于{_d(state.reply_due)}届满"
        )


# --- derivation ------------------------------------------------------------------------------------


def compute(ledger: Sequence[ClockEvent], calendar: WorkCalendar, *, today: dt.date) -> ClockState:
    """The state of the clock on ``today``, derived from ``ledger`` (validated event by event first)."""
    if not ledger:
        raise ClockError("台账为空：缺少“收到申请”事件")
    for position, event in enumerate(ledger):
        validate_append(ledger[:position], event, calendar)
    if today < ledger[-1].on:
        raise ClockError(f"计算日{_d(today)}早于台账中最后一个事件的日期{_d(ledger[-1].on)}")
    return _derive(ledger, calendar, today=today, with_explanation=True)


@dataclass(frozen=True)
class _Raw:
    source: ExclusionSource
    opened: ClockEvent
    closed: ClockEvent | None
    deadline: dt.date | None


class _Deriver:
    """One derivation: the ledger, the calendar and today, with the spans whose years it touched."""

    def __init__(self, ledger: Sequence[ClockEvent], calendar: WorkCalendar, today: dt.date) -> None:
        self.calendar = calendar
        self.today = today
        self.index = _index(ledger)
        self.spans: list[tuple[dt.date, dt.date]] = []

    # calendar helpers that remember the years they touched (for one deduplicated warning)
    def add(self, day: dt.date, n: int) -> dt.date:
        result = self.calendar.add_workdays(day, n, warn=False)
        self.spans.append((min(day, result), max(day, result)))
        return result

    def between(self, a: dt.date, b: dt.date) -> int:
        self.spans.append((min(a, b), max(a, b)))
        return self.calendar.workdays_between(a, b, warn=False)

    def union_workdays(self, pieces: list[tuple[dt.date, dt.date]]) -> int:
        return sum(self.between(a, b) for a, b in _merge(pieces))

    def first_workday_from(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        return self.add(self.add(day, -1), 1)

    def warnings(self) -> tuple[str, ...]:
        years = sorted(
            {
                year
                for low, high in self.spans
                for year in range(low.year, high.year + 1)
                if not self.calendar.is_confirmed_year(year)
            }
        )
        return (unconfirmed_years_message(years),) if years else ()


def _merge(pieces: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Merge half-open spans ``(a, b]``; touching spans join, empty ones vanish."""
    merged: list[tuple[dt.date, dt.date]] = []
    for a, b in sorted(p for p in pieces if p[1] > p[0]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _party(event: ClockEvent) -> ConsultationParty:
    return event.party or ConsultationParty.THIRD_PARTY


def _d(day: dt.date) -> str:
    return chinese_date(day)


def _dw(day: dt.date) -> str:
    return f"{chinese_date(day)}（{weekday_name(day)}）"


def _derive(  # noqa: C901, PLR0912, PLR0915 — the derivation reads top to bottom as the docstring's conventions
    ledger: Sequence[ClockEvent], calendar: WorkCalendar, *, today: dt.date, with_explanation: bool
) -> ClockState:
    d = _Deriver(ledger, calendar, today)
    ix = d.index
    received = ix.received.on
    closing = ix.closing
    is_open = closing is None
    # how far a period still awaited runs (convention 4); a closed application stops it on its last day
    horizon = d.first_workday_from(today) if closing is None else closing.on

    correction_notice_due = d.add(received, CORRECTION_NOTICE_WORKDAYS)
    cr, cc = ix.correction_requested, ix.correction_received
    correction_deadline = d.add(cr.on, cr.workdays or 0) if cr is not None else None
    awaiting_correction = cr is not None and cc is None
    start = cc.on if cc is not None else received
    payment_due = d.add(ix.fee_notice_received.on, PAYMENT_WORKDAYS) if ix.fee_notice_received is not None else None
    extension = (ix.extension.workdays or 0) if ix.extension is not None else 0

    raws = [
        _Raw(
            ExclusionSource.CONSULTATION,
            pair[0],
            pair[1] if len(pair) > 1 else None,
            d.add(pair[0].on, CONSULTATION_WORKDAYS),
        )
        for pair in ix.consultations.values()
    ]
    if ix.fee_notice_sent is not None:
        raws.append(_Raw(ExclusionSource.FEE, ix.fee_notice_sent, ix.fee_paid, payment_due))
    raws.sort(key=lambda r: r.opened.on)

    def due_as_of(day: dt.date, accepted: list[tuple[dt.date, dt.date]], *, correction_stops: bool) -> dt.date | None:
        """The reply due as it stood on ``day``; None while the clock stood still that day."""
        if correction_stops and cr is not None and cr.on <= day and (cc is None or day < cc.on):
            return None
        if any(a <= day <= b for a, b in accepted):
            return None
        period_start = cc.on if cc is not None and day >= cc.on else received
        granted = extension if ix.extension is not None and ix.extension.on <= day else 0
        excluded = d.union_workdays([(max(a, period_start), b) for a, b in accepted])
        return d.add(period_start, REPLY_WORKDAYS + granted + excluded)

    periods: list[ExcludedPeriod] = []
    accepted: list[tuple[dt.date, dt.date]] = []
    for raw in raws:
        begins = raw.opened.on
        still_awaited = raw.closed is None and is_open
        ends = raw.closed.on if raw.closed is not None else horizon
        if raw.deadline is not None:
            ends = min(ends, raw.deadline)
        ends = max(ends, begins)
        due_then = due_as_of(begins, accepted, correction_stops=True)
        counts = due_then is None or begins <= due_then
        excludable = raw.source is ExclusionSource.CONSULTATION or FEE_TIME_EXCLUDED
        if counts and excludable:
            accepted.append((begins, ends))
        periods.append(
            ExcludedPeriod(
                source=raw.source,
                ref=raw.opened.ref,
                party=raw.opened.party,
                note=raw.opened.note,
                begins=begins,
                deadline=raw.deadline,
                closed_on=raw.closed.on if raw.closed is not None else None,
                ends=ends,
                is_open=still_awaited and (raw.deadline is None or today <= raw.deadline),
                counts=counts,
                workdays=d.between(max(begins, start), ends) if ends > max(begins, start) else 0,
            )
        )

    pieces = [(max(a, start), b) for a, b in accepted]
    excluded = d.union_workdays(pieces)
    total = REPLY_WORKDAYS + excluded + extension
    reply_due = None if awaiting_correction else d.add(start, total)

    # --- phase ---
    fee_unpaid = ix.fee_notice_sent is not None and ix.fee_paid is None
    if ix.withdrawn is not None:
        phase = Phase.WITHDRAWN
    elif ix.abandoned is not None:
        phase = Phase.ABANDONED
    elif ix.delivered is not None:
        phase = Phase.DELIVERED
    elif ix.replied is not None:
        phase = Phase.REPLIED
    elif awaiting_correction:
        phase = Phase.AWAITING_CORRECTION
    elif fee_unpaid:
        phase = Phase.AWAITING_PAYMENT
    elif any(p.is_open for p in periods if p.source is ExclusionSource.CONSULTATION):
        phase = Phase.CONSULTING
    else:
        phase = Phase.RUNNING

    # --- abandonment ---
    abandonment: Abandonment | None = None
    if is_open:
        if awaiting_correction and correction_deadline is not None and today > correction_deadline:
            abandonment = Abandonment(AbandonmentReason.OVERDUE_CORRECTION, correction_deadline + dt.timedelta(days=1))
        elif fee_unpaid and payment_due is not None and today > payment_due:
            abandonment = Abandonment(AbandonmentReason.FEE_NOT_PAID, payment_due + dt.timedelta(days=1))

    # --- lateness ---
    if ix.replied is not None:
        checked_on = ix.replied.on
    elif ix.withdrawn is not None:
        checked_on = ix.withdrawn.on
    elif ix.abandoned is not None:
        checked_on = min(ix.abandoned.on, payment_due) if payment_due is not None else ix.abandoned.on
    else:
        checked_on = today
    overdue = reply_due is not None and checked_on > reply_due
    breaches: list[Breach] = []
    original_due: dt.date | None = None
    if cr is not None:
        if cr.on > correction_notice_due:
            breaches.append(Breach(BreachKind.CORRECTION_NOTICE_LATE, correction_notice_due))
        original_due = due_as_of(cr.on, [(a, min(b, cr.on)) for a, b in accepted if a < cr.on], correction_stops=False)
        if original_due is not None and cr.on > original_due:
            breaches.append(Breach(BreachKind.REPLY_LATE, original_due))
    if overdue and reply_due is not None:
        breaches.append(Breach(BreachKind.REPLY_LATE, reply_due))
    breaches.sort(key=lambda b: (b.due, b.kind))

    days_left = d.between(today, reply_due) if reply_due is not None and is_open else None
    workdays_used: int | None = None
    if reply_due is not None:
        workdays_used = max(0, d.between(start, checked_on)) - d.union_workdays(
            [(a, min(b, checked_on)) for a, b in pieces]
        )
    extension_allowed = is_open and ix.extension is None and reply_due is not None and today <= reply_due

    state = ClockState(
        phase=phase,
        today=today,
        received=received,
        start=start,
        reply_due=reply_due,
        correction_notice_due=correction_notice_due,
        correction_deadline=correction_deadline,
        consultation_deadlines=MappingProxyType(
            {p.ref: p.deadline for p in periods if p.source is ExclusionSource.CONSULTATION and p.deadline}
        ),
        excluded_periods=tuple(periods),
        payment_due=payment_due,
        excluded_workdays=excluded,
        extension_workdays=extension,
        extension_allowed=extension_allowed,
        overdue=overdue,
        days_left=days_left,
        workdays_used=workdays_used,
        replied_on=ix.replied.on if ix.replied is not None else None,
        breaches=tuple(breaches),
        abandonment_due=abandonment,
        warnings=d.warnings(),
    )
    if not with_explanation:
        return state
    return replace(state, explanation=_explanation(state, ix, calendar, original_due))


# --- explanation -----------------------------------------------------------------------------------


def _explanation(  # noqa: C901, PLR0912, PLR0915 — one sentence per fact, in ledger order
    state: ClockState, ix: _Index, calendar: WorkCalendar, original_due: dt.date | None
) -> tuple[str, ...]:
    lines: list[str] = []
    received = ix.received
    lines.append(f"{_d(received.on)}收到申请" + (f"（{received.note}）" if received.note else "") + "。")

    cr, cc = ix.correction_requested, ix.correction_received
    if cr is not None and state.correction_deadline is not None:
        lines.append(
            f"{_d(cr.on)}一次性告知申请人补正（《条例》第三十条），补正期限{cr.workdays}个工作日，"
            f"至{_dw(state.correction_deadline)}。"
        )
        if cr.on > state.correction_notice_due:
            lines.append(
                f"补正通知应自收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内发出（至"
                f"{_d(state.correction_notice_due)}），实际发出晚于该期限。"
            )
        if original_due is not None and cr.on > original_due:
            lines.append(f"告知补正时原答复期限（{_d(original_due)}）已届满。")
        if cc is not None:
            late = "（晚于补正期限）" if cc.on > state.correction_deadline else ""
            lines.append(f"{_d(cc.on)}收到补正后的申请{late}，答复期限自该日起重新计算（《条例》第三十条）。")
        else:
            lines.append("等待补正期间，答复期限暂停计算。")
            if state.abandonment_due is not None:
                lines.append(
                    f"申请人未在补正期限内补正，自{_d(state.abandonment_due.on)}起可视为放弃申请（《条例》第三十条）。"
                )

    if state.reply_due is not None:
        origin = "收到补正申请" if cc is not None else "收到申请"
        lines.append(f"自{origin}之日起{REPLY_WORKDAYS}个工作日内答复（《条例》第三十三条第二款）。")

    counted_sum = 0
    counted_number = 0
    for period in state.excluded_periods:
        if period.source is ExclusionSource.CONSULTATION:
            lines.extend(_consultation_sentences(period))
        else:
            lines.extend(_fee_sentences(period, state, ix))
        if period.counts and (period.source is ExclusionSource.CONSULTATION or FEE_TIME_EXCLUDED):
            counted_sum += period.workdays
            counted_number += 1
    if counted_sum > state.excluded_workdays:
        lines.append(
            f"以上不计算期间相互重叠，重叠的工作日只计算一次，合计{state.excluded_workdays}个工作日不计算在答复期限内。"
        )
    elif counted_number > 1:
        lines.append(f"合计{state.excluded_workdays}个工作日不计算在答复期限内。")

    if ix.extension is not None:
        lines.append(
            f"{_d(ix.extension.on)}经政府信息公开工作机构负责人同意，延长答复期限{state.extension_workdays}个工作日"
            "（《条例》第三十三条第二款）。"
        )

    if state.reply_due is not None:
        total = REPLY_WORKDAYS + state.excluded_workdays + state.extension_workdays
        if total != REPLY_WORKDAYS:
            parts = [f"{REPLY_WORKDAYS}个工作日"]
            if state.excluded_workdays:
                parts.append(f"不计算的{state.excluded_workdays}个工作日")
            if state.extension_workdays:
                parts.append(f"延长的{state.extension_workdays}个工作日")
            lines.append(f"合计{'＋'.join(parts)}＝{total}个工作日。")
        lines.append(calendar.explain_add_workdays(state.start, total).summary)

    lines.extend(_status_sentences(state, ix))
    lines.extend(f"注意：{warning}" for warning in state.warnings)
    if state.reply_due is not None:
        lines.append(f"答复期限：{_dw(state.reply_due)}。")
    elif ix.closing is None:
        lines.append(f"答复期限：补正期间暂停计算，自收到补正申请之日起重新计算{REPLY_WORKDAYS}个工作日。")
    else:
        lines.append("答复期限：补正期间暂停计算，未重新起算。")
    return tuple(lines)


def _consultation_sentences(period: ExcludedPeriod) -> list[str]:
    party = period.party or ConsultationParty.THIRD_PARTY
    who = party.label + (f"（{period.note}）" if period.note else "")
    article = "第三十二条" if party is ConsultationParty.THIRD_PARTY else "第三十四条"
    if not period.counts:
        return [
            (
                f"{_d(period.begins)}征求{who}意见时答复期限已届满，征求意见所需时间不再从答复期限中扣除"
                f"（《条例》{article}、第三十三条第三款）。"
            )
        ]
    deadline = period.deadline or period.ends
    if period.is_open:
        return [
            (
                f"{_d(period.begins)}征求{who}意见，意见期限{CONSULTATION_WORKDAYS}个工作日，至{_dw(deadline)}，"
                f"尚未收到意见；收到意见前答复期限暂停计算，暂计至{_d(period.ends)}不计算{period.workdays}个工作日"
                f"（《条例》{article}、第三十三条第三款）。"
            )
        ]
    end_text = _d(period.ends) if period.ends.year != period.begins.year else chinese_date(period.ends, with_year=False)
    sentence = f"征求{who}意见{_d(period.begins)}至{end_text}，不计算在答复期限内（{period.workdays}个工作日）。"
    if period.closed_on is None or period.closed_on > deadline:
        late = "未提出意见" if period.closed_on is None else f"提出意见（{_d(period.closed_on)}收到）"
        if party is ConsultationParty.THIRD_PARTY:
            consequence = f"第三方逾期{late}，由本机关依照《条例》规定决定是否公开（《条例》第三十二条）"
        else:
            consequence = f"被征求意见机关逾期{late}，视为同意公开（《条例》第三十四条）"
        sentence += f"意见期限至{_d(deadline)}届满，{consequence}；不计算的期间止于意见期限届满之日。"
    return [sentence]


def _fee_sentences(period: ExcludedPeriod, state: ClockState, ix: _Index) -> list[str]:
    text = f"{_d(period.begins)}发出收费通知（国办函〔2020〕109号）"
    if ix.fee_notice_received is not None and state.payment_due is not None:
        text += (
            f"，申请人于{_d(ix.fee_notice_received.on)}收到，应自收到次日起{PAYMENT_WORKDAYS}个工作日内，"
            f"即{_dw(state.payment_due)}前缴纳"
        )
    if period.closed_on is not None:
        text += f"，{_d(period.closed_on)}缴费"
    lines = [text + "。"]
    if not FEE_TIME_EXCLUDED:
        lines.append("等待缴费的时间计算在答复期限内。")
    elif not period.counts:
        lines.append("发出收费通知时答复期限已届满，等待缴费的时间不再从答复期限中扣除。")
    elif period.is_open:
        lines.append(f"缴费前答复期限暂停计算，暂计至{_d(period.ends)}不计算{period.workdays}个工作日。")
    elif period.closed_on is None or (period.deadline is not None and period.closed_on > period.deadline):
        lines.append(
            f"缴费期限已届满，不计算的期间止于{_d(period.ends)}（{period.workdays}个工作日），此后答复期限继续计算。"
        )
    else:
        lines.append(f"发出收费通知至缴费期间不计算在答复期限内（{period.workdays}个工作日）。")
    if state.abandonment_due is not None and state.abandonment_due.reason is AbandonmentReason.FEE_NOT_PAID:
        lines.append(f"申请人逾期未缴纳费用，自{_d(state.abandonment_due.on)}起可视为放弃申请（国办函〔2020〕109号）。")
    return lines


def _status_sentences(state: ClockState, ix: _Index) -> list[str]:
    lines: list[str] = []
    if ix.replied is not None:
        if ix.replied.on == state.start == state.received:
            lines.append(f"{_d(ix.replied.on)}当场答复（《条例》第三十三条第一款），用时0个工作日。")
        else:
            used = f"，计入答复期限的用时{state.workdays_used}个工作日" if state.workdays_used is not None else ""
            verdict = "，超过答复期限" if state.overdue else ("，在答复期限内" if state.reply_due is not None else "")
            lines.append(f"{_d(ix.replied.on)}作出答复{used}{verdict}。")
        if ix.delivered is not None:
            lines.append(f"{_d(ix.delivered.on)}送达。")
    elif ix.withdrawn is not None:
        lines.append(f"{_d(ix.withdrawn.on)}申请人撤回申请。")
    elif ix.abandoned is not None:
        lines.append(f"{_d(ix.abandoned.on)}视为放弃申请，不再处理。")
    elif state.days_left is not None:
        if state.days_left < 0:
            lines.append(f"截至{_d(state.today)}，已超过答复期限{-state.days_left}个工作日。")
        elif state.days_left == 0:
            lines.append(f"{_d(state.today)}是答复期限的最后一天。")
        else:
            lines.append(f"截至{_d(state.today)}，距答复期限还有{state.days_left}个工作日。")
    return lines
