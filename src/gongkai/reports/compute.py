"""The annual report of one agency's year, computed from plain facts: a pure function.

The Django layer (``reports.selectors``) loads the facts of every agency of a year in a handful of
aggregate queries; ``compute`` turns one agency's facts into the report data (DESIGN.md "Report data")
with its tables, title, preamble, section 一 drafted and the fee sentence of section 六.

* Table 二, 第二十条第（一）项: 规章 and 行政规范性文件 counted from the publication records —
  2021: issued in the year (本年制发), repealed in the year (本年废止), in force at 31 December (现行有效);
  2019: made in the year (本年新制作), published in the year (本年新公开), published in all by
  31 December (对外公开总数量). The other rows come from the yearly statistics staff enter for what
  other business systems hold; a row not entered stays ``null`` and the checks ask for it.
* Table 三 by ``rules.outcomes.tally_counts``: each decided application in exactly one result row by
  its outcome code and applicant type; 上年结转 and 结转下年度 by date.
* Table 四 by ``appeals.counting.table4`` (the counting rule, one place).

Pure Python: no Django import.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.appeals.counting import CaseFacts, table4
from gongkai.reports import text
from gongkai.reports.checks import Finding, Severity
from gongkai.reports.deadlines import ReporterKind
from gongkai.reports.document import Number, ReportDoc, empty, mirror_2019, path_text, prose_from_tables, put
from gongkai.rules.outcomes import (
    APPLICANT_COLUMNS,
    TABLE3_ROWS,
    ApplicantType,
    Outcome,
    ReportFormat,
    parse_applicant_type,
    parse_outcome,
    report_format_for_year,
    tally_counts,
)
from gongkai.rules.report_tables import TABLE2_2019, TABLE4_GROUPS, statistic_rows


@dataclass(frozen=True)
class DocumentCounts:
    """规章 or 行政规范性文件 of one agency's year, from the publication records."""

    issued: int = 0  # 本年制发 (2021) / 本年新制作 (2019): issued in the year
    repealed: int = 0  # 本年废止: repealed in the year
    in_force: int = 0  # 现行有效: issued by 31 December and not repealed by then
    published: int = 0  # 本年新公开 (2019): published in the year
    published_total: int = 0  # 对外公开总数量 (2019): published by 31 December and still public


@dataclass(frozen=True)
class ApplicationCounts:
    """Applications by applicant type (codes of ``rules.outcomes.ApplicantType``)."""

    new: Mapping[str, int] = field(default_factory=dict)  # received in the year
    carried_over: Mapping[str, int] = field(default_factory=dict)  # open at the end of last year
    carried_next: Mapping[str, int] = field(default_factory=dict)  # open at the end of the year
    decided: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (applicant type, outcome) → count


@dataclass(frozen=True)
class Fees:
    yuan: int = 0  # information-processing fees paid in the year
    applications: int = 0


@dataclass(frozen=True)
class StaffTexts:
    problems: str = ""  # section 五
    other: str = ""  # section 六, after the fee sentence


@dataclass(frozen=True)
class AgencyYear:
    """Everything the report of one agency's year is computed from."""

    agency: str
    year: int
    kind: ReporterKind = ReporterKind.DEPARTMENT
    contact: text.Contact = field(default_factory=text.Contact)
    regulations: DocumentCounts = field(default_factory=DocumentCounts)
    normative: DocumentCounts = field(default_factory=DocumentCounts)
    statistics: Mapping[str, Number] = field(default_factory=dict)  # path_text of a table 二 cell → value
    applications: ApplicationCounts = field(default_factory=ApplicationCounts)
    cases: Sequence[CaseFacts] = ()
    fees: Fees = field(default_factory=Fees)
    overview: text.OverviewFacts = field(default_factory=text.OverviewFacts)
    texts: StaffTexts = field(default_factory=StaffTexts)


@dataclass(frozen=True)
class Computed:
    doc: ReportDoc
    findings: tuple[Finding, ...]  # record-level findings (records that fit no cell)


