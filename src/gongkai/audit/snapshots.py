"""Turn model field values into small JSON-safe summaries for the before/after columns."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

_SECRET_FIELDS = frozenset({"password"})


def json_safe(value: Any) -> Any:  # noqa: PLR0911 - one return per JSON type
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    """Concrete field values of ``instance`` (foreign keys as their display text); secrets left out,
    personal data masked."""
    result: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:  # noqa: SLF001 - _meta is Django's public API
        if fields is not None and field.name not in fields:
            continue
        if field.name in _SECRET_FIELDS or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        value = getattr(instance, field.name) if field.is_relation else field.value_from_object(instance)
        masker = getattr(field, "audit_mask", None)  # personal data: the audit trail keeps the masked form
        result[field.name] = json_safe(masker(value) if masker is not None and value else value)
    return result


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
