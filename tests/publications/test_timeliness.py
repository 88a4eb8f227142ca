"""Art. 26: publish within 20 working days of formation; internal limits per agency and category."""

import datetime as dt

from gongkai.publications.timeliness import TimelinessStatus, assess
from gongkai.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar.official()


def test_art26_twenty_working_days_across_2026_national_day():
    # Formed 2026-09-30: the National Day week is not counted; 10-10 (Saturday) is a make-up working day.
    result = assess(CAL, formed_on=D(2026, 9, 30), published_on=D(2026, 11, 3), today=D(2026, 11, 3))
    assert result.statutory_due_on == D(2026, 11, 3)
    assert result.workdays_taken == 20
    assert result.status == TimelinessStatus.ON_TIME
    assert not result.statutory_breached
    late = assess(CAL, formed_on=D(2026, 9, 30), published_on=D(2026, 11, 4), today=D(2026, 11, 4))
    assert late.status == TimelinessStatus.LATE
    assert late.statutory_breached


def test_internal_limit_of_5_working_days_for_own_documents():
    # Formed Friday 2026-09-25 (中秋节 holiday): 5 working days are 9-28, 9-29, 9-30, 10-8, 10-9.
    result = assess(CAL, formed_on=D(2026, 9, 25), published_on=D(2026, 10, 9), today=D(2026, 10, 9), limit_workdays=5)
    assert result.due_on == D(2026, 10, 9)
    assert result.status == TimelinessStatus.ON_TIME
    later = assess(CAL, formed_on=D(2026, 9, 25), published_on=D(2026, 10, 10), today=D(2026, 10, 10), limit_workdays=5)
    assert later.status == TimelinessStatus.LATE
    assert not later.statutory_breached, "late against the internal limit, still within the statutory 20"


def test_unpublished_item_is_due_soon_then_late():
    formed = D(2026, 3, 2)
    due = CAL.add_workdays(formed, 20)
    soon = assess(CAL, formed_on=formed, published_on=None, today=CAL.add_workdays(due, -2))
    assert soon.status == TimelinessStatus.DUE_SOON
    assert assess(CAL, formed_on=formed, published_on=None, today=due).status == TimelinessStatus.DUE_SOON
    overdue = assess(CAL, formed_on=formed, published_on=None, today=due + dt.timedelta(days=1))
    assert overdue.status == TimelinessStatus.LATE
    early = assess(CAL, formed_on=formed, published_on=None, today=formed)
    assert early.status == TimelinessStatus.ON_TIME


def test_deadline_in_unconfirmed_year_carries_the_warning():
    result = assess(CAL, formed_on=D(2026, 12, 20), published_on=None, today=D(2026, 12, 21))
    assert result.warnings
    assert "2027年" in result.warnings[0]
