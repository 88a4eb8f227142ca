"""The decision on an application (Arts. 33, 35–39) and its delivery (送达).

A decision is exactly one ``Outcome`` (``rules.outcomes``), which fixes the legal basis cited and the
one row of table 三 it is counted in. What the outcome requires (reasons, withheld grounds, where the
information is already public, the responsible agency) is checked here from the outcome's spec.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle
from gongkai.inforequests.choices import DeliveryMethod
from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.ledger import check_day, ledger_append, locked, move
from gongkai.inforequests.states import ApplicationAction
from gongkai.mail.services import mail_after_commit
from gongkai.rules.disclosure import GROUNDS_BY_CODE
from gongkai.rules.outcomes import Outcome, spec

# Grounds that may be cited for the withheld part of a partial disclosure (Arts. 14–16).
PARTIAL_GROUNDS = tuple(code for code, ground in GROUNDS_BY_CODE.items() if ground.report_row)


def staff_outcomes() -> list[Outcome]:
    """The outcomes staff choose; the deadline outcomes are the system's, withdrawal the applicant's,
    and 不属于本机关 with a transfer has its own service."""
    return [o for o in Outcome if not spec(o).decided_by_system and not spec(o).decided_by_applicant]


def _decision_errors(
    application: Application,
    outcome: Outcome,
    *,
    reasons: str,
    withheld_grounds: list[str],
    withheld_description: str,
    public_location: str,
) -> dict[str, str]:
    s = spec(outcome)
    errors: dict[str, str] = {}
    if s.requires_reasons and not reasons:
        errors["reasons"] = f"“{s.label}”须在答复中说明理由（{s.article}）。"
    if outcome is Outcome.PARTIALLY_GRANTED:
        if not withheld_description:
            errors["withheld_description"] = "部分公开须写明不予公开的部分（《条例》第三十七条）。"
        if not withheld_grounds:
            errors["withheld_grounds"] = "部分公开须注明不予公开部分的法定依据。"
        elif bad := [g for g in withheld_grounds if g not in PARTIAL_GROUNDS]:
            errors["withheld_grounds"] = f"未知的不予公开依据：{'、'.join(bad)}"
    elif (withheld_grounds or withheld_description) and s.withholding_ground is None:
        errors["withheld_grounds"] = "只有部分公开才填写不予公开的部分；不予公开的依据由所选结果确定。"
    if outcome is Outcome.GRANTED_ALREADY_PUBLIC and not public_location:
        errors["public_location"] = "已主动公开的，须告知获取该信息的方式和途径（《条例》第三十六条第（一）项）。"
    if outcome is Outcome.UNCLEAR_AFTER_CORRECTION and not any(
        e.kind == EventKind.CORRECTION_RECEIVED for e in application.ledger
    ):
        errors["outcome"] = "只有申请人补正后申请内容仍不明确的，才能作此答复；请先告知补正（《条例》第三十条）。"
    return errors


def application_decide(
    *,
    acting_user: Any,
    application: Application,
    outcome: str,
    decided_on: dt.date,
    reasons: str = "",
    withheld_grounds: list[str] | None = None,
    withheld_description: str = "",
    public_location: str = "",
    responsible_agency_name: str = "",
    responsible_agency_contact: str = "",
) -> Application:
    """Record the reply: one outcome with what its letter must state. Delivery closes the application."""
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    try:
        outcome_enum = Outcome(outcome)
    except ValueError:
        raise ValidationError({"outcome": "请选择处理结果。"}) from None
    if outcome_enum not in staff_outcomes():
        raise ValidationError({"outcome": f"“{spec(outcome_enum).label}”由系统或申请人的行为产生，不能直接选择。"})
    s = spec(outcome_enum)
    reasons = (reasons or "").strip()
    grounds = list(dict.fromkeys(withheld_grounds or []))
    if s.withholding_ground:
        grounds = [s.withholding_ground]
    elif outcome_enum is not Outcome.PARTIALLY_GRANTED:
        grounds = []  # only a refusal or a partial disclosure withholds anything
    fields = {
        "reasons": reasons,
        "withheld_grounds": grounds,
        "withheld_description": (withheld_description or "").strip(),
        "public_location": (public_location or "").strip()[:300],
        "responsible_agency_name": (responsible_agency_name or "").strip()[:100],
        "responsible_agency_contact": (responsible_agency_contact or "").strip()[:200],
    }
    with transaction.atomic():
        application = locked(application)
        errors = _decision_errors(
            application,
            outcome_enum,
            reasons=reasons,
            withheld_grounds=grounds if outcome_enum is Outcome.PARTIALLY_GRANTED else [],
            withheld_description=fields["withheld_description"],
            public_location=fields["public_location"],
        )
        if errors:
            raise ValidationError(errors)
        check_day(decided_on, application, what="答复日期")
        before, after = move(application, ApplicationAction.DECIDE)
        ledger_append(application, acting_user=acting_user, kind=EventKind.REPLIED, on=decided_on, note=s.label)
        for name, value in fields.items():
            setattr(application, name, value)
        application.outcome = outcome_enum.value
        application.decided_on = decided_on
        application.save(update_fields=["state", "outcome", "decided_on", *fields, "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.decide",
            target=application,
            agency=application.agency,
            summary=f"作出答复：{s.label}",
            before={"state": before},
            after={"state": after, "outcome": outcome_enum, "decided_on": decided_on, **fields},
        )
    return application


def application_deliver(
    *, acting_user: Any, application: Application, method: str, on: dt.date, ref: str = ""
) -> Application:
    """Record delivery of the reply (送达): post with its tracking number, e-mail, collected, online, or
    on the spot. The application closes."""
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    if method not in DeliveryMethod.values:
        raise ValidationError({"method": "请选择送达方式。"})
    ref = (ref or "").strip()
    if method == DeliveryMethod.POST and not ref:
        raise ValidationError({"ref": "邮寄送达请填写邮件单号（挂号信或特快专递）。"})
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="送达日期")
        if application.decided_on and on < application.decided_on:
            raise ValidationError({"on": f"送达日期不能早于答复日期（{application.decided_on:%Y-%m-%d}）。"})
        before, after = move(application, ApplicationAction.DELIVER)
        ledger_append(
            application,
            acting_user=acting_user,
            kind=EventKind.DELIVERED,
            on=on,
            note=f"{DeliveryMethod(method).label} {ref}".strip(),
        )
        application.delivery_method = method
        application.delivery_ref = ref[:100]
        application.delivered_on = on
        application.closed_on = on
        application.save(
            update_fields=["state", "delivery_method", "delivery_ref", "delivered_on", "closed_on", "updated_at"]
        )
        audit_record(
            acting_user=acting_user,
            action="application.deliver",
            target=application,
            agency=application.agency,
            summary=f"送达答复（{DeliveryMethod(method).label}，{on:%Y-%m-%d}）",
            before={"state": before},
            after={"state": after, "method": method, "ref": ref, "on": on},
        )
        mail_after_commit(
            to=application.email,
            subject=f"您的政府信息公开申请 {application.tracking_code} 已答复",
            body=(
                f"您向{application.agency.name}提出的政府信息公开申请（查询码 {application.tracking_code}）"
                f"已于{application.decided_on:%Y年%m月%d日}作出答复，并于{on:%Y年%m月%d日}以"
                f"{DeliveryMethod(method).label}方式送达。您可以凭查询码和查询密码在门户网站查看办理情况。"
            ),
        )
    return application
