"""The daily jobs of applications: deemed abandonment after a missed correction or payment deadline,
breaches of statutory deadlines (each recorded once), and reminder e-mails to handlers."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Membership
from gongkai.agencies.roles import Role
from gongkai.audit.services import audit_record
from gongkai.inforequests.clock import ClockError, ClockState, EventKind
from gongkai.inforequests.models import Application, ClockBreach, Reminder
from gongkai.inforequests.services.closing import application_abandon
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.states import OPEN_STATES, ApplicationState
from gongkai.mail.services import mail_after_commit
from gongkai.workcalendar.selectors import work_calendar

logger = logging.getLogger(__name__)
REMIND_WORKDAYS_BEFORE_REPLY_DUE = 3
REMIND_WORKDAYS_BEFORE_CORRECTION_NOTICE_DUE = 2
BREACH_LOOKBACK_DAYS = 90  # replies made late are found within this many days of the reply


def _open() -> QuerySet[Application]:
    return Application.objects.filter(state__in=[s.value for s in OPEN_STATES]).select_related("agency", "handler")


def applications_abandon_due(*, today: dt.date | None = None) -> int:
    """Close as deemed abandoned the applications whose correction or payment period has run out."""
    today = today or timezone.localdate()
    waiting = Application.objects.filter(
        state__in=[ApplicationState.AWAITING_CORRECTION.value, ApplicationState.AWAITING_PAYMENT.value]
    )
    closed = 0
    for application in waiting.iterator():
        try:
            closed += application_abandon(application=application, on=today) is not None
        except Exception:  # one broken ledger must not stop the others; it is logged for the operator
            logger.exception("abandonment failed for application %s", application.pk)
    return closed


def _state_on(application: Application, today: dt.date) -> ClockState | None:
    """The clock on ``today``; ``None`` before receipt or when the ledger already holds later events
    (``gongkai daily --date`` run for a past day)."""
    try:
        return clock_state(application, today=today)
    except ClockError:
        return None


def breach_record(application: Application, kind: str, due: dt.date, today: dt.date) -> bool:
    """Record one missed deadline on ``today`` unless already recorded; True when new."""
    if ClockBreach.objects.filter(application=application, kind=kind, due=due).exists():
        return False
    try:
        with transaction.atomic():
            breach = ClockBreach.objects.create(application=application, kind=kind, due=due, recorded_on=today)
            audit_record(
                acting_user=None,
                action="application.deadline_breach",
                target=application,
                agency=application.agency,
                summary=f"{breach.get_kind_display()}：{application.tracking_code}（期限{due:%Y-%m-%d}）",
                after={"kind": kind, "due": due},
            )
    except IntegrityError:  # recorded concurrently by another process
        return False
    return True


def application_breaches_record(*, today: dt.date | None = None) -> int:
    """Record each missed deadline once: open applications past due, and replies made late."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=BREACH_LOOKBACK_DAYS)
    candidates = Application.objects.filter(
        Q(state__in=[s.value for s in OPEN_STATES]) | Q(decided_on__gte=since)
    ).select_related("agency")
    recorded = 0
    for application in candidates.iterator():
        state = _state_on(application, today)
        if state is None:
            continue
        for breach in state.breaches:
            recorded += breach_record(application, breach.kind.value, breach.due, today)
    return recorded


def _recipients(application: Application) -> list[str]:
    if application.handler_id and application.handler.email:
        return [application.handler.email]
    office = Membership.objects.filter(agency=application.agency, role=Role.OFFICE, user__is_active=True)
    return sorted({m.user.email for m in office.select_related("user") if m.user.email})


def _remind(application: Application, kind: str, due: dt.date, today: dt.date, text: str) -> bool:
    if Reminder.objects.filter(application=application, kind=kind, due=due).exists():
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(
                application=application, kind=kind, due=due, sent_on=today, recipient=application.handler
            )
            mail_after_commit(
                to=_recipients(application),
                subject=f"期限提醒：政府信息公开申请 {application.tracking_code}",
                body=f"{application.agency.name}的政府信息公开申请 {application.tracking_code}：{text}",
            )
    except IntegrityError:
        return False
    return True


def _reminders_for(application: Application, state: ClockState, today: dt.date) -> list[tuple[str, dt.date, str]]:
    calendar = work_calendar()
    due_items = []
    if state.reply_due is not None and state.phase.value == "running":
        left = calendar.workdays_between(today, state.reply_due, warn=False) if today <= state.reply_due else -1
        if state.overdue:
            due_items.append(
                ("overdue", state.reply_due, f"已超过答复期限（{state.reply_due:%Y-%m-%d}），请尽快答复。")
            )
        elif left <= REMIND_WORKDAYS_BEFORE_REPLY_DUE:
            due_items.append(
                ("reply_due_soon", state.reply_due, f"答复期限为{state.reply_due:%Y-%m-%d}，还剩{left}个工作日。")
            )
    no_notice_yet = not any(e.kind == EventKind.CORRECTION_REQUESTED for e in application.ledger)
    if no_notice_yet and today <= state.correction_notice_due:
        left = calendar.workdays_between(today, state.correction_notice_due, warn=False)
        if left <= REMIND_WORKDAYS_BEFORE_CORRECTION_NOTICE_DUE:
            due_items.append(
                (
                    "correction_notice_due",
                    state.correction_notice_due,
                    f"如需申请人补正，须在{state.correction_notice_due:%Y-%m-%d}前一次性告知（《条例》第三十条）。",
                )
            )
    return due_items


def reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail the handler (or the office) once per deadline: reply due within 3 working days, overdue,
    and the last 2 working days to send a correction notice."""
    today = today or timezone.localdate()
    sent = 0
    for application in _open().iterator():
        state = _state_on(application, today)
        if state is None:
            continue
        for kind, due, text in _reminders_for(application, state, today):
            sent += _remind(application, kind, due, today, text)
    return sent
