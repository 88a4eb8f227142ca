"""Documents of a case: the copy received, the agency's answer or statement of defence, the evidence,
the decision or judgment. Stored like application files (content hash as the name, type checked by
content), served only through access-checked views."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.appeals.access import require_manage
from gongkai.appeals.models import AppealCase, CaseDocument, DocumentKind
from gongkai.appeals.states import CaseState
from gongkai.audit.services import audit_record
from gongkai.screening import ExtractionError, detect_type

ALLOWED_FILE_TYPES = frozenset({"pdf", "docx", "xlsx", "png", "jpeg", "gif", "zip"})


def document_add(*, acting_user: Any, case: AppealCase, kind: str, filename: str, data: bytes) -> CaseDocument:
    require_manage(acting_user, case.agency)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "请选择材料类型。"})
    if case.case_state is CaseState.VOIDED:
        raise ValidationError("已作废的案件不能再添加材料。")
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    if not data:
        raise ValidationError({"file": f"文件“{filename}”是空文件。"})
    if len(data) > limit:
        raise ValidationError({"file": f"文件“{filename}”超过大小限制（{limit // (1024 * 1024)} MB）。"})
    try:
        file_type = detect_type(data, filename)
    except ExtractionError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if file_type not in ALLOWED_FILE_TYPES:
        raise ValidationError({"file": f"文件“{filename}”的类型不允许上传（允许 PDF、DOCX、XLSX、ZIP 和图片）。"})
    digest = hashlib.sha256(data).hexdigest()
    record = CaseDocument(
        case=case, kind=kind, original_name=filename[:200], size=len(data), sha256=digest, uploaded_by=acting_user
    )
    with transaction.atomic():
        record.file.save(digest, ContentFile(data), save=False)
        record.save()
        audit_record(
            acting_user=acting_user,
            action="appeal.document_add",
            target=case,
            agency=case.agency,
            summary=f"添加材料（{record.get_kind_display()}）：{record.original_name}",
            after={"file": record.original_name, "kind": kind, "size": len(data), "sha256": digest},
        )
    return record


def document_remove(*, acting_user: Any, document: CaseDocument) -> None:
    """Remove a document added by mistake; the audit trail keeps its name and hash."""
    case = document.case
    require_manage(acting_user, case.agency)
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action="appeal.document_remove",
            target=case,
            agency=case.agency,
            summary=f"删除材料（{document.get_kind_display()}）：{document.original_name}",
            before={"file": document.original_name, "kind": document.kind, "sha256": document.sha256},
        )
        document.delete()
