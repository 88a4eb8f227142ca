"""The checks every annual report must pass (DESIGN.md "Cross-checks (勾稽关系)"), on the report data
shape: the same functions check a report the platform generated, one staff edited by hand, and one the
report checker read from a website.

Each finding names its rule, a severity, a Chinese message and the cells it concerns (``where``, as the
printed form names them). A cell that is ``null`` (not given) takes part in no sum: a check that needs
it is skipped, never guessed.

Rules:

* **C1** per column of table 三: 一 + 二 = 三（七）总计 + 四 (the rule printed on the form).
* **C2** each application is counted in exactly one result row (部分公开 only there): the results of
  a column cannot exceed the applications it had (一 + 二); records that fit no row are reported by the
  generator under the same rule.
* **C3** per row of table 三: 总计 = the sum of the six applicant columns.
* **C4** per column: 三（七）总计 = the sum of every result row; where a report prints group totals
  (``applications.group_totals``), each equals the sum of its sub-rows.
* **C5** table 四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
* **C6** (warning) this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column.
* **C7** (warning, 2021 format) 现行有效件数 = last year's 现行有效件数 + 本年制发 − 本年废止.
* **C8** every cell a non-negative whole number, except 万元 amounts (decimals) and the 2019 form's
  本年增/减 (signed).
* **format_year** 2019 tables for report years 2019–2020, 2021 tables from 2021; free prose only before 2019.
* **sections** all six sections present, none still holding a 【请填写…】 placeholder.
* **fee_sentence** section 六 states the information-processing fees (信息处理费), also when none were charged.
* **timeliness** (warning) published by 31 January (departments) or 31 March (governments).
* **similarity** (warning) sections 一, 五 and 六 are not nearly the same as last year's (内容雷同).

Pure Python: no Django import.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai.reports import similarity
from gongkai.reports.deadlines import (
    REVISED_FROM_YEAR,
    ReporterKind,
    kind_from_name,
    statutory_article,
    statutory_deadline,
)
from gongkai.reports.document import (
    TABLE_FIGURES,
    Cell,
    ReportDoc,
    cell,
    cell_values,
    get,
    numbers,
    section_text,
    table3_row_label,
    table_figure,
    valid_value,
)
from gongkai.rules.outcomes import (
    APPLICANT_COLUMNS,
    COLUMN_COUNT,
    COLUMN_LABELS,
    TABLE3_ROWS,
    ReportFormat,
    RowKind,
    report_format_for_year,
    sub_rows,
)
from gongkai.rules.report_tables import (
    SECTION_NUMBERS,
    SECTION_TITLES,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUPS,
    TEXT_SECTIONS,
    section_heading,
)
from gongkai.workdays.explain import chinese_date

PLACEHOLDER = "【请填写"
FEE_WORD = "信息处理费"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    where: str = ""

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": self.severity.value, "message": self.message, "where": self.where}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Finding":
        return cls(str(data["rule"]), Severity(data["severity"]), str(data["message"]), str(data.get("where", "")))


RULES: dict[str, str] = {
    "C1": "表三各列：一、本年新收＋二、上年结转＝三、本年度办理结果（七）总计＋四、结转下年度继续办理",
    "C2": "每件申请只计入一项办理结果（部分公开只计入“部分公开”）",
    "C3": "表三各行：总计＝六类申请人之和",
    "C4": "表三各列：（七）总计＝各项办理结果之和；各分项合计＝其子项之和",
    "C5": "表四各组：总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
    "C6": "本年“上年结转”＝上年报告“结转下年度继续办理”",
    "C7": "现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数",
    "C8": "各项数据为非负整数（金额以万元计可有小数，2019年格式“本年增/减”可为负数）",
    "format_year": "报告格式与年度相符（2019、2020年度用2019年试行格式，2021年度起用2021年格式）",
    "sections": "报告包含全部六个部分且没有待填写的内容",
    "blank_cells": "表格各项均已填写（没有的填0）",
    "unplaced": "报告中表格的每个数字都能对应到单元格（读取报告时）",
    "unreadable": "文件可以读取",
    "prose_tables": "正文所述数字与表格一致",
    "fee_sentence": "第六部分说明信息处理费收取情况",
    "timeliness": "按期公布年度报告（《条例》第四十九条）",
    "similarity": "报告内容与上年报告不雷同",
}

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _fmt(doc: ReportDoc) -> ReportFormat | None:
    value = doc.get("format")
    try:
        return ReportFormat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _known(values: Iterable[Any]) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _row(doc: ReportDoc, *path: str) -> list[Any]:
    values = numbers(doc, ("applications", *path))
    return values if len(values) == COLUMN_COUNT else [None] * COLUMN_COUNT


def _name(fmt: ReportFormat, path: tuple[str, ...], column: int) -> str:
    return cell(fmt, ("applications", *path, column)).name


def _result_paths(fmt: ReportFormat) -> list[tuple[str, ...]]:
    return [r.path for r in TABLE3_ROWS[fmt] if r.kind is RowKind.RESULT and r.path is not None]


SINGLE_OTHER_ROW = ("other", "other_processing_single_row")  # a 2021 report printing （六） as one row


def _results(doc: ReportDoc, fmt: ReportFormat) -> list[list[Any]]:
    """The result rows' numbers; a 2021-format report that printed （六）其他处理 as one row (without its
    three sub-rows) counts that row in their place."""
    paths = _result_paths(fmt)
    single = _row(doc, *SINGLE_OTHER_ROW)
    others = [p for p in paths if p[0] == "other"]
    printed_as_one = any(v is not None for v in single) and all(v is None for p in others for v in _row(doc, *p))
    if fmt is ReportFormat.FORMAT_2021 and printed_as_one:
        return [_row(doc, *p) for p in paths if p[0] != "other"] + [single]
    return [_row(doc, *p) for p in paths]


# --------------------------------------------------------------------------------------------------
# Table 三
# --------------------------------------------------------------------------------------------------


def check_c1(doc: ReportDoc) -> list[Finding]:
    fmt = _fmt(doc)
    if fmt is None:
        return []
    new, over = _row(doc, "new"), _row(doc, "carried_over_from_last_year")
    handled, onward = _row(doc, "total_handled"), _row(doc, "carried_to_next_year")
    findings = []
    for i in range(COLUMN_COUNT):
        values = (new[i], over[i], handled[i], onward[i])
        if not _known(values) or new[i] + over[i] == handled[i] + onward[i]:
            continue
        findings.append(
            Finding(
                "C1",
                ERROR,
                f"表三“{COLUMN_LABELS[i]}”列：一、本年新收（{new[i]}）＋二、上年结转（{over[i]}）＝{new[i] + over[i]}，"
                f"不等于三、本年度办理结果（七）总计（{handled[i]}）＋四、结转下年度继续办理（{onward[i]}）"
                f"＝{handled[i] + onward[i]}。",
                "、".join(
                    _name(fmt, (key,), i)
                    for key in ("new", "carried_over_from_last_year", "total_handled", "carried_to_next_year")
                ),
            )
        )
    return findings


def check_c2(doc: ReportDoc) -> list[Finding]:
    fmt = _fmt(doc)
    if fmt is None:
        return []
    new, over = _row(doc, "new"), _row(doc, "carried_over_from_last_year")
    results = _results(doc, fmt)
    findings = []
    for i in range(COLUMN_COUNT):
        column = [r[i] for r in results]
        if not _known((new[i], over[i], *column)):
            continue
        counted = sum(column)
        if counted > new[i] + over[i]:
            findings.append(
                Finding(
                    "C2",
                    ERROR,
                    f"表三“{COLUMN_LABELS[i]}”列：各项办理结果合计{counted}件，多于本年新收与上年结转的申请"
                    f"（{new[i]}＋{over[i]}＝{new[i] + over[i]}件），有申请被重复计入多项办理结果"
                    "（区分处理的只计入“部分公开”）。",
                    f"{_name(fmt, ('new',), i)}、{_name(fmt, ('carried_over_from_last_year',), i)}、"
                    f"表三“三、本年度办理结果”各行“{COLUMN_LABELS[i]}”列",
                )
            )
    return findings


def check_c3(doc: ReportDoc) -> list[Finding]:
    fmt = _fmt(doc)
    if fmt is None:
        return []
    findings = []
    rows = [(table3_row_label(fmt, r.key), r.path) for r in TABLE3_ROWS[fmt] if r.path is not None]
    rows.append(("（六）其他处理", SINGLE_OTHER_ROW))
    for label, path in rows:
        values = _row(doc, *path)
        if not _known(values):
            continue
        parts = sum(values[:APPLICANT_COLUMNS])
        if parts != values[APPLICANT_COLUMNS]:
            findings.append(
                Finding(
                    "C3",
                    ERROR,
                    f"表三“{label}”行：总计为{values[APPLICANT_COLUMNS]}，六类申请人之和为{parts}"
                    f"（{'＋'.join(str(v) for v in values[:APPLICANT_COLUMNS])}）。",
                    f"表三“{label}”行“总计”列",
                )
            )
    return findings


def check_c4(doc: ReportDoc) -> list[Finding]:
    fmt = _fmt(doc)
    if fmt is None:
        return []
    findings = []
    handled = _row(doc, "total_handled")
    results = _results(doc, fmt)
    for i in range(COLUMN_COUNT):
        column = [r[i] for r in results]
        if not _known((handled[i], *column)):
            continue
        if sum(column) != handled[i]:
            findings.append(
                Finding(
                    "C4",
                    ERROR,
                    f"表三“{COLUMN_LABELS[i]}”列：（七）总计为{handled[i]}，而（一）至（六）各项办理结果之和为"
                    f"{sum(column)}。",
                    _name(fmt, ("total_handled",), i),
                )
            )
    printed = get(doc, ("applications", "group_totals"))
    if isinstance(printed, dict):
        for group, totals in printed.items():
            children = sub_rows(fmt, group)
            if not children or not isinstance(totals, list) or len(totals) != COLUMN_COUNT:
                continue
            label = next(r.label for r in TABLE3_ROWS[fmt] if r.key == group)
            for i in range(COLUMN_COUNT):
                parts = [_row(doc, *c.path)[i] for c in children if c.path is not None]
                if _known((totals[i], *parts)) and sum(parts) != totals[i]:
                    findings.append(
                        Finding(
                            "C4",
                            ERROR,
                            f"表三“{label}”“{COLUMN_LABELS[i]}”列：合计为{totals[i]}，各子项之和为{sum(parts)}。",
                            f"表三“{label}”行“{COLUMN_LABELS[i]}”列",
                        )
                    )
    return findings


# --------------------------------------------------------------------------------------------------
# Table 四
# --------------------------------------------------------------------------------------------------


def check_c5(doc: ReportDoc) -> list[Finding]:
    findings = []
    for group in TABLE4_GROUPS:
        values = numbers(doc, ("review_litigation", group.key))
        if len(values) != len(TABLE4_COLUMN_LABELS) or not _known(values):
            continue
        parts = sum(values[:4])
        if parts != values[4]:
            findings.append(
                Finding(
                    "C5",
                    ERROR,
                    f"表四“{group.full_label}”：总计为{values[4]}，而结果维持（{values[0]}）＋结果纠正（{values[1]}）"
                    f"＋其他结果（{values[2]}）＋尚未审结（{values[3]}）＝{parts}。",
                    f"表四“{group.full_label}”“总计”列",
                )
            )
    return findings


# --------------------------------------------------------------------------------------------------
# Year on year
# --------------------------------------------------------------------------------------------------


def check_c6(doc: ReportDoc, previous: ReportDoc | None) -> list[Finding]:
    fmt = _fmt(doc)
    if previous is None or fmt is None:
        return []
    this = _row(doc, "carried_over_from_last_year")
    last = _row(previous, "carried_to_next_year")
    return [
        Finding(
            "C6",
            WARNING,
            f"表三“{COLUMN_LABELS[i]}”列：本年“二、上年结转政府信息公开申请数量”为{this[i]}，"
            f"上年报告“四、结转下年度继续办理”为{last[i]}，两者应当一致。",
            _name(fmt, ("carried_over_from_last_year",), i),
        )
        for i in range(COLUMN_COUNT)
        if _known((this[i], last[i])) and this[i] != last[i]
    ]


def check_c7(doc: ReportDoc, previous: ReportDoc | None) -> list[Finding]:
    if previous is None or _fmt(doc) is not ReportFormat.FORMAT_2021:
        return []
    findings = []
    for label, prefix in (("规章", "regulations"), ("行政规范性文件", "normative_docs")):
        new = get(doc, ("proactive", f"{prefix}_new"))
        repealed = get(doc, ("proactive", f"{prefix}_repealed"))
        in_force = get(doc, ("proactive", f"{prefix}_in_force"))
        before = get(previous, ("proactive", f"{prefix}_in_force"))
        if not _known((new, repealed, in_force, before)):
            continue
        expected = before + new - repealed
        if expected != in_force:
            findings.append(
                Finding(
                    "C7",
                    WARNING,
                    f"表二“{label}”：现行有效件数为{in_force}，而上年现行有效{before}件＋本年制发{new}件"
                    f"－本年废止{repealed}件＝{expected}件，请核实（修改、失效等情形请在报告中说明）。",
                    cell(ReportFormat.FORMAT_2021, ("proactive", f"{prefix}_in_force")).name,
                )
            )
    return findings


# --------------------------------------------------------------------------------------------------
# Cells, format, sections
# --------------------------------------------------------------------------------------------------


CellValues = list[tuple[Cell, Any]]


def _cell_values(doc: ReportDoc, values: CellValues | None) -> CellValues:
    """The document's cells with their values, read once per check (``check`` passes them round)."""
    return values if values is not None else list(cell_values(doc))


