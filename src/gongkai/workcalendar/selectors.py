"""The working-day calendar in force: official package data merged with the override table."""

import threading

from django.db.models import Count, Max
from django.utils import timezone

from gongkai.workcalendar.models import DayKind, DayOverride, HolidayArrangement
from gongkai.workdays import DayOverride as CoreOverride
from gongkai.workdays import WorkCalendar

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], WorkCalendar] | None = None


def _signature() -> tuple[object, ...]:
    days = DayOverride.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    years = HolidayArrangement.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (days["n"], days["last"], years["n"], years["last"])


def work_calendar() -> WorkCalendar:
    """The calendar to compute deadlines with.

    Built once per process and rebuilt when the override tables change (checked with two small
    aggregate queries), so an administrator's edit applies in every worker process at once.
    """
    global _cached  # noqa: PLW0603 - a per-process cache of an immutable object
    signature = _signature()
    cached = _cached
    if cached is not None and cached[0] == signature:
        return cached[1]
    with _lock:
        overrides = [
            CoreOverride(day=o.date, is_workday=o.kind == DayKind.WORKDAY, name=o.name, source=o.source_notice)
            for o in DayOverride.objects.all()
        ]
        confirmed = HolidayArrangement.objects.filter(is_complete=True).values_list("year", flat=True)
        calendar = WorkCalendar.official(overrides=overrides, confirmed_years=list(confirmed))
        _cached = (signature, calendar)
    return calendar


def unconfirmed_years_note() -> str:
    """A warning for staff when this year or next has no confirmed official arrangement yet."""
    calendar = work_calendar()
    this_year = timezone.localdate().year
    missing = [y for y in (this_year, this_year + 1) if not calendar.is_confirmed_year(y)]
    if not missing:
        return ""
    years = "、".join(f"{y}年" for y in missing)
    return (
        f"{years}的法定节假日安排尚未录入确认，涉及该年度的期限暂按周一至周五推算。"
        "国务院办公厅发布通知后，请在此新增年度安排、录入放假和调休上班日期并勾选“已完整录入”。"
    )
