"""Benchmark: the reply due date of every open application, as the back-office queues compute it.

``clock.compute`` (binary searches over the working-day index, excluded periods merged as intervals)
against the obvious implementation: walk the calendar day by day with ``chinese_calendar.is_workday``,
collect the excluded consultation days in a set, then walk again to the 20 + excluded + extension-th
working day. Both must agree on every ledger before anything is timed. The timed ``compute`` does all
it does for the staff page: it re-validates the ledger event by event and builds the Chinese
explanation; the day-by-day walk only finds the due date.

    python bench/clock.py [--ledgers 2000]      (or: make bench)
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import chinese_calendar

from gongkai.inforequests.clock import ClockEvent, ConsultationParty, EventKind, compute, validate_append
from gongkai.workdays import WorkCalendar

CAL = WorkCalendar.official()
TODAY = dt.date(2026, 11, 26)


def walk(start: dt.date, n: int) -> dt.date:
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def ledgers(count: int, rng: random.Random) -> list[tuple[list[ClockEvent], list[tuple[dt.date, dt.date]], int]]:
    """Valid ledgers received in 2026 with 0–3 answered consultations and maybe an extension."""
    out = []
    while len(out) < count:
        received = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 200))
        events = [ClockEvent(EventKind.RECEIVED, received)]
        consultations = []
        day = received
        for number in range(rng.randrange(0, 4)):
            sent = day + dt.timedelta(days=rng.randrange(0, 6))
            answered = sent + dt.timedelta(days=rng.randrange(1, 18))
            events.append(
                ClockEvent(EventKind.CONSULTATION_SENT, sent, ref=f"C{number}", party=ConsultationParty.THIRD_PARTY)
            )
            events.append(ClockEvent(EventKind.CONSULTATION_ANSWERED, answered, ref=f"C{number}"))
            consultations.append((sent, answered))
            day = answered
        extension = rng.choice([0, 0, 10, 20])
        if extension:
            events.append(ClockEvent(EventKind.EXTENSION_GRANTED, day, workdays=extension))
        try:
            ledger: list[ClockEvent] = []
            for event in events:
                validate_append(ledger, event, CAL)
                ledger.append(event)
        except ValueError:
            continue  # e.g. extension after the due date: not a ledger the system would hold
        out.append((ledger, consultations, extension))
    return out


def day_by_day(ledger: list[ClockEvent], consultations: list[tuple[dt.date, dt.date]], extension: int) -> dt.date:
    start = ledger[0].on
    excluded: set[dt.date] = set()
    for sent, answered in consultations:
        end = min(answered, walk(sent, 15))
        day = sent + dt.timedelta(days=1)
        while day <= end:
            if day > start and chinese_calendar.is_workday(day):
                excluded.add(day)
            day += dt.timedelta(days=1)
    return walk(start, 20 + len(excluded) + extension)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ledgers", type=int, default=2000)
    args = parser.parse_args()
    cases = ledgers(args.ledgers, random.Random(20261126))
    wrong = [c for c in cases if compute(c[0], CAL, today=TODAY).reply_due != day_by_day(*c)]
    if wrong:
        sys.exit(f"MISMATCH on {len(wrong)} ledgers, first {wrong[0][0]}")

    began = time.perf_counter()
    for ledger, _, _ in cases:
        compute(ledger, CAL, today=TODAY)
    fast = time.perf_counter() - began
    began = time.perf_counter()
    for case in cases:
        day_by_day(*case)
    slow = time.perf_counter() - began
    events = sum(len(c[0]) for c in cases)
    print(f"ledgers: {len(cases):,} ({events:,} events); all due dates agree with the day-by-day walk")
    print(
        f"clock.compute (with explanation, as shown to staff): {fast * 1000:8.1f} ms "
        f"= {fast / len(cases) * 1e6:6.1f} µs per application"
    )
    print(
        f"day-by-day chinese_calendar walk (due date only):    {slow * 1000:8.1f} ms "
        f"= {slow / len(cases) * 1e6:6.1f} µs per application"
    )
    print(f"ratio: {slow / fast:,.1f}x")


if __name__ == "__main__":
    main()
