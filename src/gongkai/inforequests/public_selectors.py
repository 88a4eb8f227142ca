"""Reads for the applicant's password-less status page (public portal).

What the applicant sees: the steps of the clock ledger with their dates (no internal notes, no staff
names, no consultation references), the reply due date with its explanation, and a summary of what they
submitted with identity numbers and contact details masked.
"""

import datetime as dt
import hmac
import re
import unicodedata
from dataclasses import replace
from typing import Any

from django.utils import timezone

from gongkai.inforequests.clock import ClockError, ClockEvent, ClockState, ConsultationParty, EventKind, compute
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.intake import secret_hash
from gongkai.inforequests.states import ApplicationState
from gongkai.privacy.masking import mask, mask_address, mask_name
from gongkai.rules.outcomes import ApplicantType
from gongkai.rules.receipt import Channel
from gongkai.workcalendar.selectors import work_calendar

_CODE = re.compile(r"\d{4}-[0-9A-Z]{8}")


def normalise_code(code: str) -> str:
    """What people type: full-width characters, spaces, lower case, a dash of another kind."""
    text = unicodedata.normalize("NFKC", code or "").strip().upper().replace(" ", "")
    return re.sub(r"[‐‑‒–—―－_]", "-", text)


def application_for_tracking(code: str) -> Application | None:
    """The application with this tracking code, or ``None`` (also for a malformed code)."""
    normalised = normalise_code(code)
    if not _CODE.fullmatch(normalised):
        return None
    return (
        Application.objects.select_related("agency")
        .prefetch_related("clock_entries")
        .filter(tracking_code=normalised)
        .first()
    )


def _step_detail(event: ClockEvent) -> str:
    kind = EventKind(event.kind)
    if kind is EventKind.RECEIVED:
        return event.note  # the Art. 31 rule that fixed the day, public text
    if kind is EventKind.CORRECTION_REQUESTED and event.workdays:
        return f"补正期限{event.workdays}个工作日"
    if kind is EventKind.EXTENSION_GRANTED and event.workdays:
        return f"延长{event.workdays}个工作日"
    if kind is EventKind.CONSULTATION_SENT and event.party:
        return f"征求{ConsultationParty(event.party).label}意见，所需时间不计算在答复期限内"
    return ""


def applicant_timeline(application: Application) -> list[dict[str, Any]]:
    """The steps for the applicant, oldest first: ``{"label", "on", "detail"}``.

    Built from the submission and the clock ledger; internal notes, references and who recorded a step
    are left out.
    """
    steps: list[dict[str, Any]] = [
        {
            "label": "提交申请",
            "on": timezone.localdate(application.submitted_at),
            "detail": Channel(application.channel).label,
        }
    ]
    for entry in application.clock_entries.all():
        event = entry.as_event()
        steps.append({"label": EventKind(event.kind).label, "on": event.on, "detail": _step_detail(event)})
    return steps


def _public_event(event: ClockEvent) -> ClockEvent:
    """Notes of consultations may name the third party consulted: not for the applicant's page."""
    return event if event.kind is EventKind.RECEIVED else replace(event, note="")


def applicant_clock(application: Application, *, today: dt.date | None = None) -> ClockState | None:
    """The reply clock for the status page (with its explanation); ``None`` before receipt or on a ledger
    the pure core refuses (the page then shows the state without a due date)."""
    if application.received_on is None:
        return None
    ledger = [_public_event(event) for event in application.ledger]
    if not ledger:
        return None
    try:
        return compute(ledger, work_calendar(), today=today or timezone.localdate())
    except ClockError:
        return None


def applicant_summary(application: Application) -> list[tuple[str, str]]:
    """What was submitted, as label/value rows: ID numbers and contact details masked."""
    organisation = application.is_organisation
    rows = [("申请人类型", _applicant_type_label(application.applicant_type))]
    if organisation:
        rows += [
            ("名称", application.name),
            ("统一社会信用代码", application.credit_code),
            ("法定代表人或负责人", mask_name(application.legal_representative)),
        ]
        if application.contact_person:
            rows.append(("联系人", mask_name(application.contact_person)))
    else:
        rows += [
            ("姓名", mask_name(application.name)),
            ("证件类型", application.get_id_type_display()),
            ("证件号码", mask(application.id_number)),
        ]
    rows += [
        ("联系电话", mask(application.phone) if application.phone else "—"),
        ("电子邮箱", mask(application.email) if application.email else "—"),
        ("通信地址", mask_address(application.address) if application.address else "—"),
        ("所需信息的内容描述", application.description),
        ("信息名称、文号或其他特征", application.document_hint or "—"),
        ("获取信息的形式", application.get_form_wanted_display()),
        ("获取信息的方式", application.get_delivery_wanted_display()),
    ]
    if application.correction_text:
        rows.append(("补正内容", application.correction_text))
    return rows


def correction_notice(application: Application) -> dict[str, Any] | None:
    """While the application awaits a correction: what the office asked to supplement and by when."""
    if application.state != ApplicationState.AWAITING_CORRECTION.value:
        return None
    entry = application.clock_entries.filter(kind=EventKind.CORRECTION_REQUESTED.value).first()
    clock = applicant_clock(application)
    if entry is None:
        return None
    return {"what": entry.note, "on": entry.on, "deadline": clock.correction_deadline if clock else None}


def _applicant_type_label(value: str) -> str:
    kind = ApplicantType(value)
    return kind.label if not kind.is_organisation else f"法人或其他组织（{kind.label}）"


def application_for_secret(code: str, secret: str) -> Application | None:
    """The application if ``secret`` is its status-page secret; ``None`` for an unknown code or a wrong
    secret alike (the comparison runs either way, in constant time)."""
    application = application_for_tracking(code)
    expected = application.access_secret_hash if application is not None else "0" * 64
    matches = hmac.compare_digest(secret_hash(secret.strip()), expected)
    return application if application is not None and matches else None
