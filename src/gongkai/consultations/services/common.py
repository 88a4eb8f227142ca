"""The shared steps of the enquiry services: lock the row, check a date, compute the handling deadline,
move the state through the transition table, append a history step, find who to notify.

Services call these inside their own ``transaction.atomic()`` block, next to their audit event.
"""

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.access import can
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import GRANTS, Action
from gongkai.consultations.models import ConsultationSettings, Enquiry, EnquiryEvent, EventKind, Source
from gongkai.consultations.states import EnquiryAction, EnquiryState, TransitionError, transition

# The same keyed hash as applications': a converted case keeps the asker's status-page password.
from gongkai.inforequests.services.intake import secret_hash
from gongkai.mail.services import mail_after_commit
from gongkai.playback import today  # the one seam for "now" (``played_at`` replays recorded history)
from gongkai.workcalendar.selectors import work_calendar
from gongkai.workdays.explain import chinese_date

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out on the phone without mistakes
CODE_PREFIX = "ZX"  # 咨询: tells an enquiry's code from an application's (``2026-XXXXXXXX``)
MAX_QUESTION = 5000
MAX_REPLY = 10000


def tracking_code(year: int) -> str:
    return f"{CODE_PREFIX}{year}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def save_new(enquiry: Enquiry, *, secret_hash_value: str | None = None) -> str:
    """Give the enquiry its tracking code and status-page secret, save it; returns the secret ("" when
    ``secret_hash_value`` is given: the asker keeps the password of the record it was converted from)."""
    secret = ""
    if secret_hash_value is None:
        secret = secrets.token_urlsafe(9)
        secret_hash_value = secret_hash(secret)
    enquiry.access_secret_hash = secret_hash_value
    for _ in range(5):
        enquiry.tracking_code = tracking_code(enquiry.received_on.year)
        try:
            with transaction.atomic():
                enquiry.save()
        except IntegrityError:  # the same random code drawn twice: draw again
            continue
        return secret
    raise IntegrityError("查询码生成失败，请重试")


def acting(acting_user: Any) -> Any:
    """The user to store on a row (``None`` for the system)."""
    return acting_user if getattr(acting_user, "pk", None) else None


def locked(enquiry: Enquiry) -> Enquiry:
    """The enquiry re-read under a row lock: two staff acting at once are applied one after the other."""
    return Enquiry.objects.select_for_update().select_related("agency", "source").get(pk=enquiry.pk)


def settings_for(agency: Agency) -> ConsultationSettings:
    """The agency's settings (defaults, unsaved, when the agency has not been set up)."""
    return ConsultationSettings.objects.filter(agency=agency).first() or ConsultationSettings(agency=agency)


def review_required(enquiry: Enquiry) -> bool:
    """Replies go out only after review when the agency requires it, or the enquiry's source does."""
    return settings_for(enquiry.agency).reply_review_required or enquiry.source.requires_review


def move(enquiry: Enquiry, action: EnquiryAction, *, review: bool = False) -> tuple[EnquiryState, EnquiryState]:
    """Set the state the transition table gives for ``action``; returns (before, after)."""
    before = enquiry.enquiry_state
    try:
        after = transition(before, action, review_required=review)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from exc
    enquiry.state = after.value
    return before, after


def event_add(enquiry: Enquiry, kind: EventKind, *, on: dt.date, acting_user: Any, text: str = "") -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry=enquiry, kind=kind.value, on=on, text=text, recorded_by=acting(acting_user)
    )


def check_day(on: Any, enquiry: Enquiry | None, *, what: str, field: str = "on") -> dt.date:
    """A date staff enter: a date, not in the future, not before the enquiry was received."""
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationError({field: f"请填写{what}。"})
    if on > today():
        raise ValidationError({field: f"{what}不能晚于今天。"})
    if enquiry is not None and on < enquiry.received_on:
        raise ValidationError({field: f"{what}不能早于受理日期（{enquiry.received_on:%Y-%m-%d}）。"})
    return on


def due_for(
    source: Source, received_on: dt.date, *, assigner_deadline: dt.date | None = None, assigned_by: str = ""
) -> tuple[dt.date, str]:
    """The handling deadline and its basis in words.

    The assigner's own deadline wins when given; otherwise the source's working days from the day of
    receipt (the day itself not counted), on the official calendar with the administrator's overrides.
    """
    if assigner_deadline is not None:
        who = assigned_by or "交办单位"
        return assigner_deadline, f"按{who}要求的办理期限（{chinese_date(assigner_deadline)}）"
    calendar = work_calendar()
    due = calendar.add_workdays(received_on, source.deadline_workdays, warn=False)
    basis = f"自{chinese_date(received_on)}起{source.deadline_workdays}个工作日（{source.name}的办理期限）"
    missing = sorted({y for y in (received_on.year, due.year) if not calendar.is_confirmed_year(y)})
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        basis += f"；{years}节假日安排未确认，暂按周一至周五推算"
    return due, basis[:200]


def clean_text(value: Any, *, field: str, label: str, limit: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        raise ValidationError({field: f"请填写{label}。"})
    if len(text) > limit:
        raise ValidationError({field: f"{label}不能超过{limit}字。"})
    return text


def office_emails(agency: Agency) -> list[str]:
    """E-mail addresses of the agency's staff who manage enquiries (the office)."""
    roles = [r.value for r in GRANTS[Action.MANAGE_CONSULTATIONS]]
    members = Membership.objects.filter(agency=agency, role__in=roles, user__is_active=True).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


def handler_or_office_emails(enquiry: Enquiry) -> list[str]:
    if enquiry.handler_id and enquiry.handler.email and enquiry.handler.is_active:
        return [enquiry.handler.email]
    return office_emails(enquiry.agency)


def check_assignee(agency: Agency, handler: Any, department: Any) -> None:
    """The handler must hold the handling role at the agency; the department must be the agency's."""
    if (
        handler is None
        or not getattr(handler, "is_active", False)
        or not can(handler, Action.HANDLE_CONSULTATIONS, agency)
    ):
        raise ValidationError({"handler": "承办人须是本机关具有咨询承办权限的工作人员。"})
    if department is not None and department.agency_id != agency.pk:
        raise ValidationError({"department": "承办内设机构须属于本机关。"})


def mail_assignment(enquiry: Enquiry, handler: Any, acting_user: Any) -> None:
    if handler.pk == getattr(acting_user, "pk", None):
        return
    mail_after_commit(
        to=handler.email,
        subject=f"待办：咨询 {enquiry.tracking_code}",
        body=(
            f"{enquiry.agency.name}的咨询“{enquiry.subject}”"
            f"（查询码 {enquiry.tracking_code}，来源：{enquiry.source.name}）"
            f"已分派给您办理，办理期限为{chinese_date(enquiry.due_on)}。请登录办公系统查看。"
        ),
    )
