"""The report data: one JSON shape for generated and parsed annual reports (DESIGN.md "Report data",
documented in docs/report-json.md), and every printed number cell of it with its place, kind and name.

A report document is a plain ``dict`` that ``json.dumps`` writes as it is. ``null`` means "not given".
Each number cell has a *path* into the document (``("applications", "refused", "state_secret", 0)``)
and a Chinese name as the printed form reads it (表三“（三）不予公开 1.属于国家秘密”行“自然人”列), so
checks, hand edits, renderers and the report checker all speak of cells the same way.

Pure Python: no Django import.
"""

import copy
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gongkai.rules.outcomes import COLUMN_COUNT, COLUMN_KEYS, COLUMN_LABELS, TABLE3_ROWS, ReportFormat, parse_format
from gongkai.rules.report_tables import (
    AMOUNT_DECIMALS,
    MIRROR_2019,
    PROACTIVE_KEYS,
    SECTION_NUMBERS,
    SECTION_TITLES,
    TABLE4_COLUMN_KEYS,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUPS,
    CellKind,
    Path,
    table2,
)

ReportDoc = dict[str, Any]
Number = int | float

PROSE_KEYS: tuple[str, ...] = (
    "proactive_items_total",
    "applications_received",
    "applications_answered",
    "consultations",
    "review_cases",
    "litigation_cases",
    "fees_collected_yuan",
)


@dataclass(frozen=True)
class Cell:
    """One printed number cell."""

    path: Path
    kind: CellKind
    table: str  # "二" / "三" / "四"
    row: str  # the row as printed (sub-rows with their group: "（三）不予公开 2.其他法律行政法规禁止公开")
    column: str  # the column as printed

    @property
    def name(self) -> str:
        """表三“（一）予以公开”行“自然人”列"""
        return f"表{self.table}“{self.row}”行“{self.column}”列"


# --------------------------------------------------------------------------------------------------
# The cells of each format
# --------------------------------------------------------------------------------------------------


def _table2_cells(fmt: ReportFormat) -> list[Cell]:
    cells = []
    for block in table2(fmt):
        for row in block.rows:
            for column, path, kind in zip(block.columns, row.paths, row.kinds, strict=True):
                cells.append(Cell(path, kind, "二", f"{block.item} {row.label}", column))
    return cells


def table3_row_label(fmt: ReportFormat | str, key: str) -> str:
    """The row as printed, sub-rows with their group: "（四）无法提供 1.本机关不掌握相关政府信息"."""
    rows = {r.key: r for r in TABLE3_ROWS[parse_format(fmt)]}
    row = rows[key]
    if row.level == 2 and row.parent is not None:  # noqa: PLR2004 (numbered sub-rows)
        return f"{rows[row.parent].label} {row.label}"
    return row.label


def _table3_cells(fmt: ReportFormat) -> list[Cell]:
    return [
        Cell(("applications", *row.path, i), CellKind.COUNT, "三", table3_row_label(fmt, row.key), COLUMN_LABELS[i])
        for row in TABLE3_ROWS[fmt]
        if row.path is not None
        for i in range(COLUMN_COUNT)
    ]


def _table4_cells() -> list[Cell]:
    return [
        Cell(("review_litigation", group.key, i), CellKind.COUNT, "四", group.full_label, column)
        for group in TABLE4_GROUPS
        for i, column in enumerate(TABLE4_COLUMN_LABELS)
    ]


_CELLS: dict[ReportFormat, tuple[Cell, ...]] = {
    fmt: (*_table2_cells(fmt), *_table3_cells(fmt), *_table4_cells()) for fmt in ReportFormat
}
_CELLS_BY_PATH: dict[ReportFormat, dict[Path, Cell]] = {
    fmt: {c.path: c for c in cells} for fmt, cells in _CELLS.items()
}


def cells(fmt: ReportFormat | str, table: str | None = None) -> tuple[Cell, ...]:
    """Every number cell of the format, in printed order (optionally of one table: "二", "三", "四")."""
    all_cells = _CELLS[parse_format(fmt)]
    return all_cells if table is None else tuple(c for c in all_cells if c.table == table)


