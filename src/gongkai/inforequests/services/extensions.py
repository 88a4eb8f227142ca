"""Extension of the reply period (Art. 33 para. 2): requested by the handler, approved by the head of
the disclosure office (the approver role), at most once and by at most 20 working days."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle, require
from gongkai.inforequests.clock import MAX_EXTENSION_WORKDAYS, EventKind
from gongkai.inforequests.models import Application, ExtensionRequest
from gongkai.inforequests.services.ledger import check_day, clock_state, ledger_append, locked
from gongkai.inforequests.states import OPEN_STATES, ApplicationState


def extension_request(
    *, acting_user: Any, application: Application, workdays: int, reason: str, on: dt.date | None = None
) -> ExtensionRequest:
    """The handler asks for an extension on ``on`` (default today; recording an earlier written request
    is allowed), judged against the clock as it stood that day."""
    on = on or timezone.localdate()
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")
    if not isinstance(workdays, int) or not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise ValidationError(
            {"workdays": f"延长的期限最长不得超过{MAX_EXTENSION_WORKDAYS}个工作日（《条例》第三十三条第二款）。"}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": "请说明需要延长答复期限的正当理由。"})
    with transaction.atomic():
        application = locked(application)
        if ApplicationState(application.state) not in OPEN_STATES:
            raise ValidationError(f"申请当前状态为“{application.get_state_display()}”，不能申请延期。")
        check_day(on, application, what="提出延期申请日期")
        ledger = application.ledger
        if ledger and on < ledger[-1].on:
            raise ValidationError({"on": f"提出延期申请日期不能早于台账中最后一个事件（{ledger[-1].on:%Y-%m-%d}）。"})
        state = clock_state(application, today=on)
        if state is None or not state.extension_allowed:
            raise ValidationError("答复期限只能延长一次，且须在答复期限届满前批准（《条例》第三十三条第二款）。")
        if application.extension_requests.filter(approved__isnull=True).exists():
            raise ValidationError("已有一份延期申请等待审批。")
        request = ExtensionRequest.objects.create(
            application=application,
            workdays=workdays,
            reason=reason.strip(),
            requested_by=acting_user,
            requested_on=on,
        )
        audit_record(
            acting_user=acting_user,
            action="application.extension_request",
            target=application,
            agency=application.agency,
            summary=f"申请延长答复期限{workdays}个工作日",
            after={"workdays": workdays, "reason": request.reason, "requested_on": on},
        )
    return request


def extension_decide(
    *, acting_user: Any, request: ExtensionRequest, approve: bool, on: dt.date | None = None, comment: str = ""
) -> ExtensionRequest:
    """The approver grants (an ``extension_granted`` clock entry on ``on``) or declines the request."""
    application = request.application
    require(acting_user, Action.APPROVE_EXTENSION, application.agency)
    if acting_user is None or acting_user.pk == request.requested_by_id:
        raise PermissionDenied("延期申请须由公开工作机构负责人审批，不能由提出人自行批准。")
    on = on or timezone.localdate()
    with transaction.atomic():
        application = locked(application)
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if request.approved is not None:
            raise ValidationError("该延期申请已经审批。")
        if approve:
            if on > timezone.localdate():
                raise ValidationError({"on": "批准日期不能晚于今天。"})
            ledger_append(
                application,
                acting_user=acting_user,
                kind=EventKind.EXTENSION_GRANTED,
                on=on,
                workdays=request.workdays,
                note=request.reason,
            )
        request.approved = approve
        request.decided_by = acting_user
        request.decided_on = on
        request.decision_comment = (comment or "").strip()[:300]
        request.save(update_fields=["approved", "decided_by", "decided_on", "decision_comment"])
        state = clock_state(application, today=on)
        audit_record(
            acting_user=acting_user,
            action="application.extension_approve" if approve else "application.extension_decline",
            target=application,
            agency=application.agency,
            summary=(
                f"批准延长答复期限{request.workdays}个工作日，答复期限至{state.reply_due:%Y-%m-%d}"
                if approve and state and state.reply_due
                else f"不批准延期：{request.decision_comment or '无意见'}"
            ),
            after={"approved": approve, "workdays": request.workdays, "on": on},
        )
    return request
