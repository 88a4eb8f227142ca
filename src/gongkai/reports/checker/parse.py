"""Read every report in a file into the report data shape (docs/report-json.md) and check it.

For each report found: its title (agency, year), publication day, sections, the three tables of the
2019 or 2021 national format (or none: a prose report of 2008–2018), the figures its text states, and
the findings — the checks every report must pass (``reports.checks``: C1–C8, format/year, sections,
fee sentence, timeliness, 内容雷同 against ``previous``, text against tables) and what the reading
itself could not place (``unplaced``: a row whose numbers do not fit is left ``null``, never guessed).

Pure Python: no Django import. Never raises on any input.
"""

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gongkai.reports.checker import meta, tables
from gongkai.reports.checker.prose import prose_numbers
from gongkai.reports.checker.sources import Source, read_source
from gongkai.reports.checker.split import Segment, segments
from gongkai.reports.checker.text import lines_of, stream
from gongkai.reports.checks import Finding, Severity, check
from gongkai.reports.document import (
    ReportDoc,
    amount_number,
    cell,
    empty,
    mirror_2019,
    put,
)
from gongkai.rules.outcomes import ReportFormat
from gongkai.rules.report_tables import SECTION_NUMBERS, SECTION_TITLES, CellKind

MARKERS_2021 = re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额")
MARKERS_2019 = re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|采购项目数量")
TABLE3_WORDS = re.compile(r"本年新收|上年结转|予以公开|结转下年度")
_PIECE_SUFFIX = re.compile(r"\s*篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]?$")


def _region(
    lines: list[str], found: dict[str, meta.Section], number: str, start: str, stop: str
) -> tuple[int, list[str]]:
    """The lines of section ``number``; without its heading, from the first line matching ``start`` to
    the first matching ``stop`` after it."""
    section = found.get(number)
    if section is not None:
        return section.start + 1, lines[section.start + 1 : section.end]
    begin = next((i for i, line in enumerate(lines) if re.search(start, line)), None)
    if begin is None:
        return 0, []
    end = next((i for i in range(begin + 1, len(lines)) if re.search(stop, lines[i])), len(lines))
    return begin, lines[begin:end]


