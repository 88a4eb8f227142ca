"""Reads of cases: the defence deadline of a case, the cases of an agency's year, and table 四."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from gongkai.appeals.counting import column_for, table4
from gongkai.appeals.deadlines import DefenceDeadline, defence_deadline
from gongkai.appeals.kinds import Result
from gongkai.appeals.models import AppealCase
from gongkai.appeals.states import OPEN_STATES, CaseState
from gongkai.workcalendar.selectors import work_calendar
from gongkai.workdays import CalendarRangeError


def defence_deadline_for(case: AppealCase) -> DefenceDeadline | None:
    """The defence deadline once the copy has been received (``None`` before, or off the calendar)."""
    if case.copy_received_on is None:
        return None
    try:
        return defence_deadline(case.case_kind, case.copy_received_on, work_calendar())
    except CalendarRangeError:
        return None


def open_cases() -> QuerySet[AppealCase]:
    return AppealCase.objects.filter(state__in=[s.value for s in OPEN_STATES])


def cases_of_year(agency_ids: Iterable[int], year: int) -> QuerySet[AppealCase]:
    """The cases table 四 of ``year`` counts: concluded in the year, or filed by its end and not
    concluded by then (``counting.column_for`` decides the column)."""
    year_end = dt.date(year, 12, 31)
    return (
        AppealCase.objects.filter(agency_id__in=list(agency_ids))
        .exclude(state=CaseState.VOIDED.value)
        .filter(
            Q(decided_on__year=year)
            | Q(filed_on__lte=year_end, decided_on__isnull=True)
            | Q(filed_on__lte=year_end, decided_on__gt=year_end)
        )
    )


def table4_for(agency_ids: Iterable[int], year: int) -> dict[str, list[int]]:
    """Table 四 of ``year`` for the agencies, in the report JSON shape (``counting.table4``)."""
    return table4((case.facts for case in cases_of_year(agency_ids, year)), year)


def counted_cases(agency_ids: Iterable[int], year: int) -> list[tuple[AppealCase, Result]]:
    """Each case table 四 of ``year`` counts, with its column (for the preview page)."""
    rows = []
    cases = cases_of_year(agency_ids, year).select_related("agency").order_by("kind", "filed_on", "pk")
    for case in cases:
        column = column_for(case.facts, year)
        if column is not None:
            rows.append((case, column))
    return rows
