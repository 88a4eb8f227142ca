"""Information-processing fees (Art. 42, 国办函〔2020〕109号): assessed only when staff record that the
volume or frequency is clearly unreasonable; one basis per application; the fee notice stops the
handling until payment; unpaid after 20 working days → deemed abandoned (daily job)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import require
from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.ledger import check_day, clock_state, ledger_append, locked, move
from gongkai.inforequests.states import ApplicationAction
from gongkai.rules.fees import FeeBasis, FeeComputation, fee_per_application, fee_per_volume


def ordinal_in_month(application: Application) -> int:
    """Which application of its applicant (same identity) to this agency this is in the calendar month
    it was received (国办函〔2020〕109号 第四条: counted per applicant and per agency).

    Applications not yet received, voided ones, those to other agencies and of other identities do not
    count.
    """
    if not application.identity_hash or application.received_on is None:
        return 1
    day = application.received_on
    same_month = Application.objects.filter(
        agency_id=application.agency_id,
        identity_hash=application.identity_hash,
        received_on__year=day.year,
        received_on__month=day.month,
    ).exclude(state="voided")
    earlier = same_month.filter(received_on__lt=day).count()
    same_day_before = same_month.filter(received_on=day, pk__lt=application.pk).count()
    return earlier + same_day_before + 1


def fee_compute(application: Application, *, basis: str, pages: int | None = None) -> FeeComputation:
    """The fee on ``basis`` (按件: from the applicant's count this month; 按量: from ``pages``)."""
    try:
        basis_enum = FeeBasis(basis)
    except ValueError:
        raise ValidationError({"basis": "请选择一种计费方式：按件计收或按量计收（不得同时适用两种标准）。"}) from None
    if basis_enum is FeeBasis.PER_APPLICATION:
        if pages:
            raise ValidationError({"pages": "按件计收不填写页数：同一申请不得同时按两种标准计算。"})
        return fee_per_application(ordinal_in_month(application))
    if not isinstance(pages, int) or pages < 1:
        raise ValidationError({"pages": "按量计收请填写页数（正整数）。"})
    return fee_per_volume(pages)


def fee_notice_send(
    *, acting_user: Any, application: Application, basis: str, reason: str, on: dt.date, pages: int | None = None
) -> Application:
    """Record the assessment and that the fee notice went out on ``on``: handling waits for payment."""
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "收费须说明申请数量或频次明显超过合理范围的具体情形（《条例》第四十二条）。"})
    computation = fee_compute(application, basis=basis, pages=pages)
    if computation.amount == 0:
        raise ValidationError(f"{computation.text}按该标准不收费，无需发出收费通知。")
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="发出收费通知日期")
        before, after = move(application, ApplicationAction.SEND_FEE_NOTICE)
        ledger_append(
            application, acting_user=acting_user, kind=EventKind.FEE_NOTICE_SENT, on=on, note=f"{computation.amount}元"
        )
        application.fee_basis = computation.basis.value
        application.fee_quantity = computation.quantity
        application.fee_amount = computation.amount
        application.fee_reason = reason
        application.fee_text = computation.text
        application.save(
            update_fields=["state", "fee_basis", "fee_quantity", "fee_amount", "fee_reason", "fee_text", "updated_at"]
        )
        audit_record(
            acting_user=acting_user,
            action="application.fee_notice",
            target=application,
            agency=application.agency,
            summary=f"发出收费通知：{computation.amount}元（{computation.basis.label}）",
            before={"state": before},
            after={"state": after, "amount": computation.amount, "basis": computation.basis, "reason": reason},
        )
    return application


def fee_notice_received(*, acting_user: Any, application: Application, on: dt.date) -> Application:
    """The applicant received the notice: the 20 working days for payment run from the next day."""
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="申请人收到收费通知日期")
        ledger_append(application, acting_user=acting_user, kind=EventKind.FEE_NOTICE_RECEIVED, on=on)
        state = clock_state(application, today=on)
        audit_record(
            acting_user=acting_user,
            action="application.fee_notice_received",
            target=application,
            agency=application.agency,
            summary=f"申请人于{on:%Y-%m-%d}收到收费通知，缴费期限至{state.payment_due:%Y-%m-%d}"
            if state and state.payment_due
            else f"申请人于{on:%Y-%m-%d}收到收费通知",
            after={"on": on},
        )
    return application


def fee_payment_record(*, acting_user: Any, application: Application, on: dt.date) -> Application:
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="缴费日期")
        before, after = move(application, ApplicationAction.RECORD_PAYMENT)
        ledger_append(
            application, acting_user=acting_user, kind=EventKind.FEE_PAID, on=on, note=f"{application.fee_amount}元"
        )
        application.save(update_fields=["state", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.fee_paid",
            target=application,
            agency=application.agency,
            summary=f"登记缴费{application.fee_amount}元（{on:%Y-%m-%d}）",
            before={"state": before},
            after={"state": after, "on": on},
        )
    return application
