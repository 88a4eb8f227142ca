"""The shared steps of the report services: lock the row, move the state through the transition table,
re-check the report, find who to notify."""

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import Role
from gongkai.reports.checks import Finding, Severity, check
from gongkai.reports.deadlines import ReporterKind, statutory_deadline
from gongkai.reports.document import ReportDoc, prose_from_tables
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import previous_doc
from gongkai.reports.states import EDITABLE_STATES, ReportAction, ReportState, TransitionError, transition


def acting(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)


def move(report: AnnualReport, action: ReportAction) -> tuple[ReportState, ReportState]:
    before = report.report_state
    try:
        after = transition(before, action)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from exc
    report.state = after.value
    return before, after


def require_editable(report: AnnualReport) -> None:
    if report.report_state not in EDITABLE_STATES:
        raise ValidationError(
            f"年度报告当前状态为“{report.report_state.label}”，不能修改。"
            + ("已报送的报告可以先撤回报送。" if report.report_state is ReportState.SUBMITTED else "")
        )


def deadline_of(agency: Agency, year: int):
    return statutory_deadline(year, ReporterKind(agency.kind))


def findings_of(report: AnnualReport, doc: ReportDoc | None = None) -> list[Finding]:
    """Every finding of the report's data (or of ``doc``), with last year's report for C6, C7 and 内容雷同."""
    extra = [Finding.from_json(f) for f in report.record_findings]
    return check(
        doc if doc is not None else report.data,
        previous=previous_doc(report.agency, report.year),
        deadline=deadline_of(report.agency, report.year),
        extra=extra,
    )


def refresh_findings(report: AnnualReport) -> list[Finding]:
    """Re-derive the prose figures the tables give (cells may have been corrected by hand), re-check the
    report's data and store the findings and their counts (the caller saves)."""
    prose_from_tables(report.data)
    findings = findings_of(report)
    report.findings = [f.to_json() for f in findings]
    report.error_count = sum(1 for f in findings if f.severity is Severity.ERROR)
    report.warning_count = len(findings) - report.error_count
    report.data["findings"] = report.findings
    return findings


def content_sha256(doc: ReportDoc) -> str:
    """The fingerprint of a report's content (findings left out: they depend on the checks' version)."""
    content = {k: v for k, v in doc.items() if k != "findings"}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def office_emails(agency: Agency) -> list[str]:
    rows = Membership.objects.filter(agency=agency, role=Role.OFFICE, user__is_active=True).select_related("user")
    return sorted({m.user.email for m in rows if m.user.email})


def supervisor_emails(agency: Agency | None) -> list[str]:
    if agency is None:
        return []
    rows = Membership.objects.filter(agency=agency, role=Role.SUPERVISOR, user__is_active=True).select_related("user")
    return sorted({m.user.email for m in rows if m.user.email})
