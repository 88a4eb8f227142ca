"""The official working-day calendar and date arithmetic. Pure Python: no Django import.

Days: weekends, statutory holidays and 调休 make-up working days from ``chinese-calendar`` for the
years it knows, merged with administrator overrides. Years without official data are computed on
Monday–Friday rules and say so (``UnconfirmedYearWarning`` / ``WorkdayComputation.warnings``).

>>> add_workdays(date(2026, 9, 30), 1)   # 国庆节 2026-10-01..07 are not counted
datetime.date(2026, 10, 8)
"""

import datetime as dt
from functools import cache

from gongkai.workdays.calendar import FIRST_DAY, LAST_DAY, WorkCalendar
from gongkai.workdays.errors import CalendarRangeError, UnconfirmedYearWarning
from gongkai.workdays.explain import SkippedRun, WorkdayComputation
from gongkai.workdays.overrides import DayOverride

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "CalendarRangeError",
    "DayOverride",
    "SkippedRun",
    "UnconfirmedYearWarning",
    "WorkCalendar",
    "WorkdayComputation",
    "add_workdays",
    "default_calendar",
    "explain_add_workdays",
    "is_workday",
    "workdays_between",
]


@cache
def default_calendar() -> WorkCalendar:
    """The official calendar without overrides (the Django layer adds the override table)."""
    return WorkCalendar.official()


def is_workday(day: dt.date) -> bool:
    return default_calendar().is_workday(day)


def add_workdays(start: dt.date, n: int) -> dt.date:
    return default_calendar().add_workdays(start, n)


def workdays_between(a: dt.date, b: dt.date) -> int:
    return default_calendar().workdays_between(a, b)


def explain_add_workdays(start: dt.date, n: int) -> WorkdayComputation:
    return default_calendar().explain_add_workdays(start, n)
