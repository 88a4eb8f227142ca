"""Reading an agency's existing catalog from a spreadsheet (XLSX or CSV) into plain rows. Pure Python.

The header row is found among the first rows by its Chinese column names (with common synonyms); each
data row keeps its row number as the spreadsheet shows it. Values are cleaned (whitespace, full-width
digits in dates and index numbers) but never guessed: a date that does not parse is reported with its
row and column and left out. Names (catalog column, topic, department, vocabularies) are resolved by
``publications.services.catalog_import``, which also validates and imports.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 10
EXAMPLE_MARK = "【示例】"
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
_MIN_HEADER_MATCHES = 2


class Kind(StrEnum):
    LINE = "line"  # one line of text: whitespace runs become one space
    TEXT = "text"  # multi-line text (内容概述, 正文)
    CODE = "code"  # an identifier: full-width characters become half-width, no spaces
    DATE = "date"
    LIST = "list"  # several values separated by 、,，;； or spaces


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    kind: Kind = Kind.LINE
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("title", "标题", ("信息名称", "名称", "文件名称", "标题名称"), required=True),
    Column("formed_on", "成文日期", ("生成日期", "形成日期"), Kind.DATE, required=True),
    Column("published_on", "发布日期", ("公开日期", "发布时间"), Kind.DATE, required=True),
    Column(
        "catalog",
        "公开目录",
        ("栏目", "所属栏目", "目录", "栏目名称"),
        required=True,
        help="本机构公开目录的栏目名称、目录代码，或路径（如“法定主动公开内容/政策文件”）",
    ),
    Column("index_number", "索引号", (), Kind.CODE, help="留空则按本机构索引号规则自动编号"),
    Column("summary", "内容概述", ("摘要", "内容摘要"), Kind.TEXT),
    Column("issuer", "发文机关", ("发布机构", "发文单位"), help="留空则为本机构名称"),
    Column("document_number", "文号", ("发文字号",)),
    Column("genre", "文种", help="留空记为“其他”"),
    Column("topic", "主题分类", ("主题",), help="如“教育”或“科技、教育/教育”"),
    Column("keywords", "关键词", ("主题词",), Kind.LIST),
    Column("validity", "有效性", (), help="现行有效（默认）或已废止"),
    Column("repealed_on", "废止日期", (), Kind.DATE, help="有效性为“已废止”时必填"),
    Column("repeal_reason", "废止依据", ("废止文件",), help="如废止文件的文号；留空则记为“原目录标注为已废止”"),
    Column("report_kind", "年报统计类别", (), help="规章、行政规范性文件（或“规范性文件”）；不计入年报表二的留空"),
    Column("issued_on", "制发日期", ("印发日期",), Kind.DATE, help="规章、行政规范性文件必填"),
    Column("channels", "公开渠道", (), Kind.LIST, help="可填多个，以顿号、逗号或分号分隔；留空为政府网站"),
    Column("department", "承办内设机构", ("承办处室", "承办部门"), help="本机构内设机构的名称"),
    Column("body", "正文", (), Kind.TEXT, help="纯文本，空行分段"),
    Column("origin", "信息来源", (), help="本机关制发文件（默认）或其他信息"),
)
COLUMNS_BY_KEY: Mapping[str, Column] = {c.key: c for c in COLUMNS}

_LIST_SEPARATORS = re.compile(r"[、,，;；\s]+")
_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?P<s1>[-/.年])\s*(?P<m>\d{1,2})\s*(?P<s2>[-/.月])\s*(?P<d>\d{1,2})\s*(?P<s3>日?)"
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message is shown to staff."""


