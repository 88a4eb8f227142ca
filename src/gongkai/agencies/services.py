"""Writes to agencies, departments and roles. Each runs in one transaction with its audit event."""

from typing import Any

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from gongkai.agencies.access import forget_cached_roles
from gongkai.agencies.models import Agency, Department, Membership
from gongkai.agencies.roles import Role
from gongkai.audit.services import audit_record, instance_delete, instance_save
from gongkai.audit.snapshots import changed, snapshot
from gongkai.search.services import search_sync_agency


def _path_for(agency: Agency) -> str:
    parent_path = "/"
    if agency.parent_id is not None:
        parent_path = Agency.objects.values_list("path", flat=True).get(pk=agency.parent_id)
    return f"{parent_path}{agency.pk}/"


def agency_save(*, acting_user: Any, agency: Agency) -> Agency:
    """Create or update an agency; moving it under another parent re-paths its whole subtree.

    Raises ``ValidationError`` (nothing written) for invalid data or a parent inside its own subtree.
    """
    agency.full_clean()
    creating = agency._state.adding  # noqa: SLF001
    with transaction.atomic():
        old_path = ""
        before: dict[str, Any] = {}
        if not creating:
            stored = Agency.objects.select_for_update().get(pk=agency.pk)
            old_path = stored.path
            before = snapshot(stored)
        agency.save()
        new_path = _path_for(agency)
        if new_path != agency.path:
            agency.path = new_path
            Agency.objects.filter(pk=agency.pk).update(path=new_path)
            if old_path:
                # Descendants keep their tail below this agency: /old/5/9/ -> /new/5/9/.
                Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk).update(
                    path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                )
        old, new = changed(before, snapshot(agency))
        if not creating and (new_path != old_path or "is_active" in new):
            search_sync_agency(agency)  # what it published moves with it, or leaves / returns to search
        if creating or new:
            audit_record(
                acting_user=acting_user,
                action="agency.create" if creating else "agency.update",
                target=agency,
                agency=agency,
                summary=f"{'新建' if creating else '修改'}机构：{agency}",
                before=old,
                after=new,
            )
    return agency


def agency_create(*, acting_user: Any, **fields: Any) -> Agency:
    return agency_save(acting_user=acting_user, agency=Agency(**fields))


def department_save(*, acting_user: Any, department: Department) -> Department:
    instance_save(acting_user=acting_user, instance=department)
    return department


def membership_grant(
    *,
    acting_user: Any,
    user: Any,
    agency: Agency,
    role: Role,
    department: Department | None = None,
) -> Membership:
    """Give ``user`` a role at ``agency`` (idempotent: an existing grant is returned, department updated)."""
    existing = Membership.objects.filter(user=user, agency=agency, role=role.value).first()
    membership = existing or Membership(user=user, agency=agency, role=role.value)
    membership.department = department
    instance_save(
        acting_user=acting_user,
        instance=membership,
        action="membership.update" if existing else "membership.grant",
    )
    forget_cached_roles(user)
    return membership


def membership_revoke(*, acting_user: Any, membership: Membership) -> None:
    instance_delete(acting_user=acting_user, instance=membership, action="membership.revoke")
    forget_cached_roles(membership.user)
