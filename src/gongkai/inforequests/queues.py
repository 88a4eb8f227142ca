"""Back-office work queues of applications: what each staff member has to do next.

Every queue starts from ``access.applications_visible(user)`` (the extension approvals from the agencies
where the user approves extensions). Queues that depend on the reply clock compute it from the prefetched
ledger with one ``work_calendar()``, so a page of queues costs a fixed number of queries.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.access import agencies_where
from gongkai.agencies.roles import Action
from gongkai.inforequests.access import applications_visible
from gongkai.inforequests.clock import REPLY_WORKDAYS, ClockError, ClockState, compute, explain
from gongkai.inforequests.models import Application, ExtensionRequest
from gongkai.inforequests.states import OPEN_STATES, ApplicationState
from gongkai.workcalendar.selectors import work_calendar
from gongkai.workdays import WorkCalendar
from gongkai.workdays.explain import chinese_date, weekday_name

DUE_SOON_WORKDAYS = 3  # "due soon": at most this many working days left (as the reminder e-mails)
_OPEN = [s.value for s in OPEN_STATES]


@dataclass(frozen=True)
class ClockedApplication:
    """An application with its reply clock as of today (``None`` before receipt or on a broken ledger)."""

    application: Application
    clock: ClockState | None

    @property
    def reply_due(self) -> dt.date | None:
        return self.clock.reply_due if self.clock is not None else None

    @property
    def explanation(self) -> str:
        """The full explanation of the due date (the same text as the application page)."""
        return explain(self.clock) if self.clock is not None else ""

    @property
    def one_line(self) -> str:
        """The due date in one line: its basis and how much time is left."""
        return one_line(self.clock) if self.clock is not None else ""


def one_line(state: ClockState) -> str:
    """E.g. 自2026年3月2日收到申请起20个工作日，截止2026年3月30日（周一）；还剩2个工作日。"""
    if state.reply_due is None:
        return f"等待补正，答复期限暂停计算；收到补正后重新计算{REPLY_WORKDAYS}个工作日。"
    origin = "收到补正" if state.start != state.received else "收到申请"
    total = REPLY_WORKDAYS + state.excluded_workdays + state.extension_workdays
    parts = []
    if state.excluded_workdays:
        parts.append(f"不计算{state.excluded_workdays}个")
    if state.extension_workdays:
        parts.append(f"延长{state.extension_workdays}个")
    detail = f"（{REPLY_WORKDAYS}个，{'，'.join(parts)}）" if parts else ""
    text = (
        f"自{chinese_date(state.start)}{origin}起{total}个工作日{detail}，"
        f"截止{chinese_date(state.reply_due)}（{weekday_name(state.reply_due)}）"
    )
    if state.days_left is None:
        status = "已超过答复期限" if state.overdue else ""
    elif state.days_left < 0:
        status = f"已超期{-state.days_left}个工作日"
    elif state.days_left == 0:
        status = "今天是最后一天"
    else:
        status = f"还剩{state.days_left}个工作日"
    return text + (f"；{status}" if status else "") + "。"


def clocked(
    applications: Iterable[Application], *, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> list[ClockedApplication]:
    """Each application with its clock; pass applications with ``clock_entries`` prefetched."""
    today = today or timezone.localdate()
    calendar = calendar or work_calendar()
    result = []
    for application in applications:
        ledger = application.ledger
        state = None
        if ledger:
            try:
                state = compute(ledger, calendar, today=today)
            except ClockError:  # a ledger the core refuses: shown without a due date, never hidden
                state = None
        result.append(ClockedApplication(application, state))
    return result


def _base(user) -> QuerySet[Application]:
    return applications_visible(user).select_related("agency", "handler")


def pending_confirmation(user) -> QuerySet[Application]:
    """Online, fax, e-mail and ordinary-post submissions (and registered post not yet signed for) whose
    receipt is still to be confirmed: their clock has not started (Art. 31)."""
    return _base(user).filter(state=ApplicationState.PENDING.value).order_by("submitted_at", "id")


def awaiting_correction(user) -> QuerySet[Application]:
    return _base(user).filter(state=ApplicationState.AWAITING_CORRECTION.value).order_by("updated_at", "id")


def awaiting_payment(user) -> QuerySet[Application]:
    return _base(user).filter(state=ApplicationState.AWAITING_PAYMENT.value).order_by("updated_at", "id")


def assigned_to_me(user) -> QuerySet[Application]:
    """Open applications (and replies still to deliver) whose handler is ``user``."""
    states = [*_OPEN, ApplicationState.REPLIED.value]
    return _base(user).filter(handler_id=user.pk, state__in=states).order_by("received_on", "id")


def awaiting_delivery(user) -> QuerySet[Application]:
    """Replied, the reply not yet delivered (送达)."""
    return _base(user).filter(state=ApplicationState.REPLIED.value).order_by("decided_on", "id")


def extension_requests_to_decide(user) -> QuerySet[ExtensionRequest]:
    """Extension requests awaiting approval at the agencies where ``user`` approves extensions (Art. 33),
    never the user's own requests."""
    agencies = agencies_where(user, Action.APPROVE_EXTENSION)
    return (
        ExtensionRequest.objects.filter(
            approved__isnull=True, application__agency__in=agencies, application__state__in=_OPEN
        )
        .exclude(requested_by_id=user.pk)
        .select_related("application", "application__agency", "requested_by")
        .order_by("requested_on", "id")
    )


