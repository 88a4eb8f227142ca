"""Reads of applications by date, for the annual report and the back office.

Carry-over (结转) follows from dates, never from a flag: an application is open on a day when it was
received on or before that day and not yet decided (replied, withdrawn, deemed abandoned) by it.
Submissions never received (pending, voided) are not applications in the report's sense.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from gongkai.inforequests.models import Application
from gongkai.inforequests.states import ApplicationState


def _received(agency_ids: Iterable[int]) -> QuerySet[Application]:
    return Application.objects.filter(agency_id__in=list(agency_ids), received_on__isnull=False).exclude(
        state=ApplicationState.VOIDED.value
    )


def applications_received_between(agency_ids: Iterable[int], first: dt.date, last: dt.date) -> QuerySet[Application]:
    """New applications: received in [first, last] (表三 一、本年新收)."""
    return _received(agency_ids).filter(received_on__range=(first, last))


def applications_decided_between(agency_ids: Iterable[int], first: dt.date, last: dt.date) -> QuerySet[Application]:
    """Applications with their one outcome decided in [first, last] (表三 三、本年度办理结果)."""
    return _received(agency_ids).filter(decided_on__range=(first, last)).exclude(outcome="")


def applications_open_on(agency_ids: Iterable[int], day: dt.date) -> QuerySet[Application]:
    """Received by the end of ``day`` and not decided by then."""
    return _received(agency_ids).filter(received_on__lte=day).filter(Q(decided_on__isnull=True) | Q(decided_on__gt=day))


def applications_carried_over(agency_ids: Iterable[int], year: int) -> QuerySet[Application]:
    """结转下年度继续办理: open at the end of 31 December of ``year`` (= 上年结转 of ``year + 1``)."""
    return applications_open_on(agency_ids, dt.date(year, 12, 31))