@dataclass(frozen=True)
class Problem:
    """One problem found in the file. ``row`` is None for the file as a whole; ``column`` as printed."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row is not None else "文件"
        return f"{where} [{self.column}] {self.message}" if self.column else f"{where} {self.message}"


@dataclass(frozen=True)
class CatalogRow:
    """One data row: cleaned text of every recognised column, parsed dates and lists.

    ``failed`` holds the keys whose value did not parse (reported in ``CatalogSheet.problems``);
    their value is absent from ``dates`` and ``text``.
    """

    number: int
    text: Mapping[str, str]
    dates: Mapping[str, dt.date] = field(default_factory=dict)
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    failed: frozenset[str] = frozenset()

    def get(self, key: str) -> str:
        return self.text.get(key, "")

    def date(self, key: str) -> dt.date | None:
        return self.dates.get(key)

    def items(self, key: str) -> tuple[str, ...]:
        return self.lists.get(key, ())


@dataclass(frozen=True)
class CatalogSheet:
    rows: tuple[CatalogRow, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)  # key -> column name as printed
    header_row: int | None = None

    def label(self, key: str) -> str:
        """The column's name as printed in the file, or its standard name when the file lacks it."""
        return self.headers.get(key) or COLUMNS_BY_KEY[key].label


class _BadValueError(ValueError):
    pass


