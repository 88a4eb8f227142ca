"""Property tests: the indexed arithmetic agrees with a plain day-by-day oracle."""

import datetime as dt
import warnings

import chinese_calendar
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import DayOverride, UnconfirmedYearWarning, WorkCalendar, default_calendar

OFFICIAL_DAYS = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 9, 15))  # + 60 stays in 2026
ANY_DAYS = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2098, 12, 31))
PERIODS = st.integers(min_value=0, max_value=60)


def oracle_add(is_workday, start: dt.date, n: int) -> dt.date:
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day


def quiet(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnconfirmedYearWarning)
        return function(*args)


@settings(max_examples=200, deadline=None)
@given(start=OFFICIAL_DAYS, n=PERIODS)
def test_add_workdays_matches_chinese_calendar_day_by_day(start, n):
    assert default_calendar().add_workdays(start, n) == oracle_add(chinese_calendar.is_workday, start, n)


@settings(max_examples=200, deadline=None)
@given(day=OFFICIAL_DAYS)
def test_is_workday_matches_chinese_calendar(day):
    assert default_calendar().is_workday(day) == chinese_calendar.is_workday(day)


@settings(max_examples=200, deadline=None)
@given(start=ANY_DAYS, n=PERIODS)
def test_add_workdays_matches_own_oracle_in_any_year(start, n):
    calendar = default_calendar()
    assert quiet(calendar.add_workdays, start, n) == oracle_add(lambda d: quiet(calendar.is_workday, d), start, n)


@settings(max_examples=200, deadline=None)
@given(start=ANY_DAYS, n=PERIODS)
def test_workdays_between_inverts_add_workdays(start, n):
    calendar = default_calendar()
    end = quiet(calendar.add_workdays, start, n)
    assert quiet(calendar.workdays_between, start, end) == n
    assert quiet(calendar.workdays_between, end, start) == -n
    assert n == 0 or quiet(calendar.is_workday, end)


@settings(max_examples=200, deadline=None)
@given(start=ANY_DAYS, n=st.integers(min_value=1, max_value=60))
def test_backward_then_forward_returns_to_a_working_start(start, n):
    calendar = default_calendar()
    back = quiet(calendar.add_workdays, start, -n)
    assert back < start
    assert quiet(calendar.workdays_between, back, start) == n - (0 if quiet(calendar.is_workday, start) else 1)


@settings(max_examples=200, deadline=None)
@given(a=ANY_DAYS, b=ANY_DAYS, n=PERIODS)
def test_monotonic(a, b, n):
    calendar = default_calendar()
    if a <= b:
        assert quiet(calendar.add_workdays, a, n) <= quiet(calendar.add_workdays, b, n)


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 11, 30)),
    n=PERIODS,
    off=st.sets(st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 12, 31)), max_size=10),
)
def test_overrides_in_unknown_year_match_oracle(start, n, off):
    calendar = WorkCalendar.official(
        overrides=[DayOverride(d, is_workday=False, name="测试") for d in off], confirmed_years=[2027]
    )

    def oracle_is_workday(day: dt.date) -> bool:
        return day not in off and day.weekday() < 5

    if start + dt.timedelta(days=2 * n + 30) < dt.date(2028, 1, 1):
        assert calendar.add_workdays(start, n) == oracle_add(oracle_is_workday, start, n)
