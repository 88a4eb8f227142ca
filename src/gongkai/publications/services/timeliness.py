"""Publication deadlines (Art. 26) measured on the official working-day calendar; breaches recorded once."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import audit_record
from gongkai.publications.choices import BreachKind, Origin
from gongkai.publications.models import DisclosureSettings, InformationItem, TimelinessBreach
from gongkai.publications.states import ItemState
from gongkai.publications.timeliness import STATUTORY_LIMIT_WORKDAYS, Timeliness, assess
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.workcalendar.selectors import work_calendar


def limit_for(item: InformationItem, settings: DisclosureSettings | None) -> int:
    if settings is None:
        return STATUTORY_LIMIT_WORKDAYS
    return settings.own_document_limit if item.origin == Origin.OWN_DOCUMENT else settings.other_info_limit


def item_timeliness(item: InformationItem, *, today: dt.date | None = None) -> Timeliness:
    settings = DisclosureSettings.objects.filter(agency_id=item.agency_id).first()
    published_on = timezone.localdate(item.published_at) if item.published_at else None
    return assess(
        work_calendar(),
        formed_on=item.formed_on,
        published_on=published_on,
        today=today or timezone.localdate(),
        limit_workdays=limit_for(item, settings),
    )


def _record(item: InformationItem, kind: BreachKind, due_on: dt.date, today: dt.date) -> bool:
    if TimelinessBreach.objects.filter(item=item, kind=kind).exists():
        return False
    try:
        with transaction.atomic():
            TimelinessBreach.objects.create(item=item, kind=kind, due_on=due_on, detected_on=today)
            audit_record(
                acting_user=None,
                action="item.deadline_breach",
                target=item,
                agency=item.agency,
                summary=f"{BreachKind(kind).label}：{item.title}（应于{due_on:%Y-%m-%d}前公开）",
                after={"kind": kind, "due_on": due_on},
            )
    except IntegrityError:  # recorded concurrently by another process
        return False
    return True


def breaches_record(item: InformationItem, *, today: dt.date | None = None) -> int:
    """Record the item's missed deadlines that are not yet recorded; returns how many were new."""
    if item.attribute != DisclosureAttribute.PROACTIVE:
        return 0
    today = today or timezone.localdate()
    result = item_timeliness(item, today=today)
    recorded = 0
    end = result.published_on or today
    if end > result.due_on:
        recorded += _record(item, BreachKind.INTERNAL, result.due_on, today)
    if result.statutory_breached:
        recorded += _record(item, BreachKind.STATUTORY, result.statutory_due_on, today)
    return recorded


def breaches_record_overdue(*, today: dt.date | None = None) -> int:
    """Daily check: unpublished proactive items past their due date (drafts and items in review)."""
    pending = InformationItem.objects.filter(
        state__in=[ItemState.DRAFT, ItemState.IN_REVIEW], attribute=DisclosureAttribute.PROACTIVE
    ).select_related("agency")
    return sum(breaches_record(item, today=today) for item in pending.iterator())
