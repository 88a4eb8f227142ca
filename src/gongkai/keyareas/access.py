"""Who may see, edit and supervise key-area disclosure plans: the one place, built on ``agencies.access``.

* Every staff member of an agency (and supervisors above it) sees its plan board (``VIEW_AGENCY``).
* The disclosure office and the administrator change the plan (``MANAGE_PLANS``).
* The office and information officers link a published item to a task by hand (``COMPLETE_PLAN_TASKS``).
* Supervisors see the roll-up of the agencies below (``SUPERVISE_PLANS``).

Missing and forbidden look alike (``Http404``); a service refuses a forbidden write with ``PermissionDenied``.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action

_REFUSALS = {
    Action.MANAGE_PLANS: "您没有修改该机构重点领域公开计划的权限。",
    Action.COMPLETE_PLAN_TASKS: "您没有办理该机构公开计划任务的权限。",
}


def may(user: Any, action: Action, agency: Agency) -> bool:
    return can(user, action, agency)


def require(user: Any, action: Action, agency: Agency) -> None:
    """Services call this first; ``None`` is the system (scheduled jobs, the demo loader, publication)."""
    if user is not None and not can(user, action, agency):
        raise PermissionDenied(_REFUSALS.get(action, "您没有在该机构执行此操作的权限。"))


def agencies_with_boards(user: Any) -> QuerySet[Agency]:
    """Agencies whose plan board ``user`` may see, in tree order."""
    return agencies_where(user, Action.VIEW_AGENCY).filter(is_active=True).order_by("path")


def agencies_supervised(user: Any) -> QuerySet[Agency]:
    """Agencies where ``user`` holds the supervising action (their own and everything below)."""
    return agencies_where(user, Action.SUPERVISE_PLANS).filter(is_active=True).order_by("path")
