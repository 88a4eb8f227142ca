"""Who may see and do what with information items: the one place, built on ``agencies.access``."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import can, roles_at, visible_agencies
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action, Role
from gongkai.publications.models import InformationItem, WorkflowTask


def items_visible(user) -> QuerySet[InformationItem]:
    """Items of every agency whose internal records ``user`` may see (drafts included)."""
    return InformationItem.objects.filter(agency__in=visible_agencies(user))


def access_item(user, item_id: int) -> InformationItem:
    """The item if ``user`` may see it internally, else ``Http404`` (missing and forbidden look alike)."""
    item = InformationItem.objects.select_related("agency").filter(pk=item_id).first()
    if item is None or not can(user, Action.VIEW_AGENCY, item.agency):
        raise Http404("未找到该信息")
    return item


def require(user, action: Action, agency: Agency) -> None:
    if not can(user, action, agency):
        raise PermissionDenied("您没有在该机构执行此操作的权限。")


def may_edit_draft(user, item: InformationItem) -> bool:
    """Drafts are edited by their author, or by the agency's disclosure office."""
    if not can(user, Action.DRAFT_ITEM, item.agency):
        return False
    return item.created_by_id == user.pk or can(user, Action.MANAGE_ITEMS, item.agency)


def may_act_on_task(user, item: InformationItem, task: WorkflowTask) -> bool:
    """The task's role held at the item's own agency (not inherited), and never on one's own item."""
    if user.pk in {item.created_by_id, item.submitted_by_id}:
        return False
    if user.is_superuser:
        return True
    return Role(task.role) in roles_at(user, item.agency)
