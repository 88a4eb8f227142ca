"""Generating a report from the records, and generating it again.

Generating again recomputes every table and the section 一 draft from the records as they are now and
keeps what staff changed by hand: a cell whose value differs from what the records gave last time keeps
the staff's value, and an edited section 一 keeps the staff's text (unless a new draft is asked for).
The result names the cells that changed, so "a late appeal outcome changed table 四" is visible.
"""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import audit_record
from gongkai.playback import now, today
from gongkai.reports.access import require_edit
from gongkai.reports.compute import StaffTexts, compute
from gongkai.reports.document import Cell, ReportDoc, cells, changed_cells, copy_doc, get, put, section_text
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import facts_for
from gongkai.reports.services.common import acting, locked, refresh_findings, require_editable
from gongkai.reports.states import INITIAL_STATE
from gongkai.reports.text import Notes
from gongkai.rules.outcomes import FIRST_REPORT_YEAR, report_format_for_year


@dataclass(frozen=True)
class Generated:
    report: AnnualReport
    created: bool
    changed: list[tuple[Cell, Any, Any]]  # (cell, before, after) of the tables
    kept: list[Cell]  # hand-edited cells kept although the records now give another value
    overview_redrafted: bool


def check_year(year: Any) -> int:
    current = today().year
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValidationError({"year": "请选择报告年度。"})
    if year < FIRST_REPORT_YEAR:
        raise ValidationError(
            {"year": f"统一格式的年度报告自{FIRST_REPORT_YEAR}年度起编制（修订后的《条例》2019年5月15日起施行）。"}
        )
    if year > current:
        raise ValidationError({"year": f"{year}年度尚未开始，不能生成年度报告。"})
    return year


def hand_edited(report: AnnualReport) -> list[Cell]:
    """The table cells staff changed by hand (the report's value differs from the records')."""
    if not report.computed:
        return []
    return [c for c, _before, _after in changed_cells(report.computed, report.data)]


def _merge(
    old_data: ReportDoc, old_computed: ReportDoc, new: ReportDoc, *, redraft: bool
) -> tuple[ReportDoc, list[Cell], bool]:
    """The new report: the records' values, except cells and a section 一 staff changed by hand."""
    merged = copy_doc(new)
    kept = []
    for c in cells(merged["format"]):
        was, computed_was = get(old_data, c.path), get(old_computed, c.path)
        if was != computed_was:  # changed by hand
            put(merged, c.path, was)
            if was != get(new, c.path):
                kept.append(c)
    overview_edited = section_text(old_data, "一") != section_text(old_computed, "一")
    if overview_edited and not redraft:
        merged["sections"]["一"]["text"] = section_text(old_data, "一")
    return merged, kept, not overview_edited or redraft


def regenerate_locked(report: AnnualReport, *, redraft_overview: bool = False) -> Generated:
    """Recompute a locked, editable report in place (callers hold the row lock and save the audit)."""
    facts = facts_for(report.agency, report.year)
    facts = replace(  # the texts and notes on the instance (they may be unsaved edits)
        facts,
        texts=StaffTexts(report.problems, report.other_matters),
        overview=replace(
            facts.overview,
            notes=Notes(report.notes_management, report.notes_platform, report.notes_supervision),
        ),
    )
    computed = compute(facts)
    if report.computed:
        data, kept, redrafted = _merge(report.data, report.computed, computed.doc, redraft=redraft_overview)
        changed = changed_cells(report.data, data)
    else:
        data, kept, redrafted, changed = copy_doc(computed.doc), [], True, []
    data["published_date"] = None
    report.computed = computed.doc
    report.data = data
    report.record_findings = [f.to_json() for f in computed.findings]
    report.computed_at = now()
    report.fee_sentence = computed.doc["sections"]["六"]["text"].split("\n")[0]
    refresh_findings(report)
    report.save()
    return Generated(report, created=False, changed=changed, kept=kept, overview_redrafted=redrafted)


def report_generate(*, acting_user: Any, agency: Agency, year: int, redraft_overview: bool = False) -> Generated:
    """Create the agency's report of ``year`` from the records, or generate an editable one again."""
    require_edit(acting_user, agency)
    year = check_year(year)
    if not agency.is_active:
        raise ValidationError("该机构已停用，不能生成年度报告。")
    with transaction.atomic():
        existing = AnnualReport.objects.select_for_update().filter(agency=agency, year=year).first()
        if existing is None:
            report = AnnualReport(
                agency=agency,
                year=year,
                format=report_format_for_year(year).value,
                state=INITIAL_STATE.value,
                created_by=acting(acting_user),
            )
            try:
                with transaction.atomic():  # a savepoint: a concurrent first generation wins cleanly
                    regenerate_locked(report)
            except IntegrityError:
                raise ValidationError("该年度报告刚刚已由他人生成，请刷新页面后再操作。") from None
            result = Generated(report, created=True, changed=[], kept=[], overview_redrafted=True)
            audit_record(
                acting_user=acting_user,
                action="report.generate",
                target=report,
                agency=agency,
                summary=f"按记录生成{report}（{report.report_format.label}）",
                after={"errors": report.error_count, "warnings": report.warning_count},
            )
            return result
        report = locked(existing)
        require_editable(report)
        result = regenerate_locked(report, redraft_overview=redraft_overview)
        audit_record(
            acting_user=acting_user,
            action="report.regenerate",
            target=report,
            agency=agency,
            summary=f"按记录重新生成{report}：{len(result.changed)}项数据变化"
            + (f"，保留手工修改{len(result.kept)}项" if result.kept else ""),
            before={c.name: before for c, before, _after in result.changed},
            after={c.name: after for c, _before, after in result.changed},
        )
        return result


def year_choices(first: int = FIRST_REPORT_YEAR) -> list[int]:
    """Report years staff may choose, newest first (the current year included, as a preview)."""
    current = today().year
    return list(range(current, first - 1, -1))


def default_year(on: dt.date | None = None) -> int:
    """The year whose report is being written: last year."""
    return (on or today()).year - 1
