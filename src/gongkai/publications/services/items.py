"""Drafting: create and edit items, attach files. Only drafts are edited; published items are amended
by a new item (``amends``) that goes through review again."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.audit.snapshots import changed, snapshot
from gongkai.publications.access import may_edit_draft, require
from gongkai.publications.models import Attachment, InformationItem
from gongkai.publications.sanitize import sanitize_body
from gongkai.publications.states import ItemState
from gongkai.screening import ExtractionError, detect_type, extract_text

EDITABLE_FIELDS = (
    "department",
    "catalog_node",
    "topic",
    "title",
    "summary",
    "body",
    "formed_on",
    "issuer",
    "document_number",
    "genre",
    "keywords",
    "origin",
    "attribute",
    "withholding_ground",
    "channels",
    "amends",
    "report_kind",
    "issued_on",
)
ALLOWED_ATTACHMENT_TYPES = frozenset({"pdf", "docx", "xlsx", "png", "jpeg", "gif"})


def apply_fields(item: InformationItem, fields: dict[str, Any]) -> list[str]:
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS) - {"interprets"})
    if unknown:
        raise ValidationError(f"不能直接修改这些字段：{'、'.join(unknown)}")
    for name, value in fields.items():
        if name == "interprets":
            continue
        setattr(item, name, sanitize_body(value) if name == "body" else value)
    if not item.issuer and item.agency_id:
        item.issuer = item.agency.name
    return [n for n in fields if n != "interprets"]


def set_interprets(item: InformationItem, interprets: Any) -> None:
    targets = list(interprets)
    foreign = [t for t in targets if t.agency_id != item.agency_id and not t.is_public]
    if foreign:
        raise ValidationError({"interprets": "只能关联本机构的信息或已公开的信息。"})
    item.interprets.set(targets)


def item_create(*, acting_user: Any, agency: Agency, **fields: Any) -> InformationItem:
    """A new draft. Validation errors are raised before anything is written."""
    require(acting_user, Action.DRAFT_ITEM, agency)
    item = InformationItem(agency=agency, created_by=acting_user)
    apply_fields(item, fields)
    item.full_clean(exclude=["created_by"])
    with transaction.atomic():
        item.save()
        if "interprets" in fields:
            set_interprets(item, fields["interprets"])
        audit_record(
            acting_user=acting_user,
            action="item.create",
            target=item,
            agency=agency,
            summary=f"起草信息：{item.title}",
            after=snapshot(item, EDITABLE_FIELDS),
        )
    return item


def item_update(*, acting_user: Any, item: InformationItem, **fields: Any) -> InformationItem:
    """Edit a draft (by its author or the disclosure office)."""
    if item.state != ItemState.DRAFT:
        raise ValidationError("只有草稿可以修改；已发布的信息请新建一条“修改的文件”指向它。")
    if not may_edit_draft(acting_user, item):
        raise PermissionDenied("只有起草人或本机构公开办可以修改草稿。")
    before = snapshot(item, EDITABLE_FIELDS)
    apply_fields(item, fields)
    item.full_clean(exclude=["created_by"])
    with transaction.atomic():
        item.save()
        if "interprets" in fields:
            set_interprets(item, fields["interprets"])
        old, new = changed(before, snapshot(item, EDITABLE_FIELDS))
        if new:
            audit_record(
                acting_user=acting_user,
                action="item.update",
                target=item,
                agency=item.agency,
                summary=f"修改草稿：{item.title}",
                before=old,
                after=new,
            )
    return item


def attachment_add(*, acting_user: Any, item: InformationItem, filename: str, data: bytes) -> Attachment:
    """Attach a file to a draft. Type is decided by content; size is limited; text is kept for screening."""
    if item.state != ItemState.DRAFT:
        raise ValidationError("只有草稿可以添加附件。")
    if not may_edit_draft(acting_user, item):
        raise PermissionDenied("只有起草人或本机构公开办可以添加附件。")
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    if len(data) > limit:
        raise ValidationError(f"附件“{filename}”超过大小限制（{limit // (1024 * 1024)} MB）。")
    if not data:
        raise ValidationError(f"附件“{filename}”是空文件。")
    try:
        file_type = detect_type(data, filename)
        if file_type not in ALLOWED_ATTACHMENT_TYPES:
            raise ValidationError(f"附件“{filename}”的类型不允许上传（允许 PDF、DOCX、XLSX 和图片）。")
        extracted = extract_text(data, filename)
    except ExtractionError as exc:
        raise ValidationError(str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        item=item,
        original_name=filename[:200],
        file_type=file_type,
        size=len(data),
        sha256=digest,
        text=extracted.text,
        text_parts=[list(part) for part in extracted.parts],
        uploaded_by=acting_user,
        sort_order=item.attachments.count(),
    )
    with transaction.atomic():
        attachment.file.save(digest, ContentFile(data), save=False)
        attachment.save()
        audit_record(
            acting_user=acting_user,
            action="item.attachment_add",
            target=item,
            agency=item.agency,
            summary=f"添加附件：{attachment.original_name}",
            after={"attachment": attachment.original_name, "type": file_type, "size": len(data), "sha256": digest},
        )
    return attachment


def attachment_remove(*, acting_user: Any, attachment: Attachment) -> None:
    item = attachment.item
    if item.state != ItemState.DRAFT:
        raise ValidationError("只有草稿可以删除附件。")
    if not may_edit_draft(acting_user, item):
        raise PermissionDenied("只有起草人或本机构公开办可以删除附件。")
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action="item.attachment_remove",
            target=item,
            agency=item.agency,
            summary=f"删除附件：{attachment.original_name}",
            before={"attachment": attachment.original_name, "sha256": attachment.sha256},
        )
        attachment.delete()