def _columns(counts: Mapping[str, int], what: str, findings: list[Finding]) -> list[int]:
    values = [0] * APPLICANT_COLUMNS
    for code, number in counts.items():
        try:
            values[parse_applicant_type(code).column] += number
        except ValueError:
            findings.append(
                Finding("C2", Severity.ERROR, f"{number}件申请（{what}）的申请人类型“{code}”无法对应表三的列，未计入。")
            )
    return values


def _table2(doc: ReportDoc, fmt: ReportFormat, facts: AgencyYear) -> None:
    if fmt is ReportFormat.FORMAT_2021:
        for prefix, counts in (("regulations", facts.regulations), ("normative_docs", facts.normative)):
            put(doc, ("proactive", f"{prefix}_new"), counts.issued)
            put(doc, ("proactive", f"{prefix}_repealed"), counts.repealed)
            put(doc, ("proactive", f"{prefix}_in_force"), counts.in_force)
    else:
        first_block = TABLE2_2019[0]
        for row, counts in zip(first_block.rows, (facts.regulations, facts.normative), strict=True):
            for path, value in zip(row.paths, (counts.issued, counts.published, counts.published_total), strict=True):
                put(doc, path, value)
    for _block, row in statistic_rows(fmt):
        for path in row.paths:
            put(doc, path, facts.statistics.get(path_text(path)))
    mirror_2019(doc)


def _table3(doc: ReportDoc, fmt: ReportFormat, facts: AgencyYear, findings: list[Finding]) -> None:
    apps = facts.applications
    decided: dict[tuple[str, str], int] = {}
    for (applicant, outcome), number in apps.decided.items():
        try:
            key = (parse_applicant_type(applicant).value, parse_outcome(outcome).value)
        except ValueError:
            findings.append(
                Finding(
                    "C2",
                    Severity.ERROR,
                    f"{number}件已办结的申请（申请人类型“{applicant}”，处理结果“{outcome or '空'}”）"
                    "无法对应表三的办理结果行，未计入表三。",
                    "表三“三、本年度办理结果”",
                )
            )
            continue
        decided[key] = decided.get(key, 0) + number
    table = tally_counts(
        {(ApplicantType(a), Outcome(o)): n for (a, o), n in decided.items()},
        fmt,
        new=_columns(apps.new, "本年新收", findings),
        carried_over_from_last_year=_columns(apps.carried_over, "上年结转", findings),
        carried_to_next_year=_columns(apps.carried_next, "结转下年度", findings),
        strict=False,
    )
    for row in TABLE3_ROWS[fmt]:
        if row.path is not None:
            put(doc, ("applications", *row.path), list(table.cells[row.key]))


def _table4(doc: ReportDoc, facts: AgencyYear) -> None:
    counted = table4(facts.cases, facts.year)
    for group in TABLE4_GROUPS:
        put(doc, ("review_litigation", group.key), list(counted[group.key]))


def compute(facts: AgencyYear) -> Computed:
    """The report data of the agency's year (format by year: 2019 trial format for 2019–2020)."""
    fmt = report_format_for_year(facts.year)
    findings: list[Finding] = []
    doc = empty(fmt=fmt, year=facts.year, agency=facts.agency)
    doc["title"] = text.title(facts.agency, facts.year)
    doc["preamble"] = text.preamble(facts.agency, facts.year, facts.contact)
    _table2(doc, fmt, facts)
    _table3(doc, fmt, facts, findings)
    _table4(doc, facts)
    sections = doc["sections"]
    sections["一"]["text"] = text.overview(doc, agency=facts.agency, year=facts.year, facts=facts.overview)
    sections["五"]["text"] = facts.texts.problems.strip() or None
    fee = text.fee_sentence(facts.agency, facts.year, yuan=facts.fees.yuan, applications=facts.fees.applications)
    sections["六"]["text"] = text.other_matters(fee, facts.texts.other)
    doc["prose_numbers"] = {
        "proactive_items_total": facts.overview.items_published,
        "applications_received": None,  # these four from the tables, by prose_from_tables
        "applications_answered": None,
        "consultations": facts.overview.enquiries_total,
        "review_cases": None,
        "litigation_cases": None,
        "fees_collected_yuan": facts.fees.yuan,
    }
    prose_from_tables(doc)
    return Computed(doc, tuple(findings))
