"""Who may see and manage review and litigation cases: the one place, built on ``agencies.access``.

The agency's disclosure office manages its cases (``Action.MANAGE_APPEALS``); the office head and the
supervisors above the agency see them (``Action.VIEW_APPEALS``). Missing and forbidden look alike.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.appeals.models import AppealCase


def cases_visible(user) -> QuerySet[AppealCase]:
    return AppealCase.objects.filter(agency__in=agencies_where(user, Action.VIEW_APPEALS))


def access_case(user, case_id: int) -> AppealCase:
    """The case if ``user`` may see it, else ``Http404`` (missing and forbidden look alike)."""
    case = cases_visible(user).select_related("agency").filter(pk=case_id).first()
    if case is None:
        raise Http404("未找到该案件")
    return case


def may_manage(user, agency: Agency) -> bool:
    return can(user, Action.MANAGE_APPEALS, agency)


def require_manage(user, agency: Agency) -> None:
    """Services call this first; ``None`` is the system (scheduled jobs, the demo loader)."""
    if user is not None and not may_manage(user, agency):
        raise PermissionDenied("您没有在该机构登记和办理行政复议、行政诉讼案件的权限。")


def agencies_managed(user) -> QuerySet[Agency]:
    """Agencies where ``user`` may register cases (active ones, in tree order)."""
    return agencies_where(user, Action.MANAGE_APPEALS).filter(is_active=True).order_by("path")


def agencies_viewed(user) -> QuerySet[Agency]:
    return agencies_where(user, Action.VIEW_APPEALS).order_by("path")
