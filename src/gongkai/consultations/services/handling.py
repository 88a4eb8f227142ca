"""Handling an enquiry: assignment, category, the reply (draft, review, send), closing, withdrawal and
voiding.

Review: when the agency (``ConsultationSettings.reply_review_required``) or the enquiry's source
(``Source.requires_review``) wants it, a reply goes out only after a reviewer or approver of the agency
who neither wrote nor submitted the draft approved it; editing an approved draft needs a new approval.
Agencies without required review may still submit a draft for review.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies.access import can
from gongkai.agencies.models import Department
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.consultations.access import is_reply_author, may_review, require, require_handle
from gongkai.consultations.models import Category, Enquiry, EventKind
from gongkai.consultations.services.common import (
    MAX_REPLY,
    acting,
    check_assignee,
    check_day,
    clean_text,
    event_add,
    locked,
    mail_assignment,
    move,
    review_required,
)
from gongkai.consultations.states import EnquiryAction, EnquiryState
from gongkai.mail.services import mail_after_commit
from gongkai.playback import now, today
from gongkai.workdays.explain import chinese_date


def enquiry_assign(
    *, acting_user: Any, enquiry: Enquiry, handler: Any, department: Department | None = None
) -> Enquiry:
    """The office assigns (or reassigns) the enquiry to a handler with the handling role at the agency."""
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    check_assignee(enquiry.agency, handler, department)
    with transaction.atomic():
        enquiry = locked(enquiry)
        before_state, after_state = move(enquiry, EnquiryAction.ASSIGN)
        before = {"state": before_state, "handler": enquiry.handler_id, "department": enquiry.department_id}
        enquiry.handler = handler
        enquiry.department = department
        enquiry.save(update_fields=["state", "handler", "department", "updated_at"])
        event_add(enquiry, EventKind.ASSIGNED, on=today(), acting_user=acting_user)
        audit_record(
            acting_user=acting_user,
            action="enquiry.assign",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"分派给{getattr(handler, 'full_name', '') or handler}",
            before=before,
            after={"state": after_state, "handler": handler.pk, "department": department.pk if department else None},
        )
        mail_assignment(enquiry, handler, acting_user)
    return enquiry


def enquiry_categorise(*, acting_user: Any, enquiry: Enquiry, category: Category | None) -> Enquiry:
    """Set (or clear) the category; the office or the handler, at any time except on a voided enquiry."""
    require_handle(acting_user, enquiry)
    if category is not None and (category.agency_id != enquiry.agency_id or not category.is_active):
        raise ValidationError({"category": "请选择本机关启用中的咨询分类。"})
    with transaction.atomic():
        enquiry = locked(enquiry)
        if enquiry.enquiry_state is EnquiryState.VOIDED:
            raise ValidationError("已作废的咨询不能再分类。")
        before = {"category": enquiry.category_id}
        if before["category"] == (category.pk if category else None):
            return enquiry
        enquiry.category = category
        enquiry.save(update_fields=["category", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="enquiry.categorise",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"分类：{category.name if category else '（无）'}",
            before=before,
            after={"category": category.pk if category else None},
        )
    return enquiry


def _take_over(enquiry: Enquiry, acting_user: Any) -> list[str]:
    """The office answering an unassigned enquiry itself becomes its handler."""
    if (
        enquiry.handler_id is None
        and acting(acting_user) is not None
        and can(acting_user, Action.HANDLE_CONSULTATIONS, enquiry.agency)
    ):
        enquiry.handler = acting_user
        return ["handler"]
    return []


def reply_draft(*, acting_user: Any, enquiry: Enquiry, text: str) -> Enquiry:
    """Write or change the reply draft. A change after approval takes the draft back for review."""
    require_handle(acting_user, enquiry)
    text = clean_text(text, field="text", label="答复内容", limit=MAX_REPLY)
    with transaction.atomic():
        enquiry = locked(enquiry)
        before, after = move(enquiry, EnquiryAction.DRAFT)
        if before is EnquiryState.DRAFTED and enquiry.reply == text:
            return enquiry
        enquiry.reply = text
        enquiry.reply_drafted_by = acting(acting_user)
        fields = ["state", "reply", "reply_drafted_by", "updated_at", *_take_over(enquiry, acting_user)]
        enquiry.save(update_fields=fields)
        event_add(enquiry, EventKind.DRAFTED, on=today(), acting_user=acting_user)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reply_draft",
            target=enquiry,
            agency=enquiry.agency,
            summary="拟写答复" + ("（审核通过后修改，须重新审核）" if before is EnquiryState.APPROVED else ""),
            before={"state": before},
            after={"state": after, "reply": text},
        )
    return enquiry


def reply_submit_for_review(*, acting_user: Any, enquiry: Enquiry) -> Enquiry:
    """The handler submits the draft to the agency's reviewers (and approvers)."""
    require_handle(acting_user, enquiry)
    with transaction.atomic():
        enquiry = locked(enquiry)
        before, after = move(enquiry, EnquiryAction.SUBMIT_FOR_REVIEW)
        enquiry.review_requested_by = acting(acting_user)
        enquiry.save(update_fields=["state", "review_requested_by", "updated_at"])
        event_add(enquiry, EventKind.REVIEW_REQUESTED, on=today(), acting_user=acting_user)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reply_submit",
            target=enquiry,
            agency=enquiry.agency,
            summary="提交答复审核",
            before={"state": before},
            after={"state": after},
        )
    return enquiry


