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
# Whoever manages, handles, reviews or supervises enquiries gets the 咨询信箱 link.
_CONSULTATION_ROLES = (
    GRANTS[Action.MANAGE_CONSULTATIONS]
    | GRANTS[Action.HANDLE_CONSULTATIONS]
    | GRANTS[Action.REVIEW_CONSULTATION_REPLIES]
    | GRANTS[Action.VIEW_AUDIT]
)


def _links(user) -> dict[str, bool]:
    if not user.is_authenticated:
        return {"draft": False, "import": False, "applications": False, "appeals": False, "reports": False}
    return {
        "draft": agencies_where(user, Action.DRAFT_ITEM).exists(),
        "import": agencies_where(user, Action.MANAGE_ITEMS).exists(),
        "applications": has_any_role(user, _APPLICATION_ROLES),
        "appeals": has_any_role(user, GRANTS[Action.VIEW_APPEALS]),
        "consultations": has_any_role(user, _CONSULTATION_ROLES),
        "reports": has_any_role(user, GRANTS[Action.VIEW_REPORTS]),
    }


def office_nav(request):
    return {"office_nav": SimpleLazyObject(lambda: _links(request.user))}
