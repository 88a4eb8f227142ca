"""The one place that decides what a staff user may see and do in which agency.

Rules (data in ``agencies.roles``): a user holds roles per agency; a supervisor role also applies
to every agency below its own; platform superusers may do everything. Missing and forbidden look
the same to the caller (``Http404``), so ids of other agencies' records leak nothing.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import SUBTREE_ROLES, Action, Role, allows

_CACHE_ATTR = "_gongkai_roles_by_agency"


def _roles_by_agency(user) -> dict[int, tuple[str, frozenset[Role]]]:
    """{agency id: (agency path, roles held there)} for ``user``, cached on the user object per request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result: dict[int, tuple[str, frozenset[Role]]] = {}
    if user is not None and user.is_authenticated and user.is_active:
        rows = Membership.objects.filter(user=user, agency__is_active=True).values_list(
            "agency_id",
            "agency__path",
            "role",
        )
        grouped: dict[int, tuple[str, set[Role]]] = {}
        for agency_id, path, role in rows:
            grouped.setdefault(agency_id, (path, set()))[1].add(Role(role))
        result = {k: (path, frozenset(roles)) for k, (path, roles) in grouped.items()}
    if user is not None:
        setattr(user, _CACHE_ATTR, result)
    return result


def forget_cached_roles(user) -> None:
    """Call after granting or revoking roles of ``user`` within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _is_superuser(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def roles_at(user, agency: Agency) -> frozenset[Role]:
    """Roles ``user`` holds at ``agency``, including supervisor roles inherited from ancestors."""
    held = _roles_by_agency(user)
    roles: set[Role] = set(held.get(agency.pk, ("", frozenset()))[1])
    for ancestor_id in agency.ancestor_ids():
        inherited = held.get(ancestor_id, ("", frozenset()))[1] & SUBTREE_ROLES
        roles.update(inherited)
    return frozenset(roles)


def can(user, action: Action, agency: Agency) -> bool:
    if _is_superuser(user):
        return True
    return allows(action, roles_at(user, agency))


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose internal records ``user`` may see: own memberships plus supervised subtrees."""
    if _is_superuser(user):
        return Agency.objects.all()
    held = _roles_by_agency(user)
    if not held:
        return Agency.objects.none()
    condition = Q(pk__in=list(held))
    for path, roles in held.values():
        if roles & SUBTREE_ROLES:
            condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)


def agencies_where(user, action: Action) -> QuerySet[Agency]:
    """Agencies where ``user`` may perform ``action`` (for form choices and list filters)."""
    if _is_superuser(user):
        return Agency.objects.all()
    held = _roles_by_agency(user)
    condition = Q(pk__in=[agency_id for agency_id, (_, roles) in held.items() if allows(action, roles)])
    for path, roles in held.values():
        if allows(action, roles & SUBTREE_ROLES):
            condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)


def access_agency(user, agency_id: int, action: Action = Action.VIEW_AGENCY) -> Agency:
    """The agency with ``agency_id`` if ``user`` may perform ``action`` there, else ``Http404``."""
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not can(user, action, agency):
        raise Http404("未找到该机构")
    return agency


def has_any_role(user, roles: Iterable[Role] | None = None) -> bool:
    """Whether ``user`` holds any role (or one of ``roles``) anywhere; gates the back office."""
    if _is_superuser(user):
        return True
    held = _roles_by_agency(user)
    if roles is None:
        return bool(held)
    wanted = frozenset(roles)
    return any(r & wanted for _, r in held.values())
