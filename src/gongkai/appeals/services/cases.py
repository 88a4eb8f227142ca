"""Registration of a case and what happens to it: acceptance, receipt of the copy (the defence period
starts), the hearing, the defence submitted, the outcome, withdrawal, and voiding a mistaken entry.

A corrected outcome (结果纠正) prompts the office to handle the tied applications again: the case
records the day of the prompt and each tied application gets an internal comment; the application
page shows the prompt (``appeals.templatetags``) until a new application is opened with
``inforequests.services.reopen.application_reopen``.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.appeals.access import require_manage
from gongkai.appeals.kinds import CaseKind, DecisionType, Result, decisions_for, result_of
from gongkai.appeals.models import AppealCase
from gongkai.appeals.selectors import defence_deadline_for
from gongkai.appeals.states import INITIAL_STATE, OPEN_STATES, CaseAction, CaseState, TransitionError, transition
from gongkai.audit.services import audit_record
from gongkai.audit.snapshots import changed, snapshot
from gongkai.inforequests.models import Application, Comment

EDITABLE_FIELDS = (
    "reference",
    "body_name",
    "party_name",
    "party_is_organisation",
    "claims",
    "act_description",
    "notes",
)
_TEXT_LIMITS = {"reference": 100, "body_name": 100, "party_name": 100}


# --- shared steps ----------------------------------------------------------------------------------


def _acting(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _locked(case: AppealCase) -> AppealCase:
    return AppealCase.objects.select_for_update().select_related("agency").get(pk=case.pk)


def _move(case: AppealCase, action: CaseAction) -> tuple[CaseState, CaseState]:
    before = case.case_state
    try:
        after = transition(before, action)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from exc
    case.state = after.value
    return before, after


def _check_day(
    on: Any, case: AppealCase | None, *, field: str, what: str, future_ok: bool = False, filed_on: dt.date | None = None
) -> dt.date:
    """A date staff enter: a date, not in the future (unless scheduled), not before the case was filed."""
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationError({field: f"请填写{what}。"})
    if not future_ok and on > timezone.localdate():
        raise ValidationError({field: f"{what}不能晚于今天。"})
    filed = filed_on or (case.filed_on if case is not None else None)
    if filed is not None and on < filed:
        raise ValidationError({field: f"{what}不能早于申请复议或起诉日期（{filed:%Y-%m-%d}）。"})
    return on


def _require_open(case: AppealCase, what: str) -> None:
    if case.case_state not in OPEN_STATES:
        raise ValidationError(f"案件已{case.case_state.label}，不能再{what}。")


def _clean_text(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    for name, limit in _TEXT_LIMITS.items():
        if len(cleaned.get(name) or "") > limit:
            raise ValidationError({name: f"不能超过{limit}个字符。"})
    return cleaned


def _required_errors(kind: CaseKind, *, has_applications: bool, text: dict[str, Any]) -> dict[str, str]:
    """What every case needs: the contested act (applications or a description), the body, the party."""
    errors = {}
    if not has_applications and not text.get("act_description"):
        errors["applications"] = "请填写涉及的申请查询码，或者描述被复议、起诉的其他政府信息公开行为。"
    if not text.get("body_name"):
        errors["body_name"] = f"请填写{kind.body_label}。"
    if not text.get("party_name"):
        errors["party_name"] = f"请填写{kind.party_label}。"
    return errors


def _application_errors(agency: Agency, applications: list[Application], filed_on: dt.date | None) -> dict[str, str]:
    others = [a.tracking_code for a in applications if a.agency_id != agency.pk]
    if others:
        return {"applications": f"这些申请不属于{agency.name}：{'、'.join(others)}"}
    if filed_on is not None:
        later = [a.tracking_code for a in applications if timezone.localdate(a.submitted_at) > filed_on]
        if later:
            return {"applications": f"申请复议或起诉日期早于这些申请的提交日期：{'、'.join(later)}"}
    return {}


def _review_case_errors(
    agency: Agency, kind: CaseKind, review_case: AppealCase | None, filed_on: dt.date
) -> dict[str, str]:
    if kind is not CaseKind.LITIGATION_AFTER_REVIEW:
        return {"review_case": "只有复议后起诉的行政诉讼才关联此前的行政复议案件。"} if review_case else {}
    if review_case is None:
        return {"review_case": "复议后起诉的，请选择此前的行政复议案件。"}
    if review_case.agency_id != agency.pk or review_case.case_kind is not CaseKind.REVIEW:
        return {"review_case": "请选择本机关的行政复议案件。"}
    if review_case.case_state is CaseState.VOIDED:
        return {"review_case": "所选行政复议案件已作废。"}
    if filed_on < review_case.filed_on:
        return {"review_case": f"起诉日期不能早于申请行政复议日期（{review_case.filed_on:%Y-%m-%d}）。"}
    return {}


def _codes(applications: Iterable[Application]) -> list[str]:
    return [a.tracking_code for a in applications]


# --- registration and editing ----------------------------------------------------------------------


def case_register(
    *,
    acting_user: Any,
    agency: Agency,
    kind: str,
    filed_on: dt.date,
    body_name: str,
    party_name: str = "",
    party_is_organisation: bool | None = None,
    applications: Iterable[Application] = (),
    act_description: str = "",
    claims: str = "",
    reference: str = "",
    review_case: AppealCase | None = None,
    copy_received_on: dt.date | None = None,
    accepted_on: dt.date | None = None,
    notes: str = "",
) -> AppealCase:
    """Register a case the agency learnt of (the copy of the application or complaint, a notice).

    ``party_name`` left empty takes the applicant of the first tied application. With ``accepted_on``
    the case is registered as accepted; with ``copy_received_on`` its defence period runs.
    """
    require_manage(acting_user, agency)
    try:
        kind_enum = CaseKind(kind)
    except ValueError:
        raise ValidationError({"kind": "请选择案件类型。"}) from None
    _check_day(filed_on, None, field="filed_on", what="申请复议或起诉日期")
    tied = list(dict.fromkeys(applications))
    text = _clean_text(
        {
            "body_name": body_name or "",
            "party_name": party_name or "",
            "act_description": act_description or "",
            "claims": claims or "",
            "reference": reference or "",
            "notes": notes or "",
        }
    )
    if not text["party_name"] and tied:
        text["party_name"] = tied[0].name
        if party_is_organisation is None:
            party_is_organisation = tied[0].is_organisation
    errors = (
        _application_errors(agency, tied, filed_on)
        | _review_case_errors(agency, kind_enum, review_case, filed_on)
        | _required_errors(kind_enum, has_applications=bool(tied), text=text)
    )
    if errors:
        raise ValidationError(errors)
    for value, field, what in (
        (copy_received_on, "copy_received_on", f"收到{kind_enum.copy_label}日期"),
        (accepted_on, "accepted_on", "受理或立案日期"),
    ):
        if value is not None:
            _check_day(value, None, field=field, what=what, filed_on=filed_on)
    case = AppealCase(
        agency=agency,
        kind=kind_enum.value,
        state=INITIAL_STATE.value,
        filed_on=filed_on,
        party_is_organisation=bool(party_is_organisation),
        review_case=review_case,
        copy_received_on=copy_received_on,
        accepted_on=accepted_on,
        created_by=_acting(acting_user),
        **text,
    )
    if accepted_on is not None:
        _move(case, CaseAction.ACCEPT)
    case.full_clean()
    with transaction.atomic():
        case.save()
        case.applications.set(tied)
        audit_record(
            acting_user=acting_user,
            action="appeal.register",
            target=case,
            agency=agency,
            summary=f"登记{kind_enum.label}案件（{case.party_masked}，{filed_on:%Y-%m-%d}申请或起诉）",
            after={
                "kind": kind_enum.value,
                "state": case.state,
                "filed_on": filed_on,
                "body_name": case.body_name,
                "reference": case.reference,
                "applications": _codes(tied),
                "review_case": review_case.pk if review_case else None,
                "copy_received_on": copy_received_on,
                "accepted_on": accepted_on,
            },
        )
    return case


def case_update(
    *, acting_user: Any, case: AppealCase, applications: Iterable[Application] | None = None, **fields: Any
) -> AppealCase:
    """Edit the case's descriptive data (案号, body, party, claims, notes) and its tied applications."""
    require_manage(acting_user, case.agency)
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(f"不能直接修改这些字段：{'、'.join(unknown)}")
    fields = _clean_text(fields)
    with transaction.atomic():
        case = _locked(case)
        if case.case_state is CaseState.VOIDED:
            raise ValidationError("已作废的案件不能修改。")
        old = snapshot(case, EDITABLE_FIELDS)
        old_codes = _codes(case.applications.order_by("pk"))
        for name, value in fields.items():
            setattr(case, name, value)
        tied = list(dict.fromkeys(applications)) if applications is not None else None
        errors = _application_errors(case.agency, tied, case.filed_on) if tied is not None else {}
        errors |= _required_errors(
            case.case_kind,
            has_applications=bool(tied) if tied is not None else bool(old_codes),
            text={name: getattr(case, name) for name in ("act_description", "body_name", "party_name")},
        )
        if errors:
            raise ValidationError(errors)
        case.full_clean()
        case.save(update_fields=[*fields, "updated_at"])
        before, after = changed(old, snapshot(case, EDITABLE_FIELDS))
        if tied is not None:
            case.applications.set(tied)
            new_codes = _codes(sorted(tied, key=lambda a: a.pk))
            if new_codes != old_codes:
                before["applications"], after["applications"] = old_codes, new_codes
        if after:
            _audit_update(acting_user, case, before, after)
    return case


