"""Work queues for the back office: what each staff member has to do next."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Membership
from gongkai.publications.access import items_visible
from gongkai.publications.models import InformationItem
from gongkai.publications.services.timeliness import item_timeliness
from gongkai.publications.states import ItemState
from gongkai.publications.timeliness import Timeliness, TimelinessStatus
from gongkai.rules.disclosure import DisclosureAttribute


def my_drafts(user) -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(created_by=user, state=ItemState.DRAFT).order_by("-updated_at")


def awaiting_my_review(user) -> QuerySet[InformationItem]:
    """Items whose current task's role the user holds at the item's agency, never their own."""
    items = (
        InformationItem.objects.filter(state=ItemState.IN_REVIEW).exclude(created_by=user).exclude(submitted_by=user)
    )
    if user.is_superuser:
        return items.order_by("updated_at")
    condition = Q(pk__in=[])
    for agency_id, role in Membership.objects.filter(user=user, agency__is_active=True).values_list(
        "agency_id", "role"
    ):
        condition |= Q(agency_id=agency_id, current_task__role=role)
    return items.filter(condition).select_related("agency", "current_task").order_by("updated_at")


@dataclass(frozen=True)
class DueItem:
    item: InformationItem
    timeliness: Timeliness


def due_and_late(user, *, today: dt.date | None = None, limit: int = 50) -> list[DueItem]:
    """Unpublished 主动公开 items of the user's agencies that are late or due within three working days."""
    today = today or timezone.localdate()
    pending = (
        items_visible(user)
        .filter(state__in=[ItemState.DRAFT, ItemState.IN_REVIEW], attribute=DisclosureAttribute.PROACTIVE)
        .select_related("agency")
        .order_by("formed_on")[:500]
    )
    result = []
    for item in pending:
        timeliness = item_timeliness(item, today=today)
        if timeliness.status != TimelinessStatus.ON_TIME:
            result.append(DueItem(item, timeliness))
    result.sort(key=lambda d: d.timeliness.due_on)
    return result[:limit]


def reevaluation_due(user, *, today: dt.date | None = None) -> QuerySet[InformationItem]:
    today = today or timezone.localdate()
    return items_visible(user).filter(state=ItemState.FILED, reevaluate_on__lte=today).order_by("reevaluate_on")
