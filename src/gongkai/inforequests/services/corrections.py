"""Correction (补正, Art. 30): one consolidated notice within 7 working days of receipt; the applicant's
period is set in the notice; the reply period starts again when the correction arrives."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Membership
from gongkai.agencies.roles import Role
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import may_handle
from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.ledger import check_day, ledger_append, locked, move
from gongkai.inforequests.states import ApplicationAction, ApplicationState
from gongkai.mail.services import mail_after_commit

MAX_CORRECTION_WORKDAYS = 30
CORRECTION_TEXT_MAX = 5000  # a sensible ceiling for the period set in the notice (the law sets none)


def _require_handler(acting_user: Any, application: Application) -> None:
    if not may_handle(acting_user, application):
        raise PermissionDenied("您没有办理该申请的权限。")


def correction_request(
    *, acting_user: Any, application: Application, on: dt.date, workdays: int, what: str
) -> Application:
    """Send the one correction notice: ``what`` lists everything to supplement, ``workdays`` the period."""
    _require_handler(acting_user, application)
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": "请一次性写明需要补正的全部事项（《条例》第三十条）。"})
    if not isinstance(workdays, int) or not 1 <= workdays <= MAX_CORRECTION_WORKDAYS:
        raise ValidationError({"workdays": f"补正期限应为1至{MAX_CORRECTION_WORKDAYS}个工作日。"})
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="告知补正日期")
        before, after = move(application, ApplicationAction.REQUEST_CORRECTION)
        ledger_append(
            application,
            acting_user=acting_user,
            kind=EventKind.CORRECTION_REQUESTED,
            on=on,
            workdays=workdays,
            note=what,
        )
        application.save(update_fields=["state", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.correction_request",
            target=application,
            agency=application.agency,
            summary=f"告知补正，补正期限{workdays}个工作日",
            before={"state": before},
            after={"state": after, "on": on, "workdays": workdays, "what": what},
        )
    return application


def correction_receive(
    *, acting_user: Any, application: Application, on: dt.date, note: str = "", text: str = ""
) -> Application:
    """The corrected application arrived: the 20 working days start again from ``on`` (Art. 30).

    ``text``: what the applicant supplemented, when it came in writing the office transcribes.
    """
    _require_handler(acting_user, application)
    with transaction.atomic():
        application = locked(application)
        check_day(on, application, what="收到补正日期")
        before, after = move(application, ApplicationAction.RECEIVE_CORRECTION)
        ledger_append(application, acting_user=acting_user, kind=EventKind.CORRECTION_RECEIVED, on=on, note=note)
        if text.strip():
            application.correction_text = text.strip()[:CORRECTION_TEXT_MAX]
        application.save(update_fields=["state", "correction_text", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.correction_receive",
            target=application,
            agency=application.agency,
            summary=f"收到补正（{on:%Y-%m-%d}），答复期限重新计算",
            before={"state": before},
            after={"state": after, "on": on},
        )
    return application


def correction_submit_online(*, application: Application, text: str) -> Application:
    """The applicant supplements the application on the status page (the page proved the secret).

    The platform receives it the moment it is submitted, so that day is the day of receipt of the
    corrected application and the reply period starts again from it (Art. 30). The handler (or the
    office) is told by e-mail.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写补正的内容。"})
    if len(text) > CORRECTION_TEXT_MAX:
        raise ValidationError({"text": f"补正内容不能超过{CORRECTION_TEXT_MAX}字。"})
    today = timezone.localdate()
    with transaction.atomic():
        application = locked(application)
        if application.application_state is not ApplicationState.AWAITING_CORRECTION:
            raise ValidationError("该申请当前不需要补正。")
        before, after = move(application, ApplicationAction.RECEIVE_CORRECTION)
        ledger_append(
            application, acting_user=None, kind=EventKind.CORRECTION_RECEIVED, on=today, note="申请人在线提交补正"
        )
        application.correction_text = text
        application.save(update_fields=["state", "correction_text", "updated_at"])
        audit_record(
            acting_user=None,
            action="application.correction_online",
            target=application,
            agency=application.agency,
            summary=f"申请人在线提交补正（{today:%Y-%m-%d}），答复期限重新计算",
            before={"state": before},
            after={"state": after, "on": today},
        )
        recipients = [application.handler.email] if application.handler_id and application.handler.email else []
        if not recipients:
            recipients = list(
                Membership.objects.filter(agency=application.agency, role=Role.OFFICE, user__is_active=True)
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        mail_after_commit(
            to=recipients,
            subject=f"申请人已补正：政府信息公开申请 {application.tracking_code}",
            body=f"申请人已于{today:%Y年%m月%d日}在线提交补正，答复期限自该日起重新计算（《条例》第三十条）。",
        )
    return application
