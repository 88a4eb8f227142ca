"""Template context for the back-office navigation: which links the signed-in user may use.

Lazy, so pages that never show the navigation (the public portal) run no query for it.
"""

from django.utils.functional import SimpleLazyObject

from gongkai.agencies.access import agencies_where, has_any_role
from gongkai.agencies.roles import GRANTS, Action

# Whoever handles, supervises or approves extensions of applications gets the 依申请公开 link.
_APPLICATION_ROLES = (
    GRANTS[Action.MANAGE_APPLICATIONS]
    | GRANTS[Action.HANDLE_APPLICATIONS]
    | GRANTS[Action.VIEW_AUDIT]
    | GRANTS[Action.APPROVE_EXTENSION]
)


def _links(user) -> dict[str, bool]:
    if not user.is_authenticated:
        return {"draft": False, "import": False, "applications": False}
    return {
        "draft": agencies_where(user, Action.DRAFT_ITEM).exists(),
        "import": agencies_where(user, Action.MANAGE_ITEMS).exists(),
        "applications": has_any_role(user, _APPLICATION_ROLES),
    }


def office_nav(request):
    return {"office_nav": SimpleLazyObject(lambda: _links(request.user))}