def cell(fmt: ReportFormat | str, path: Iterable[str | int]) -> Cell:
    key = tuple(path)
    found = _CELLS_BY_PATH[parse_format(fmt)].get(key)
    if found is None:
        raise ValueError(f"{parse_format(fmt).label}没有这个单元格：{'/'.join(map(str, key))}")
    return found


def path_text(path: Path) -> str:
    """A path as one string (form field names, stored keys): ``applications/refused/state_secret/0``."""
    return "/".join(str(p) for p in path)


def parse_path(fmt: ReportFormat | str, text: str) -> Path:
    """The cell path written by ``path_text``; raises ``ValueError`` for anything that is not a cell."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in text.split("/")]
    return cell(fmt, parts).path


# --------------------------------------------------------------------------------------------------
# Reading and writing cells
# --------------------------------------------------------------------------------------------------


def get(doc: ReportDoc, path: Iterable[str | int]) -> Any:
    """The value at ``path`` or ``None`` when any step is missing."""
    node: Any = doc
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
        if node is None:
            return None
    return node


def put(doc: ReportDoc, path: Iterable[str | int], value: Any) -> None:
    """Set the value at ``path``, creating the objects and 7- or 5-number lists on the way."""
    steps = list(path)
    node: Any = doc
    for position, step in enumerate(steps[:-1]):
        following = steps[position + 1]
        if isinstance(step, int):
            node = node[step]
            continue
        if node.get(step) is None:
            if isinstance(following, int):
                node[step] = [None] * (len(TABLE4_COLUMN_KEYS) if path_is_table4(steps) else COLUMN_COUNT)
            else:
                node[step] = {}
        node = node[step]
    last = steps[-1]
    node[last] = value


def path_is_table4(path: Iterable[str | int]) -> bool:
    steps = list(path)
    return bool(steps) and steps[0] == "review_litigation"


def numbers(doc: ReportDoc, path: Iterable[str | int]) -> list[Any]:
    """The list at ``path`` (a row of 7 or 5 numbers), or an empty list."""
    value = get(doc, path)
    return value if isinstance(value, list) else []


# --- prose figures the tables give ---------------------------------------------------------------------

# The figures a report's words state that its tables give too: key of ``prose_numbers`` → (the Chinese
# name used in findings, the cells whose sum it is). Section 一 of a generated report states them from
# the tables; a parsed report's words are checked against its tables (rule ``prose_tables``).
TABLE_FIGURES: dict[str, tuple[str, tuple[Path, ...]]] = {
    "applications_received": ("本年新收申请数量", (("applications", "new", 6),)),
    "applications_answered": ("办结（答复）申请数量", (("applications", "total_handled", 6),)),
    "review_cases": ("行政复议案件数量", (("review_litigation", "review", 4),)),
    "litigation_cases": (
        "行政诉讼案件数量",
        (("review_litigation", "litigation_direct", 4), ("review_litigation", "litigation_after_review", 4)),
    ),
}


def table_figure(doc: ReportDoc, key: str) -> int | None:
    """The figure ``key`` of ``TABLE_FIGURES`` as the tables give it (``None`` when a cell is blank)."""
    total = 0
    for path in TABLE_FIGURES[key][1]:
        value = get(doc, path)
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        total += value
    return total


def prose_from_tables(doc: ReportDoc) -> None:
    """Set the prose figures a generated report takes from its tables, after its cells changed (a cell
    corrected by hand changes what section 一 states)."""
    prose = doc.setdefault("prose_numbers", {})
    for key in TABLE_FIGURES:
        prose[key] = table_figure(doc, key)


# --- amounts (万元) ----------------------------------------------------------------------------------

_AMOUNT_STEP = Decimal(1).scaleb(-AMOUNT_DECIMALS)


def to_decimal(value: Number | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def amount_number(value: Decimal) -> Number:
    """A 万元 amount as the JSON number written in reports: whole amounts as integers, otherwise a
    float of at most four decimals (885.1737)."""
    rounded = value.quantize(_AMOUNT_STEP, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def parse_cell_value(kind: CellKind, text: str) -> Number | None:
    """A value typed by staff or found in a report: "" → ``None``; raises ``ValueError`` with a Chinese
    message for anything the cell cannot hold. Full-width digits and thousands separators are read."""
    cleaned = text.strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    if cleaned == "":
        return None
    if kind is CellKind.AMOUNT:
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"“{text.strip()}”不是金额，请填写以万元为单位的数字，如 885.1737") from None
        if not value.is_finite() or value < 0:
            raise ValueError("金额不能为负数。")
        if value != value.quantize(_AMOUNT_STEP, rounding=ROUND_HALF_UP):
            raise ValueError("金额以万元为单位，最多保留四位小数。")
        return amount_number(value)
    signed = cleaned[1:] if cleaned[:1] in "+-" else cleaned
    if not signed.isdigit():
        raise ValueError(f"“{text.strip()}”不是整数。")
    number = int(cleaned)
    if kind is CellKind.COUNT and number < 0:
        raise ValueError("数量不能为负数。")
    return number


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


def valid_value(kind: CellKind, value: Any) -> bool:
    """Whether ``value`` (not ``None``) is what a cell of ``kind`` may hold (C8)."""
    if isinstance(value, bool):
        return False
    if kind is CellKind.AMOUNT:
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if not isinstance(value, int | float) or value < 0:
            return False
        exact = to_decimal(value)
        return exact == exact.quantize(_AMOUNT_STEP, rounding=ROUND_HALF_UP)
    if not isinstance(value, int):
        return False
    return kind is CellKind.SIGNED or value >= 0


# --------------------------------------------------------------------------------------------------
# Building documents
# --------------------------------------------------------------------------------------------------


def empty_sections() -> dict[str, dict[str, Any]]:
    return {number: {"title": SECTION_TITLES[number], "text": None} for number in SECTION_NUMBERS}


def empty(*, fmt: ReportFormat | str, year: int | None, agency: str | None) -> ReportDoc:
    """A document of the format with every cell ``null``."""
    fmt = parse_format(fmt)
    doc: ReportDoc = {
        "agency": agency,
        "year": year,
        "format": fmt.value,
        "published_date": None,
        "title": None,
        "preamble": None,
        "sections": empty_sections(),
        "proactive": dict.fromkeys(PROACTIVE_KEYS),
        "applications": {"columns": list(COLUMN_KEYS)},
        "review_litigation": {"columns": list(TABLE4_COLUMN_KEYS)},
        "prose_numbers": dict.fromkeys(PROSE_KEYS),
        "findings": [],
    }
    if fmt is ReportFormat.FORMAT_2019:
        doc["proactive"]["2019"] = {}
    for c in cells(fmt):
        put(doc, c.path, None)
    return doc


def mirror_2019(doc: ReportDoc) -> None:
    """Fill the flat ``proactive`` keys of a 2019-format document from its 2019 table cells."""
    if doc.get("format") != ReportFormat.FORMAT_2019.value:
        return
    for key, (row, column) in MIRROR_2019.items():
        doc["proactive"][key] = get(doc, ("proactive", "2019", row, column))


def cell_values(doc: ReportDoc) -> Iterator[tuple[Cell, Any]]:
    """Every cell of the document's format with its value (``None`` when not given)."""
    fmt = parse_format(doc.get("format") or ReportFormat.FORMAT_2021.value)
    for c in cells(fmt):
        yield c, get(doc, c.path)