def _audit_update(acting_user: Any, case: AppealCase, before: dict[str, Any], after: dict[str, Any]) -> None:
    for data in (before, after):  # a person's name stays out of the audit trail
        if "party_name" in data and not case.party_is_organisation:
            data["party_name"] = "（已修改，姓名不记入日志）"
    meta = AppealCase._meta  # noqa: SLF001 - Django's public _meta API
    labels = [str(meta.get_field(name).verbose_name) for name in after if name != "applications"]
    if "applications" in after:
        labels.append("涉及的申请")
    audit_record(
        acting_user=acting_user,
        action="appeal.update",
        target=case,
        agency=case.agency,
        summary=f"修改案件信息：{'、'.join(labels)}",
        before=before,
        after=after,
    )


# --- the course of the case ------------------------------------------------------------------------


def case_accept(*, acting_user: Any, case: AppealCase, on: dt.date) -> AppealCase:
    """The review body accepted the application (受理) or the court docketed the case (立案)."""
    require_manage(acting_user, case.agency)
    with transaction.atomic():
        case = _locked(case)
        _check_day(on, case, field="on", what="受理或立案日期")
        before, after = _move(case, CaseAction.ACCEPT)
        case.accepted_on = on
        case.save(update_fields=["state", "accepted_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="appeal.accept",
            target=case,
            agency=case.agency,
            summary=f"登记受理（立案）：{on:%Y-%m-%d}",
            before={"state": before},
            after={"state": after, "accepted_on": on},
        )
    return case


def case_copy_received(*, acting_user: Any, case: AppealCase, on: dt.date) -> AppealCase:
    """The agency received the copy of the review application or of the complaint: the defence period
    starts (行政复议法第四十八条；行政诉讼法第六十七条). A wrong date can be corrected until the
    defence is submitted."""
    require_manage(acting_user, case.agency)
    with transaction.atomic():
        case = _locked(case)
        _require_open(case, "登记收到副本")
        if case.defence_submitted_on is not None:
            raise ValidationError("已登记提交答复（答辩状），不能再修改收到副本日期。")
        _check_day(on, case, field="on", what=f"收到{case.case_kind.copy_label}日期")
        old = case.copy_received_on
        case.copy_received_on = on
        case.save(update_fields=["copy_received_on", "updated_at"])
        deadline = defence_deadline_for(case)
        due = f"，{case.case_kind.defence_short}期限{deadline.due:%Y-%m-%d}" if deadline else ""
        audit_record(
            acting_user=acting_user,
            action="appeal.copy_received",
            target=case,
            agency=case.agency,
            summary=f"登记收到{case.case_kind.copy_label}：{on:%Y-%m-%d}{due}",
            before={"copy_received_on": old},
            after={"copy_received_on": on, "defence_due": deadline.due if deadline else None},
        )
    return case


def case_hearing_set(*, acting_user: Any, case: AppealCase, on: dt.date) -> AppealCase:
    """A hearing (听证) or court session (开庭) is scheduled or was held; it may lie in the future."""
    require_manage(acting_user, case.agency)
    with transaction.atomic():
        case = _locked(case)
        _check_day(on, case, field="on", what="听证或开庭日期", future_ok=True)
        if case.accepted_on and on < case.accepted_on:
            raise ValidationError({"on": f"听证或开庭日期不能早于受理或立案日期（{case.accepted_on:%Y-%m-%d}）。"})
        old = case.hearing_on
        before, after = _move(case, CaseAction.HEAR)
        case.hearing_on = on
        case.save(update_fields=["state", "hearing_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="appeal.hearing",
            target=case,
            agency=case.agency,
            summary=f"登记听证或开庭日期：{on:%Y-%m-%d}" + (f"（原定{old:%Y-%m-%d}）" if old and old != on else ""),
            before={"state": before, "hearing_on": old},
            after={"state": after, "hearing_on": on},
        )
    return case


def case_defence_submit(*, acting_user: Any, case: AppealCase, on: dt.date) -> AppealCase:
    """The agency submitted its written answer (review) or statement of defence (litigation) with the
    evidence and the legal basis."""
    require_manage(acting_user, case.agency)
    with transaction.atomic():
        case = _locked(case)
        _require_open(case, "登记提交答复（答辩状）")
        if case.copy_received_on is None:
            raise ValidationError(
                {"on": f"请先登记收到{case.case_kind.copy_label}的日期，答复（答辩）期限自该日起计算。"}
            )
        _check_day(on, case, field="on", what=f"提交{case.case_kind.defence_label}日期")
        if on < case.copy_received_on:
            raise ValidationError({"on": f"提交日期不能早于收到副本日期（{case.copy_received_on:%Y-%m-%d}）。"})
        deadline = defence_deadline_for(case)
        late = deadline is not None and on > deadline.due
        old = case.defence_submitted_on
        case.defence_submitted_on = on
        case.save(update_fields=["defence_submitted_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="appeal.defence_submit",
            target=case,
            agency=case.agency,
            summary=f"登记提交{case.case_kind.defence_label}：{on:%Y-%m-%d}"
            + (f"（已超过期限{deadline.due:%Y-%m-%d}）" if late and deadline else ""),
            before={"defence_submitted_on": old},
            after={"defence_submitted_on": on, "defence_due": deadline.due if deadline else None, "late": late},
        )
    return case


def _prompt_reopen(case: AppealCase, acting_user: Any, day: dt.date) -> list[str]:
    """A corrected outcome: note it on each tied application so its handlers see it. Returns the codes."""
    case.reopen_prompted_on = day
    author = _acting(acting_user)
    codes = []
    for application in case.applications.select_related("agency").order_by("pk"):
        codes.append(application.tracking_code)
        text = (
            f"{case.case_kind.label}结果为纠正（{case.decision.label if case.decision else ''}，"
            f"{case.decided_on:%Y-%m-%d}，{case.body_name}{('，' + case.reference) if case.reference else ''}）。"
            "请按决定或裁判重新处理本申请：在“复议诉讼”案件页面点击“重新处理申请”，系统将登记一件新的申请，"
            "本申请的记录保持不变。"
        )
        if author is not None:
            Comment.objects.create(application=application, author=author, text=text)
        audit_record(
            acting_user=acting_user,
            action="application.reopen_prompt",
            target=application,
            agency=application.agency,
            summary=f"{case.case_kind.label}结果为纠正，提示重新处理（案件 {case}）",
            after={"case": case.pk, "decision": case.decision_type},
        )
    return codes


def case_decide(
    *,
    acting_user: Any,
    case: AppealCase,
    decision_type: str,
    decided_on: dt.date,
    decision_received_on: dt.date | None = None,
    summary: str = "",
) -> AppealCase:
    """Record the outcome: the decision type fixes the column of table 四 (``kinds.DECISIONS``)."""
    require_manage(acting_user, case.agency)
    try:
        decision = DecisionType(decision_type)
    except ValueError:
        raise ValidationError({"decision_type": "请选择审理结果。"}) from None
    if decision not in decisions_for(case.case_kind):
        raise ValidationError({"decision_type": f"“{decision.label}”不是{case.case_kind.label}案件的审理结果。"})
    summary = (summary or "").strip()
    with transaction.atomic():
        case = _locked(case)
        _check_day(decided_on, case, field="decided_on", what="结果日期")
        if case.accepted_on and decided_on < case.accepted_on:
            raise ValidationError({"decided_on": f"结果日期不能早于受理或立案日期（{case.accepted_on:%Y-%m-%d}）。"})
        if decision_received_on is not None:
            _check_day(decision_received_on, case, field="decision_received_on", what="收到决定书或裁判文书日期")
            if decision_received_on < decided_on:
                raise ValidationError({"decision_received_on": "收到文书的日期不能早于结果日期。"})
        before, after = _move(case, CaseAction.DECIDE)
        result = result_of(decision)
        case.decision_type = decision.value
        case.result = result.value
        case.decided_on = decided_on
        case.decision_received_on = decision_received_on
        case.decision_summary = summary
        prompted: list[str] = []
        if result is Result.CORRECTED:
            prompted = _prompt_reopen(case, acting_user, decision_received_on or decided_on)
        case.save(
            update_fields=[
                "state",
                "decision_type",
                "result",
                "decided_on",
                "decision_received_on",
                "decision_summary",
                "reopen_prompted_on",
                "updated_at",
            ]
        )
        audit_record(
            acting_user=acting_user,
            action="appeal.decide",
            target=case,
            agency=case.agency,
            summary=f"登记审理结果：{decision.label}（{result.label}，{decided_on:%Y-%m-%d}）"
            + (f"，提示重新处理申请 {'、'.join(prompted)}" if prompted else ""),
            before={"state": before},
            after={
                "state": after,
                "decision_type": decision.value,
                "result": result.value,
                "decided_on": decided_on,
                "decision_received_on": decision_received_on,
                "summary": summary,
                "reopen_prompted": prompted,
            },
        )
    return case


def case_withdraw(*, acting_user: Any, case: AppealCase, on: dt.date, note: str) -> AppealCase:
    """The applicant withdrew the review application, or the plaintiff withdrew the suit (counted as
    其他结果 in the year of the withdrawal)."""
    require_manage(acting_user, case.agency)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "请说明撤回的情况（如复议机关准予撤回、法院裁定准许撤诉及文书编号）。"})
    with transaction.atomic():
        case = _locked(case)
        _check_day(on, case, field="on", what="撤回日期")
        before, after = _move(case, CaseAction.WITHDRAW)
        case.decision_type = DecisionType.WITHDRAWN.value
        case.result = Result.OTHER.value
        case.decided_on = on
        case.decision_summary = note
        case.save(update_fields=["state", "decision_type", "result", "decided_on", "decision_summary", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="appeal.withdraw",
            target=case,
            agency=case.agency,
            summary=f"登记撤回（{on:%Y-%m-%d}）：{note[:200]}",
            before={"state": before},
            after={"state": after, "decided_on": on, "result": Result.OTHER.value, "note": note},
        )
    return case


def case_void(*, acting_user: Any, case: AppealCase, reason: str) -> AppealCase:
    """A case registered by mistake (duplicate, wrong agency): voided, never counted; the audit keeps it."""
    require_manage(acting_user, case.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请说明作废的理由（如重复登记、登记错机关）。"})
    with transaction.atomic():
        case = _locked(case)
        before, after = _move(case, CaseAction.VOID)
        case.decision_summary = f"作废：{reason}"
        case.save(update_fields=["state", "decision_summary", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="appeal.void",
            target=case,
            agency=case.agency,
            summary=f"作废登记：{reason[:200]}",
            before={"state": before},
            after={"state": after, "reason": reason},
        )
    return case
