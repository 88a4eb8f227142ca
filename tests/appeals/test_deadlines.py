"""The agency's defence deadline, named after the articles that set it.

行政复议法（2023年修订）第四十八条 (ten days) with 第八十八条第二款 (“十日” are working days);
行政诉讼法第六十七条 (fifteen days) with the civil-procedure period rule (行政诉讼法第一百零一条): the
starting day is not counted, and a period ending on a day off ends on the next working day.
"""

import datetime as dt

import pytest

from gongkai.appeals.deadlines import defence_deadline
from gongkai.appeals.kinds import CaseKind
from gongkai.workdays import DayOverride, WorkCalendar

D = dt.date
REVIEW, DIRECT, AFTER = CaseKind.REVIEW, CaseKind.LITIGATION_DIRECT, CaseKind.LITIGATION_AFTER_REVIEW


@pytest.fixture(scope="module")
def calendar():
    return WorkCalendar.official()


def test_review_art48_and_art88_ten_working_days_from_the_day_after_receipt(calendar):
    # Received Monday 2 March 2026: ten working days are 3–6, 9–13 and 16 March.
    deadline = defence_deadline(REVIEW, D(2026, 3, 2), calendar)
    assert deadline.due == D(2026, 3, 16)
    assert deadline.workdays
    assert deadline.days == 10
    assert "第四十八条" in deadline.basis
    assert "第八十八条第二款" in deadline.basis
    assert "十个工作日" in deadline.explanation


def test_review_art88_statutory_holidays_are_not_counted_and_makeup_days_are(calendar):
    # Received 25 September 2026: 中秋节 26–27 Sep and 国庆节 1–7 Oct are skipped, 10 Oct (Sat) is worked.
    deadline = defence_deadline(REVIEW, D(2026, 9, 25), calendar)
    assert deadline.due == D(2026, 10, 15)
    assert "国庆节" in deadline.explanation
    assert "调休上班日" in deadline.explanation


def test_review_before_the_2023_revision_ten_calendar_days_moved_off_a_holiday(calendar):
    # Former law (第二十三条): 21 September 2023 + 10 days = 1 October, 国庆节; the next working day
    # was Saturday 7 October 2023, a make-up working day.
    deadline = defence_deadline(REVIEW, D(2023, 9, 21), calendar)
    assert not deadline.workdays
    assert deadline.period_end == D(2023, 10, 1)
    assert deadline.due == D(2023, 10, 7)
    assert deadline.moved
    assert "2017年修正" in deadline.basis


def test_litigation_art67_fifteen_calendar_days(calendar):
    deadline = defence_deadline(DIRECT, D(2026, 3, 2), calendar)
    assert deadline.due == D(2026, 3, 17)
    assert not deadline.workdays
    assert not deadline.moved
    assert "第六十七条" in deadline.basis
    assert "答辩期限为2026年3月17日" in deadline.explanation


def test_litigation_art67_last_day_on_a_weekend_moves_to_monday(calendar):
    # 5 March 2026 + 15 days = Friday 20 March; 7 March + 15 = Sunday 22 March → Monday 23 March.
    assert defence_deadline(AFTER, D(2026, 3, 5), calendar).due == D(2026, 3, 20)
    deadline = defence_deadline(AFTER, D(2026, 3, 7), calendar)
    assert deadline.period_end == D(2026, 3, 22)
    assert deadline.due == D(2026, 3, 23)
    assert "顺延" in deadline.explanation


def test_litigation_art67_last_day_in_the_national_day_holiday_moves_past_it(calendar):
    deadline = defence_deadline(DIRECT, D(2026, 9, 16), calendar)
    assert deadline.period_end == D(2026, 10, 1)
    assert deadline.due == D(2026, 10, 8)
    assert "国庆节" in deadline.explanation


def test_litigation_art67_a_makeup_working_saturday_does_not_move_the_deadline():
    override = DayOverride(day=D(2026, 3, 21), is_workday=True, name="调休上班", source="测试")
    calendar = WorkCalendar.official(overrides=[override])
    assert defence_deadline(DIRECT, D(2026, 3, 6), calendar).due == D(2026, 3, 21)


def test_an_unconfirmed_year_is_a_visible_warning_not_a_crash(calendar):
    deadline = defence_deadline(DIRECT, D(2026, 12, 20), calendar)
    assert deadline.due == D(2027, 1, 4)
    assert any("2027年" in w for w in deadline.warnings)


def test_days_left_and_overdue_in_calendar_days(calendar):
    deadline = defence_deadline(DIRECT, D(2026, 3, 2), calendar)
    assert deadline.days_left(D(2026, 3, 14)) == 3
    assert not deadline.overdue(D(2026, 3, 17))
    assert deadline.overdue(D(2026, 3, 18))