# -- cells -------------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _checked(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise _BadValueError(f"日期“{shown}”不存在。") from None
    if not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
        raise _BadValueError(f"日期“{shown}”的年份不合理。")
    return result


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: date cells, or text like 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305.

    Full-width digits are accepted; a time after the date is ignored. Blank gives None; anything else
    raises ``ValueError`` with a Chinese message.
    """
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day, value.date().isoformat())
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, float) and not value.is_integer():
        raise _BadValueError(f"“{value}”不是日期：请填写如 2024-03-05 的日期，或将单元格设为日期格式。")
    shown = _cell_text(value)
    text = unicodedata.normalize("NFKC", shown).strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match and _consistent(match):
        return _checked(int(match["y"]), int(match["m"]), int(match["d"]), shown)
    compact = _COMPACT_DATE.fullmatch(text)
    if compact:
        return _checked(int(compact["y"]), int(compact["m"]), int(compact["d"]), shown)
    raise _BadValueError(f"“{shown}”不是日期：请填写如 2024-03-05 的日期，或将单元格设为日期格式。")


def _consistent(match: re.Match[str]) -> bool:
    if match["s1"] == "年":
        return match["s2"] == "月"
    return match["s1"] == match["s2"] and not match["s3"]


def _clean(column: Column, text: str) -> str:
    if column.kind == Kind.TEXT:
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if column.kind == Kind.CODE:
        return "".join(text.translate(_FULL_WIDTH).split())
    return " ".join(text.translate({0x3000: 0x20}).split())


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part for part in _LIST_SEPARATORS.split(text) if part)


def normalize_header(value: object) -> str:
    """A header cell reduced for matching: half-width, no spaces, no ``*`` mark or trailing ``（说明）``."""
    text = unicodedata.normalize("NFKC", _cell_text(value))
    text = "".join(text.split()).strip("*")
    return _TRAILING_NOTE.sub("", text).strip("*")


_HEADER_KEYS: Mapping[str, str] = {
    normalize_header(name): column.key for column in COLUMNS for name in (column.label, *column.synonyms)
}


# -- header ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    row: int
    positions: Mapping[str, int]  # key -> column index
    printed: Mapping[str, str]  # key -> header text as printed
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]


def _matches(cells: Sequence[object]) -> int:
    return len({_HEADER_KEYS[n] for n in map(normalize_header, cells) if n in _HEADER_KEYS})


def _read_header(number: int, cells: Sequence[object]) -> _Header:
    positions: dict[str, int] = {}
    printed: dict[str, str] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        shown = _cell_text(cell)
        key = _HEADER_KEYS.get(normalize_header(cell))
        if key is None:
            if shown:
                unknown.append(shown)
        elif key in positions:
            problems.append(
                Problem(
                    number, shown, f"与列“{printed[key]}”含义相同（均为“{COLUMNS_BY_KEY[key].label}”），请只保留一列。"
                )
            )
        else:
            positions[key] = index
            printed[key] = shown
    for column in COLUMNS:
        if column.required and column.key not in positions:
            also = f"（也可用列名：{'、'.join(column.synonyms)}）" if column.synonyms else ""
            problems.append(Problem(number, column.label, f"缺少必填列“{column.label}”{also}。"))
    warnings = (f"以下列无法识别，已忽略：{'、'.join(unknown)}。",) if unknown else ()
    return _Header(number, positions, printed, tuple(problems), warnings)


# -- rows --------------------------------------------------------------------------------------------


def _blank(cells: Sequence[object]) -> bool:
    return all(not _cell_text(c) for c in cells)


def _read_row(number: int, cells: Sequence[object], header: _Header) -> tuple[CatalogRow, list[Problem]]:
    text: dict[str, str] = {}
    dates: dict[str, dt.date] = {}
    lists: dict[str, tuple[str, ...]] = {}
    failed: set[str] = set()
    problems: list[Problem] = []
    for key, index in header.positions.items():
        column = COLUMNS_BY_KEY[key]
        value = cells[index] if index < len(cells) else None
        label = header.printed[key]
        if column.kind == Kind.DATE:
            try:
                parsed = parse_date(value)
            except _BadValueError as exc:
                problems.append(Problem(number, label, str(exc)))
                failed.add(key)
                continue
            if parsed is not None:
                dates[key] = parsed
                text[key] = parsed.isoformat()
        else:
            text[key] = _clean(column, _cell_text(value))
            if column.kind == Kind.LIST:
                lists[key] = split_list(text[key])
        if column.required and not text.get(key):
            problems.append(Problem(number, label, "必填，不能为空。"))
            failed.add(key)
    if text.get("title", "").startswith(EXAMPLE_MARK):
        problems.append(Problem(number, header.printed["title"], "这是模板中的示例行，请删除后再导入。"))
    return CatalogRow(number, text, dates, lists, frozenset(failed)), problems


def _read_rows(rows: Iterable[tuple[int, Sequence[object]]]) -> CatalogSheet:
    iterator = iter(rows)
    header = _find_header(iterator)
    if header.problems:
        return CatalogSheet((), header.problems, header.warnings, header.printed, header.row)
    parsed: list[CatalogRow] = []
    problems: list[Problem] = []
    for number, cells in iterator:
        if _blank(cells):
            continue
        if len(parsed) == MAX_ROWS:
            problem = Problem(None, "", f"数据超过{MAX_ROWS}行的上限，请拆分为多个文件分批导入。")
            return CatalogSheet((), (problem,), header.warnings, header.printed, header.row)
        row, row_problems = _read_row(number, cells, header)
        parsed.append(row)
        problems.extend(row_problems)
    if not parsed:
        problems.append(Problem(None, "", "表头下面没有数据行。"))
    return CatalogSheet(tuple(parsed), tuple(problems), header.warnings, header.printed, header.row)


def _find_header(rows: Iterator[tuple[int, Sequence[object]]]) -> _Header:
    seen = 0
    for number, cells in rows:
        if _blank(cells):
            continue
        if _matches(cells) >= _MIN_HEADER_MATCHES:
            return _read_header(number, cells)
        seen += 1
        if seen == HEADER_SEARCH_ROWS:
            break
    raise SpreadsheetError(
        f"未找到表头：前{HEADER_SEARCH_ROWS}行中没有可识别的列名（至少应有“标题”“成文日期”“发布日期”“公开目录”四列）。"
    )


# -- files -------------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes) -> Generator[tuple[int, Sequence[object]], None, None]:
    import openpyxl  # noqa: PLC0415 - heavy import, only for XLSX files

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for damaged files
        raise SpreadsheetError("无法读取该 Excel 文件（文件可能已损坏）。") from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some generators write a wrong <dimension>; read what is there
        yield from enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1)
    finally:
        workbook.close()


def decode_text(data: bytes) -> str:
    """CSV text: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError("无法识别 CSV 文件的文字编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传。")


