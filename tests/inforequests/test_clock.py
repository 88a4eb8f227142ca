"""The clock ledger of an application (《条例》 Arts. 30, 32–34; 国办函〔2020〕109号).

Dates are checked against the official 2026 calendar: 清明节 04-04..06 off; 劳动节 05-01..05 off
(Saturday 05-09 worked); 中秋节 09-25..27 off; 国庆节 10-01..07 off (Sunday 09-20 and Saturday 10-10
worked). A period of n working days from a day starts counting on the next day.
"""

import datetime as dt
import warnings

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.inforequests import clock
from gongkai.inforequests.clock import (
    Abandonment,
    AbandonmentReason,
    Breach,
    BreachKind,
    ClockError,
    ClockEvent,
    ConsultationParty,
    EventKind,
    Phase,
    compute,
    explain,
    validate_append,
)
from gongkai.rules.receipt import Channel, receipt_date
from gongkai.workdays import DayOverride, UnconfirmedYearWarning, WorkCalendar

D = dt.date
K = EventKind
THIRD = ConsultationParty.THIRD_PARTY
AGENCY = ConsultationParty.AGENCY
CAL = WorkCalendar.official()
MARCH_2 = D(2026, 3, 2)  # a Monday; 20 working days later is Monday 03-30


@pytest.fixture(autouse=True)
def _no_python_warnings():
    """The clock reports unconfirmed years in ``state.warnings``, never through ``warnings.warn``."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnconfirmedYearWarning)
        yield


def ev(kind, on, **fields):
    return ClockEvent(kind, on, **fields)


def ledger(*events, calendar=CAL):
    """Append events one by one through ``validate_append``, as the Django layer does."""
    result: list[ClockEvent] = []
    for event in events:
        validate_append(result, event, calendar)
        result.append(event)
    return result


def consultation(ref, sent, answered=None, party=THIRD, note=""):
    events = [ev(K.CONSULTATION_SENT, sent, ref=ref, party=party, note=note)]
    if answered is not None:
        events.append(ev(K.CONSULTATION_ANSWERED, answered, ref=ref))
    return events


def refused(events, event, match, calendar=CAL):
    with pytest.raises(ClockError, match=match):
        validate_append(events, event, calendar)


# --- Art. 33: 20 working days, on-the-spot reply, overdue ---------------------------------------------


def test_art33_reply_due_20_working_days_after_receipt():
    state = compute(ledger(ev(K.RECEIVED, MARCH_2)), CAL, today=MARCH_2)
    assert state.phase is Phase.RUNNING
    assert state.start == MARCH_2
    assert state.reply_due == D(2026, 3, 30)
    assert state.days_left == 20
    assert state.excluded_workdays == 0
    assert state.extension_workdays == 0
    assert state.extension_allowed
    assert not state.overdue
    assert state.breaches == ()
    assert state.warnings == ()
    assert state.correction_notice_due == D(2026, 3, 11)
    assert state.explanation[-1] == "答复期限：2026年3月30日（周一）。"


def test_art33_on_the_spot_reply_uses_zero_working_days():
    state = compute(ledger(ev(K.RECEIVED, MARCH_2), ev(K.REPLIED, MARCH_2)), CAL, today=D(2026, 5, 1))
    assert state.phase is Phase.REPLIED
    assert state.workdays_used == 0
    assert state.replied_on == MARCH_2
    assert not state.overdue
    assert state.days_left is None
    assert not state.extension_allowed
    assert "当场答复" in explain(state)


def test_art33_days_left_counts_down_to_zero_on_the_due_day_then_negative():
    events = ledger(ev(K.RECEIVED, MARCH_2))
    on_due_day = compute(events, CAL, today=D(2026, 3, 30))
    assert on_due_day.days_left == 0
    assert not on_due_day.overdue
    assert "最后一天" in explain(on_due_day)
    late = compute(events, CAL, today=D(2026, 4, 2))  # Tue 03-31, Wed 04-01, Thu 04-02
    assert late.days_left == -3
    assert late.overdue
    assert not late.extension_allowed
    assert "已超过答复期限3个工作日" in explain(late)
    assert late.breaches == (Breach(BreachKind.REPLY_LATE, D(2026, 3, 30)),)


def test_art33_reply_after_the_due_date_is_overdue_and_the_breach_listed_once():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.REPLIED, D(2026, 3, 31)), ev(K.DELIVERED, D(2026, 4, 2)))
    for today in (D(2026, 4, 2), D(2026, 6, 1), D(2026, 12, 31)):
        state = compute(events, CAL, today=today)
        assert state.phase is Phase.DELIVERED
        assert state.overdue
        assert state.breaches == (Breach(BreachKind.REPLY_LATE, D(2026, 3, 30)),)
        assert state.workdays_used == 21
    assert "超过答复期限" in explain(state)


def test_art33_reply_on_the_due_date_is_in_time():
    state = compute(ledger(ev(K.RECEIVED, MARCH_2), ev(K.REPLIED, D(2026, 3, 30))), CAL, today=D(2026, 4, 30))
    assert not state.overdue
    assert state.breaches == ()
    assert state.workdays_used == 20
    assert "在答复期限内" in explain(state)


# --- Art. 30: correction ------------------------------------------------------------------------------


def test_art30_correction_restarts_the_reply_period():
    requested = ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 4), workdays=15))
    waiting = compute(requested, CAL, today=D(2026, 3, 10))
    assert waiting.phase is Phase.AWAITING_CORRECTION
    assert waiting.reply_due is None, "the reply clock stands still while awaiting the correction"
    assert waiting.days_left is None
    assert not waiting.extension_allowed
    assert waiting.correction_deadline == D(2026, 3, 25)  # 15 working days after Wed 03-04
    assert "暂停计算" in explain(waiting)
    corrected = compute([*requested, ev(K.CORRECTION_RECEIVED, D(2026, 3, 20))], CAL, today=D(2026, 3, 20))
    assert corrected.phase is Phase.RUNNING
    assert corrected.start == D(2026, 3, 20)
    # Fri 03-20 + 20: 03-23..27 (5), 03-30..04-03 (10), 04-07..10 (14, 清明 04-06 off), 04-13..17 (19), 04-20.
    assert corrected.reply_due == D(2026, 4, 20)
    assert corrected.breaches == ()
    assert "答复期限自该日起重新计算" in explain(corrected)


def test_art30_only_one_correction_notice():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 4), workdays=15))
    refused(
        events, ev(K.CORRECTION_REQUESTED, D(2026, 3, 5), workdays=10), "补正通知只能一次性发出（《条例》第三十条）"
    )
    corrected = ledger(*events, ev(K.CORRECTION_RECEIVED, D(2026, 3, 10)))
    refused(corrected, ev(K.CORRECTION_REQUESTED, D(2026, 3, 12), workdays=10), "只能一次性发出")


def test_art30_correction_notice_needs_a_period():
    refused(ledger(ev(K.RECEIVED, MARCH_2)), ev(K.CORRECTION_REQUESTED, D(2026, 3, 4)), "须填写补正期限")


def test_art30_correction_received_without_a_notice_is_refused():
    refused(ledger(ev(K.RECEIVED, MARCH_2)), ev(K.CORRECTION_RECEIVED, D(2026, 3, 4)), "尚未告知补正")


def test_art30_correction_notice_after_7_working_days_is_a_breach():
    # 7 working days after Mon 03-02 end on Wed 03-11; a notice on Thu 03-12 is late but still the notice.
    events = ledger(
        ev(K.RECEIVED, MARCH_2),
        ev(K.CORRECTION_REQUESTED, D(2026, 3, 12), workdays=10),
        ev(K.CORRECTION_RECEIVED, D(2026, 3, 16)),
    )
    state = compute(events, CAL, today=D(2026, 3, 16))
    assert state.breaches == (Breach(BreachKind.CORRECTION_NOTICE_LATE, D(2026, 3, 11)),)
    assert state.start == D(2026, 3, 16), "a late notice still restarts the period"
    assert "7个工作日内" in explain(state)
    in_time = compute(
        ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 11), workdays=10)),
        CAL,
        today=D(2026, 3, 11),
    )
    assert in_time.breaches == ()


def test_art30_correction_notice_after_the_original_due_date_is_also_a_late_reply():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 31), workdays=10))
    state = compute(events, CAL, today=D(2026, 4, 1))
    assert state.breaches == (
        Breach(BreachKind.CORRECTION_NOTICE_LATE, D(2026, 3, 11)),
        Breach(BreachKind.REPLY_LATE, D(2026, 3, 30)),
    )
    assert not state.overdue, "the current period is suspended; the late original reply is the breach"


def test_art30_no_correction_by_the_deadline_is_deemed_abandoned():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 4), workdays=15))
    assert compute(events, CAL, today=D(2026, 3, 25)).abandonment_due is None  # the last day of the period
    due = compute(events, CAL, today=D(2026, 3, 26)).abandonment_due
    assert due == Abandonment(AbandonmentReason.OVERDUE_CORRECTION, D(2026, 3, 26))
    reason, day = due  # a plain (reason, date) pair for the Django layer
    assert reason == "overdue_correction"
    assert day == D(2026, 3, 26)
    assert "视为放弃申请" in explain(compute(events, CAL, today=D(2026, 3, 26)))
    refused(events, ev(K.ABANDONED, D(2026, 3, 25)), "才能视为放弃申请")
    abandoned = compute(ledger(*events, ev(K.ABANDONED, D(2026, 3, 26))), CAL, today=D(2026, 5, 1))
    assert abandoned.phase is Phase.ABANDONED
    assert abandoned.reply_due is None
    assert abandoned.breaches == ()
    assert abandoned.abandonment_due is None
    assert abandoned.explanation[-1] == "答复期限：补正期间暂停计算，未重新起算。"


def test_art30_late_correction_with_good_reason_can_still_be_accepted():
    events = ledger(
        ev(K.RECEIVED, MARCH_2),
        ev(K.CORRECTION_REQUESTED, D(2026, 3, 4), workdays=5),
        ev(K.CORRECTION_RECEIVED, D(2026, 3, 16)),
    )
    state = compute(events, CAL, today=D(2026, 3, 16))
    assert state.abandonment_due is None
    assert state.start == D(2026, 3, 16)
    assert "晚于补正期限" in explain(state)


# --- Arts. 32, 34: consultations ----------------------------------------------------------------------


def test_art32_third_party_consultation_time_is_excluded():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 5), D(2026, 3, 19)))
    state = compute(events, CAL, today=D(2026, 3, 19))
    # (03-05, 03-19]: 03-06, 09..13, 16..19 = 10 working days; 30 working days after 03-02 = 04-14.
    assert state.excluded_workdays == 10
    assert state.reply_due == D(2026, 4, 14)
    assert state.consultation_deadlines == {"C1": D(2026, 3, 26)}
    assert "征求第三方意见2026年3月5日至3月19日，不计算在答复期限内（10个工作日）。" in state.explanation


def test_art32_sending_day_counts_and_answer_day_is_excluded():
    same_day = compute(
        ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 5), D(2026, 3, 5))), CAL, today=D(2026, 3, 5)
    )
    assert same_day.excluded_workdays == 0
    next_day = compute(
        ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 5), D(2026, 3, 6))), CAL, today=D(2026, 3, 6)
    )
    assert next_day.excluded_workdays == 1
    assert next_day.reply_due == D(2026, 3, 31)


def test_art32_open_consultation_suspends_the_clock():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 27)))
    # On 03-30 (the plain due date) the answer is still awaited: excluded so far (03-27, 03-30] = 1 day.
    state = compute(events, CAL, today=D(2026, 3, 30))
    assert state.phase is Phase.CONSULTING
    assert state.excluded_workdays == 1
    assert state.reply_due == D(2026, 3, 31)
    assert not state.overdue
    assert "尚未收到意见" in explain(state)
    # On a weekend the wait is counted through the next working day, so the due date never lies behind.
    weekend = compute(events, CAL, today=D(2026, 3, 28))
    assert weekend.reply_due == D(2026, 3, 31)
    assert not weekend.overdue


def test_art32_silent_third_party_stops_exclusion_after_15_working_days():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 5)))
    state = compute(events, CAL, today=D(2026, 4, 1))
    assert state.phase is Phase.RUNNING, "after the 15 working days the office decides itself"
    assert state.consultation_deadlines["C1"] == D(2026, 3, 26)
    assert state.excluded_workdays == 15
    assert state.reply_due == CAL.add_workdays(MARCH_2, 35) == D(2026, 4, 21)
    assert "第三方逾期未提出意见，由本机关依照《条例》规定决定是否公开" in explain(state)
    # An answer arriving after the period does not extend the exclusion.
    late_answer = compute(
        ledger(*events, ev(K.CONSULTATION_ANSWERED, D(2026, 4, 1), ref="C1")), CAL, today=D(2026, 4, 1)
    )
    assert late_answer.excluded_workdays == 15
    assert late_answer.reply_due == D(2026, 4, 21)


def test_art34_silent_agency_is_deemed_to_consent():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("A1", D(2026, 3, 5), party=AGENCY))
    state = compute(events, CAL, today=D(2026, 4, 1))
    assert state.excluded_workdays == 15
    assert "被征求意见机关逾期未提出意见，视为同意公开（《条例》第三十四条）" in explain(state)


def test_art34_overlapping_consultations_counted_once():
    events = ledger(
        ev(K.RECEIVED, MARCH_2),
        *consultation("C1", D(2026, 3, 5), note="甲公司"),
        *consultation("A1", D(2026, 3, 12), party=AGENCY, note="市财政局"),
        ev(K.CONSULTATION_ANSWERED, D(2026, 3, 19), ref="C1"),
        ev(K.CONSULTATION_ANSWERED, D(2026, 3, 26), ref="A1"),
    )
    state = compute(events, CAL, today=D(2026, 3, 26))
    # (03-05, 03-19] = 10 and (03-12, 03-26] = 10 overlap on 03-13..19 (5): union (03-05, 03-26] = 15.
    assert [p.workdays for p in state.excluded_periods] == [10, 10]
    assert state.excluded_workdays == 15
    assert state.reply_due == D(2026, 4, 21)
    text = explain(state)
    assert "征求第三方（甲公司）意见" in text
    assert "征求其他行政机关（市财政局）意见" in text
    assert "重叠的工作日只计算一次，合计15个工作日" in text


def test_art32_consultation_sent_after_the_due_date_does_not_move_it():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 4, 1), D(2026, 4, 8)))
    state = compute(events, CAL, today=D(2026, 4, 8))
    assert state.reply_due == D(2026, 3, 30)
    assert state.excluded_workdays == 0
    assert not state.excluded_periods[0].counts
    assert state.overdue
    assert "答复期限已届满" in explain(state)


def test_art32_consultation_answer_needs_an_open_consultation():
    events = ledger(ev(K.RECEIVED, MARCH_2), *consultation("C1", D(2026, 3, 5), D(2026, 3, 6)))
    refused(events, ev(K.CONSULTATION_ANSWERED, D(2026, 3, 9), ref="C1"), "尚未收到意见的征求意见")
    refused(events, ev(K.CONSULTATION_ANSWERED, D(2026, 3, 9), ref="C9"), "没有编号为“C9”")
    refused(events, ev(K.CONSULTATION_SENT, D(2026, 3, 9), ref="C1", party=THIRD), "已经使用")
    refused(events, ev(K.CONSULTATION_SENT, D(2026, 3, 9), ref="C2"), "须注明对象")
    refused(events, ev(K.CONSULTATION_SENT, D(2026, 3, 9), party=THIRD), "须注明征求意见编号")


# --- Art. 33: extension -------------------------------------------------------------------------------


def test_art33_one_extension_of_at_most_20_working_days():
    events = ledger(ev(K.RECEIVED, MARCH_2))
    refused(events, ev(K.EXTENSION_GRANTED, D(2026, 3, 20), workdays=21), "最长不得超过20个工作日")
    refused(events, ev(K.EXTENSION_GRANTED, D(2026, 3, 20), workdays=0), "不少于1个工作日")
    extended = ledger(*events, ev(K.EXTENSION_GRANTED, D(2026, 3, 20), workdays=20))
    state = compute(extended, CAL, today=D(2026, 3, 20))
    assert state.extension_workdays == 20
    assert state.reply_due == CAL.add_workdays(MARCH_2, 40) == D(2026, 4, 28)
    assert not state.extension_allowed
    refused(extended, ev(K.EXTENSION_GRANTED, D(2026, 3, 23), workdays=1), "只能延长一次")


def test_art33_extension_after_due_date_refused():
    events = ledger(ev(K.RECEIVED, MARCH_2))
    refused(events, ev(K.EXTENSION_GRANTED, D(2026, 3, 31), workdays=10), "答复期限已于2026年3月30日届满")
    on_last_day = ledger(*events, ev(K.EXTENSION_GRANTED, D(2026, 3, 30), workdays=10))
    assert compute(on_last_day, CAL, today=D(2026, 3, 30)).reply_due == D(2026, 4, 14)


def test_art33_no_extension_while_awaiting_correction():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.CORRECTION_REQUESTED, D(2026, 3, 4), workdays=15))
    refused(events, ev(K.EXTENSION_GRANTED, D(2026, 3, 5), workdays=10), "补正期间答复期限暂停计算")


# --- fees (Art. 42, 国办函〔2020〕109号) -----------------------------------------------------------------


def test_fee_payment_due_20_working_days_after_notice_received():
    events = ledger(
        ev(K.RECEIVED, MARCH_2), ev(K.FEE_NOTICE_SENT, D(2026, 3, 10)), ev(K.FEE_NOTICE_RECEIVED, D(2026, 3, 12))
    )
    state = compute(events, CAL, today=D(2026, 3, 12))
    # From Fri 03-13 (the day after receipt): 03-13 (1), 16..20 (6), 23..27 (11), 30..04-03 (16), 04-07..10 (20).
    assert state.payment_due == D(2026, 4, 10)
    assert state.phase is Phase.AWAITING_PAYMENT
    assert state.abandonment_due is None
    assert not state.overdue
    late = compute(events, CAL, today=D(2026, 4, 13))
    assert late.abandonment_due == Abandonment(AbandonmentReason.FEE_NOT_PAID, D(2026, 4, 11))
    assert "逾期未缴纳费用" in explain(late)
    assert "缴费期限已届满，不计算的期间止于2026年4月10日" in explain(late)
    assert late.phase is Phase.AWAITING_PAYMENT
    abandoned = compute(ledger(*events, ev(K.ABANDONED, D(2026, 4, 13))), CAL, today=D(2026, 4, 20))
    assert abandoned.phase is Phase.ABANDONED
    assert abandoned.breaches == ()


def test_fee_time_excluded_from_reply_period():
    events = ledger(
        ev(K.RECEIVED, MARCH_2), ev(K.FEE_NOTICE_SENT, D(2026, 3, 10)), ev(K.FEE_NOTICE_RECEIVED, D(2026, 3, 11))
    )
    paid = ledger(*events, ev(K.FEE_PAID, D(2026, 3, 17)))
    state = compute(paid, CAL, today=D(2026, 3, 17))
    # (03-10, 03-17]: 03-11, 12, 13, 16, 17 = 5 working days; 25 working days after 03-02 = 04-07.
    assert state.excluded_workdays == 5
    assert state.reply_due == D(2026, 4, 7)
    assert state.phase is Phase.RUNNING
    assert "发出收费通知至缴费期间不计算在答复期限内（5个工作日）" in explain(state)
    unpaid = compute(events, CAL, today=D(2026, 3, 17))
    assert unpaid.reply_due == D(2026, 4, 7), "while unpaid the wait is excluded up to today"
    assert "缴费前答复期限暂停计算" in explain(unpaid)


def test_fee_time_counted_when_the_rule_is_flipped(monkeypatch):
    monkeypatch.setattr(clock, "FEE_TIME_EXCLUDED", False)
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.FEE_NOTICE_SENT, D(2026, 3, 10)), ev(K.FEE_PAID, D(2026, 3, 17)))
    state = compute(events, CAL, today=D(2026, 3, 17))
    assert state.excluded_workdays == 0
    assert state.reply_due == D(2026, 3, 30)
    assert "等待缴费的时间计算在答复期限内" in explain(state)


def test_fee_events_need_a_notice():
    events = ledger(ev(K.RECEIVED, MARCH_2))
    refused(events, ev(K.FEE_PAID, D(2026, 3, 3)), "尚未发出收费通知")
    refused(events, ev(K.FEE_NOTICE_RECEIVED, D(2026, 3, 3)), "尚未发出收费通知")
    noticed = ledger(*events, ev(K.FEE_NOTICE_SENT, D(2026, 3, 3)))
    refused(noticed, ev(K.FEE_NOTICE_SENT, D(2026, 3, 4)), "只发一次收费通知")


# --- holidays and unconfirmed years -------------------------------------------------------------------


def test_period_across_2026_national_day():
    received = receipt_date(Channel.REGISTERED_POST, submitted_on=D(2026, 9, 25), signed_on=D(2026, 9, 28))
    events = ledger(
        ev(K.RECEIVED, received.date, note=received.basis), *consultation("C1", D(2026, 9, 29), D(2026, 10, 12))
    )
    state = compute(events, CAL, today=D(2026, 10, 12))
    # Received Mon 09-28. Correction notice: 09-29, 09-30, (10-01..07 国庆节 off) 10-08, 10-09, 10-10 (Saturday,
    # 调休 worked), 10-12, 10-13 → 7th working day 10-13.
    assert state.correction_notice_due == D(2026, 10, 13)
    # Consultation (09-29, 10-12]: 09-30, 10-08, 10-09, 10-10, 10-12 = 5 working days excluded.
    assert state.excluded_workdays == 5
    # 25 working days after 09-28: 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), 10-10 (5), 10-12..16 (10),
    # 10-19..23 (15), 10-26..30 (20), 11-02..06 (25) → Friday 2026-11-06.
    assert state.reply_due == D(2026, 11, 6)
    assert state.warnings == ()
    text = explain(state)
    assert "2026年9月28日收到申请（邮寄（需签收），签收之日）" in text
    assert "跳过国庆节假期10月1日至10月7日" in text
    assert "计入调休上班日10月10日（周六）" in text
    assert state.explanation[-1] == "答复期限：2026年11月6日（周五）。"


def test_period_into_2027_is_flagged_unconfirmed_then_exact_with_override_data():
    events = ledger(ev(K.RECEIVED, D(2026, 12, 10)))
    # Without 2027 data (Mon–Fri fallback): Thu 12-10 → 12-11 (1), 12-14..18 (6), 12-21..25 (11),
    # 12-28..31 (15), Fri 2027-01-01 (16), 01-04..07 (20) → Thursday 2027-01-07, with a warning.
    fallback = compute(events, CAL, today=D(2026, 12, 10))
    assert fallback.reply_due == D(2027, 1, 7)
    assert len(fallback.warnings) == 1
    assert "2027年" in fallback.warnings[0]
    assert "周一至周五" in explain(fallback)
    assert fallback.explanation[-1] == "答复期限：2027年1月7日（周四）。"
    # With the 2027 arrangement entered (元旦 2027-01-01 off) and the year confirmed: no warning, holiday skipped.
    entered = WorkCalendar.official(
        overrides=[DayOverride(D(2027, 1, 1), is_workday=False, name="元旦", source="国办发明电")],
        confirmed_years={2027},
    )
    exact = compute(ledger(ev(K.RECEIVED, D(2026, 12, 10)), calendar=entered), entered, today=D(2026, 12, 10))
    assert exact.reply_due == D(2027, 1, 8)
    assert exact.warnings == ()
    assert "跳过元旦假期1月1日" in explain(exact)


# --- the explanation ----------------------------------------------------------------------------------


def test_explanation_mentions_each_excluded_period_extension_and_the_final_due_date():
    received = receipt_date(Channel.ONLINE, submitted_on=D(2026, 3, 1), confirmed_on=MARCH_2)
    events = ledger(
        ev(K.RECEIVED, received.date, note=received.basis),
        *consultation("C1", D(2026, 3, 5), D(2026, 3, 19)),
        ev(K.FEE_NOTICE_SENT, D(2026, 3, 20)),
        ev(K.FEE_NOTICE_RECEIVED, D(2026, 3, 23)),
        ev(K.FEE_PAID, D(2026, 3, 25)),
        ev(K.EXTENSION_GRANTED, D(2026, 3, 26), workdays=10),
    )
    state = compute(events, CAL, today=D(2026, 3, 26))
    # 10 (consultation) + 3 (fee: 03-23, 24, 25) excluded, 10 extension: 43 working days after 03-02.
    # 40 working days end on Tue 04-28 (清明 04-04..06 skipped); 04-29 (41), 04-30 (42), 劳动节 05-01..05
    # off, Wed 05-06 (43).
    assert state.excluded_workdays == 13
    assert state.reply_due == CAL.add_workdays(MARCH_2, 43) == D(2026, 5, 6)
    lines = state.explanation
    assert lines[0] == "2026年3月2日收到申请（在线申请，双方确认之日）。"
    assert "征求第三方意见2026年3月5日至3月19日，不计算在答复期限内（10个工作日）。" in lines
    assert any("发出收费通知至缴费期间不计算在答复期限内（3个工作日）" in line for line in lines)
    assert any("延长答复期限10个工作日" in line for line in lines)
    assert "合计20个工作日＋不计算的13个工作日＋延长的10个工作日＝43个工作日。" in lines
    assert any("跳过清明节假期4月4日至4月6日、劳动节假期5月1日至5月5日" in line for line in lines)
    assert lines[-1] == "答复期限：2026年5月6日（周三）。"
    assert explain(state) == "".join(lines)


# --- what the ledger refuses ----------------------------------------------------------------------------


def test_ledger_starts_with_receipt_once():
    refused([], ev(K.REPLIED, MARCH_2), "第一个事件必须是“收到申请”")
    refused(ledger(ev(K.RECEIVED, MARCH_2)), ev(K.RECEIVED, D(2026, 3, 3)), "只能记录一次")
    with pytest.raises(ClockError, match="台账为空"):
        compute([], CAL, today=MARCH_2)


def test_events_must_be_in_order_and_not_before_receipt():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.FEE_NOTICE_SENT, D(2026, 3, 5)))
    refused(events, ev(K.REPLIED, D(2026, 3, 1)), "早于收到申请之日")
    refused(events, ev(K.REPLIED, D(2026, 3, 4)), "早于台账中上一事件")
    with pytest.raises(ClockError, match="早于台账中上一事件"):
        compute([events[0], ev(K.FEE_NOTICE_SENT, D(2026, 3, 5)), ev(K.REPLIED, D(2026, 3, 4))], CAL, today=MARCH_2)
    with pytest.raises(ClockError, match="计算日"):
        compute(events, CAL, today=D(2026, 3, 4))


def test_after_reply_only_delivery():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.REPLIED, D(2026, 3, 10)))
    refused(events, ev(K.EXTENSION_GRANTED, D(2026, 3, 11), workdays=5), "答复后只能记录送达")
    refused(events, ev(K.REPLIED, D(2026, 3, 11)), "答复后只能记录送达")
    delivered = ledger(*events, ev(K.DELIVERED, D(2026, 3, 11)))
    refused(delivered, ev(K.DELIVERED, D(2026, 3, 12)), "已结束")
    refused(ledger(ev(K.RECEIVED, MARCH_2)), ev(K.DELIVERED, D(2026, 3, 3)), "尚未答复")


def test_nothing_after_withdrawal_or_abandonment():
    events = ledger(ev(K.RECEIVED, MARCH_2), ev(K.WITHDRAWN, D(2026, 3, 10)))
    state = compute(events, CAL, today=D(2026, 4, 30))
    assert state.phase is Phase.WITHDRAWN
    assert not state.overdue
    assert state.days_left is None
    refused(events, ev(K.REPLIED, D(2026, 3, 11)), "撤回申请，不能再记录")
    refused(ledger(ev(K.RECEIVED, MARCH_2)), ev(K.ABANDONED, D(2026, 3, 3)), "当前不存在这种情形")


def test_events_carry_only_their_own_fields():
    events = ledger(ev(K.RECEIVED, MARCH_2))
    refused(events, ev(K.REPLIED, D(2026, 3, 3), workdays=3), "不带工作日数")
    refused(events, ev(K.REPLIED, D(2026, 3, 3), party=THIRD), "不带征求意见对象")
    with pytest.raises(TypeError, match="datetime"):
        ClockEvent(K.RECEIVED, dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    assert issubclass(ClockError, ValueError)


# --- property: the due date equals a day-by-day oracle ------------------------------------------------


def oracle_add(start: dt.date, n: int) -> dt.date:
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


@st.composite
def consultation_ledgers(draw):
    """Consultations (some overlapping, some silent, some answered late), maybe a correction and an extension.

    Everything starts within the first 20 working days after receipt, so always before the due date.
    """
    received = draw(st.dates(min_value=D(2026, 1, 5), max_value=D(2026, 5, 31)))
    span = (oracle_add(received, 20) - received).days
    offset = st.integers(min_value=0, max_value=span)
    timed: list[tuple[dt.date, int, ClockEvent]] = []  # (day, order within the day, event)
    correction = None
    if draw(st.booleans()):
        asked = received + dt.timedelta(days=draw(offset))
        corrected = asked + dt.timedelta(days=draw(st.integers(min_value=0, max_value=20)))
        correction = (asked, corrected)
        timed.append((asked, 0, ev(K.CORRECTION_REQUESTED, asked, workdays=15)))
        timed.append((corrected, 1, ev(K.CORRECTION_RECEIVED, corrected)))
    consultations = []
    for number in range(draw(st.integers(min_value=0, max_value=4))):
        sent = received + dt.timedelta(days=draw(offset))
        party = draw(st.sampled_from(list(ConsultationParty)))
        delay = draw(st.none() | st.integers(min_value=0, max_value=35))
        answered = None if delay is None else sent + dt.timedelta(days=delay)
        consultations.append((sent, answered))
        timed.append((sent, 0, ev(K.CONSULTATION_SENT, sent, ref=f"C{number}", party=party)))
        if answered is not None:
            timed.append((answered, 1, ev(K.CONSULTATION_ANSWERED, answered, ref=f"C{number}")))
    extension = draw(st.none() | st.integers(min_value=1, max_value=20))
    if extension is not None:
        granted = received + dt.timedelta(days=draw(offset))
        if correction is not None and correction[0] <= granted < correction[1]:
            granted = correction[1]  # no extension while awaiting the correction
        timed.append((granted, 2, ev(K.EXTENSION_GRANTED, granted, workdays=extension)))
    timed.sort(key=lambda item: (item[0], item[1]))
    events = [ev(K.RECEIVED, received), *(event for _, _, event in timed)]
    return events, received, correction, consultations, extension or 0


@settings(max_examples=150, deadline=None)
@given(case=consultation_ledgers())
def test_due_date_equals_day_by_day_oracle_over_the_union_of_excluded_days(case):
    events, received, correction, consultations, extension = case
    start = correction[1] if correction else received
    excluded: set[dt.date] = set()
    deadlines = []
    for sent, answered in consultations:
        deadline = oracle_add(sent, 15)
        deadlines.append(deadline)
        end = deadline if answered is None else min(answered, deadline)
        day = sent + dt.timedelta(days=1)
        while day <= end:
            if day > start and chinese_calendar.is_workday(day):
                excluded.add(day)
            day += dt.timedelta(days=1)
    today = max([events[-1].on, *deadlines]) + dt.timedelta(days=1)  # every silent consultation has lapsed
    state = compute(ledger(*events), CAL, today=today)
    assert state.start == start
    assert state.excluded_workdays == len(excluded)
    assert state.extension_workdays == extension
    assert state.reply_due == oracle_add(start, 20 + len(excluded) + extension)
    assert state.explanation[-1].startswith("答复期限：")