def _check_reviewer(acting_user: Any, enquiry: Enquiry) -> None:
    if is_reply_author(acting_user, enquiry):
        raise PermissionDenied("答复的拟稿人或提交人不能审核自己的答复。")
    if not may_review(acting_user, enquiry):
        raise PermissionDenied("您没有审核该机构咨询答复的权限。")


def reply_approve(*, acting_user: Any, enquiry: Enquiry, comment: str = "") -> Enquiry:
    """A reviewer (not the author) approves the draft: it may now be sent."""
    comment = clean_text(comment, field="comment", label="审核意见", limit=300, required=False)
    with transaction.atomic():
        enquiry = locked(enquiry)
        _check_reviewer(acting_user, enquiry)
        before, after = move(enquiry, EnquiryAction.APPROVE)
        enquiry.reviewed_by = acting(acting_user)
        enquiry.reviewed_at = now()
        enquiry.review_comment = comment
        enquiry.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
        event_add(enquiry, EventKind.APPROVED, on=today(), acting_user=acting_user, text=comment)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reply_approve",
            target=enquiry,
            agency=enquiry.agency,
            summary="答复审核通过",
            before={"state": before},
            after={"state": after, "comment": comment},
        )
    return enquiry


def reply_return(*, acting_user: Any, enquiry: Enquiry, comment: str) -> Enquiry:
    """A reviewer (not the author) returns the draft with what to change."""
    comment = clean_text(comment, field="comment", label="退回意见", limit=300)
    with transaction.atomic():
        enquiry = locked(enquiry)
        _check_reviewer(acting_user, enquiry)
        before, after = move(enquiry, EnquiryAction.RETURN)
        enquiry.reviewed_by = acting(acting_user)
        enquiry.reviewed_at = now()
        enquiry.review_comment = comment
        enquiry.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
        event_add(enquiry, EventKind.RETURNED, on=today(), acting_user=acting_user, text=comment)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reply_return",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"答复退回修改：{comment}",
            before={"state": before},
            after={"state": after, "comment": comment},
        )
        if enquiry.reply_drafted_by_id and enquiry.reply_drafted_by.email:
            mail_after_commit(
                to=enquiry.reply_drafted_by.email,
                subject=f"答复退回修改：咨询 {enquiry.tracking_code}",
                body=f"{enquiry.agency.name}的咨询“{enquiry.subject}”的答复被退回修改。审核意见：{comment}",
            )
    return enquiry


def reply_send(
    *,
    acting_user: Any,
    enquiry: Enquiry,
    on: dt.date | None = None,
    text: str | None = None,
    close: bool = False,
    status_url: str = "",
) -> Enquiry:
    """Send the reply: the asker is mailed when they gave an e-mail address.

    ``text``: write the draft and send it in one step (only where review is not required; an answer
    given on the phone, say). Where review is required, only an approved draft is sent. ``close``: close
    the enquiry with the reply (答复即办结). ``on``: the day the reply went out (today by default; not
    before receipt, not in the future).
    """
    require_handle(acting_user, enquiry)
    on = check_day(on or today(), enquiry, what="答复日期")
    with transaction.atomic():  # the draft written with ``text`` is rolled back if sending is refused
        if text is not None:
            enquiry = reply_draft(acting_user=acting_user, enquiry=enquiry, text=text)
        enquiry = locked(enquiry)
        if not enquiry.reply.strip():
            raise ValidationError({"text": "请先填写答复内容。"})
        if enquiry.replied_on and on < enquiry.replied_on:
            raise ValidationError({"on": f"答复日期不能早于上一次答复日期（{enquiry.replied_on:%Y-%m-%d}）。"})
        before, after = move(enquiry, EnquiryAction.SEND, review=review_required(enquiry))
        enquiry.replied_on = on
        enquiry.first_replied_on = enquiry.first_replied_on or on
        enquiry.replied_by = acting(acting_user)
        enquiry.reply_count += 1
        fields = ["state", "replied_on", "first_replied_on", "replied_by", "reply_count", "updated_at"]
        fields += _take_over(enquiry, acting_user)
        event_add(enquiry, EventKind.REPLIED, on=on, acting_user=acting_user, text=enquiry.reply)
        if close:
            move(enquiry, EnquiryAction.CLOSE)
            after = enquiry.enquiry_state
            enquiry.closed_on = on
            fields.append("closed_on")
            event_add(enquiry, EventKind.CLOSED, on=on, acting_user=acting_user)
        enquiry.save(update_fields=fields)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reply_send",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"发出答复（第{enquiry.reply_count}次，{on:%Y-%m-%d}）" + ("并办结" if close else ""),
            before={"state": before},
            after={"state": after, "replied_on": on, "reply": enquiry.reply, "reviewed_by": enquiry.reviewed_by_id},
        )
        mail_after_commit(
            to=enquiry.email,
            subject=f"您的咨询已答复（查询码 {enquiry.tracking_code}）",
            body=_reply_mail_body(enquiry, status_url),
        )
    return enquiry