def check_c8(doc: ReportDoc, values: CellValues | None = None) -> list[Finding]:
    if _fmt(doc) is None:
        return []
    findings = []
    for c, value in _cell_values(doc, values):
        if value is None:
            continue
        if not valid_value(c.kind, value):
            findings.append(Finding("C8", ERROR, f"{c.name}的值“{value}”不是{c.kind.label}。", c.name))
    return findings


def check_format_year(doc: ReportDoc) -> list[Finding]:
    year, fmt = doc.get("year"), doc.get("format")
    if not isinstance(year, int) or isinstance(year, bool):
        return []
    try:
        expected: ReportFormat | None = report_format_for_year(year)
    except ValueError:
        expected = None  # before 2019: prose reports, no national table format
    if fmt == "prose":
        if expected is None:
            return []
        return [
            Finding(
                "format_year",
                ERROR,
                f"{year}年度报告应当使用全国统一的{expected.label}表格，未找到统计表格。",
                "报告整体",
            )
        ]
    if expected is None:
        return [
            Finding(
                "format_year",
                WARNING,
                f"{year}年度尚无全国统一的年度报告表格格式，却使用了{fmt}年格式表格。",
                "报告整体",
            )
        ]
    if fmt != expected.value:
        return [
            Finding(
                "format_year",
                ERROR,
                f"{year}年度报告应当使用{expected.label}，报告使用的是{fmt}年格式"
                "（2019年试行格式适用于2019、2020年度，2021年格式适用于2021年度起）。",
                "报告整体",
            )
        ]
    return []


