"""Written consultation of a third party (Art. 32) or of another agency (Art. 34); the time until the
answer (at most 15 working days) is not counted in the reply period (Art. 33)."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle
from gongkai.inforequests.choices import ConsultationOpinion
from gongkai.inforequests.clock import ConsultationParty, EventKind
from gongkai.inforequests.models import Application, Consultation
from gongkai.inforequests.services.ledger import acting, check_day, ledger_append, locked
from gongkai.inforequests.states import OPEN_STATES, ApplicationState


def consultation_send(
    *,
    acting_user: Any,
    application: Application,
    party: str,
    addressee: str,
    subject: str,
    sent_on: dt.date,
    addressee_address: str = "",
) -> Consultation:
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    try:
        party_enum = ConsultationParty(party)
    except ValueError:
        raise ValidationError({"party": "请选择征求意见的对象：第三方或其他行政机关。"}) from None
    errors = {}
    if not (addressee or "").strip():
        errors["addressee"] = "请填写征求意见对象的名称。"
    if not (subject or "").strip():
        errors["subject"] = "请写明征求意见的事项（拟公开的信息及其可能涉及的权益）。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application = locked(application)
        if ApplicationState(application.state) != ApplicationState.HANDLING:
            raise ValidationError(f"申请当前状态为“{application.get_state_display()}”，不能发出征求意见。")
        check_day(sent_on, application, what="发出征求意见日期")
        ref = f"Z{application.consultations.count() + 1}"
        ledger_append(
            application,
            acting_user=acting_user,
            kind=EventKind.CONSULTATION_SENT,
            on=sent_on,
            ref=ref,
            party=party_enum,
            note=addressee.strip(),
        )
        consultation = Consultation.objects.create(
            application=application,
            ref=ref,
            party=party_enum.value,
            addressee=addressee.strip(),
            addressee_address=(addressee_address or "").strip(),
            subject=subject.strip(),
            sent_on=sent_on,
            created_by=acting(acting_user),
        )
        audit_record(
            acting_user=acting_user,
            action="application.consultation_send",
            target=application,
            agency=application.agency,
            summary=f"向{party_enum.label}“{consultation.addressee}”征求意见（{ref}）",
            after={"ref": ref, "party": party_enum, "sent_on": sent_on},
        )
    return consultation


def consultation_answer(
    *, acting_user: Any, consultation: Consultation, answered_on: dt.date, opinion: str, summary: str = ""
) -> Consultation:
    """Record the answer (or, after the 15 working days, that none came: ``no_reply``)."""
    application = consultation.application
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    if opinion not in ConsultationOpinion.values:
        raise ValidationError({"opinion": "请选择意见：同意公开、不同意公开或逾期未提出意见。"})
    with transaction.atomic():
        application = locked(application)
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.answered_on is not None:
            raise ValidationError(f"该征求意见已于{consultation.answered_on:%Y-%m-%d}登记意见。")
        if ApplicationState(application.state) not in OPEN_STATES:
            raise ValidationError(f"申请当前状态为“{application.get_state_display()}”，不能登记意见。")
        check_day(answered_on, application, what="收到意见日期")
        ledger_append(
            application,
            acting_user=acting_user,
            kind=EventKind.CONSULTATION_ANSWERED,
            on=answered_on,
            ref=consultation.ref,
            note=ConsultationOpinion(opinion).label,
        )
        consultation.answered_on = answered_on
        consultation.opinion = opinion
        consultation.opinion_summary = (summary or "").strip()
        consultation.save(update_fields=["answered_on", "opinion", "opinion_summary"])
        audit_record(
            acting_user=acting_user,
            action="application.consultation_answer",
            target=application,
            agency=application.agency,
            summary=f"征求意见{consultation.ref}：{ConsultationOpinion(opinion).label}",
            after={"ref": consultation.ref, "answered_on": answered_on, "opinion": opinion},
        )
    return consultation
