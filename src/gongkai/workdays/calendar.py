"""The working-day calendar and its arithmetic.

Legal convention (《政府信息公开条例》 Arts. 30, 32, 33: periods "of N working days from the day of
receipt"): the start day is not counted; a period of ``n`` working days ends at the end of the
``n``-th working day after the start. A day is a working day when it is a make-up working day
(调休上班), or a Monday–Friday that is not a holiday. Overrides win over the package data.

Every working day of the supported span is precomputed as a sorted list of date ordinals, so
``add_workdays`` and ``workdays_between`` are binary searches (O(log n)), not day-by-day loops.
"""

import datetime as dt
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

from gongkai.workdays.errors import CalendarRangeError, UnconfirmedYearWarning, unconfirmed_years_message
from gongkai.workdays.explain import WorkdayComputation, weekday_name
from gongkai.workdays.official import official_holidays, official_makeup_workdays, official_years
from gongkai.workdays.overrides import DayOverride

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)
_SATURDAY = 5


def _weekday(ordinal: int) -> int:
    """Monday = 0, as ``date.weekday()`` (ordinal 1, 0001-01-01, was a Monday)."""
    return (ordinal - 1) % 7


class WorkCalendar:
    """An immutable working-day calendar: holidays, make-up working days, confirmed years."""

    def __init__(
        self,
        *,
        holidays: Mapping[dt.date, str],
        makeup_workdays: Mapping[dt.date, str],
        confirmed_years: Iterable[int],
        overrides: Iterable[DayOverride] = (),
    ) -> None:
        merged_holidays = dict(holidays)
        merged_makeup = dict(makeup_workdays)
        for override in overrides:
            if override.is_workday:
                merged_makeup[override.day] = override.name
                merged_holidays.pop(override.day, None)
            else:
                merged_holidays[override.day] = override.name
                merged_makeup.pop(override.day, None)
        self._holidays = merged_holidays
        self._makeup = merged_makeup
        self._confirmed = frozenset(confirmed_years)
        holiday_ordinals = {day.toordinal() for day in merged_holidays}
        makeup_ordinals = {day.toordinal() for day in merged_makeup}
        self._index: list[int] = [
            o
            for o in range(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1)
            if o in makeup_ordinals or (_weekday(o) < _SATURDAY and o not in holiday_ordinals)
        ]

    @classmethod
    def official(cls, overrides: Iterable[DayOverride] = (), confirmed_years: Iterable[int] = ()) -> "WorkCalendar":
        """The package's official data for the years it knows, merged with ``overrides``.

        ``confirmed_years``: years whose official arrangement an administrator has entered in full.
        """
        return cls(
            holidays=official_holidays(),
            makeup_workdays=official_makeup_workdays(),
            confirmed_years=official_years() | frozenset(confirmed_years),
            overrides=overrides,
        )

    # --- queries -------------------------------------------------------------------------------

    def is_confirmed_year(self, year: int) -> bool:
        return year in self._confirmed

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        self._warn_unconfirmed(day, day)
        return self._is_workday(day)

    def add_workdays(self, start: dt.date, n: int, *, warn: bool = True) -> dt.date:
        """The ``n``-th working day after ``start`` (start not counted); before it for ``n`` < 0.

        ``warn=False`` for callers that handle unconfirmed years themselves.
        """
        result = self._add(start, n)
        if warn:
            self._warn_unconfirmed(start, result)
        return result

    def workdays_between(self, a: dt.date, b: dt.date, *, warn: bool = True) -> int:
        """Working days ``d`` with ``a < d <= b``; negative when ``b`` is before ``a``.

        ``warn=False`` for callers that report unconfirmed years themselves (see ``explain_add_workdays``).
        """
        self._check(a)
        self._check(b)
        if warn:
            self._warn_unconfirmed(a, b)
        return bisect_right(self._index, b.toordinal()) - bisect_right(self._index, a.toordinal())

    def explain_add_workdays(self, start: dt.date, n: int) -> WorkdayComputation:
        """``add_workdays`` with what was skipped and any unconfirmed-year warning, for staff to read."""
        result = self._add(start, n)
        low, high = (start, result) if result >= start else (result, start)
        skipped: list[tuple[dt.date, str]] = []
        makeup: list[tuple[dt.date, str]] = []
        day = low + dt.timedelta(days=1) if n >= 0 else low
        stop = high if n >= 0 else high - dt.timedelta(days=1)
        while day <= stop:
            if day in self._makeup:
                makeup.append((day, self._makeup[day]))
            elif not self._is_workday(day):
                skipped.append((day, self._holidays.get(day, "周末")))
            day += dt.timedelta(days=1)
        missing = self._unconfirmed_years(low, high)
        return WorkdayComputation(
            start=start,
            n=n,
            result=result,
            warnings=(unconfirmed_years_message(missing),) if missing else (),
            skipped=tuple(skipped),
            makeup_days=tuple(makeup),
        )

    def day_name(self, day: dt.date) -> str:
        """What the day is: a holiday name, 调休上班, 周六/周日, or 工作日."""
        if day in self._makeup:
            return self._makeup[day]
        if day in self._holidays:
            return self._holidays[day]
        return weekday_name(day) if day.weekday() >= _SATURDAY else "工作日"

    # --- internals -----------------------------------------------------------------------------

    def _check(self, day: dt.date) -> None:
        if isinstance(day, dt.datetime):
            msg = "请传入日期（date），而非带时间的 datetime：法定期限按北京时间的日历日计算"
            raise TypeError(msg)
        if not FIRST_DAY <= day <= LAST_DAY:
            raise CalendarRangeError(day, FIRST_DAY, LAST_DAY)

    def _is_workday(self, day: dt.date) -> bool:
        position = bisect_left(self._index, day.toordinal())
        return position < len(self._index) and self._index[position] == day.toordinal()

    def _add(self, start: dt.date, n: int) -> dt.date:
        self._check(start)
        if n == 0:
            return start
        ordinal = start.toordinal()
        # Forward: skip the working days up to and including the start; backward: those before it.
        forward = bisect_right(self._index, ordinal) + n - 1
        position = forward if n > 0 else bisect_left(self._index, ordinal) + n
        if not 0 <= position < len(self._index):
            beyond = LAST_DAY + dt.timedelta(days=1) if n > 0 else FIRST_DAY - dt.timedelta(days=1)
            raise CalendarRangeError(beyond, FIRST_DAY, LAST_DAY)
        return dt.date.fromordinal(self._index[position])

    def _unconfirmed_years(self, low: dt.date, high: dt.date) -> list[int]:
        return [year for year in range(low.year, high.year + 1) if year not in self._confirmed]

    def _warn_unconfirmed(self, a: dt.date, b: dt.date) -> None:
        low, high = (a, b) if a <= b else (b, a)
        missing = self._unconfirmed_years(low, high)
        if missing:
            warnings.warn(UnconfirmedYearWarning(unconfirmed_years_message(missing)), stacklevel=3)
