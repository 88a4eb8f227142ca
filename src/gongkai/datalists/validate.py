"""Reading a data list from XLSX or CSV and checking every cell against its kind's schema. Pure Python.

The file is read with the catalog import's readers (``publications.catalog_import``: type by content, UTF-8 /
GB18030 / UTF-16 CSV, first sheet of an XLSX). The header row is found among the first rows; names match
after NFKC (full-width/half-width), without spaces or a trailing ``（说明）``, in any order; required columns
must be there and an unknown column is an error (a column nobody checked must not be published by accident).

Every problem is collected with its row and column (``第5行“资助金额（元）”：“一百”不是金额``); a table with
problems is never imported. What comes out is only what may be published: masked cells are masked here and
withheld columns are dropped, so the caller stores ``Table.rows`` as they are.
"""

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.datalists.address import RangeError, parse_ranges
from gongkai.datalists.kinds import ColumnSpec, ColumnType, ListKind, Rule
from gongkai.datalists.masking import mask_id_number, mask_person_name, personal_findings
from gongkai.privacy.validation import resident_id_problem
from gongkai.publications.catalog_import import (
    EXAMPLE_MARK,
    HEADER_SEARCH_ROWS,
    MAX_BYTES,
    MAX_ROWS,
    SpreadsheetError,
    _cell_text,
    _rows_of,
    normalize_header,
    parse_date,
)

MAX_MONEY = Decimal(1_000_000_000)
MAX_NAME = 30
_MONEY_NOISE = str.maketrans("", "", "￥¥元,，")
_PHONE_CHARS = frozenset("0123456789-+() 转/、")
_PHONE_DIGITS = (7, 20)
_NAME_MIN_MATCH = 2


@dataclass(frozen=True)
class CellError:
    """One problem: ``row`` as the spreadsheet numbers it (None = the file), ``column`` as printed."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"“{self.column}”列：{self.message}" if self.column else self.message
        return f"第{self.row}行“{self.column}”：{self.message}" if self.column else f"第{self.row}行：{self.message}"


@dataclass(frozen=True)
class TableRow:
    number: int  # the spreadsheet's row number
    values: tuple[str, ...]  # aligned with ``Table.columns``; masked where the rule says so


@dataclass(frozen=True)
class Table:
    kind: ListKind
    columns: tuple[ColumnSpec, ...]  # the stored columns (schema order): required ones, and optional ones present
    rows: tuple[TableRow, ...]
    errors: tuple[CellError, ...]
    masked_count: int = 0  # cells published masked
    withheld: tuple[str, ...] = ()  # columns in the file that are dropped (never stored), as printed

    @property
    def ok(self) -> bool:
        return not self.errors


class _CellProblemError(ValueError):
    pass


# -- cells -------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    return " ".join(_cell_text(value).replace("\u3000", " ").split())


def _money(value: object) -> str:
    shown = _text(value)
    text = unicodedata.normalize("NFKC", shown).translate(_MONEY_NOISE).replace(" ", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _CellProblemError(f"“{shown}”不是金额（请填写数字，如 625 或 625.50）。") from None
    if not amount.is_finite():
        raise _CellProblemError(f"“{shown}”不是金额（请填写数字，如 625 或 625.50）。")
    if amount < 0:
        raise _CellProblemError(f"金额“{shown}”不能为负数。")
    if amount >= MAX_MONEY:
        raise _CellProblemError(f"金额“{shown}”过大，请核对单位（本列以元为单位）。")
    if amount != amount.quantize(Decimal("0.01")):
        raise _CellProblemError(f"金额“{shown}”最多保留两位小数（元、角、分）。")
    return f"{amount.quantize(Decimal('0.01')):.2f}"


def _integer(value: object) -> str:
    shown = _text(value)
    text = unicodedata.normalize("NFKC", shown).replace(",", "").replace(" ", "")
    if not (text.isascii() and text.lstrip("-").isdigit()):
        raise _CellProblemError(f"“{shown}”不是整数。")
    return str(int(text))


def _date(value: object) -> str:
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise _CellProblemError(str(exc)) from None
    return parsed.isoformat() if parsed else ""


def _person_name(value: object) -> str:
    text = "".join(_text(value).split())
    if len(text) > MAX_NAME:
        raise _CellProblemError(f"姓名超过{MAX_NAME}个字，请核对。")
    if any(c.isdigit() for c in unicodedata.normalize("NFKC", text)):
        raise _CellProblemError("姓名中不能有数字，请核对是否填错了列。")
    return text


def _id_number(value: object) -> str:
    text = "".join(unicodedata.normalize("NFKC", _cell_text(value)).split()).upper()
    if not text:
        return ""
    problem = resident_id_problem(text)
    if problem:
        raise _CellProblemError(f"身份证号“{mask_id_number(text)}”有误：{problem}")
    return text


def _phone(value: object) -> str:
    """One or several numbers (separated by 、 or /), each of 7 to 20 digits with -, (), + or 转."""
    shown = _text(value)
    text = unicodedata.normalize("NFKC", shown)
    numbers = [n for n in re.split(r"[、/]", text) if n.strip()]
    if not set(text) <= _PHONE_CHARS or not all(
        _PHONE_DIGITS[0] <= sum(c.isdigit() for c in n) <= _PHONE_DIGITS[1] for n in numbers
    ):
        raise _CellProblemError(f"“{shown}”不是电话号码（如 0999-86120001）。")
    return text


def _address_range(value: object) -> str:
    text = _text(value)
    try:
        parse_ranges(text)
    except RangeError as exc:
        raise _CellProblemError(str(exc)) from None
    return text


_READERS = {
    ColumnType.MONEY: _money,
    ColumnType.INTEGER: _integer,
    ColumnType.DATE: _date,
    ColumnType.PERSON_NAME: _person_name,
    ColumnType.ID_NUMBER: _id_number,
    ColumnType.PHONE: _phone,
    ColumnType.ADDRESS_RANGE: _address_range,
}


def read_cell(column: ColumnSpec, value: object) -> str:
    """The cell's value as stored before masking; raises ``ValueError`` with a Chinese message."""
    if not _text(value):
        if column.required:
            raise _CellProblemError("必填，不能为空。")
        return ""
    text = _READERS.get(column.type, _text)(value)
    if column.type == ColumnType.TEXT and len(text) > column.max_length:
        raise _CellProblemError(f"超过{column.max_length}个字。")
    return text


