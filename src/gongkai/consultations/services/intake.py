"""Intake: the public form (网站留言, 局长信箱) and staff registration of calls, letters, visits, new-media
messages and cases assigned from above (上级交办).

An enquiry is received on the day it is submitted or, for registered ones, on the day staff enter
(the day the call, letter or assigned case came in). The handling deadline is fixed at receipt: the
assigner's own deadline when given, else the source's working days (``common.due_for``).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai import playback
from gongkai.agencies.models import Agency, Department
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.consultations.access import require
from gongkai.consultations.models import Category, Enquiry, EventKind, Source
from gongkai.consultations.services.common import (
    MAX_QUESTION,
    acting,
    check_assignee,
    check_day,
    clean_text,
    due_for,
    event_add,
    mail_assignment,
    save_new,
)
from gongkai.consultations.sources import SourceKind
from gongkai.consultations.states import INITIAL_STATE, EnquiryAction, transition
from gongkai.mail.services import mail_after_commit
from gongkai.playback import today
from gongkai.workdays.explain import chinese_date

SUBJECT_FROM_QUESTION = 30  # characters of the question used as the subject when none is given


def _subject(subject: str, question: str) -> str:
    subject = (subject or "").strip()
    if subject:
        if len(subject) > 100:  # noqa: PLR2004
            raise ValidationError({"subject": "标题不能超过100字。"})
        return subject
    first_line = question.strip().splitlines()[0].strip() if question.strip() else ""
    return first_line[:SUBJECT_FROM_QUESTION] + ("…" if len(first_line) > SUBJECT_FROM_QUESTION else "")


def check_source(agency: Agency, source: Source | None) -> Source:
    if source is None or source.agency_id != agency.pk or not source.is_active:
        raise ValidationError({"source": "请选择本机关启用中的咨询来源。"})
    return source


def check_category(agency: Agency, category: Category | None) -> None:
    if category is not None and (category.agency_id != agency.pk or not category.is_active):
        raise ValidationError({"category": "请选择本机关启用中的咨询分类。"})


def build_enquiry(
    *,
    agency: Agency,
    source: Source,
    question: str,
    subject: str,
    name: str,
    phone: str,
    email: str,
    address: str,
    publish_consent: bool,
    received_on: dt.date,
    submitted_at: dt.datetime,
    assigned_by: str = "",
    assigner_ref: str = "",
    assigner_deadline: dt.date | None = None,
    category: Category | None = None,
) -> Enquiry:
    """A new, unsaved enquiry in its initial state with its handling deadline, validated (``full_clean``)."""
    question = clean_text(question, field="question", label="咨询内容", limit=MAX_QUESTION)
    due_on, due_basis = due_for(source, received_on, assigner_deadline=assigner_deadline, assigned_by=assigned_by)
    enquiry = Enquiry(
        agency=agency,
        source=source,
        category=category,
        state=INITIAL_STATE.value,
        subject=_subject(subject, question),
        question=question,
        name=clean_text(name, field="name", label="姓名", limit=50, required=False),
        phone=clean_text(phone, field="phone", label="联系电话", limit=60, required=False),
        email=clean_text(email, field="email", label="电子邮箱", limit=254, required=False),
        address=clean_text(address, field="address", label="通信地址", limit=200, required=False),
        publish_consent=bool(publish_consent),
        assigned_by=assigned_by,
        assigner_ref=assigner_ref,
        assigner_deadline=assigner_deadline,
        received_on=received_on,
        submitted_at=submitted_at,
        due_on=due_on,
        due_basis=due_basis,
    )
    enquiry.full_clean(exclude=["tracking_code", "access_secret_hash"])
    return enquiry


def enquiry_submit_online(
    *,
    agency: Agency,
    source: Source,
    question: str,
    subject: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    publish_consent: bool = False,
    submitted_from: str = "",
    now: dt.datetime | None = None,
    status_url: str = "",
) -> tuple[Enquiry, str]:
    """A member of the public writes on the portal (a source of the public kind: 网站留言, 局长信箱).

    Name and contact are optional; ``publish_consent``: the asker agrees that the question and answer
    may be published (cleaned of personal data). ``submitted_from``: the keyed hash of the client IP
    (``consultations.ratelimit.client_hash``; check ``check_submission_allowed`` first). ``status_url``:
    the absolute address of the status page, put in the confirmation mail when an e-mail was given.
    Returns the enquiry and the status-page secret, shown once to the asker and never mailed.
    """
    now = now or playback.now()
    if not agency.is_active:
        raise ValidationError("该机构已停用，不能提交咨询。")
    source = check_source(agency, source)
    if source.kind != SourceKind.PUBLIC:
        raise ValidationError({"source": "该来源不接受公众在线提交。"})
    enquiry = build_enquiry(
        agency=agency,
        source=source,
        question=question,
        subject=subject,
        name=name,
        phone=phone,
        email=email,
        address="",
        publish_consent=publish_consent,
        received_on=timezone.localdate(now),
        submitted_at=now,
    )
    enquiry.submitted_from = submitted_from[:64]
    with transaction.atomic():
        secret = save_new(enquiry)
        event_add(enquiry, EventKind.RECEIVED, on=enquiry.received_on, acting_user=None, text=source.name)
        audit_record(
            acting_user=None,
            action="enquiry.submit",
            target=enquiry,
            agency=agency,
            summary=f"收到{source.name} {enquiry.tracking_code}",
            after={"source": source.pk, "due_on": enquiry.due_on, "publish_consent": enquiry.publish_consent},
        )
        mail_after_commit(
            to=enquiry.email,
            subject=f"您的咨询已提交（查询码 {enquiry.tracking_code}）",
            body=_submission_mail_body(enquiry, status_url),
        )
    return enquiry, secret


def _submission_mail_body(enquiry: Enquiry, status_url: str) -> str:
    """Tracking code, agency, when to expect a reply, where to look; no secret and no personal data."""
    lines = [
        "您好：",
        "",
        f"您通过{enquiry.source.name}向{enquiry.agency.name}提交的咨询“{enquiry.subject}”已收到。",
        f"查询码：{enquiry.tracking_code}",
        f"我们将在{chinese_date(enquiry.due_on)}前答复。",
    ]
    if status_url:
        lines += ["", f"查询办理进度和答复：{status_url}", "查询时请输入查询码和提交成功页面上显示的查询密码。"]
    lines += ["", "为保障安全，本邮件不包含查询密码。", "", "本邮件由系统自动发送，请勿直接回复。"]
    return "\n".join(lines)


def _assigned_fields(
    source: Source, assigned_by: str, assigner_ref: str, assigner_deadline: dt.date | None, received_on: dt.date
) -> tuple[str, str]:
    assigned_by = (assigned_by or "").strip()[:100]
    assigner_ref = (assigner_ref or "").strip()[:60]
    if source.kind != SourceKind.ASSIGNED:
        if assigned_by or assigner_ref or assigner_deadline:
            raise ValidationError({"assigned_by": "只有上级交办件才填写交办单位、交办编号和交办期限。"})
        return "", ""
    assigned_by = assigned_by or source.assigner_name
    if not assigned_by:
        raise ValidationError({"assigned_by": "请填写交办单位（如12345热线、市长信箱或上级部门名称）。"})
    if assigner_deadline is not None:
        if not isinstance(assigner_deadline, dt.date) or isinstance(assigner_deadline, dt.datetime):
            raise ValidationError({"assigner_deadline": "请填写交办期限（日期）。"})
        if assigner_deadline < received_on:
            raise ValidationError({"assigner_deadline": "交办期限不能早于受理日期。"})
    return assigned_by, assigner_ref


def _origin(enquiry: Enquiry) -> str:
    """E.g. 市长信箱交办（交办单位：市长信箱，交办编号：SZXX-2026-0031）."""
    if not enquiry.assigned_by:
        return enquiry.source.name
    parts = [f"交办单位：{enquiry.assigned_by}"]
    if enquiry.assigner_ref:
        parts.append(f"交办编号：{enquiry.assigner_ref}")
    return f"{enquiry.source.name}（{'，'.join(parts)}）"


def enquiry_register(
    *,
    acting_user: Any,
    agency: Agency,
    source: Source,
    received_on: dt.date,
    question: str,
    subject: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    publish_consent: bool = False,
    assigned_by: str = "",
    assigner_ref: str = "",
    assigner_deadline: dt.date | None = None,
    category: Category | None = None,
    handler: Any = None,
    department: Department | None = None,
) -> tuple[Enquiry, str]:
    """Staff register an enquiry that came by phone, letter, visit, new media or was assigned from above.

    For assigned sources: ``assigned_by`` (default: the source's default assigning body), the
    assigner's reference number, and its deadline, which then is the handling deadline. With a
    ``handler`` the enquiry is assigned at once. Returns the enquiry and the status-page secret (for
    staff to tell the asker, e.g. at the end of the call).
    """
    require(acting_user, Action.MANAGE_CONSULTATIONS, agency)
    source = check_source(agency, source)
    check_category(agency, category)
    check_day(received_on, None, what="受理日期", field="received_on")
    assigned_by, assigner_ref = _assigned_fields(source, assigned_by, assigner_ref, assigner_deadline, received_on)
    if handler is not None:
        check_assignee(agency, handler, department)
    elif department is not None:
        raise ValidationError({"handler": "指定承办内设机构时请同时指定承办人。"})
    enquiry = build_enquiry(
        agency=agency,
        source=source,
        question=question,
        subject=subject,
        name=name,
        phone=phone,
        email=email,
        address=address,
        publish_consent=publish_consent,
        received_on=received_on,
        submitted_at=dt.datetime.combine(received_on, dt.time(9), tzinfo=timezone.get_current_timezone()),
        assigned_by=assigned_by,
        assigner_ref=assigner_ref,
        assigner_deadline=assigner_deadline,
        category=category,
    )
    enquiry.created_by = acting(acting_user)
    if handler is not None:
        enquiry.handler = handler
        enquiry.department = department
        enquiry.state = transition(INITIAL_STATE, EnquiryAction.ASSIGN).value  # registered and assigned at once
    with transaction.atomic():
        secret = save_new(enquiry)
        event_add(enquiry, EventKind.RECEIVED, on=received_on, acting_user=acting_user, text=_origin(enquiry))
        if handler is not None:
            event_add(enquiry, EventKind.ASSIGNED, on=today(), acting_user=acting_user)
            mail_assignment(enquiry, handler, acting_user)
        audit_record(
            acting_user=acting_user,
            action="enquiry.register",
            target=enquiry,
            agency=agency,
            summary=f"登记{source.name} {enquiry.tracking_code}",
            after={
                "source": source.pk,
                "received_on": received_on,
                "due_on": enquiry.due_on,
                "assigned_by": assigned_by,
                "assigner_ref": assigner_ref,
                "assigner_deadline": assigner_deadline,
                "handler": handler.pk if handler is not None else None,
            },
        )
    return enquiry, secret