def _reply_mail_body(enquiry: Enquiry, status_url: str) -> str:
    lines = [
        "您好：",
        "",
        (
            f"您向{enquiry.agency.name}提出的咨询“{enquiry.subject}”（查询码 {enquiry.tracking_code}）"
            f"已于{chinese_date(enquiry.replied_on)}答复如下："
        ),
        "",
        enquiry.reply,
        "",
        "欢迎凭查询码和查询密码在门户网站查看答复，并对答复作出评价（满意、基本满意或不满意）。",
    ]
    if status_url:
        lines.append(f"查询地址：{status_url}")
    lines += ["", "本邮件由系统自动发送，请勿直接回复。"]
    return "\n".join(lines)


def enquiry_close(*, acting_user: Any, enquiry: Enquiry, on: dt.date | None = None, note: str = "") -> Enquiry:
    """Close (办结) an answered enquiry."""
    require_handle(acting_user, enquiry)
    note = clean_text(note, field="note", label="办结说明", limit=300, required=False)
    on = check_day(on or today(), enquiry, what="办结日期")
    with transaction.atomic():
        enquiry = locked(enquiry)
        if enquiry.replied_on and on < enquiry.replied_on:
            raise ValidationError({"on": f"办结日期不能早于答复日期（{enquiry.replied_on:%Y-%m-%d}）。"})
        before, after = move(enquiry, EnquiryAction.CLOSE)
        enquiry.closed_on = on
        enquiry.closing_note = note
        enquiry.save(update_fields=["state", "closed_on", "closing_note", "updated_at"])
        event_add(enquiry, EventKind.CLOSED, on=on, acting_user=acting_user, text=note)
        audit_record(
            acting_user=acting_user,
            action="enquiry.close",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"办结（{on:%Y-%m-%d}）",
            before={"state": before},
            after={"state": after, "closed_on": on, "note": note},
        )
    return enquiry


def _end(
    acting_user: Any, enquiry: Enquiry, action: EnquiryAction, *, kind: EventKind, note: str, summary: str
) -> Enquiry:
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    with transaction.atomic():
        enquiry = locked(enquiry)
        before, after = move(enquiry, action)
        day = today()
        enquiry.closing_note = note
        enquiry.closed_on = day
        enquiry.save(update_fields=["state", "closing_note", "closed_on", "updated_at"])
        event_add(enquiry, kind, on=day, acting_user=acting_user, text=note)
        audit_record(
            acting_user=acting_user,
            action=f"enquiry.{action.value}",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"{summary}：{note}",
            before={"state": before},
            after={"state": after, "note": note},
        )
    return enquiry


def enquiry_withdraw(*, acting_user: Any, enquiry: Enquiry, note: str) -> Enquiry:
    """The asker withdrew the enquiry before the reply (recorded by the office with how and why)."""
    note = clean_text(note, field="note", label="撤回情况（书面、电话等）", limit=300)
    return _end(acting_user, enquiry, EnquiryAction.WITHDRAW, kind=EventKind.WITHDRAWN, note=note, summary="留言人撤回")


def enquiry_void(*, acting_user: Any, enquiry: Enquiry, reason: str) -> Enquiry:
    """Not an enquiry (empty, spam, test, a duplicate of the same message): voided, never counted."""
    reason = clean_text(reason, field="reason", label="作废理由（如空白、重复提交、测试或无关内容）", limit=300)
    return _end(acting_user, enquiry, EnquiryAction.VOID, kind=EventKind.VOIDED, note=reason, summary="作废")
