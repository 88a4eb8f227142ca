"""The annual report's tables as an XLSX workbook, and a supervisor's consolidated workbook.

A sheet per table ("表二", "表三", "表四"), laid out from the ``layout`` grids with the form's merged
cells; numbers are written as numbers (a blank cell stays empty) so that they can be summed and
compared. The same report always gives the same bytes.

Pure Python: no Django import.
"""

import datetime as dt
import io
import math
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import openpyxl

# openpyxl ships no type information (pyproject lets mypy skip only its top-level module)
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from gongkai.reports.document import ReportDoc
from gongkai.reports.layout import Grid, GridCell, Printed, printed
from gongkai.reports.render import fixed_zip
from gongkai.rules.outcomes import parse_format

SHEET_NAMES: dict[str, str] = {"table2": "表二", "table3": "表三", "table4": "表四"}
FIXED_TIME = dt.datetime(2000, 1, 1)  # noqa: DTZ001 - workbook times are naive (openpyxl: assumed UTC)
FONT_NAME = "宋体"
FONT_SIZE = 10.5
LINE_HEIGHT = 14.0  # pt, one line of 10.5 pt text
WIDTH_PER_SHARE = 12.0  # column width (characters) of one unit of ``Grid.widths``
PLAIN_WIDTH = 9.0  # column width of a grid without widths
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

ROLLUP_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("agency", "机关", 36),
    ("status", "状态", 14),
    ("published_on", "公开日期", 14),
    ("errors", "错误", 8),
    ("warnings", "警告", 8),
)


def report_xlsx(doc: ReportDoc) -> bytes:
    """A "说明" sheet (title, agency, year, format, published date), then a sheet per table."""
    report = printed(doc)
    workbook = openpyxl.Workbook()
    about = workbook.active
    about.title = "说明"
    facts = (
        ("标题", report.title),
        ("机关", doc.get("agency") or ""),
        ("年度", doc.get("year")),
        ("格式", _format_label(doc.get("format"))),
        ("公开日期", doc.get("published_date") or ""),
    )
    for label, value in facts:
        about.append((label, value))
        about.cell(about.max_row, 1).font = _font(bold=True)
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 60
    _table_sheets(workbook, report)
    return _save(workbook, title=report.title, author=doc.get("agency") or "")


def rollup_xlsx(rows: Sequence[Mapping[str, Any]], total_doc: ReportDoc, *, title: str) -> bytes:
    """A supervisor's workbook: "汇总情况" lists every agency's report (agency, status, published date,
    errors, warnings), then the tables of ``total_doc`` (``document.sum_tables`` of the reports)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "汇总情况"
    sheet.append((title,))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ROLLUP_COLUMNS))
    sheet.cell(1, 1).font = _font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.append([label for _key, label, _width in ROLLUP_COLUMNS])
    for row in rows:
        sheet.append([row.get(key, "") for key, _label, _width in ROLLUP_COLUMNS])
    for line in sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=len(ROLLUP_COLUMNS)):
        for cell in line:
            cell.border = BORDER
            cell.font = _font(bold=cell.row == 2)  # noqa: PLR2004 - the column headings
            cell.alignment = Alignment(horizontal="left" if cell.column == 1 else "center", vertical="center")
    for position, (_key, _label, width) in enumerate(ROLLUP_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(ROLLUP_COLUMNS))}{max(sheet.max_row, 2)}"
    _table_sheets(workbook, printed(total_doc))
    return _save(workbook, title=title, author="")


def _format_label(fmt: Any) -> str:
    try:
        return parse_format(fmt).label
    except ValueError:
        return str(fmt or "")


def _font(*, bold: bool = False, size: float = FONT_SIZE) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def _table_sheets(workbook: Any, report: Printed) -> None:
    for part in report.parts:
        if part.grid is not None:
            write_grid(workbook.create_sheet(SHEET_NAMES.get(part.grid.key, part.grid.key)), part.grid)


def write_grid(sheet: Any, grid: Grid) -> None:
    """The grid on ``sheet``: its caption merged across the first row, the table from the second row."""
    first = 2  # the sheet row of the grid's first row
    sheet.cell(1, 1, grid.caption).font = _font(bold=True, size=12)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.columns)
    for cell in grid.all_cells():
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=first + cell.row,
                start_column=1 + cell.col,
                end_row=first + cell.row + cell.rowspan - 1,
                end_column=cell.col + cell.colspan,
            )
        target = sheet.cell(first + cell.row, 1 + cell.col)
        target.value = _value(cell)
        target.font = _font(bold=cell.header)
        left = grid.key == "table3" and cell.scope == "row"  # table 三's long row labels, as on the form
        target.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
    for line in sheet.iter_rows(min_row=first, max_row=first + grid.row_count - 1, max_col=grid.columns):
        for square in line:
            square.border = BORDER  # every square, merged or not, so merged cells are drawn whole
    widths = [share * WIDTH_PER_SHARE for share in grid.widths] or [PLAIN_WIDTH] * grid.columns
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for row, height in enumerate(_row_heights(grid, widths), start=first):
        sheet.row_dimensions[row].height = height
    if grid.header_rows:
        sheet.print_title_rows = f"{first}:{first + grid.header_rows - 1}"  # repeated on every printed page
    if grid.key == "table3":
        sheet.freeze_panes = sheet.cell(first + grid.header_rows, 1)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if grid.columns > 10 else "portrait"  # noqa: PLR2004 - table 四
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _value(cell: GridCell) -> int | float | str | None:
    """A number cell's number (not its text), a label's text; ``None`` leaves the cell empty."""
    if not cell.numeric:
        return cell.text
    value = cell.value
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return cell.text


def _text_width(text: str) -> int:
    """Width of ``text`` in Excel's character units: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _row_heights(grid: Grid, widths: Sequence[float]) -> list[float]:
    """Heights that show every wrapped label whole (Excel does not grow rows for merged cells)."""
    heights = [LINE_HEIGHT + 4] * grid.row_count
    for cell in grid.all_cells():
        room = max(sum(widths[cell.col : cell.col + cell.colspan]) - 1, 1)
        lines = math.ceil(_text_width(cell.text) / room) if cell.text else 1
        per_row = (lines * LINE_HEIGHT + 4) / cell.rowspan
        for row in range(cell.row, cell.row + cell.rowspan):
            heights[row] = max(heights[row], per_row)
    return heights


def _save(workbook: Any, *, title: str, author: str) -> bytes:
    """The workbook's bytes, dated ``FIXED_TIME`` inside and out (``Workbook.save`` would stamp the
    current time on the workbook and on every zip entry)."""
    properties = workbook.properties
    properties.title, properties.creator, properties.lastModifiedBy = title, author, author
    properties.created = properties.modified = FIXED_TIME
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return fixed_zip(out.getvalue())