@dataclass(frozen=True)
class DueQueues:
    due_soon: list[ClockedApplication] = field(default_factory=list)
    overdue: list[ClockedApplication] = field(default_factory=list)


def due_and_overdue(user, *, today: dt.date | None = None) -> DueQueues:
    """Open applications past their reply due date, and those with at most three working days left,
    each sorted by due date, with its clock (for the due date and its explanation)."""
    today = today or timezone.localdate()
    open_ones = _base(user).filter(state__in=_OPEN).prefetch_related("clock_entries")
    queues = DueQueues()
    for item in clocked(open_ones, today=today):
        clock = item.clock
        if clock is None or clock.reply_due is None:
            continue
        if clock.overdue:
            queues.overdue.append(item)
        elif clock.days_left is not None and clock.days_left <= DUE_SOON_WORKDAYS:
            queues.due_soon.append(item)
    queues.due_soon.sort(key=lambda c: (c.reply_due, c.application.pk))
    queues.overdue.sort(key=lambda c: (c.reply_due, c.application.pk))
    return queues


@dataclass(frozen=True)
class ApplicationQueues:
    """All queues of one user at once (the dashboard and the list page's tabs)."""

    overdue: list[ClockedApplication]
    due_soon: list[ClockedApplication]
    pending: list[Application]
    correction: list[Application]
    payment: list[Application]
    mine: list[Application]
    delivery: list[Application]
    extensions: list[ExtensionRequest]

    @property
    def total(self) -> int:
        return sum(
            len(q)
            for q in (
                self.overdue,
                self.due_soon,
                self.pending,
                self.correction,
                self.payment,
                self.mine,
                self.delivery,
                self.extensions,
            )
        )


def application_queues(user, *, today: dt.date | None = None, limit: int = 200) -> ApplicationQueues:
    due = due_and_overdue(user, today=today)
    return ApplicationQueues(
        overdue=due.overdue[:limit],
        due_soon=due.due_soon[:limit],
        pending=list(pending_confirmation(user)[:limit]),
        correction=list(awaiting_correction(user)[:limit]),
        payment=list(awaiting_payment(user)[:limit]),
        mine=list(assigned_to_me(user)[:limit]),
        delivery=list(awaiting_delivery(user)[:limit]),
        extensions=list(extension_requests_to_decide(user)[:limit]),
    )
