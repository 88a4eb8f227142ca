"""The one way to write the audit trail."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from gongkai.audit.context import source_ip
from gongkai.audit.models import AuditEvent
from gongkai.audit.snapshots import changed, json_safe, snapshot


class AuditOutsideTransactionError(RuntimeError):
    pass


def _actor_label(acting_user: Any) -> str:
    if acting_user is None:
        return "系统"
    return str(acting_user)


def audit_record(
    *,
    acting_user: Any,
    action: str,
    target: models.Model | None = None,
    agency: Any = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. Must run inside the transaction of the change it records.

    ``acting_user`` is ``None`` for the system itself (scheduled tasks, the demo loader).
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransactionError(
            f"audit_record({action!r}) must run inside the transaction of the change it records"
        )
    user = acting_user if acting_user is not None and getattr(acting_user, "pk", None) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_actor_label(acting_user)[:200],
        agency=agency,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        action=action,
        summary=summary[:500],
        before=json_safe(before or {}),
        after=json_safe(after or {}),
        source_ip=source_ip.get(),
    )


def _agency_of(instance: models.Model) -> Any:
    from gongkai.agencies.models import Agency  # noqa: PLC0415 - agencies imports audit

    if isinstance(instance, Agency):
        return instance if instance.pk else None
    return getattr(instance, "agency", None)


def instance_save(
    *,
    acting_user: Any,
    instance: models.Model,
    action: str | None = None,
    exclude: tuple[str, ...] = (),
) -> models.Model:
    """Validate and save a plain reference-data record with its audit event, in one transaction.

    For records without workflow of their own (departments, reading rooms, calendar overrides).
    Validation errors (``ValidationError``) propagate before anything is written.
    """
    instance.full_clean()
    meta = instance._meta  # noqa: SLF001 - Django's public _meta API
    creating = instance._state.adding  # noqa: SLF001
    with transaction.atomic():
        old = {}
        if not creating:
            stored = type(instance)._default_manager.filter(pk=instance.pk).first()  # noqa: SLF001
            old = snapshot(stored) if stored is not None else {}
        instance.save()
        before, after = changed(old, snapshot(instance))
        for name in exclude:
            before.pop(name, None)
            after.pop(name, None)
        if not creating and not after:
            return instance
        audit_record(
            acting_user=acting_user,
            action=action or f"{meta.model_name}.{'create' if creating else 'update'}",
            target=instance,
            agency=_agency_of(instance),
            summary=f"{'新建' if creating else '修改'}{meta.verbose_name}：{instance}",
            before=before,
            after=after,
        )
    return instance


def instance_delete(*, acting_user: Any, instance: models.Model, action: str | None = None) -> None:
    meta = instance._meta  # noqa: SLF001
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action=action or f"{meta.model_name}.delete",
            target=instance,
            agency=_agency_of(instance),
            summary=f"删除{meta.verbose_name}：{instance}",
            before=snapshot(instance),
        )
        instance.delete()
