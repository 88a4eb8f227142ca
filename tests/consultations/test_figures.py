"""The rate figures on hand-built data (pure, no database): 反馈率, 办结率, 满意率, on time, median."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.consultations.figures import (
    EnquiryRecord,
    PeriodUnit,
    Rate,
    compute,
    compute_by_source,
    compute_periods,
    split_periods,
)
from gongkai.workdays import WorkCalendar

D = dt.date
CALENDAR = WorkCalendar.official()
MARCH = {"first": D(2026, 3, 1), "last": D(2026, 3, 31), "calendar": CALENDAR}


def record(received, due=None, replied=None, closed=None, rating=None, rated=None, **more):  # noqa: PLR0917
    return EnquiryRecord(
        received_on=received, due=due, replied_on=replied, closed_on=closed, rating=rating, rated_on=rated, **more
    )


MARCH_RECORDS = [
    # replied next working day, closed the same day, 满意
    record(D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 3), D(2026, 3, 3), "satisfied", D(2026, 3, 4)),
    # replied on the due day, file closed two days later: on time (the deadline binds the reply), 基本满意
    record(D(2026, 3, 4), D(2026, 3, 11), D(2026, 3, 11), D(2026, 3, 13), "basically_satisfied", D(2026, 3, 14)),
    # replied three days late, 不满意
    record(D(2026, 3, 10), D(2026, 3, 17), D(2026, 3, 20), D(2026, 3, 20), "dissatisfied", D(2026, 3, 21)),
    # replied, not closed, not rated
    record(D(2026, 3, 20), D(2026, 3, 27), D(2026, 3, 24)),
    # not replied yet
    record(D(2026, 3, 30), D(2026, 4, 7)),
    # outside the period: not counted
    record(D(2026, 2, 27), D(2026, 3, 6), D(2026, 3, 2), D(2026, 3, 2), "dissatisfied"),
    record(D(2026, 4, 1), D(2026, 4, 9)),
]


def test_counts_and_rates_of_a_month():
    f = compute(MARCH_RECORDS, **MARCH)
    assert (f.received, f.replied, f.closed, f.closed_on_time) == (5, 4, 3, 2)
    assert (f.rated, f.satisfied, f.basically_satisfied, f.dissatisfied) == (3, 1, 1, 1)
    assert f.reply_rate == Rate(4, 5)
    assert f.reply_rate.text == "80%"
    assert f.completion_rate.text == "60%"
    assert f.on_time_rate.text == "66.7%"
    # 满意率 = (满意 + 基本满意) / rated: the unrated replied enquiry is left out, not counted as unsatisfied
    assert f.satisfaction_rate == Rate(2, 3)
    assert f.satisfaction_rate.text == "66.7%"
    # working days to the first reply: 1, 5, 8, 2 → median (2 + 5) / 2
    assert f.median_reply_workdays == 3.5
    assert f.median_text == "3.5个工作日"


def test_rows_in_chinese_for_display():
    rows = dict(compute(MARCH_RECORDS, **MARCH).rows())
    assert rows["反馈率"] == "80%"
    assert rows["办结率"] == "60%"
    assert rows["满意率"] == "66.7%"
    assert rows["受理"] == "5"


def test_the_seed_style_hundred_percent():
    records = [
        record(D(2026, 3, d), D(2026, 3, d + 7), D(2026, 3, d + 1), D(2026, 3, d + 1), "satisfied") for d in (2, 3)
    ]
    f = compute(records, **MARCH)
    assert (f.reply_rate.text, f.completion_rate.text, f.satisfaction_rate.text) == ("100%", "100%", "100%")


def test_zero_denominators_are_none_and_shown_as_a_dash():
    empty = compute([], **MARCH)
    assert empty.received == 0
    for rate in (empty.reply_rate, empty.completion_rate, empty.on_time_rate, empty.satisfaction_rate):
        assert rate.value is None
        assert rate.percent is None
        assert rate.text == "—"
    assert empty.median_reply_workdays is None
    assert empty.median_text == "—"
    unanswered = compute([record(D(2026, 3, 2), D(2026, 3, 9))], **MARCH)
    assert unanswered.reply_rate.text == "0%"
    assert unanswered.satisfaction_rate.text == "—", "nobody rated: no satisfaction rate, not 0% or 100%"
    assert unanswered.on_time_rate.text == "—", "nothing closed"


def test_median_working_days_skip_the_national_day_holiday():
    records = [
        record(D(2026, 9, 29), replied=D(2026, 9, 30)),  # 1
        record(D(2026, 9, 30), replied=D(2026, 10, 9)),  # 国庆节 1–7 October skipped: 8th, 9th → 2
        record(D(2026, 9, 30), replied=D(2026, 10, 13)),  # 8, 9, 10 (调休上班 Saturday), 12, 13 → 5
    ]
    f = compute(records, first=D(2026, 9, 1), last=D(2026, 9, 30), calendar=CALENDAR)
    assert f.median_reply_workdays == 2
    assert f.median_text == "2个工作日"


def test_a_reply_on_the_day_of_receipt_takes_zero_working_days():
    f = compute([record(D(2026, 3, 2), replied=D(2026, 3, 2))], **MARCH)
    assert f.median_reply_workdays == 0


def test_as_of_counts_only_what_had_happened_by_then():
    f = compute(MARCH_RECORDS, **MARCH, as_of=D(2026, 3, 15))
    assert (f.replied, f.closed, f.closed_on_time) == (2, 2, 2)
    assert (f.rated, f.satisfaction_rate.text) == (2, "100%")


def test_a_reopened_case_is_on_time_by_its_new_deadline_and_keeps_its_latest_rating():
    reopened = record(
        D(2026, 3, 2),
        due=D(2026, 3, 25),  # recomputed when reopened
        replied=D(2026, 3, 3),  # the first reply counts for 反馈率 and the median
        closed=D(2026, 3, 20),
        rating="dissatisfied",  # not rated again yet
        last_replied_on=D(2026, 3, 20),
    )
    f = compute([reopened], **MARCH)
    assert (f.replied, f.closed, f.closed_on_time) == (1, 1, 1)
    assert f.median_reply_workdays == 1
    assert f.satisfaction_rate.text == "0%"


def test_figures_per_source_list_every_named_source():
    records = [
        record(D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 3), source="局长信箱"),
        record(D(2026, 3, 2), D(2026, 3, 5), source="咨询电话/热线"),
        record(D(2026, 3, 2), D(2026, 3, 9), source="已停用的来源"),
    ]
    by_source = compute_by_source(records, **MARCH, sources=["局长信箱", "咨询电话/热线", "来信"])
    assert [f.source for f in by_source] == ["局长信箱", "咨询电话/热线", "来信", "已停用的来源"]
    assert [f.received for f in by_source] == [1, 1, 0, 1]
    assert by_source[0].reply_rate.text == "100%"
    assert by_source[2].reply_rate.text == "—"


def test_periods_split_by_month_quarter_and_year_clipped_to_the_range():
    months = split_periods(D(2026, 1, 15), D(2026, 3, 10), PeriodUnit.MONTH)
    assert [(p.first, p.last, p.label) for p in months] == [
        (D(2026, 1, 15), D(2026, 1, 31), "2026年1月"),
        (D(2026, 2, 1), D(2026, 2, 28), "2026年2月"),
        (D(2026, 3, 1), D(2026, 3, 10), "2026年3月"),
    ]
    quarters = split_periods(D(2025, 11, 1), D(2026, 4, 30), "quarter")
    assert [p.label for p in quarters] == ["2025年第4季度", "2026年第1季度", "2026年第2季度"]
    assert quarters[-1].last == D(2026, 4, 30)
    assert [p.label for p in split_periods(D(2025, 6, 1), D(2026, 2, 1), "year")] == ["2025年", "2026年"]
    figures = compute_periods(MARCH_RECORDS, months, calendar=CALENDAR)
    assert [f.received for f in figures] == [0, 1, 3]  # March clipped to the 10th


def test_rate_rounding_is_half_up_to_one_decimal():
    assert Rate(1, 8).percent == Decimal("12.5")
    assert Rate(1, 3).text == "33.3%"
    assert Rate(2, 3).text == "66.7%"
    assert Rate(19, 20).text == "95%"
    assert Rate(1, 1).text == "100%"
    assert str(Rate(0, 0)) == "—"


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="不能早于开始日期"):
        compute([], first=D(2026, 3, 31), last=D(2026, 3, 1), calendar=CALENDAR)