def _json_number(kind: CellKind, value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if kind is CellKind.AMOUNT:
        return amount_number(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _format(text: str, year: int | None, *, has_tables: bool) -> str:
    if MARKERS_2021.search(text):
        return ReportFormat.FORMAT_2021.value
    if MARKERS_2019.search(text):
        return ReportFormat.FORMAT_2019.value
    if has_tables:
        return ReportFormat.FORMAT_2021.value if (year or 0) >= 2021 else ReportFormat.FORMAT_2019.value  # noqa: PLR2004
    return "prose"


def _title(lines: list[str], segment: Segment) -> meta.Title | None:
    """The article's own title first (a collection's "篇N" line repeats the page's title)."""
    own = meta.find_title(lines[1:] if segment.piece else lines)
    if own is not None:
        return meta.Title(own.agency, own.year, own.line + (1 if segment.piece else 0))
    if segment.piece and not segment.shared_title:
        return meta.find_title([_PIECE_SUFFIX.sub("", segment.marker)])
    return None


class _Report:
    def __init__(self, source: Source, lines: list[str], segment: Segment, number: int) -> None:
        self.source, self.segment, self.number = source, segment, number
        self.lines = lines[segment.first : segment.last]
        self.problems: list[tuple[str, str]] = []  # (message, where)

    def read(self) -> ReportDoc:
        lines = self.lines
        title = _title(lines, self.segment)
        year = title.year if title is not None else meta.year_from_text(lines)
        agency = title.agency if title is not None else None
        agency = agency or meta.named_in_text(lines[1:] if self.segment.piece else lines, year)
        found = meta.sections(lines)
        t2_first, t2 = _region(lines, found, "二", r"第二十条", r"收到和处理|本年新收")
        t3_first, t3 = _region(lines, found, "三", r"本年新收|新收政府信息公开申请", r"复议.*诉讼|诉讼.*复议|五、")
        t4_first, t4 = _region(lines, found, "四", r"行政复议", r"^五\s*[、.]")
        t3_tokens = stream(t3, t3_first)
        has_tables = bool(TABLE3_WORDS.search("".join(t3))) and any(t.kind == "num" for t in t3_tokens)
        fmt = _format("\n".join(t2 + t3), year, has_tables=has_tables)
        doc = self._document(fmt, agency, year, title)
        if fmt != "prose":
            self._tables(doc, fmt, stream(t2, t2_first), t3_tokens, stream(t4, t4_first))
        self._sections(doc, found, fmt, title)
        day = meta.published_date(lines, year)
        doc["published_date"] = day.isoformat() if day else None
        overview = found.get("一")
        words = lines[overview.start : overview.end] if overview is not None and fmt != "prose" else lines
        doc["prose_numbers"] = prose_numbers(words)
        doc["source"] = {
            "file": self.source.name,
            "kind": self.source.kind,
            "report": self.number,
            "lines": [self.segment.first + 1, self.segment.last],
        }
        return doc

    def _document(self, fmt: str, agency: str | None, year: int | None, title: meta.Title | None) -> ReportDoc:
        doc = empty(fmt=fmt if fmt != "prose" else ReportFormat.FORMAT_2021.value, year=year, agency=agency)
        if fmt == "prose":
            doc["format"] = "prose"
            doc["applications"] = {"columns": doc["applications"]["columns"]}
            doc["review_litigation"] = {"columns": doc["review_litigation"]["columns"]}
        if title is not None:
            doc["title"] = self._title_text(title.line)
        return doc

    def _title_text(self, line: int) -> str | None:
        """The title as printed; a title over two lines (agency, then "…年度报告") joined."""
        if line >= len(self.lines):
            return None
        text = self.lines[line].strip()
        if meta.TITLE.search(text) is None and line + 1 < len(self.lines):
            text += self.lines[line + 1].strip()
        return text

    def _tables(self, doc: ReportDoc, fmt: str, t2: list[Any], t3: list[Any], t4: list[Any]) -> None:
        fmt_2019 = fmt == ReportFormat.FORMAT_2019.value
        results = [
            tables.read_table2(t2, fmt_2019=fmt_2019),
            tables.read_table3(t3, detailed_other=not fmt_2019),
            tables.read_table4(t4),
        ]
        blanks = 0
        for result in results:
            for path, value in result.values.items():
                if path[:3] == tables.OTHER_SINGLE_ROW:
                    put(doc, path, _json_number(CellKind.COUNT, value))
                    continue
                put(doc, path, _json_number(cell(fmt, path).kind, value))
            if result.group_totals:
                doc["applications"]["group_totals"] = {
                    group: [_json_number(CellKind.COUNT, v) for v in values]
                    for group, values in result.group_totals.items()
                }
            for message in result.problems:
                self.problems.append((message, message[:2]))
            blanks += result.blanks
        if blanks:
            self.problems.append((f"表格中有{blanks}个单元格空白，已按0读取。", "表格"))
        mirror_2019(doc)

    def _sections(self, doc: ReportDoc, found: dict[str, meta.Section], fmt: str, title: meta.Title | None) -> None:
        for number in SECTION_NUMBERS:
            section = found.get(number)
            if section is None:
                continue
            body = "\n".join(self.lines[section.start + 1 : section.end])
            doc["sections"][number] = {"title": section.title or SECTION_TITLES[number], "text": body}
        first = min((s.start for s in found.values()), default=None)
        if first is not None and fmt != "prose":
            begin = (title.line + 1) if title is not None else 0
            preamble = "".join(self.lines[begin:first]).strip()
            doc["preamble"] = preamble or None

    def findings(self, doc: ReportDoc, previous: ReportDoc | None) -> list[Finding]:
        reading = [Finding("unplaced", Severity.WARNING, message, where) for message, where in self.problems]
        reading += [Finding("unplaced", Severity.WARNING, note, "读取") for note in self.source.notes]
        return check(doc, previous=previous, extra=reading)


def _previous_for(doc: ReportDoc, previous: Sequence[ReportDoc]) -> ReportDoc | None:
    if not previous:
        return None
    same = [p for p in previous if p.get("agency") and p.get("agency") == doc.get("agency")]
    if same:
        return same[0]
    return previous[0] if len(previous) == 1 else None


def read_reports(source: Source, *, previous: Sequence[ReportDoc] = ()) -> list[ReportDoc]:
    """Every report of the source, checked; an input with no text gives one empty prose report."""
    lines = lines_of(source.blocks)
    found = []
    for number, segment in enumerate(segments(lines), start=1):
        report = _Report(source, lines, segment, number)
        doc = report.read()
        doc["findings"] = [f.to_json() for f in report.findings(doc, _previous_for(doc, previous))]
        found.append(doc)
    return found


def check_bytes(data: bytes, name: str = "", *, previous: Sequence[ReportDoc] = ()) -> list[ReportDoc]:
    """``read_reports`` of a file's bytes (text in any of the encodings, HTML, DOCX or PDF)."""
    return read_reports(read_source(data, name), previous=previous)