def published_value(column: ColumnSpec, value: str) -> str:
    """What the public sees of a checked value (masked columns masked)."""
    if column.rule != Rule.MASK or not value:
        return value
    if column.type == ColumnType.PERSON_NAME:
        return mask_person_name(value)
    if column.type == ColumnType.ID_NUMBER:
        return mask_id_number(value)
    return "*" * len(value)


# -- header ------------------------------------------------------------------------------------------


def _names(kind: ListKind) -> Mapping[str, str]:
    return {normalize_header(name): column.key for column in kind.columns for name in column.names}


@dataclass(frozen=True)
class _Header:
    row: int
    positions: Mapping[str, int]  # key -> index
    printed: Mapping[str, str]  # key -> header as printed
    errors: tuple[CellError, ...]


def _read_header(kind: ListKind, number: int, cells: Sequence[object]) -> _Header:
    names = _names(kind)
    positions: dict[str, int] = {}
    printed: dict[str, str] = {}
    errors: list[CellError] = []
    expected = "、".join(c.label for c in kind.columns)
    for index, cell in enumerate(cells):
        shown = _text(cell)
        if not shown:
            continue
        key = names.get(normalize_header(cell))
        if key is None:
            message = f"无法识别的列（“{kind.label}”清单的列为：{expected}）。请删除该列或改正列名。"
            errors.append(CellError(number, shown, message))
        elif key in positions:
            errors.append(CellError(number, shown, f"与列“{printed[key]}”重复，请只保留一列。"))
        else:
            positions[key] = index
            printed[key] = shown
    for column in kind.columns:
        if column.required and column.key not in positions:
            also = f"（也可用列名：{'、'.join(column.synonyms)}）" if column.synonyms else ""
            errors.append(CellError(number, "", f"缺少必填列“{column.label}”{also}。"))
    return _Header(number, positions, printed, tuple(errors))


def _find_header(kind: ListKind, rows: Iterator[tuple[int, Sequence[object]]]) -> _Header | None:
    names = _names(kind)
    seen = 0
    for number, cells in rows:
        texts = [normalize_header(c) for c in cells if _text(c)]
        if not texts:
            continue
        if len({names[t] for t in texts if t in names}) >= min(_NAME_MIN_MATCH, len(kind.columns)):
            return _read_header(kind, number, cells)
        seen += 1
        if seen == HEADER_SEARCH_ROWS:
            break
    return None


