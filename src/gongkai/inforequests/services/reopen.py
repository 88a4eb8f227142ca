"""Handling an application again after a review decision or a judgment corrected the reply (结果纠正:
撤销并责令重新答复, 责令履行, 判决重新作出 …).

The original application keeps its ledger, its decision and its place in table 三 of its year: the clock
ledger refuses events after a reply, and the history must stay as it was. Instead a new application is
opened — the applicant's data and request copied, received on the day the decision requiring it was
received, handled in full like any other — and linked to the original (``reopened_from``). The
applicant's status-page secret works for both.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import can
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import require
from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.services.intake import APPLICANT_FIELDS, _save_new
from gongkai.inforequests.services.ledger import acting, locked
from gongkai.inforequests.states import INITIAL_STATE_BY_ACTION, OPEN_STATES, ApplicationAction, ApplicationState

# The states of an answered application: a review body or a court can only correct a reply once made.
REOPENABLE_STATES = frozenset({ApplicationState.REPLIED, ApplicationState.CLOSED, ApplicationState.ABANDONED})
REOPEN_NOTE = "行政复议/诉讼决定纠正后重新处理（原查询码 {code}）"


def open_reopening(application: Application) -> Application | None:
    """A new application opened from ``application`` that is still being handled, if any."""
    states = [s.value for s in (ApplicationState.PENDING, *OPEN_STATES)]
    return application.reopenings.filter(state__in=states).order_by("pk").first()


def application_reopen(*, acting_user: Any, application: Application, reason: str, on: dt.date) -> Application:
    """Open a new application to handle ``application`` again; returns the new application.

    ``on``: the day the decision or judgment requiring the new reply was received (the new reply period
    runs from it). ``reason``: what the decision requires, kept on the new application and in the audit.
    """
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请说明重新处理的依据（如行政复议决定书或判决书的文号及要求）。"})
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationError({"on": "请填写收到决定书或裁判文书的日期。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "收到决定书或裁判文书的日期不能晚于今天。"})
    with transaction.atomic():
        original = locked(application)
        if original.application_state not in REOPENABLE_STATES:
            raise ValidationError(
                f"申请当前状态为“{original.application_state.label}”，只有已答复、已办结或视为放弃的申请才能重新处理。"
            )
        if original.decided_on and on < original.decided_on:
            raise ValidationError({"on": f"收到日期不能早于原答复日期（{original.decided_on:%Y-%m-%d}）。"})
        existing = open_reopening(original)
        if existing is not None:
            raise ValidationError(f"该申请已在重新处理中（新查询码 {existing.tracking_code}）。")
        note = REOPEN_NOTE.format(code=original.tracking_code)
        copy = Application(
            agency=original.agency,
            channel=original.channel,
            department=original.department,
            created_by=acting(acting_user),
            reopened_from=original,
            identity_hash=original.identity_hash,
            submitted_at=dt.datetime.combine(on, dt.time(9), tzinfo=timezone.get_current_timezone()),
            state=INITIAL_STATE_BY_ACTION[ApplicationAction.REGISTER].value,
            received_on=on,
            receipt_rule=f"{note}：以收到决定书或裁判文书之日为收到申请之日"[:200],
            closing_note=f"{note}：{reason}"[:300],
        )
        for name in APPLICANT_FIELDS:
            setattr(copy, name, getattr(original, name))
        if original.handler_id and can(original.handler, Action.HANDLE_APPLICATIONS, original.agency):
            copy.handler = original.handler
        _save_new(copy)
        Application.objects.filter(pk=copy.pk).update(access_secret_hash=original.access_secret_hash)
        ClockEntry.objects.create(
            application=copy, kind=EventKind.RECEIVED, on=on, note=note, recorded_by=acting(acting_user)
        )
        audit_record(
            acting_user=acting_user,
            action="application.reopen",
            target=original,
            agency=original.agency,
            summary=f"根据行政复议决定或裁判重新处理，新查询码 {copy.tracking_code}（本申请记录不变）",
            after={"new_application": copy.pk, "on": on, "reason": reason},
        )
        audit_record(
            acting_user=acting_user,
            action="application.reopened",
            target=copy,
            agency=copy.agency,
            summary=f"重新处理原申请 {original.tracking_code}，收到日期 {on:%Y-%m-%d}",
            after={"reopened_from": original.pk, "state": copy.state, "received_on": on, "reason": reason},
        )
    return copy
