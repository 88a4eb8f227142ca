"""Ends other than a reply on the merits: withdrawal by the applicant, voiding a non-application,
transfer to the responsible agency on the platform, and deemed abandonment (the daily job)."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle, require
from gongkai.inforequests.clock import AbandonmentReason, EventKind
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.intake import APPLICANT_FIELDS, _save_new
from gongkai.inforequests.services.ledger import acting, check_day, clock_state, ledger_append, locked, move
from gongkai.inforequests.states import ApplicationAction, ApplicationState
from gongkai.rules.outcomes import Outcome, spec

_ABANDONMENT_OUTCOME = {
    AbandonmentReason.OVERDUE_CORRECTION: Outcome.OVERDUE_CORRECTION,
    AbandonmentReason.FEE_NOT_PAID: Outcome.FEE_NOT_PAID,
}


def application_withdraw(*, acting_user: Any, application: Application, on: dt.date, note: str) -> Application:
    """The applicant withdrew the application (in writing or recorded by the office)."""
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "请注明申请人撤回申请的方式（书面、电话等）及情况。"})
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="撤回日期")
        before, after = move(application, ApplicationAction.WITHDRAW)
        fields = ["state", "closing_note", "closed_on", "updated_at"]
        if application.received_on is not None:  # a received application is counted: 其他处理
            ledger_append(application, acting_user=acting_user, kind=EventKind.WITHDRAWN, on=on, note=note)
            application.outcome = Outcome.WITHDRAWN.value
            application.decided_on = on
            fields += ["outcome", "decided_on"]
        application.closing_note = note[:300]
        application.closed_on = on
        application.save(update_fields=fields)
        audit_record(
            acting_user=acting_user,
            action="application.withdraw",
            target=application,
            agency=application.agency,
            summary=f"申请人撤回申请（{on:%Y-%m-%d}）",
            before={"state": before},
            after={"state": after, "on": on, "note": note},
        )
    return application


def application_void(*, acting_user: Any, application: Application, reason: str) -> Application:
    """An online submission that is not an application (empty, spam, test): voided before receipt.

    Voided submissions are never counted in the annual report; the audit keeps who did it and why.
    """
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "请说明作废的理由（如空白、重复提交的同一内容、测试或与信息公开无关的内容）。"}
        )
    with transaction.atomic():
        application = locked(application)
        before, after = move(application, ApplicationAction.VOID)
        application.closing_note = reason[:300]
        application.closed_on = timezone.localdate()
        application.save(update_fields=["state", "closing_note", "closed_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.void",
            target=application,
            agency=application.agency,
            summary=f"作废：{reason}",
            before={"state": before},
            after={"state": after, "reason": reason},
        )
    return application


def application_transfer(
    *, acting_user: Any, application: Application, to_agency: Agency, on: dt.date, reasons: str
) -> Application:
    """Not this agency's information, and the responsible agency is on the platform: reply naming it
    (Art. 36(5), 无法提供 · 不掌握) and open a new application there, pending its own confirmation of
    receipt. The applicant's status-page secret works for both; the history stays on the original."""
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": "请说明该信息不属于本机关负责公开的理由。"})
    if to_agency.pk == application.agency_id or not to_agency.is_active:
        raise ValidationError({"to_agency": "请选择本平台上另一个启用中的机关。"})
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="转交日期")
        before, after = move(application, ApplicationAction.TRANSFER)
        ledger_append(application, acting_user=acting_user, kind=EventKind.REPLIED, on=on, note=f"转交{to_agency.name}")
        copy = Application(agency=to_agency, channel=application.channel, created_by=acting(acting_user))
        for name in APPLICANT_FIELDS:
            setattr(copy, name, getattr(application, name))
        copy.identity_hash = application.identity_hash
        copy.submitted_at = timezone.now()
        copy.closing_note = f"由{application.agency.name}转来（原查询码 {application.tracking_code}）"
        _save_new(copy)
        Application.objects.filter(pk=copy.pk).update(access_secret_hash=application.access_secret_hash)
        application.outcome = Outcome.NOT_THIS_AGENCY.value
        application.decided_on = on
        application.reasons = reasons
        application.responsible_agency_name = to_agency.name
        application.transferred_to = copy
        application.save(
            update_fields=[
                "state",
                "outcome",
                "decided_on",
                "reasons",
                "responsible_agency_name",
                "transferred_to",
                "updated_at",
            ]
        )
        audit_record(
            acting_user=acting_user,
            action="application.transfer",
            target=application,
            agency=application.agency,
            summary=f"不属于本机关负责公开，告知并转交{to_agency.name}（新查询码 {copy.tracking_code}）",
            before={"state": before},
            after={"state": after, "to_agency": to_agency.pk, "new_application": copy.pk},
        )
        audit_record(
            acting_user=acting_user,
            action="application.transferred_in",
            target=copy,
            agency=to_agency,
            summary=f"收到{application.agency.name}转来的申请（原查询码 {application.tracking_code}），待确认收到",
            after={"from_application": application.pk, "state": copy.state},
        )
    return application


def application_abandon(*, application: Application, on: dt.date) -> Application | None:
    """The system closes an application whose correction or payment deadline passed (Art. 30;
    国办函〔2020〕109号). Returns ``None`` when there is nothing to do (idempotent)."""
    with transaction.atomic():
        application = locked(application)
        if ApplicationState(application.state) not in {
            ApplicationState.AWAITING_CORRECTION,
            ApplicationState.AWAITING_PAYMENT,
        }:
            return None
        state = clock_state(application, today=on)
        if state is None or state.abandonment_due is None or state.abandonment_due.on > on:
            return None
        outcome = _ABANDONMENT_OUTCOME[state.abandonment_due.reason]
        day = state.abandonment_due.on
        before, after = move(application, ApplicationAction.ABANDON)
        ledger_append(
            application, acting_user=None, kind=EventKind.ABANDONED, on=day, note=state.abandonment_due.reason.label
        )
        application.outcome = outcome.value
        application.decided_on = day
        application.closed_on = day
        application.save(update_fields=["state", "outcome", "decided_on", "closed_on", "updated_at"])
        audit_record(
            acting_user=None,
            action="application.abandon",
            target=application,
            agency=application.agency,
            summary=f"视为放弃申请：{spec(outcome).label}",
            before={"state": before},
            after={"state": after, "outcome": outcome, "on": day},
        )
    return application
