"""Template context for the back-office navigation: which links the signed-in user may use.

Lazy, so pages that never show the navigation (the public portal) run no query for it.
"""

from django.utils.functional import SimpleLazyObject

from gongkai.agencies.access import agencies_where
from gongkai.agencies.roles import Action


def _links(user) -> dict[str, bool]:
    if not user.is_authenticated:
        return {"draft": False, "import": False}
    return {
        "draft": agencies_where(user, Action.DRAFT_ITEM).exists(),
        "import": agencies_where(user, Action.MANAGE_ITEMS).exists(),
    }


def office_nav(request):
    return {"office_nav": SimpleLazyObject(lambda: _links(request.user))}
