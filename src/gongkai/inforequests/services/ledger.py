"""The shared steps of every handling service: lock the application, check the date, append a clock
entry the pure core accepts, change the state through the transition table.

Services call these inside their own ``transaction.atomic()`` block, next to their audit event.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.inforequests.clock import ClockError, ClockEvent, ClockState, ConsultationParty, EventKind, compute
from gongkai.inforequests.clock import validate_append as clock_validate_append
from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.states import ApplicationAction, ApplicationState, TransitionError, transition
from gongkai.workcalendar.selectors import work_calendar


def locked(application: Application) -> Application:
    """The application re-read under a row lock: two staff acting at once are applied one after the other."""
    return Application.objects.select_for_update().select_related("agency").get(pk=application.pk)


def acting(acting_user: Any) -> Any:
    """The user to store on a row (``None`` for the system)."""
    return acting_user if getattr(acting_user, "pk", None) else None


def clock_state(application: Application, *, today: dt.date | None = None) -> ClockState | None:
    """The application's clock as of ``today``; ``None`` before receipt (pending confirmation)."""
    ledger = application.ledger
    if not ledger:
        return None
    return compute(ledger, work_calendar(), today=today or timezone.localdate())


def check_day(on: dt.date, application: Application, *, what: str) -> None:
    """A date staff enter: not in the future, not before the application was received."""
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationError({"on": f"请填写{what}。"})
    if on > timezone.localdate():
        raise ValidationError({"on": f"{what}不能晚于今天。"})
    if application.received_on and on < application.received_on:
        raise ValidationError({"on": f"{what}不能早于收到申请之日（{application.received_on:%Y-%m-%d}）。"})


def ledger_append(
    application: Application,
    *,
    acting_user: Any,
    kind: EventKind,
    on: dt.date,
    workdays: int | None = None,
    ref: str = "",
    party: ConsultationParty | None = None,
    note: str = "",
) -> ClockEntry:
    """Append one event after the pure core's ``validate_append`` accepts it (Chinese error otherwise)."""
    event = ClockEvent(kind=kind, on=on, workdays=workdays, ref=ref, party=party, note=note[:300])
    try:
        clock_validate_append(application.ledger, event, work_calendar())
    except ClockError as exc:
        raise ValidationError(str(exc)) from exc
    return ClockEntry.objects.create(
        application=application,
        kind=kind.value,
        on=on,
        workdays=workdays,
        ref=ref,
        party=party.value if party else "",
        note=note[:300],
        recorded_by=acting(acting_user),
    )


def move(application: Application, action: ApplicationAction) -> tuple[ApplicationState, ApplicationState]:
    """Set the state the transition table gives for ``action``; returns (before, after)."""
    before = application.application_state
    try:
        after = transition(before, action)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from exc
    application.state = after.value
    return before, after