# -- table -------------------------------------------------------------------------------------------


def _duplicate_key(kind: ListKind, header: _Header, checked: Mapping[str, str]) -> tuple[str, ...] | None:
    """The row's key values compared loosely; None when the kind has no key or a key cell did not check."""
    if not kind.key or not all(k in checked for k in kind.key if k in header.positions):
        return None
    return tuple("".join(unicodedata.normalize("NFKC", checked.get(k, "")).split()).lower() for k in kind.key)


def _check_row(
    kind: ListKind, header: _Header, number: int, cells: Sequence[object], errors: list[CellError]
) -> dict[str, str]:
    """The row's checked values by key (withheld columns skipped); problems are appended to ``errors``."""
    checked: dict[str, str] = {}
    for column in kind.columns:
        if column.key not in header.positions or column.rule == Rule.WITHHOLD:
            continue
        index = header.positions[column.key]
        value = cells[index] if index < len(cells) else None
        label = header.printed[column.key]
        try:
            checked[column.key] = read_cell(column, value)
        except ValueError as exc:
            errors.append(CellError(number, label, str(exc)))
            continue
        if column.rule == Rule.SHOW and checked[column.key]:
            found = personal_findings(checked[column.key], allow_phones=column.type == ColumnType.PHONE)
            if found:
                message = f"含有未遮蔽的{'、'.join(found)}，本列将公开显示，不能导入：请删除这些个人信息后再上传。"
                errors.append(CellError(number, label, message))
    if any(v.startswith(EXAMPLE_MARK) for v in checked.values()):
        errors.append(CellError(number, "", "这是模板中的示例行，请删除后再导入。"))
    return checked


def _read_rows(kind: ListKind, rows: Iterator[tuple[int, Sequence[object]]]) -> Table:
    header = _find_header(kind, rows)
    if header is None:
        required = "、".join(f"“{c.label}”" for c in kind.columns if c.required)
        message = f"未找到表头：前{HEADER_SEARCH_ROWS}行中没有“{kind.label}”清单的列名（应有{required}等列）。"
        return Table(kind, (), (), (CellError(None, "", message),))
    stored = tuple(c for c in kind.stored_columns if c.key in header.positions)
    withheld = tuple(
        header.printed[c.key] for c in kind.columns if c.rule == Rule.WITHHOLD and c.key in header.positions
    )
    if header.errors:
        return Table(kind, stored, (), header.errors, withheld=withheld)
    errors: list[CellError] = []
    parsed: list[TableRow] = []
    keys: dict[tuple[str, ...], int] = {}
    masked = 0
    key_labels = "、".join(kind.column(k).label for k in kind.key if k in header.positions)
    for number, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        if len(parsed) == MAX_ROWS:
            message = f"数据超过{MAX_ROWS}行的上限，请拆分为多个清单。"
            return Table(kind, stored, (), (CellError(None, "", message),), withheld=withheld)
        checked = _check_row(kind, header, number, cells, errors)
        key = _duplicate_key(kind, header, checked)
        if key is not None:
            first = keys.setdefault(key, number)
            if first != number:
                errors.append(CellError(number, "", f"与第{first}行重复（{key_labels}相同）。"))
        values = tuple(published_value(c, checked.get(c.key, "")) for c in stored)
        masked += sum(1 for c in stored if c.rule == Rule.MASK and checked.get(c.key))
        parsed.append(TableRow(number, values))
    if not parsed and not errors:
        errors.append(CellError(None, "", "表头下面没有数据行。"))
    if errors:
        return Table(kind, stored, (), tuple(errors), withheld=withheld)
    return Table(kind, stored, tuple(parsed), (), masked_count=masked, withheld=withheld)


def read_table(kind: ListKind, filename: str, data: bytes) -> Table:
    """Read and check the first sheet of an XLSX file, or a CSV file, as a list of ``kind``.

    On any problem ``Table.rows`` is empty and ``Table.errors`` says every problem found.
    """
    if not data:
        return Table(kind, (), (), (CellError(None, "", "文件是空的。"),))
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        return Table(kind, (), (), (CellError(None, "", f"文件超过{limit} MB。"),))
    try:
        rows = _rows_of(filename, data)
        try:
            return _read_rows(kind, rows)
        finally:
            rows.close()
    except SpreadsheetError as exc:
        return Table(kind, (), (), (CellError(None, "", str(exc)),))
