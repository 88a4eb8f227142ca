"""The rules of a recurring disclosure (重点领域公开计划), in one place. Pure Python: no Django import.

An entry of a plan is due every year on the same day (e.g. 招生范围与学区划分 by 30 June). Each year has a
task, and the task of year Y covers the *window* (due(Y-1), due(Y)]: it opens the day after the previous
year's due date. So on 4 December 2026 the current task of a 30-June entry is the one of 2027 (opened on
1 July 2026), and every day belongs to exactly one window.

* ``standing``: 已完成 (completed on or before the due date), 逾期完成, 已逾期 (open, the date has passed),
  即将到期 (open, within the largest reminder window), 未到期.
* Completion: a publication on day D completes the earliest *open* task among the task whose window
  contains D and the task of the cycle before it. A late 2026 list published in July 2026 fills the 2026
  task (逾期完成); a list published in December 2026, after the 2026 task was done, fills 2027 (on time).
* Reminders: the stage (days before the date) to send today is the smallest stage whose day has arrived,
  only while the task is open and not late; the caller records each stage once, so a day the job did not
  run is caught up without sending the stages already passed.
"""

import calendar
import datetime as dt
from collections.abc import Collection, Iterable
from enum import StrEnum

DEFAULT_REMIND_DAYS: tuple[int, ...] = (30, 7, 1)
MAX_REMIND_DAYS = 180  # a reminder at most half a year ahead
MAX_REMIND_STAGES = 6


FEBRUARY = 2
LEAP_DAY = 29
MONTHS = 12


def due_on(month: int, day: int, year: int) -> dt.date:
    """The due date of ``year``; 29 February falls on 28 February in common years."""
    if month == FEBRUARY and day == LEAP_DAY and not calendar.isleap(year):
        return dt.date(year, FEBRUARY, LEAP_DAY - 1)
    return dt.date(year, month, day)


def month_day_error(month: int, day: int) -> str | None:
    """Why (``month``, ``day``) is not a yearly date, in Chinese; ``None`` when it is one."""
    if not 1 <= month <= MONTHS:
        return "月份应为1至12。"
    last = LEAP_DAY if month == FEBRUARY else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= last:
        return f"{month}月只有{last}天，日期应为1至{last}。"
    return None


def opens_on(month: int, day: int, year: int) -> dt.date:
    """The first day of the window of ``year``: the day after the previous year's due date."""
    return due_on(month, day, year - 1) + dt.timedelta(days=1)


def window(month: int, day: int, year: int) -> tuple[dt.date, dt.date]:
    """The days the task of ``year`` covers, both ends included."""
    return opens_on(month, day, year), due_on(month, day, year)


def current_year(month: int, day: int, today: dt.date) -> int:
    """The year whose window contains ``today``."""
    return today.year if today <= due_on(month, day, today.year) else today.year + 1


def years_to_generate(month: int, day: int, first_day: dt.date, today: dt.date) -> list[int]:
    """Every year whose window has opened by ``today`` since the entry started on ``first_day``
    (the window containing ``first_day`` included); none while the entry has not started."""
    if first_day > today:
        return []
    return list(range(current_year(month, day, first_day), current_year(month, day, today) + 1))


def earliest_start(month: int, day: int, today: dt.date) -> dt.date:
    """The earliest day a new entry may start: the opening of the previous cycle, so creating a plan
    never back-creates more than the current cycle and the previous one."""
    return opens_on(month, day, current_year(month, day, today) - 1)


class Standing(StrEnum):
    DONE = "done"
    DONE_LATE = "done_late"
    LATE = "late"
    DUE = "due"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]

    @property
    def is_done(self) -> bool:
        return self in {Standing.DONE, Standing.DONE_LATE}


STANDING_LABELS: dict[Standing, str] = {
    Standing.DONE: "已完成",
    Standing.DONE_LATE: "逾期完成",
    Standing.LATE: "已逾期",
    Standing.DUE: "即将到期",
    Standing.UPCOMING: "未到期",
}


def standing(due: dt.date, completed_on: dt.date | None, today: dt.date, remind_days: Iterable[int]) -> Standing:
    """Where a task stands on ``today``; "due" starts with the largest reminder window before the date."""
    if completed_on is not None:
        return Standing.DONE if completed_on <= due else Standing.DONE_LATE
    if today > due:
        return Standing.LATE
    if (due - today).days <= max((d for d in remind_days if d > 0), default=0):
        return Standing.DUE
    return Standing.UPCOMING


def completing_year(month: int, day: int, published_on: dt.date, open_years: Collection[int]) -> int | None:
    """The year of the task a publication on ``published_on`` completes: the earliest open one among the
    task whose window contains the day and the task of the cycle before it (``None`` if neither is open)."""
    year = current_year(month, day, published_on)
    for candidate in (year - 1, year):
        if candidate in open_years:
            return candidate
    return None


def may_complete(month: int, day: int, year: int, published_on: dt.date) -> bool:
    """Whether a publication on ``published_on`` can count for the task of ``year`` at all: in its own
    window or in the next one (the completion rule's two candidates)."""
    return current_year(month, day, published_on) in {year, year + 1}


def reminder_stage(due: dt.date, today: dt.date, stages: Iterable[int]) -> int | None:
    """The stage (days before ``due``) to send on ``today``: the smallest stage whose day has arrived;
    ``None`` before the first stage and once the date has passed. When several stages' days have passed
    (a missed day), only the nearest one is sent."""
    left = (due - today).days
    if left < 0:
        return None
    begun = [s for s in stages if s > 0 and left <= s]
    return min(begun) if begun else None


def remind_days_errors(values: Iterable[object]) -> list[str]:
    """Why a list of reminder days is not acceptable, in Chinese (empty when it is)."""
    errors = []
    items = list(values)
    if len(items) > MAX_REMIND_STAGES:
        errors.append(f"提醒最多设置{MAX_REMIND_STAGES}次。")
    errors.extend(
        f"提醒天数应为1至{MAX_REMIND_DAYS}之间的整数：{value}"
        for value in items
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_REMIND_DAYS
    )
    if len(set(map(str, items))) != len(items):
        errors.append("提醒天数不能重复。")
    return errors


def parse_remind_days(text: str) -> list[int]:
    """Reminder days typed as "30, 7, 1" (commas, 、 or spaces); raises ``ValueError`` with a Chinese message."""
    parts = [p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p.strip()]
    values: list[int] = []
    for part in parts:
        if not part.strip().isdigit():
            raise ValueError(f"提醒天数应为1至{MAX_REMIND_DAYS}之间的整数：{part.strip()}")
        values.append(int(part.strip()))
    errors = remind_days_errors(values)
    if errors:
        raise ValueError(errors[0])
    return sorted(values, reverse=True)


def due_text(due: dt.date, today: dt.date) -> str:
    """ "还有N天" / "今天到期" / "已逾期N天"."""
    left = (due - today).days
    if left > 0:
        return f"还有{left}天"
    if left == 0:
        return "今天到期"
    return f"已逾期{-left}天"
