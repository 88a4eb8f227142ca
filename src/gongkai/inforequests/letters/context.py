"""The context a letter template is rendered with: plain strings, lists and dicts built from an
application (and, for a consultation letter, the consultation), so templates never reach a model.

Dates come from the clock ledger (``inforequests.clock``) with the working-day calendar in force.
What the record does not (yet) hold becomes a 【请填写…】 marker the office fills in before issuing.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.inforequests.choices import DeliveryWanted, FormWanted
from gongkai.inforequests.clock import (
    CONSULTATION_WORKDAYS,
    FEE_TIME_EXCLUDED,
    REPLY_WORKDAYS,
    ClockError,
    ClockEvent,
    ClockState,
    ConsultationParty,
    EventKind,
    compute,
)
from gongkai.inforequests.letters.defaults import REMEDIES
from gongkai.inforequests.letters.kinds import LetterKind, placeholder
from gongkai.rules.disclosure import GROUNDS_BY_CODE
from gongkai.rules.fees import MEASURES, FeeBasis
from gongkai.rules.outcomes import REGULATION, Outcome, spec
from gongkai.workdays import WorkCalendar
from gongkai.workdays.explain import chinese_date


def _date(day: dt.date | None, what: str) -> str:
    return chinese_date(day) if day is not None else placeholder(what)


def _last(ledger: list[ClockEvent], kind: EventKind) -> ClockEvent | None:
    return next((event for event in reversed(ledger) if event.kind == kind), None)


def _clock(ledger: list[ClockEvent], calendar: WorkCalendar, today: dt.date) -> ClockState | None:
    if not ledger:
        return None
    try:
        return compute(ledger, calendar, today=max(today, ledger[-1].on))
    except ClockError:
        return None


def _provision(application: Any, you: str) -> str:
    delivery = DeliveryWanted(application.delivery_wanted) if application.delivery_wanted else None
    form = FormWanted(application.form_wanted) if application.form_wanted else None
    if form is FormWanted.EITHER or form is None:
        electronic = delivery in {DeliveryWanted.EMAIL, DeliveryWanted.ONLINE}
        form_text = "电子" if electronic else "纸质"
    else:
        form_text = form.label
    how = f"通过{delivery.label}方式" if delivery is not None else ""
    return f"现以{form_text}形式{how}向{you}提供所申请公开的政府信息（见附件）。"


def _agency(agency: Any) -> dict[str, str]:
    fields = ("name", "short_name", "office_name", "office_address", "postcode", "phone", "email", "website")
    return {name: getattr(agency, name, "") or "" for name in fields}


def _decision(application: Any) -> dict[str, Any]:
    if not application.outcome:
        return {"outcome": "", "outcome_label": "", "article": placeholder("处理结果"), "reasons": application.reasons}
    outcome_spec = spec(Outcome(application.outcome))
    ground = GROUNDS_BY_CODE.get(outcome_spec.withholding_ground or "")
    grounds = [GROUNDS_BY_CODE[code] for code in application.withheld_grounds or [] if code in GROUNDS_BY_CODE]
    return {
        "outcome": outcome_spec.code.value,
        "outcome_label": outcome_spec.label,
        "article": outcome_spec.article,
        "requires_reasons": outcome_spec.requires_reasons,
        "reasons": application.reasons or (placeholder("理由") if outcome_spec.requires_reasons else ""),
        "ground": {"label": ground.label, "article": f"{REGULATION}{ground.article}"} if ground else {},
        "withheld_grounds": [{"label": g.label, "article": f"{REGULATION}{g.article}"} for g in grounds],
        "withheld_grounds_missing": placeholder("不予公开部分的依据"),
        "withheld_description": application.withheld_description or placeholder("不予公开的部分"),
        "public_location": application.public_location
        or (placeholder("获取途径") if outcome_spec.code is Outcome.GRANTED_ALREADY_PUBLIC else ""),
        "responsible_agency_name": application.responsible_agency_name,
        "responsible_agency_contact": application.responsible_agency_contact,
    }


def _correction(ledger: list[ClockEvent], state: ClockState | None) -> dict[str, Any]:
    event = _last(ledger, EventKind.CORRECTION_REQUESTED)
    deadline = state.correction_deadline if state is not None else None
    return {
        "notice_on": chinese_date(event.on) if event is not None else "",
        "items": (event.note if event is not None and event.note else "") or placeholder("需要补正的事项"),
        "workdays": event.workdays if event is not None and event.workdays else placeholder("补正期限的工作日数"),
        "deadline": _date(deadline, "补正截止日期"),
        "deadline_known": deadline is not None,
    }


def _extension(application: Any, ledger: list[ClockEvent], state: ClockState | None, calendar: WorkCalendar):
    event = _last(ledger, EventKind.EXTENSION_GRANTED)
    requests = getattr(application, "extension_requests", None)
    approved = requests.filter(approved=True).order_by("-decided_on", "-id").first() if requests is not None else None
    reason = (approved.reason if approved is not None else "") or (event.note if event is not None else "")
    original = None
    if state is not None and state.reply_due is not None:
        original = calendar.add_workdays(state.start, REPLY_WORKDAYS + state.excluded_workdays, warn=False)
    workdays = event.workdays if event is not None else (approved.workdays if approved is not None else None)
    return {
        "workdays": workdays or placeholder("延长的工作日数"),
        "reason": reason or placeholder("延期理由"),
        "new_due": _date(state.reply_due if state is not None and event is not None else None, "延长后的答复期限"),
        "original_due": _date(original, "原答复期限"),
    }


def _fee(application: Any, ledger: list[ClockEvent], state: ClockState | None) -> dict[str, Any]:
    sent = _last(ledger, EventKind.FEE_NOTICE_SENT)
    payment_due = state.payment_due if state is not None else None
    basis = FeeBasis(application.fee_basis) if application.fee_basis else None
    return {
        "amount": application.fee_amount if application.fee_amount is not None else placeholder("应缴金额"),
        "text": application.fee_text or placeholder("计费方式和计算过程"),
        "reason": application.fee_reason or placeholder("收费理由"),
        "basis_label": basis.label if basis is not None else placeholder("计费方式"),
        "legal_basis": basis.legal_basis if basis is not None else MEASURES,
        "payment_method": placeholder("缴纳方式（收款账户或缴费地点）"),
        "payment_due": chinese_date(payment_due) if payment_due is not None else "",
        "notice_on": chinese_date(sent.on) if sent is not None else "",
        "time_excluded": FEE_TIME_EXCLUDED,
    }


def _consultation(consultation: Any, calendar: WorkCalendar) -> dict[str, Any]:
    if consultation is None:
        return {}
    is_agency = consultation.party == ConsultationParty.AGENCY
    deadline = calendar.add_workdays(consultation.sent_on, CONSULTATION_WORKDAYS, warn=False)
    return {
        "ref": consultation.ref,
        "addressee": consultation.addressee,
        "subject": consultation.subject or placeholder("征求意见的事项"),
        "is_agency": is_agency,
        "party_label": ConsultationParty(consultation.party).label,
        "you": "贵机关" if is_agency else "贵方",
        "sent_on": chinese_date(consultation.sent_on),
        "deadline": chinese_date(deadline),
        "workdays": CONSULTATION_WORKDAYS,
    }


def letter_context(
    application: Any,
    *,
    kind: LetterKind,
    calendar: WorkCalendar,
    consultation: Any = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Everything a template of ``kind`` may use, for ``application`` as it stands on ``today``."""
    today = today or timezone.localdate()
    ledger = application.ledger if application.pk else []
    state = _clock(ledger, calendar, today)
    you = "你单位" if application.is_organisation else "您"
    addressee = consultation.addressee if kind is LetterKind.CONSULTATION and consultation else application.name
    context: dict[str, Any] = {
        "kind": kind.value,
        "addressee": addressee,
        "you": you,
        "applicant_name": application.name,
        "agency": _agency(application.agency),
        "tracking_code": application.tracking_code,
        "received_on": _date(application.received_on, "收到申请日期"),
        "receipt_rule": application.receipt_rule or placeholder("收到申请之日的确定依据（《条例》第三十一条）"),
        "description": application.description,
        "document_hint": application.document_hint,
        "provision": _provision(application, you),
        "today": chinese_date(today),
        "reply_due": chinese_date(state.reply_due) if state is not None and state.reply_due else "",
        "correction": _correction(ledger, state),
        "extension": _extension(application, ledger, state, calendar),
        "fee": _fee(application, ledger, state),
        "consultation": _consultation(consultation, calendar),
        "remedies": "",
    }
    context.update(_decision(application))
    context["remedies"] = REMEDIES.replace("{{ you }}", you)
    return context