def _csv_rows(data: bytes) -> Generator[tuple[int, Sequence[object]], None, None]:
    text = decode_text(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells[:MAX_COLUMNS]
    except csv.Error as exc:
        raise SpreadsheetError(f"CSV 文件格式错误（第{number + 1}行附近）：{exc}") from exc


def _is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _rows_of(filename: str, data: bytes) -> Generator[tuple[int, Sequence[object]], None, None]:
    """Type decided by content (the name only helps the message)."""
    extension = PurePath(filename).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if not _is_xlsx(data):
            raise SpreadsheetError("文件不是 Excel（.xlsx）表格。请上传 XLSX 或 CSV 文件。")
        return _xlsx_rows(data)
    if data.startswith(_XLS_MAGIC):
        raise SpreadsheetError(
            "不支持旧版 Excel（.xls）或设置了密码的文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。"
        )
    if extension in {".xlsx", ".xlsm"}:
        raise SpreadsheetError(f"文件扩展名为{extension}，但内容不是 Excel 表格（文件可能已损坏）。")
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise SpreadsheetError("文件不是 XLSX 或 CSV 表格。")
    return _csv_rows(data)


def read_catalog(filename: str, data: bytes) -> CatalogSheet:
    """Read the first sheet of an XLSX file, or a CSV file, into rows and the problems found."""
    if not data:
        return CatalogSheet((), (Problem(None, "", "文件是空的。"),))
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        return CatalogSheet((), (Problem(None, "", f"文件超过{limit} MB，请拆分为多个文件分批导入。"),))
    try:
        rows = _rows_of(filename, data)
        try:
            return _read_rows(rows)
        finally:
            rows.close()
    except SpreadsheetError as exc:
        return CatalogSheet((), (Problem(None, "", str(exc)),))


# -- template ----------------------------------------------------------------------------------------

EXAMPLE_ROW: Mapping[str, object] = {
    "title": f"{EXAMPLE_MARK}关于做好2024年义务教育招生入学工作的通知",
    "formed_on": dt.date(2024, 3, 5),
    "published_on": dt.date(2024, 3, 8),
    "catalog": "法定主动公开内容/政策文件",
    "index_number": "",
    "summary": "明确2024年义务教育招生范围、程序和时间安排。",
    "issuer": "",
    "document_number": "示教基〔2024〕3号",
    "genre": "通知",
    "topic": "教育",
    "keywords": "招生 入学",
    "validity": "现行有效",
    "report_kind": "行政规范性文件",
    "issued_on": dt.date(2024, 3, 5),
    "channels": "政府网站、政府公报",
    "body": "各区教育局：\n\n现就做好2024年义务教育招生入学工作通知如下。",
    "origin": "本机关制发文件",
}


def build_template(*, choices: Mapping[str, Sequence[str]], catalog: Sequence[tuple[str, str]] = ()) -> bytes:
    """An XLSX with the header row and one example row, and a sheet explaining each column.

    ``choices`` gives the accepted values of vocabulary columns by key (文种, 有效性 …); ``catalog``
    the agency's catalog columns as (code, path) pairs, listed on a third sheet when given.
    """
    import openpyxl  # noqa: PLC0415 - heavy import, only when a template is requested

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "信息目录"
    sheet.append([c.label for c in COLUMNS])
    sheet.append([EXAMPLE_ROW.get(c.key, "") for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.cell(row=1, column=index).font = openpyxl.styles.Font(bold=True)
        sheet.column_dimensions[letter].width = 40 if column.key in {"title", "summary", "body"} else 16
        if column.kind == Kind.DATE:
            sheet.cell(row=2, column=index).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "必填", "也可用的列名", "说明", "可填的值"])
    for column in COLUMNS:
        notes.append(
            [
                column.label,
                "是" if column.required else "",
                "、".join(column.synonyms),
                column.help or ("日期，如 2024-03-05" if column.kind == Kind.DATE else ""),
                "、".join(choices.get(column.key, ())),
            ]
        )
    notes.append([])
    notes.append([f"第一张工作表的第一行是表头；标题以“{EXAMPLE_MARK}”开头的示例行须删除。每个文件最多{MAX_ROWS}行。"])
    if catalog:
        columns = workbook.create_sheet("公开目录")
        columns.append(["目录代码", "栏目路径"])
        for code, path in catalog:
            columns.append([code, path])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
