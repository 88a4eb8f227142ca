"""The printed layout of an annual report, once, for every output: the three tables as grids with their
merged header cells exactly as the national form draws them, and the report as an ordered list of
parts (title, preamble, section headings, paragraphs, tables, signature). The HTML page, the DOCX, the
PDF and the XLSX are all drawn from this.

A grid lists, per row, the cells that start in that row, with their row and column spans (as an HTML
table is written); ``Grid.merges`` gives the same as rectangles for DOCX and XLSX.

Pure Python: no Django import.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.reports.document import ReportDoc, get, path_text, section_text, title_for, to_decimal
from gongkai.rules.outcomes import (
    APPLICANT_COLUMNS,
    COLUMN_COUNT,
    COLUMN_LABELS,
    ORGANISATION_HEADER,
    TABLE3_ROWS,
    TOTAL_LABEL,
    ReportFormat,
    RowKind,
    parse_format,
)
from gongkai.rules.report_tables import (
    AMOUNT_NOTE_2019,
    SECTION_NUMBERS,
    TABLE2_CONTENT_HEADER,
    TABLE3_APPLICANT_HEADER,
    TABLE3_NOTE,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUPS,
    TABLE4_LITIGATION,
    TABLE4_REVIEW,
    CellKind,
    section_heading,
    table2,
)
from gongkai.workdays.explain import chinese_date

TABLE2_DATA_COLUMNS = 3
BLANK = ""


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str = ""  # col / colgroup / row / rowgroup (HTML th scope)
    path: str = ""  # the number cell's path (``document.path_text``); "" for labels
    kind: str = ""  # CellKind of a number cell
    value: Any = None  # the number itself (None when blank)

    @property
    def numeric(self) -> bool:
        return bool(self.path)


@dataclass(frozen=True)
class Grid:
    key: str  # table2 / table3 / table4
    caption: str
    columns: int
    header_rows: int  # how many leading rows are column headers
    rows: tuple[tuple[GridCell, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def merges(self) -> Iterator[GridCell]:
        """The cells spanning more than one grid square."""
        for row in self.rows:
            for c in row:
                if c.rowspan > 1 or c.colspan > 1:
                    yield c

    def all_cells(self) -> Iterator[GridCell]:
        for row in self.rows:
            yield from row


def format_value(kind: str, value: Any) -> str:
    """A cell as printed: counts as whole numbers, 万元 amounts with up to four decimals, 本年增/减
    with its sign; blank when not given."""
    if value is None:
        return BLANK
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    if kind == CellKind.AMOUNT:
        return format(to_decimal(value).normalize(), "f")
    if kind == CellKind.SIGNED and isinstance(value, int) and value > 0:
        return f"+{value}"
    return str(value)


class _Builder:
    def __init__(self) -> None:
        self.rows: list[list[GridCell]] = []

    def row(self) -> list[GridCell]:
        self.rows.append([])
        return self.rows[-1]

    def label(
        self, text: str, col: int, *, rowspan: int = 1, colspan: int = 1, scope: str = "col", header: bool = True
    ) -> None:
        self.rows[-1].append(GridCell(text, len(self.rows) - 1, col, rowspan, colspan, header=header, scope=scope))

    def number(
        self, doc: ReportDoc, path: tuple[str | int, ...], kind: CellKind, col: int, *, colspan: int = 1
    ) -> None:
        value = get(doc, path)
        self.rows[-1].append(
            GridCell(
                format_value(kind, value),
                len(self.rows) - 1,
                col,
                colspan=colspan,
                path=path_text(path),
                kind=kind.value,
                value=value,
            )
        )

    def done(self) -> tuple[tuple[GridCell, ...], ...]:
        return tuple(tuple(r) for r in self.rows)


# --------------------------------------------------------------------------------------------------
# The three tables
# --------------------------------------------------------------------------------------------------


def table2_grid(doc: ReportDoc) -> Grid:
    fmt = parse_format(doc.get("format") or ReportFormat.FORMAT_2021.value)
    b = _Builder()
    for block in table2(fmt):
        b.row()
        b.label(block.item, 0, colspan=1 + TABLE2_DATA_COLUMNS, scope="colgroup")
        b.row()
        b.label(TABLE2_CONTENT_HEADER, 0)
        spans = _spans(len(block.columns))
        col = 1
        for column, span in zip(block.columns, spans, strict=True):
            shown = column
            if fmt is ReportFormat.FORMAT_2019 and column == "采购总金额":
                shown = f"{column}{AMOUNT_NOTE_2019}"
            b.label(shown, col, colspan=span)
            col += span
        for r in block.rows:
            b.row()
            b.label(r.label, 0, scope="row")
            col = 1
            for path, kind, span in zip(r.paths, r.kinds, spans, strict=True):
                b.number(doc, path, kind, col, colspan=span)
                col += span
    return Grid("table2", "表二 主动公开政府信息情况", 1 + TABLE2_DATA_COLUMNS, 0, b.done(), (2.2, 1.3, 1.3, 1.3))


def _spans(columns: int) -> list[int]:
    """Table 二 has three data columns; a block with fewer lets its last column span the rest."""
    return [1] * (columns - 1) + [TABLE2_DATA_COLUMNS - columns + 1]


def _table3_header(b: _Builder, label_cols: int) -> None:
    """The note over the label columns; 申请人情况 over 自然人, 法人或其他组织 {five columns} and 总计."""
    b.row()
    b.label(TABLE3_NOTE, 0, rowspan=3, colspan=label_cols, scope="")
    b.label(TABLE3_APPLICANT_HEADER, label_cols, colspan=COLUMN_COUNT, scope="colgroup")
    b.row()
    b.label(COLUMN_LABELS[0], label_cols, rowspan=2)
    b.label(ORGANISATION_HEADER, label_cols + 1, colspan=APPLICANT_COLUMNS - 1, scope="colgroup")
    b.label(TOTAL_LABEL, label_cols + APPLICANT_COLUMNS, rowspan=2)
    b.row()
    for i in range(1, APPLICANT_COLUMNS):
        b.label(COLUMN_LABELS[i], label_cols + i)


def table3_grid(doc: ReportDoc) -> Grid:
    """Three label columns as on the form: 一/二/四 across all three; 三、本年度办理结果 as one tall cell
    beside every result row; （一）…（七） in the second column (across the third when they have no
    sub-rows); group labels as tall cells beside their numbered sub-rows."""
    fmt = parse_format(doc.get("format") or ReportFormat.FORMAT_2021.value)
    rows = TABLE3_ROWS[fmt]
    label_cols = 3
    b = _Builder()
    _table3_header(b, label_cols)
    printed_results = [r for r in rows if (r.parent == "results" or r.level == 2) and r.kind is not RowKind.GROUP]  # noqa: PLR2004
    first_result = printed_results[0].key
    by_key = {r.key: r for r in rows}
    first_child: dict[str, str] = {}
    children: dict[str, int] = {}
    for r in rows:
        if r.level == 2 and r.parent:  # noqa: PLR2004 (numbered sub-rows)
            first_child.setdefault(r.parent, r.key)
            children[r.parent] = children.get(r.parent, 0) + 1
    for r in rows:
        if r.path is None:
            continue  # the heading and the groups are drawn as tall cells beside their rows
        b.row()
        if r.level == 0:
            b.label(r.label, 0, colspan=label_cols, scope="row")
        elif r.level == 1:
            if r.key == first_result:
                b.label("三、本年度办理结果", 0, rowspan=len(printed_results), scope="rowgroup")
            b.label(r.label, 1, colspan=2, scope="row")
        else:
            parent = r.parent or ""
            if first_child.get(parent) == r.key:
                b.label(by_key[parent].label, 1, rowspan=children[parent], scope="rowgroup")
            b.label(r.label, 2, scope="row")
        for i in range(COLUMN_COUNT):
            b.number(doc, ("applications", *r.path, i), CellKind.COUNT, label_cols + i)
    widths = (0.7, 1.2, 2.6, *(0.75,) * COLUMN_COUNT)
    return Grid("table3", "表三 收到和处理政府信息公开申请情况", label_cols + COLUMN_COUNT, 3, b.done(), widths)


def table4_grid(doc: ReportDoc) -> Grid:
    b = _Builder()
    width = len(TABLE4_COLUMN_LABELS)
    b.row()
    b.label(TABLE4_REVIEW, 0, colspan=width, scope="colgroup")
    b.label(TABLE4_LITIGATION, width, colspan=2 * width, scope="colgroup")
    b.row()
    for i, label in enumerate(TABLE4_COLUMN_LABELS):
        b.label(label, i, rowspan=2)
    for n, group in enumerate(TABLE4_GROUPS[1:]):
        b.label(group.sub_label, width * (n + 1), colspan=width, scope="colgroup")
    b.row()
    for n in range(1, len(TABLE4_GROUPS)):
        for i, label in enumerate(TABLE4_COLUMN_LABELS):
            b.label(label, width * n + i)
    b.row()
    for n, group in enumerate(TABLE4_GROUPS):
        for i in range(width):
            b.number(doc, ("review_litigation", group.key, i), CellKind.COUNT, width * n + i)
    return Grid("table4", "表四 政府信息公开行政复议、行政诉讼情况", width * 3, 3, b.done())


# --------------------------------------------------------------------------------------------------
# The report as parts
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    kind: str  # title / meta / preamble / heading / paragraph / table / signature
    text: str = ""
    grid: Grid | None = None
    section: str = ""


@dataclass(frozen=True)
class Printed:
    """The report as printed, in order."""

    title: str
    parts: tuple[Part, ...]
    signature: tuple[str, ...] = field(default_factory=tuple)


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def printed(doc: ReportDoc, *, signed_on: dt.date | None = None) -> Printed:
    """The report as printed: title, preamble, the six sections (tables for 二–四), the signature
    (agency and the date it was published, or ``signed_on`` for a draft)."""
    agency, year = doc.get("agency") or "", doc.get("year")
    title = doc.get("title") or (title_for(agency, year) if isinstance(year, int) else "政府信息公开工作年度报告")
    parts: list[Part] = [Part("title", title)]
    parts.extend(Part("preamble", p) for p in _paragraphs(doc.get("preamble")))
    grids = {"二": table2_grid, "三": table3_grid, "四": table4_grid}
    for number in SECTION_NUMBERS:
        parts.append(Part("heading", section_heading(number), section=number))
        parts.extend(Part("paragraph", p, section=number) for p in _paragraphs(section_text(doc, number)))
        if number in grids and doc.get("format") in {f.value for f in ReportFormat}:
            parts.append(Part("table", grid=grids[number](doc), section=number))
    published = doc.get("published_date")
    day = dt.date.fromisoformat(published) if isinstance(published, str) else signed_on
    signature = tuple(s for s in (agency, chinese_date(day) if day else "") if s)
    return Printed(title, tuple(parts), signature)
