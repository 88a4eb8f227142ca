"""Conversion between enquiries and applications for disclosure, both ways, keeping the history.

- An enquiry that is really a request for government information becomes an application
  (``enquiry_convert_to_application``): registered through the inforequests intake services with the
  Art. 31 channel staff choose (``sources.suggested_channel`` proposes one) and the applicant's identity
  data staff supply (an application needs it, an enquiry does not). The enquiry is closed as converted.
- An application that is really a consultation, petition, complaint or report
  (``application_convert_to_enquiry``) is handled as an enquiry. A pending (unconfirmed) submission is
  voided (``application_void``: it never was an application); a received one is answered under Art. 39
  para. 1 (``application_decide`` with ``Outcome.PETITION_COMPLAINT``: 不作为政府信息公开申请处理, pointing
  to the consultation channel), and its reply letter is then issued and delivered as usual.

Both records link to each other (``Enquiry.converted_to_application`` / ``converted_from_application``),
both get an audit event, and the asker keeps their status-page password for the new record.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.consultations.access import require
from gongkai.consultations.models import Category, Enquiry, EventKind, Source
from gongkai.consultations.services.common import (
    acting,
    check_day,
    clean_text,
    event_add,
    locked,
    move,
    save_new,
)
from gongkai.consultations.services.intake import build_enquiry, check_category, check_source
from gongkai.consultations.states import EnquiryAction
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.closing import application_void
from gongkai.inforequests.services.decisions import application_decide
from gongkai.inforequests.services.intake import (
    APPLICANT_FIELDS,
    application_confirm,
    application_register,
    application_submit_online,
)
from gongkai.inforequests.states import ApplicationState
from gongkai.mail.services import mail_after_commit
from gongkai.playback import today
from gongkai.rules.outcomes import ApplicantType, Outcome
from gongkai.rules.receipt import Channel

SUBJECT_FROM_DESCRIPTION = 30


def applicant_defaults(enquiry: Enquiry) -> dict[str, str]:
    """What the enquiry already says about the applicant and the request (staff complete the rest:
    applicant type, identity document, form and way of delivery)."""
    return {
        "name": enquiry.name,
        "phone": enquiry.phone,
        "email": enquiry.email,
        "address": enquiry.address,
        "description": enquiry.question,
    }


def enquiry_convert_to_application(
    *,
    acting_user: Any,
    enquiry: Enquiry,
    channel: str,
    reason: str,
    applicant: dict[str, Any] | None = None,
    submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> tuple[Enquiry, Application]:
    """The enquiry is really an application for disclosure: register it as one and close the enquiry.

    ``channel``: a ``rules.receipt.Channel`` value; ``applicant``: the application's applicant fields
    (``inforequests.services.intake.APPLICANT_FIELDS``) over ``applicant_defaults(enquiry)``; an
    application needs the applicant type, identity document, form and way of delivery, which staff
    obtain from the asker. ``submitted_on`` defaults to the enquiry's day of receipt. The day the
    application is received follows Art. 31 for the channel (``signed_on`` / ``confirmed_on`` as in
    ``application_register``): the online channel goes through ``application_submit_online`` and stays
    pending until the office confirms with the applicant (at once when ``confirmed_on`` is given).
    Nothing is written when the application is refused (missing identity data, say).
    """
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    require(acting_user, Action.MANAGE_APPLICATIONS, enquiry.agency)
    reason = clean_text(reason, field="reason", label="转为申请的理由", limit=300)
    try:
        channel_enum = Channel(channel)
    except ValueError:
        raise ValidationError({"channel": "请选择申请方式。"}) from None
    fields = {k: v for k, v in applicant_defaults(enquiry).items() if v} | dict(applicant or {})
    if unknown := sorted(set(fields) - set(APPLICANT_FIELDS)):
        raise ValidationError(f"不能直接填写这些字段：{'、'.join(unknown)}")
    if fields.get("applicant_type") not in ApplicantType.__members__.values():
        raise ValidationError({"applicant_type": "请选择申请人类型（转为申请须补充申请人的身份信息）。"})
    with transaction.atomic():
        enquiry = locked(enquiry)
        before, after = move(enquiry, EnquiryAction.CONVERT)
        if channel_enum is Channel.ONLINE:
            application, _ = application_submit_online(agency=enquiry.agency, **fields)
            if confirmed_on is not None:
                application = application_confirm(
                    acting_user=acting_user, application=application, confirmed_on=confirmed_on
                )
        else:
            application, _ = application_register(
                acting_user=acting_user,
                agency=enquiry.agency,
                channel=channel_enum.value,
                submitted_on=submitted_on or enquiry.received_on,
                signed_on=signed_on,
                confirmed_on=confirmed_on,
                **fields,
            )
        # The asker keeps the password of the enquiry for the application's status page.
        Application.objects.filter(pk=application.pk).update(access_secret_hash=enquiry.access_secret_hash)
        application.access_secret_hash = enquiry.access_secret_hash
        day = today()
        enquiry.converted_to_application = application
        enquiry.closed_on = day
        enquiry.closing_note = reason
        enquiry.save(update_fields=["state", "converted_to_application", "closed_on", "closing_note", "updated_at"])
        event_add(
            enquiry,
            EventKind.CONVERTED,
            on=day,
            acting_user=acting_user,
            text=f"转为政府信息公开申请办理（申请查询码 {application.tracking_code}）",
        )
        audit_record(
            acting_user=acting_user,
            action="enquiry.convert_to_application",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"转为政府信息公开申请 {application.tracking_code}：{reason}",
            before={"state": before},
            after={"state": after, "application": application.pk, "channel": channel_enum.value, "reason": reason},
        )
        audit_record(
            acting_user=acting_user,
            action="application.converted_from_enquiry",
            target=application,
            agency=enquiry.agency,
            summary=f"由咨询 {enquiry.tracking_code} 转为政府信息公开申请",
            after={"enquiry": enquiry.pk, "state": application.state, "received_on": application.received_on},
        )
        mail_after_commit(
            to=application.email,
            subject=f"您的咨询已转为政府信息公开申请（申请查询码 {application.tracking_code}）",
            body=(
                f"您向{enquiry.agency.name}提出的咨询“{enquiry.subject}”（查询码 {enquiry.tracking_code}）"
                f"经审查属于政府信息公开申请，已转为政府信息公开申请办理。\n"
                f"申请查询码：{application.tracking_code}（查询密码与原咨询相同）。\n\n"
                "本邮件由系统自动发送，请勿直接回复。"
            ),
        )
    return enquiry, application


def art39_reasons(source: Source, enquiry_code: str, reason: str) -> str:
    """The reply's reasons under Art. 39 para. 1, pointing to the consultation channel."""
    text = (
        "经审查，您提出的申请内容属于信访、投诉、举报或咨询等事项，不属于政府信息公开申请。"
        "根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理。"
        f"您反映的事项已转由本机关“{source.name}”渠道办理（咨询查询码 {enquiry_code}，"
        "可使用原查询密码在门户网站查询办理进度）。"
    )
    return text + (f"具体说明：{reason}" if reason else "")


