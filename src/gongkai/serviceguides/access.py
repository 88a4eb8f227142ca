"""Who may see and do what with service matters, guides and decisions: the same people as for the items
of the agency (``publications.access``), so a guide is drafted, edited and reviewed like any item."""

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import agencies_where, can, visible_agencies
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.publications.access import require
from gongkai.serviceguides.models import ServiceDecision, ServiceMatter

__all__ = [
    "access_decision",
    "access_matter",
    "agencies_drafting",
    "matters_visible",
    "may_draft",
    "may_withdraw_decision",
    "require",
]


def matters_visible(user) -> QuerySet[ServiceMatter]:
    return ServiceMatter.objects.filter(agency__in=visible_agencies(user))


def access_matter(user, matter_id: int) -> ServiceMatter:
    """The matter if ``user`` may see the agency's internal records, else ``Http404`` (missing = forbidden)."""
    matter = ServiceMatter.objects.select_related("agency", "department").filter(pk=matter_id).first()
    if matter is None or not can(user, Action.VIEW_AGENCY, matter.agency):
        raise Http404("未找到该事项")
    return matter


def access_decision(matter: ServiceMatter, decision_id: int) -> ServiceDecision:
    """A decision of a matter the caller already reached through ``access_matter``."""
    decision = ServiceDecision.objects.filter(matter=matter, pk=decision_id).first()
    if decision is None:
        raise Http404("未找到该办理结果")
    return decision


def may_draft(user, agency: Agency) -> bool:
    """Matters, guides and decisions are kept by those who draft the agency's items."""
    return can(user, Action.DRAFT_ITEM, agency)


def agencies_drafting(user) -> QuerySet[Agency]:
    return agencies_where(user, Action.DRAFT_ITEM)


def may_withdraw_decision(user, decision: ServiceDecision) -> bool:
    """The one who recorded it, or the disclosure office (as for withdrawing an item)."""
    if can(user, Action.MANAGE_ITEMS, decision.agency):
        return True
    return (
        decision.recorded_by_id is not None
        and decision.recorded_by_id == getattr(user, "pk", None)
        and may_draft(user, decision.agency)
    )
