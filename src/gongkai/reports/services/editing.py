"""Staff edits of an editable report: table cells by hand (with the reason, audited cell by cell) and
the texts (section 一 as drafted and edited, sections 五 and 六, the notes section 一 is drafted from).

Bad input changes nothing: every value is parsed first and all problems are reported together.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import audit_record
from gongkai.reports.access import require_edit
from gongkai.reports.document import Cell, cell, changed_cells, copy_doc, get, parse_cell_value, parse_path, put
from gongkai.reports.models import AnnualReport
from gongkai.reports.services.common import locked, refresh_findings, require_editable
from gongkai.reports.services.generation import regenerate_locked
from gongkai.reports.text import other_matters

MAX_REASON = 500
MAX_SECTION = 20000
MAX_NOTE = 3000


def report_cells_edit(
    *, acting_user: Any, report: AnnualReport, values: Mapping[str, str], reason: str = ""
) -> list[tuple[Cell, Any, Any]]:
    """Set table cells by hand: ``values`` maps a cell path (``document.path_text``) to the text typed
    ("" leaves the cell blank). A value that differs from what the records give needs ``reason``.
    Returns the cells changed (cell, before, after)."""
    require_edit(acting_user, report.agency)
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"修改理由不能超过{MAX_REASON}个字。"})
    with transaction.atomic():
        report = locked(report)
        require_editable(report)
        fmt = report.format
        errors: dict[str, str] = {}
        parsed: dict[tuple[str | int, ...], Any] = {}
        for key, typed in values.items():
            try:
                path = parse_path(fmt, key)
            except ValueError:
                errors[key] = "没有这个单元格。"
                continue
            try:
                parsed[path] = parse_cell_value(cell(fmt, path).kind, str(typed))
            except ValueError as exc:
                errors[key] = f"{cell(fmt, path).name}：{exc}"
        if errors:
            raise ValidationError(errors)
        data = copy_doc(report.data)
        for path, value in parsed.items():
            put(data, path, value)
        changed = changed_cells(report.data, data)
        if not changed:
            return []
        departs = [c for c, _before, after in changed if after != get(report.computed, c.path)]
        if departs and not reason:
            names = "、".join(c.name for c in departs[:3]) + ("等" if len(departs) > 3 else "")  # noqa: PLR2004
            raise ValidationError({"reason": f"{names}与按记录统计的数值不同，请说明修改理由。"})
        report.data = data
        refresh_findings(report)
        report.save()
        audit_record(
            acting_user=acting_user,
            action="report.edit_cells",
            target=report,
            agency=report.agency,
            summary=f"手工修改{report}的{len(changed)}项数据" + (f"，理由：{reason}" if reason else ""),
            before={c.name: before for c, before, _after in changed},
            after={c.name: after for c, _before, after in changed} | ({"理由": reason} if reason else {}),
        )
        return changed


def _clean(value: Any, limit: int, label: str, errors: dict[str, str], field: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        errors[field] = f"{label}不能超过{limit}个字（现有{len(text)}个字）。"
    return text


def _texts(report: AnnualReport) -> dict[str, str]:
    """The texts by the names staff know them by (the audit event lists what changed)."""
    return {
        "一、总体情况": report.data["sections"]["一"]["text"],
        "五、存在的主要问题及改进情况": report.problems,
        "六、其他需要报告的事项": report.other_matters,
        "补充材料（政府信息管理）": report.notes_management,
        "补充材料（平台建设）": report.notes_platform,
        "补充材料（监督保障）": report.notes_supervision,
    }


def report_texts_save(
    *,
    acting_user: Any,
    report: AnnualReport,
    overview: str,
    problems: str,
    other: str,
    notes_management: str = "",
    notes_platform: str = "",
    notes_supervision: str = "",
) -> list[str]:
    """Save the texts. When the notes change and section 一 is still the draft (not edited by hand),
    section 一 is drafted again with them. Returns the names of what changed."""
    require_edit(acting_user, report.agency)
    errors: dict[str, str] = {}
    texts = {
        "overview": _clean(overview, MAX_SECTION, "第一部分", errors, "overview"),
        "problems": _clean(problems, MAX_SECTION, "第五部分", errors, "problems"),
        "other": _clean(other, MAX_SECTION, "第六部分", errors, "other"),
        "notes_management": _clean(notes_management, MAX_NOTE, "补充材料", errors, "notes_management"),
        "notes_platform": _clean(notes_platform, MAX_NOTE, "补充材料", errors, "notes_platform"),
        "notes_supervision": _clean(notes_supervision, MAX_NOTE, "补充材料", errors, "notes_supervision"),
    }
    if not texts["overview"]:
        errors["overview"] = "“一、总体情况”不能为空；可以按记录重新起草。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = locked(report)
        require_editable(report)
        before = _texts(report)
        notes_changed = (report.notes_management, report.notes_platform, report.notes_supervision) != (
            texts["notes_management"],
            texts["notes_platform"],
            texts["notes_supervision"],
        )
        overview_is_draft = texts["overview"] == report.computed.get("sections", {}).get("一", {}).get("text")
        report.problems = texts["problems"]
        report.other_matters = texts["other"]
        report.notes_management = texts["notes_management"]
        report.notes_platform = texts["notes_platform"]
        report.notes_supervision = texts["notes_supervision"]
        data = copy_doc(report.data)
        data["sections"]["一"]["text"] = texts["overview"]
        data["sections"]["五"]["text"] = texts["problems"] or None
        data["sections"]["六"]["text"] = other_matters(report.fee_sentence, texts["other"])
        report.data = data
        refreshed = []
        if notes_changed and overview_is_draft:
            # section 一 drafted again with the notes (the tables follow the records as they are now)
            refreshed = regenerate_locked(report, redraft_overview=True).changed
        else:
            refresh_findings(report)
            report.save()
        after = _texts(report)
        names = [name for name in after if after[name] != before[name]]
        if names or refreshed:
            audit_record(
                acting_user=acting_user,
                action="report.edit_texts",
                target=report,
                agency=report.agency,
                summary=f"修改{report}的{'、'.join(names)}"
                + (f"；按记录重新起草第一部分，{len(refreshed)}项数据随记录更新" if refreshed else ""),
                before={n: before[n] for n in names} | {c.name: b for c, b, _a in refreshed},
                after={n: after[n] for n in names} | {c.name: a for c, _b, a in refreshed},
            )
        return names