def check_sections(doc: ReportDoc, values: CellValues | None = None) -> list[Finding]:
    if doc.get("format") == "prose":
        return []  # reports before 2019 had no national outline (a later prose report fails format_year)
    findings = []
    missing = []
    given = {c.table for c, value in _cell_values(doc, values) if value is not None} if _fmt(doc) is not None else set()
    for number in SECTION_NUMBERS:
        text = section_text(doc, number)
        present = bool(text and text.strip()) or (number not in TEXT_SECTIONS and number in given)
        if not present:
            missing.append(section_heading(number))
        elif text and PLACEHOLDER in text:
            findings.append(
                Finding(
                    "sections",
                    ERROR,
                    f"“{section_heading(number)}”仍有待填写的内容（{PLACEHOLDER}…】），请补充后再报送。",
                    f"第{number}部分",
                )
            )
    if missing:
        findings.insert(
            0,
            Finding(
                "sections",
                ERROR,
                f"报告缺少{'、'.join(f'“{m}”' for m in missing)}部分（年度报告应当包括六个部分："
                + "、".join(SECTION_TITLES[n] for n in SECTION_NUMBERS)
                + "）。",
                "、".join(missing),
            ),
        )
    return findings


BLANK_NAMED = 5  # blank cells named one by one in a finding


