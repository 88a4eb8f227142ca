"""Files of a data list: the public CSV and XLSX downloads, and the blank template per kind. Pure Python.

Downloads contain exactly what the page shows (stored values are already masked). A cell that a
spreadsheet would run as a formula (starting with = + - @) is written as text, never as a formula.
"""

import csv
import io
from collections.abc import Sequence

from gongkai.datalists.kinds import ColumnType, ListKind, Rule
from gongkai.publications.catalog_import import EXAMPLE_MARK

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_MAX = 31


def _csv_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) and not _is_number(value) else value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def to_csv(labels: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with BOM (Excel opens it with the right characters), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(labels)
    writer.writerows([_csv_safe(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title: str, labels: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """One sheet: bold header row (frozen), then the rows; every cell is text."""
    import openpyxl  # noqa: PLC0415 - heavy import, only when a workbook is asked for

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has its first sheet
    sheet.title = _sheet_title(title)
    for row_index, values in enumerate([labels, *rows], start=1):
        for column_index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_index, column=column_index)
            cell.value = value
            cell.data_type = "s"
            if row_index == 1:
                cell.font = openpyxl.styles.Font(bold=True)
    for column_index, label in enumerate(labels, start=1):
        width = max([len(label), *(len(row[column_index - 1]) for row in rows[:200])], default=8)
        sheet.column_dimensions[sheet.cell(row=1, column=column_index).column_letter].width = min(60, width * 2 + 2)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:_SHEET_TITLE_MAX] or "数据"


def build_template(kind: ListKind) -> bytes:
    """The kind's header row and one example row (marked, to be deleted), and a sheet explaining each column."""
    import openpyxl  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    sheet.title = _sheet_title(kind.label)
    sheet.append([c.label for c in kind.columns])
    example = [c.example for c in kind.columns]
    example[0] = EXAMPLE_MARK + example[0]
    sheet.append(example)
    for index, column in enumerate(kind.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = openpyxl.styles.Font(bold=True)
        sheet.cell(row=2, column=index).data_type = "s"
        sheet.column_dimensions[cell.column_letter].width = 30 if column.type == ColumnType.TEXT else 18
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "必填", "也可用的列名", "公开方式", "说明"])
    for column in kind.columns:
        notes.append(
            [
                column.label,
                "是" if column.required else "",
                "、".join(column.synonyms),
                column.rule.label,
                column.help or _type_help(column.type),
            ]
        )
    notes.append([])
    notes.append(
        [f"第一行是表头，列的顺序不限；以“{EXAMPLE_MARK}”开头的示例行须删除。任何一行有问题，整个文件都不会导入。"]
    )
    if any(c.rule == Rule.WITHHOLD for c in kind.columns):
        notes.append(["“不公开（不保存）”的列可以保留在表格中，导入时直接丢弃，不会保存或公开。"])
    for row in notes.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.font = openpyxl.styles.Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _type_help(kind: ColumnType) -> str:
    return {
        ColumnType.MONEY: "金额，单位元，最多两位小数",
        ColumnType.DATE: "日期，如 2025-09-01",
        ColumnType.INTEGER: "整数",
        ColumnType.PHONE: "电话号码",
        ColumnType.ADDRESS_RANGE: "全部；1-99号；单号1-99号；双号2-58号",
    }.get(kind, "")
