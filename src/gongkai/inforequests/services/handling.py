"""Working on an application: assignment, internal comments, files (the information provided), and
marking information requested repeatedly for proactive disclosure (Art. 44)."""

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import can
from gongkai.agencies.models import Department
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle, require
from gongkai.inforequests.models import Application, ApplicationFile, Comment
from gongkai.inforequests.services.ledger import locked
from gongkai.inforequests.states import ApplicationState
from gongkai.mail.services import mail_after_commit
from gongkai.publications.models import InformationItem
from gongkai.screening import ExtractionError, detect_type

ALLOWED_FILE_TYPES = frozenset({"pdf", "docx", "xlsx", "png", "jpeg", "gif", "zip"})
_FINISHED = {ApplicationState.CLOSED, ApplicationState.WITHDRAWN, ApplicationState.ABANDONED, ApplicationState.VOIDED}


def application_assign(
    *, acting_user: Any, application: Application, handler: Any, department: Department | None = None
) -> Application:
    """The office assigns the application to a handler (with the handling role at the agency)."""
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    if handler is None or not can(handler, Action.HANDLE_APPLICATIONS, application.agency):
        raise ValidationError({"handler": "承办人须是本机关具有承办权限的工作人员。"})
    if department is not None and department.agency_id != application.agency_id:
        raise ValidationError({"department": "承办内设机构须属于本机关。"})
    with transaction.atomic():
        application = locked(application)
        if ApplicationState(application.state) in _FINISHED:
            raise ValidationError("已办结的申请不能再分派。")
        before = {"handler": application.handler_id, "department": application.department_id}
        application.handler = handler
        application.department = department
        application.save(update_fields=["handler", "department", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.assign",
            target=application,
            agency=application.agency,
            summary=f"分派给{getattr(handler, 'full_name', '') or handler}",
            before=before,
            after={"handler": handler.pk, "department": department.pk if department else None},
        )
        if handler.pk != getattr(acting_user, "pk", None):
            mail_after_commit(
                to=handler.email,
                subject=f"待办：政府信息公开申请 {application.tracking_code}",
                body=f"{application.agency.name}的政府信息公开申请 {application.tracking_code} 已分派给您办理，"
                "请登录办公系统查看答复期限。",
            )
    return application


def comment_add(*, acting_user: Any, application: Application, text: str) -> Comment:
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写意见内容。"})
    if len(text) > 5000:  # noqa: PLR2004
        raise ValidationError({"text": "意见内容不能超过5000字。"})
    with transaction.atomic():
        comment = Comment.objects.create(application=application, author=acting_user, text=text)
        audit_record(
            acting_user=acting_user,
            action="application.comment",
            target=application,
            agency=application.agency,
            summary="添加内部意见",
            after={"comment": comment.pk},
        )
    return comment


def file_add(
    *, acting_user: Any, application: Application, filename: str, data: bytes, provided: bool = True
) -> ApplicationFile:
    """Attach a file; ``provided`` files are the information given to the applicant with the reply."""
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    if ApplicationState(application.state) in _FINISHED:
        raise ValidationError("已办结的申请不能再添加附件。")
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    if not data:
        raise ValidationError(f"附件“{filename}”是空文件。")
    if len(data) > limit:
        raise ValidationError(f"附件“{filename}”超过大小限制（{limit // (1024 * 1024)} MB）。")
    try:
        file_type = detect_type(data, filename)
    except ExtractionError as exc:
        raise ValidationError(str(exc)) from exc
    if file_type not in ALLOWED_FILE_TYPES:
        raise ValidationError(f"附件“{filename}”的类型不允许上传（允许 PDF、DOCX、XLSX、ZIP 和图片）。")
    digest = hashlib.sha256(data).hexdigest()
    record = ApplicationFile(
        application=application,
        original_name=filename[:200],
        size=len(data),
        sha256=digest,
        provided=provided,
        uploaded_by=acting_user,
    )
    with transaction.atomic():
        record.file.save(digest, ContentFile(data), save=False)
        record.save()
        audit_record(
            acting_user=acting_user,
            action="application.file_add",
            target=application,
            agency=application.agency,
            summary=f"添加附件：{record.original_name}",
            after={"file": record.original_name, "size": len(data), "sha256": digest, "provided": provided},
        )
    return record


def file_remove(*, acting_user: Any, record: ApplicationFile) -> None:
    application = record.application
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    if ApplicationState(application.state) not in {
        ApplicationState.HANDLING,
        ApplicationState.AWAITING_CORRECTION,
        ApplicationState.AWAITING_PAYMENT,
        ApplicationState.PENDING,
    }:
        raise ValidationError("答复后不能删除附件：答复的内容应保持原样。")
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action="application.file_remove",
            target=application,
            agency=application.agency,
            summary=f"删除附件：{record.original_name}",
            before={"file": record.original_name, "sha256": record.sha256},
        )
        record.delete()


def application_mark_proactive(
    *, acting_user: Any, application: Application, item: InformationItem | None = None, on: dt.date | None = None
) -> Application:
    """Information requested repeatedly may be made proactively public (Art. 44): mark the application,
    and link the resulting item once it exists."""
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    if item is not None and item.agency_id != application.agency_id:
        raise ValidationError({"item": "请选择本机关的主动公开信息。"})
    with transaction.atomic():
        application = locked(application)
        before = {"marked_on": application.proactive_marked_on, "item": application.proactive_item_id}
        application.proactive_marked_on = application.proactive_marked_on or on or timezone.localdate()
        if item is not None:
            application.proactive_item = item
        application.save(update_fields=["proactive_marked_on", "proactive_item", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.mark_proactive",
            target=application,
            agency=application.agency,
            summary="标记为可转为主动公开的信息（《条例》第四十四条）"
            + (f"，关联“{item.title}”" if item is not None else ""),
            before=before,
            after={"marked_on": application.proactive_marked_on, "item": application.proactive_item_id},
        )
    return application