def application_convert_to_enquiry(
    *,
    acting_user: Any,
    application: Application,
    source: Source,
    reason: str,
    on: dt.date | None = None,
    subject: str = "",
    category: Category | None = None,
) -> Enquiry:
    """The application is really a consultation or a petition (Art. 39): handle it as an enquiry.

    Only before any decision: a pending submission is voided; one in handling is answered with
    ``Outcome.PETITION_COMPLAINT`` (Art. 39 para. 1) on ``on`` (today by default), the reasons pointing to
    the new enquiry. The enquiry is received on ``on``, from ``source`` (its handling deadline runs
    from then). Returns the new enquiry.
    """
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    require(acting_user, Action.MANAGE_CONSULTATIONS, application.agency)
    source = check_source(application.agency, source)
    check_category(application.agency, category)
    reason = clean_text(reason, field="reason", label="转为咨询的理由", limit=300)
    on = check_day(on or today(), None, what="转为咨询的日期")
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
        state = application.application_state
        if state not in {ApplicationState.PENDING, ApplicationState.HANDLING}:
            raise ValidationError(
                f"申请当前状态为“{state.label}”：只有待确认收到或办理中、尚未答复的申请才能转为咨询办理。"
            )
        question = application.description
        if application.document_hint:
            question += f"\n（信息名称、文号或其他特征：{application.document_hint}）"
        enquiry = build_enquiry(
            agency=application.agency,
            source=source,
            question=question,
            subject=subject or _subject_from(application.description),
            name=_asker_name(application),
            phone=application.phone,
            email=application.email,
            address=application.address,
            publish_consent=False,
            received_on=on,
            submitted_at=application.submitted_at,
            category=category,
        )
        enquiry.converted_from_application = application
        enquiry.created_by = acting(acting_user)
        save_new(enquiry, secret_hash_value=application.access_secret_hash)
        if state is ApplicationState.PENDING:
            application = application_void(
                acting_user=acting_user,
                application=application,
                reason=f"转为咨询办理（{enquiry.tracking_code}）：{reason}",
            )
        else:
            application = application_decide(
                acting_user=acting_user,
                application=application,
                outcome=Outcome.PETITION_COMPLAINT.value,
                decided_on=on,
                reasons=art39_reasons(source, enquiry.tracking_code, reason),
            )
        event_add(
            enquiry,
            EventKind.RECEIVED,
            on=on,
            acting_user=acting_user,
            text=f"由政府信息公开申请 {application.tracking_code} 转来（{source.name}）",
        )
        audit_record(
            acting_user=acting_user,
            action="application.convert_to_enquiry",
            target=application,
            agency=application.agency,
            summary=f"转为咨询 {enquiry.tracking_code} 办理："
            + ("作废（不属于政府信息公开申请）" if state is ApplicationState.PENDING else "按条例第三十九条第一款答复"),
            before={"state": state},
            after={"state": application.state, "enquiry": enquiry.pk, "reason": reason, "outcome": application.outcome},
        )
        audit_record(
            acting_user=acting_user,
            action="enquiry.converted_from_application",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"由政府信息公开申请 {application.tracking_code} 转为咨询（{source.name}）",
            after={"application": application.pk, "source": source.pk, "due_on": enquiry.due_on},
        )
        mail_after_commit(
            to=enquiry.email,
            subject=f"您的申请已转为咨询办理（咨询查询码 {enquiry.tracking_code}）",
            body=(
                f"您向{application.agency.name}提出的政府信息公开申请（查询码 {application.tracking_code}）"
                "经审查不属于政府信息公开申请，已转为咨询办理。\n"
                f"咨询查询码：{enquiry.tracking_code}（查询密码与原申请相同）。\n\n"
                "本邮件由系统自动发送，请勿直接回复。"
            ),
        )
    return enquiry


def _asker_name(application: Application) -> str:
    """The person to address: an organisation's contact person when given, else the applicant's name."""
    if application.is_organisation and application.contact_person:
        return application.contact_person
    return application.name


def _subject_from(description: str) -> str:
    first_line = description.strip().splitlines()[0].strip() if description.strip() else "转来的申请"
    return first_line[:SUBJECT_FROM_DESCRIPTION] + ("…" if len(first_line) > SUBJECT_FROM_DESCRIPTION else "")
