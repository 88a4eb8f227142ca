"""The yearly statistics of table 二 that other business systems hold, entered by staff with their source
(行政许可、行政处罚、行政强制 decisions and 行政事业性收费 in 万元; in the 2019 form also the item counts and
政府集中采购). Saving them refreshes the year's report while it is still editable."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import audit_record
from gongkai.reports.access import require_edit
from gongkai.reports.document import Cell, cell, parse_cell_value, path_text, to_decimal
from gongkai.reports.models import AnnualReport, StatisticEntry
from gongkai.reports.services.common import acting, locked
from gongkai.reports.services.generation import check_year, regenerate_locked
from gongkai.reports.states import EDITABLE_STATES
from gongkai.rules.outcomes import report_format_for_year
from gongkai.rules.report_tables import statistic_rows

MAX_SOURCE = 200


def statistic_cells(year: int) -> list[Cell]:
    """The table 二 cells staff enter for ``year``'s format, in printed order."""
    fmt = report_format_for_year(year)
    return [cell(fmt, path) for _block, row in statistic_rows(fmt) for path in row.paths]


@dataclass(frozen=True)
class Saved:
    changed: list[str]  # cell names
    report_refreshed: bool
    report_frozen: bool  # a report exists but is no longer editable


def _parse(known: dict[str, Cell], values: Mapping[str, tuple[str, str]]) -> dict[str, tuple[Any, str]]:
    errors: dict[str, str] = {}
    parsed: dict[str, tuple[Any, str]] = {}
    for key, (typed, typed_source) in values.items():
        c = known.get(key)
        if c is None:
            errors[key] = "没有这个统计项。"
            continue
        try:
            value = parse_cell_value(c.kind, str(typed or ""))
        except ValueError as exc:
            errors[key] = f"{c.name}：{exc}"
            continue
        source = str(typed_source or "").strip()
        if len(source) > MAX_SOURCE:
            errors[key] = f"{c.name}：数据来源不能超过{MAX_SOURCE}个字。"
        elif value is not None and not source:
            errors[key] = f"{c.name}：请注明数据来源（如业务系统名称和统计日期）。"
        else:
            parsed[key] = (value, source)
    if errors:
        raise ValidationError(errors)
    return parsed


def _store(
    agency: Agency, year: int, known: dict[str, Cell], parsed: dict[str, tuple[Any, str]], user: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write the entries; returns (before, after) of the changed ones by cell name."""
    stored = {e.key: e for e in StatisticEntry.objects.select_for_update().filter(agency=agency, year=year)}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, (value, source) in parsed.items():
        entry = stored.get(key)
        name = known[key].name
        old = (str(entry.value.normalize()), entry.source) if entry is not None else None
        if value is None:
            if entry is not None:
                entry.delete()
                before[name], after[name] = old, None
            continue
        amount = to_decimal(value)
        if entry is None:
            StatisticEntry.objects.create(
                agency=agency, year=year, key=key, value=amount, source=source, updated_by=user
            )
        elif entry.value != amount or entry.source != source:
            entry.value, entry.source, entry.updated_by = amount, source, user
            entry.save()
        else:
            continue
        before[name], after[name] = old, (str(Decimal(amount).normalize()), source)
    return before, after


def statistics_save(*, acting_user: Any, agency: Agency, year: int, values: Mapping[str, tuple[str, str]]) -> Saved:
    """Save the statistics of ``agency``'s ``year``: ``values`` maps a cell path to (value typed, source).
    A blank value removes the entry (the report shows the cell blank). Nothing is saved when any value is
    wrong; all problems are reported together."""
    require_edit(acting_user, agency)
    year = check_year(year)
    known = {path_text(c.path): c for c in statistic_cells(year)}
    parsed = _parse(known, values)
    with transaction.atomic():
        before, after = _store(agency, year, known, parsed, acting(acting_user))
        if not after:
            return Saved([], report_refreshed=False, report_frozen=False)
        audit_record(
            acting_user=acting_user,
            action="report.statistics",
            target=agency,
            agency=agency,
            summary=f"填写{agency.name}{year}年度年报统计数据：{len(after)}项",
            before=before,
            after=after,
        )
        report = AnnualReport.objects.filter(agency=agency, year=year).first()
        refreshed = frozen = False
        if report is not None:
            report = locked(report)
            if report.report_state in EDITABLE_STATES:
                regenerate_locked(report)
                refreshed = True
            else:
                frozen = True
        return Saved(list(after), report_refreshed=refreshed, report_frozen=frozen)
