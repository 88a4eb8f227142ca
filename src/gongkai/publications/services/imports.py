"""Recording items that were already published elsewhere (an agency's old catalog, the demo).

They enter the catalog as published with their historical publication time and index number; the
review happened in the old system, so the audit event says so.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.audit.snapshots import snapshot
from gongkai.keyareas.services.tasks import plan_tasks_on_publish
from gongkai.publications.access import require
from gongkai.publications.choices import Channel
from gongkai.publications.models import InformationItem
from gongkai.publications.services.items import EDITABLE_FIELDS, apply_fields, set_interprets
from gongkai.publications.services.numbering import index_number_allocate
from gongkai.publications.services.timeliness import breaches_record
from gongkai.publications.states import ItemState
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.search.services import search_sync


def item_import_validate(
    *, acting_user: Any, agency: Agency, published_at: dt.datetime, **fields: Any
) -> InformationItem:
    """The unsaved item ``item_import_published`` would record, validated; writes nothing.

    Raises ``ValidationError`` with every problem found (keyed by field, ``published_at`` included).
    """
    if acting_user is not None:
        require(acting_user, Action.MANAGE_ITEMS, agency)
    author = fields.pop("created_by", None) or acting_user
    if author is None:
        raise ValidationError({"created_by": "导入信息须指定起草人。"})
    item = InformationItem(agency=agency, created_by=author)
    apply_fields(item, fields)
    errors: dict[str, list[str]] = {}
    if published_at > timezone.now():
        errors["published_at"] = ["发布时间不能晚于当前时间。"]
    elif item.formed_on is not None and timezone.localdate(published_at) < item.formed_on:
        errors["published_at"] = ["发布日期不能早于成文日期。"]
    if item.attribute != DisclosureAttribute.PROACTIVE:
        errors["attribute"] = ["只能导入已主动公开的信息。"]
    try:
        item.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return item


def item_import_published(
    *,
    acting_user: Any,
    agency: Agency,
    published_at: dt.datetime,
    index_number: str = "",
    source: str = "",
    **fields: Any,
) -> InformationItem:
    """Record an item published before it came to this platform. Only 主动公开 items are imported."""
    item = item_import_validate(acting_user=acting_user, agency=agency, published_at=published_at, **fields)
    with transaction.atomic():
        item.state = ItemState.PUBLISHED.value
        item.published_at = published_at
        item.channels = item.channels or [Channel.WEBSITE.value]
        item.index_number = index_number or index_number_allocate(
            agency=agency, year=timezone.localdate(published_at).year, catalog_code=item.catalog_node.code
        )
        if InformationItem.objects.filter(index_number=item.index_number).exists():
            raise ValidationError({"index_number": f"索引号“{item.index_number}”已存在。"})
        item.save()
        if "interprets" in fields:
            set_interprets(item, fields["interprets"])
        audit_record(
            acting_user=acting_user,
            action="item.import",
            target=item,
            agency=agency,
            summary=f"导入已发布信息：{item.title}" + (f"（来源：{source}）" if source else ""),
            after={**snapshot(item, EDITABLE_FIELDS), "index_number": item.index_number, "published_at": published_at},
        )
        breaches_record(item, today=timezone.localdate(published_at))
        search_sync(item)
        plan_tasks_on_publish(acting_user=acting_user, item=item)  # a key-area plan task it fulfilled
    return item