def check_blank_cells(doc: ReportDoc, values: CellValues | None = None) -> list[Finding]:
    """Cells left blank in a table that is otherwise filled in (a table missing as a whole is a missing
    section)."""
    if _fmt(doc) is None:
        return []
    by_table: dict[str, list[tuple[str, bool]]] = {}
    single_other = any(v is not None for v in _row(doc, *SINGLE_OTHER_ROW))
    for c, value in _cell_values(doc, values):
        if single_other and c.path[:2] == ("applications", "other"):
            continue  # printed as one row (reported when read), not blank
        by_table.setdefault(c.table, []).append((c.name, value is None))
    findings = []
    for table, entries in by_table.items():
        blank = [name for name, is_blank in entries if is_blank]
        if not blank or len(blank) == len(entries):
            continue
        named = "、".join(blank[:BLANK_NAMED]) + (f"等{len(blank)}项" if len(blank) > BLANK_NAMED else "")
        findings.append(
            Finding(
                "blank_cells",
                WARNING,
                f"表{table}有{len(blank)}项未填写：{named}。没有发生的应填0。",
                "、".join(blank),
            )
        )
    return findings


FEE_SENTENCE_FROM = 2021  # 《政府信息公开信息处理费管理办法》 applies from 2021 (国办函〔2020〕109号)


