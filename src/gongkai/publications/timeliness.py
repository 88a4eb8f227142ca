"""Timeliness of proactive disclosure (Art. 26): publish within 20 working days of the information
being formed or changed; agencies may set stricter internal limits per category. Pure Python.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.workdays import WorkCalendar

STATUTORY_LIMIT_WORKDAYS = 20  # Art. 26


class TimelinessStatus(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    LATE = "late"


@dataclass(frozen=True)
class Timeliness:
    formed_on: dt.date
    limit_workdays: int
    due_on: dt.date
    statutory_due_on: dt.date
    published_on: dt.date | None
    workdays_taken: int | None  # from formed to published (or to today while unpublished)
    status: TimelinessStatus
    statutory_breached: bool
    warnings: tuple[str, ...]


def assess(
    calendar: WorkCalendar,
    *,
    formed_on: dt.date,
    published_on: dt.date | None,
    today: dt.date,
    limit_workdays: int = STATUTORY_LIMIT_WORKDAYS,
    due_soon_workdays: int = 3,
) -> Timeliness:
    """Where an item stands against its internal limit and the statutory 20 working days.

    Unpublished items are measured against ``today``: late once today is past the due date, due soon
    within ``due_soon_workdays`` working days of it.
    """
    due = calendar.explain_add_workdays(formed_on, limit_workdays)
    statutory = calendar.explain_add_workdays(formed_on, STATUTORY_LIMIT_WORKDAYS)
    end = published_on or today
    taken = max(0, calendar.workdays_between(formed_on, end, warn=False))
    if end > due.result:
        status = TimelinessStatus.LATE
    elif published_on is None and calendar.workdays_between(today, due.result, warn=False) <= due_soon_workdays:
        status = TimelinessStatus.DUE_SOON
    else:
        status = TimelinessStatus.ON_TIME
    return Timeliness(
        formed_on=formed_on,
        limit_workdays=limit_workdays,
        due_on=due.result,
        statutory_due_on=statutory.result,
        published_on=published_on,
        workdays_taken=taken,
        status=status,
        statutory_breached=end > statutory.result,
        warnings=tuple(dict.fromkeys(due.warnings + statutory.warnings)),
    )
