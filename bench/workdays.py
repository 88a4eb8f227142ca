"""Benchmark: add_workdays(d, 20) with the precomputed working-day index vs a day-by-day loop.

The comparison is the obvious implementation: step one day at a time and ask
``chinese_calendar.is_workday`` until 20 working days have passed. Both must agree on every start
date before anything is timed.

    python bench/workdays.py            (or: make bench)
"""

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import chinese_calendar

from gongkai.workdays import WorkCalendar

PERIOD = 20
ROUNDS = 5


def day_by_day(start: dt.date, n: int) -> dt.date:
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def rate(function, starts: list[dt.date], rounds: int) -> float:
    began = time.perf_counter()
    for _ in range(rounds):
        for start in starts:
            function(start, PERIOD)
    return rounds * len(starts) / (time.perf_counter() - began)


def main() -> None:
    began = time.perf_counter()
    calendar = WorkCalendar.official()
    build_ms = (time.perf_counter() - began) * 1000

    first, last = dt.date(2004, 1, 1), dt.date(2026, 11, 30)  # periods must end inside the package's data
    starts = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    mismatches = [s for s in starts if calendar.add_workdays(s, PERIOD) != day_by_day(s, PERIOD)]
    if mismatches:
        sys.exit(f"MISMATCH on {len(mismatches)} start dates, first {mismatches[0]}")

    indexed = rate(calendar.add_workdays, starts, ROUNDS)
    looped = rate(day_by_day, starts, 1)
    print(f"start dates: {len(starts):,} ({first} .. {last}), period {PERIOD} working days; all results agree")
    print(f"calendar construction (2000-2099 index): {build_ms:.1f} ms")
    print(f"index (bisect):                        {indexed:>12,.0f} add_workdays/s")
    print(f"day-by-day chinese_calendar.is_workday: {looped:>12,.0f} add_workdays/s")
    print(f"ratio: {indexed / looped:,.1f}x")


if __name__ == "__main__":
    main()