def check_fee_sentence(doc: ReportDoc) -> list[Finding]:
    year = doc.get("year")
    if doc.get("format") == "prose" or (isinstance(year, int) and year < FEE_SENTENCE_FROM):
        return []
    text = section_text(doc, "六")
    if text is None or FEE_WORD in "".join(text.split()):  # a page wraps lines mid-word (信息处 / 理费)
        return []
    return [
        Finding(
            "fee_sentence",
            ERROR,
            "“六、其他需要报告的事项”未说明信息处理费的收取情况（未收取的也应写明）。",
            "第六部分",
        )
    ]


def check_prose_tables(doc: ReportDoc) -> list[Finding]:
    """Figures the text states against the same figures in the tables (``document.TABLE_FIGURES``).
    A generated report states them from its tables (``document.prose_from_tables``), so this finds
    what a report read from outside says twice, differently."""
    prose = doc.get("prose_numbers")
    fmt = _fmt(doc)
    if not isinstance(prose, dict) or fmt is None:
        return []
    findings = []
    for key, (what, paths) in TABLE_FIGURES.items():
        said, table = prose.get(key), table_figure(doc, key)
        if _known((said, table)) and said != table:
            names = [cell(fmt, path).name for path in paths]
            where = names[0] if len(names) == 1 else "与".join(names) + "之和"
            findings.append(
                Finding(
                    "prose_tables", WARNING, f"正文所述{what}为{said}，表格中为{table}，两者不一致，请核实。", where
                )
            )
    return findings


def check_timeliness(doc: ReportDoc, deadline: dt.date | None = None) -> list[Finding]:
    published, year = doc.get("published_date"), doc.get("year")
    if not isinstance(published, str) or not isinstance(year, int):
        return []
    try:
        published_on = dt.date.fromisoformat(published)
    except ValueError:
        return []
    due = deadline
    if due is None:
        kind = kind_from_name(doc.get("agency"))
        due = statutory_deadline(year, kind)
        who = "人民政府" if kind is ReporterKind.GOVERNMENT else "政府部门"
        if year < REVISED_FROM_YEAR:
            who = "行政机关"
    else:
        who = "本机关"
    if due is None or published_on <= due:
        return []
    return [
        Finding(
            "timeliness",
            WARNING,
            f"报告于{chinese_date(published_on)}公布，晚于{who}的公布期限{chinese_date(due)}"
            f"（{statutory_article(year)}），逾期{(published_on - due).days}天。",
            "发布日期",
        )
    ]


def _own_words(text: str | None) -> str | None:
    """The text without the sentences on 信息处理费 (section 六 must state the fees every year)."""
    if text is None:
        return None
    return "".join(s for s in re.split(r"(?<=[。！？\n])", text) if FEE_WORD not in s)


def check_similarity(
    doc: ReportDoc, previous: ReportDoc | None, *, numbers_to_check: Sequence[str] = ("一", "五", "六")
) -> list[Finding]:
    if previous is None:
        return []
    findings = []
    for number in numbers_to_check:
        this, last = _own_words(section_text(doc, number)), _own_words(section_text(previous, number))
        if similarity.nearly_identical(this, last):
            score = similarity.similarity(this or "", last or "")
            findings.append(
                Finding(
                    "similarity",
                    WARNING,
                    f"“{section_heading(number)}”与上年报告的相同部分几乎一致（相似度{score:.0%}），内容雷同，"
                    "请结合本年度实际情况撰写。",
                    f"第{number}部分",
                )
            )
    return findings


# --------------------------------------------------------------------------------------------------
# All of them
# --------------------------------------------------------------------------------------------------


def check(
    doc: ReportDoc,
    *,
    previous: ReportDoc | None = None,
    deadline: dt.date | None = None,
    extra: Iterable[Finding] = (),
) -> list[Finding]:
    """Every finding of the report: errors first, then warnings, each in rule order.

    ``previous`` is last year's report of the same agency (C6, C7, 内容雷同); ``deadline`` the
    agency's statutory date when the caller knows it (else guessed from the agency's name);
    ``extra`` the record-level findings of the generator.
    """
    values = list(cell_values(doc)) if _fmt(doc) is not None else []
    found = [
        *extra,
        *check_format_year(doc),
        *check_c1(doc),
        *check_c2(doc),
        *check_c3(doc),
        *check_c4(doc),
        *check_c5(doc),
        *check_c8(doc, values),
        *check_sections(doc, values),
        *check_fee_sentence(doc),
        *check_blank_cells(doc, values),
        *check_prose_tables(doc),
        *check_c6(doc, previous),
        *check_c7(doc, previous),
        *check_timeliness(doc, deadline),
        *check_similarity(doc, previous),
    ]
    order = list(RULES)
    return sorted(
        found, key=lambda f: (f.severity is not ERROR, order.index(f.rule) if f.rule in order else len(order))
    )


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is ERROR]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is WARNING]