def tables_of(doc: ReportDoc) -> dict[str, Any]:
    """Only the number cells, as ``{path_text: value}``: what a table diff compares."""
    return {path_text(c.path): value for c, value in cell_values(doc)}


def changed_cells(before: ReportDoc, after: ReportDoc) -> list[tuple[Cell, Any, Any]]:
    """The cells whose value differs between two documents of the same format, in printed order."""
    fmt = parse_format(after.get("format") or ReportFormat.FORMAT_2021.value)
    return [
        (c, get(before, c.path), get(after, c.path)) for c in cells(fmt) if get(before, c.path) != get(after, c.path)
    ]


def copy_doc(doc: ReportDoc) -> ReportDoc:
    return copy.deepcopy(doc)


def section_text(doc: ReportDoc, number: str) -> str | None:
    sections = doc.get("sections")
    if not isinstance(sections, dict):
        return None
    section = sections.get(number)
    if not isinstance(section, dict):
        return None
    text = section.get("text")
    return text if isinstance(text, str) else None


def title_for(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


# --------------------------------------------------------------------------------------------------
# Sums (the supervisor's consolidated tables)
# --------------------------------------------------------------------------------------------------


def sum_tables(docs: Iterable[ReportDoc], *, fmt: ReportFormat | str, year: int, label: str) -> ReportDoc:
    """One document whose every cell is the sum of the documents' cells (a missing cell counts 0;
    a cell missing everywhere stays ``null``). Amounts are summed exactly in decimal."""
    fmt = parse_format(fmt)
    total = empty(fmt=fmt, year=year, agency=label)
    sums: dict[Path, Decimal | int | None] = {c.path: None for c in cells(fmt)}
    for doc in docs:
        for c in cells(fmt):
            value = get(doc, c.path)
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                continue
            current = sums[c.path]
            if c.kind is CellKind.AMOUNT:
                sums[c.path] = (to_decimal(current) if current is not None else Decimal(0)) + to_decimal(value)
            else:
                sums[c.path] = (int(current) if current is not None else 0) + int(value)
    for path, value in sums.items():
        put(total, path, amount_number(value) if isinstance(value, Decimal) else value)
    mirror_2019(total)
    total["sections"] = empty_sections()
    return total


# --- the canonical key order ------------------------------------------------------------------------------

TOP_KEYS: tuple[str, ...] = (
    "agency",
    "year",
    "format",
    "published_date",
    "title",
    "preamble",
    "sections",
    "proactive",
    "applications",
    "review_litigation",
    "prose_numbers",
    "findings",
)


def _ordered_like(value: Any, order: Iterable[str]) -> Any:
    if not isinstance(value, dict):
        return value
    keys = [k for k in order if k in value]
    return {**{k: value[k] for k in keys}, **{k: v for k, v in value.items() if k not in keys}}


def _applications_order(fmt: ReportFormat) -> list[str]:
    order = ["columns"]
    for r in TABLE3_ROWS[fmt]:
        if r.path is not None and r.path[0] not in order:
            order.append(r.path[0])
    return order


def ordered(doc: ReportDoc) -> ReportDoc:
    """The document with its keys in the documented order (docs/report-json.md), whatever order a database
    kept them in (PostgreSQL's jsonb sorts keys); keys the shape does not know come last, as they were."""
    try:
        fmt = parse_format(doc.get("format") or ReportFormat.FORMAT_2021.value)
    except ValueError:
        fmt = ReportFormat.FORMAT_2021
    out: ReportDoc = _ordered_like(doc, TOP_KEYS)
    if isinstance(out.get("sections"), dict):
        out["sections"] = {
            k: _ordered_like(v, ("title", "text")) for k, v in _ordered_like(out["sections"], SECTION_NUMBERS).items()
        }
    proactive = out.get("proactive")
    if isinstance(proactive, dict):
        proactive = _ordered_like(proactive, PROACTIVE_KEYS)
        table = proactive.get("2019")
        if isinstance(table, dict):
            rows = [r for block in table2(ReportFormat.FORMAT_2019) for r in block.rows]
            table = _ordered_like(table, [r.label for r in rows])
            columns = {r.label: [str(p[-1]) for p in r.paths] for r in rows}
            proactive["2019"] = {label: _ordered_like(v, columns.get(label, ())) for label, v in table.items()}
        out["proactive"] = proactive
    applications = out.get("applications")
    if isinstance(applications, dict):
        applications = _ordered_like(applications, _applications_order(fmt))
        for group, value in applications.items():
            if isinstance(value, dict):
                keys = [
                    r.path[1] for r in TABLE3_ROWS[fmt] if r.path is not None and len(r.path) > 1 and r.path[0] == group
                ]
                applications[group] = _ordered_like(value, keys)
        out["applications"] = applications
    out["review_litigation"] = _ordered_like(out.get("review_litigation"), ("columns", *(g.key for g in TABLE4_GROUPS)))
    out["prose_numbers"] = _ordered_like(out.get("prose_numbers"), PROSE_KEYS)
    return out
