"""Reply outcomes of applications, the rows and columns of table 三 of the annual report, and the
articles of 《中华人民共和国政府信息公开条例》 behind each outcome. Pure Python.

This module is the single place where these rules live:

* ``ApplicantType``: the six applicant columns of table 三, in the printed order (then 总计).
* ``Outcome``: one code per decision staff (or the system, or the applicant) can make; each maps to
  exactly one result row of table 三 in each report format (``spec(outcome)``).
* ``TABLE3_ROWS``: the ordered rows of table 三 in the 2019 trial format and the 2021 format, with their
  printed labels, nesting and JSON path in the report data shape of DESIGN.md ("Report data").
* ``tally``: counts closed applications into a ``Table3`` whose cross-checks C1, C3 and C4 hold by
  construction.

The seven withholding outcomes are linked by code to ``rules.disclosure.WITHHOLDING_GROUNDS``; the
ground's ``report_row`` and the outcome's row label are the same string (checked by the tests).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gongkai.rules.disclosure import GROUNDS_BY_CODE

REGULATION = "《条例》"  # short citation of 《中华人民共和国政府信息公开条例》 used in reply letters
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


# --------------------------------------------------------------------------------------------------
# Applicant types = the columns of table 三
# --------------------------------------------------------------------------------------------------


class ApplicantType(StrEnum):
    """Applicant columns of table 三, in the printed order."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    SOCIAL_WELFARE = "social_welfare"
    LEGAL_SERVICE = "legal_service"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        """All but 自然人 are 法人或其他组织."""
        return self is not ApplicantType.NATURAL_PERSON

    @property
    def column(self) -> int:
        """0-based column of table 三 (0 = 自然人 … 5 = 其他); ``TOTAL_COLUMN`` is 总计."""
        return _APPLICANT_ORDER.index(self)


_APPLICANT_LABELS: dict[ApplicantType, str] = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.COMMERCIAL: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.SOCIAL_WELFARE: "社会公益组织",
    ApplicantType.LEGAL_SERVICE: "法律服务机构",
    ApplicantType.OTHER: "其他",
}
_APPLICANT_ORDER: tuple[ApplicantType, ...] = tuple(ApplicantType)

APPLICANT_COLUMNS = len(_APPLICANT_ORDER)  # 6
TOTAL_COLUMN = 6
COLUMN_COUNT = 7
ORGANISATION_HEADER = "法人或其他组织"  # header spanning the five organisation columns
TOTAL_LABEL = "总计"
# Keys and printed labels of the 7 numbers of every row (DESIGN.md "Report data").
COLUMN_KEYS: tuple[str, ...] = (*(t.value for t in _APPLICANT_ORDER), "total")
COLUMN_LABELS: tuple[str, ...] = (*(t.label for t in _APPLICANT_ORDER), TOTAL_LABEL)


# --------------------------------------------------------------------------------------------------
# Report formats
# --------------------------------------------------------------------------------------------------


class ReportFormat(StrEnum):
    FORMAT_2019 = "2019"  # 试行格式, report years 2019–2020
    FORMAT_2021 = "2021"  # report years 2021 on

    @property
    def label(self) -> str:
        return "2019年试行格式" if self is ReportFormat.FORMAT_2019 else "2021年格式"


def parse_format(value: ReportFormat | str) -> ReportFormat:
    try:
        return ReportFormat(value)
    except ValueError:
        raise ValueError(f"未知的年度报告格式：{value!r}（应为“2019”或“2021”）") from None


FIRST_REPORT_YEAR = 2019
FIRST_2021_FORMAT_YEAR = 2021


def report_format_for_year(year: int) -> ReportFormat:
    """The national uniform table format for a report year: 2019 for 2019–2020, 2021 from 2021."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"报告年度应为整数年份，收到：{year!r}")  # noqa: TRY004 (callers catch ValueError for any bad input)
    if year < FIRST_REPORT_YEAR:
        raise ValueError(
            f"{year}年度没有全国统一的政府信息公开工作年度报告格式：统一格式自2019年度报告起施行"
            "（修订后的《条例》2019年5月15日起施行）。"
        )
    if year < FIRST_2021_FORMAT_YEAR:
        return ReportFormat.FORMAT_2019
    return ReportFormat.FORMAT_2021


# --------------------------------------------------------------------------------------------------
# Rows of table 三
# --------------------------------------------------------------------------------------------------


class RowKind(StrEnum):
    INPUT = "input"  # 一、二、四: counts given to the tally, not derived from outcomes
    HEADING = "heading"  # 三、本年度办理结果: no numbers of its own
    GROUP = "group"  # （三）…（六） with sub-rows: numbers, if printed, are the sum of the sub-rows
    RESULT = "result"  # a leaf result row: exactly the applications closed with its outcomes
    TOTAL = "total"  # （七）总计 = sum of all result rows


@dataclass(frozen=True)
class RowSpec:
    """One printed row of table 三.

    ``key`` identifies the row within a format (dotted JSON path for rows with numbers, the group name
    for group rows, ``results`` for the heading). ``path`` is where the row's 7 numbers live in the
    ``applications`` object of the report data; ``None`` for the heading and for group rows, which the
    JSON shape does not store (their numbers are sums of their sub-rows).
    """

    key: str
    label: str
    kind: RowKind
    level: int  # 0 = 一/二/三/四, 1 = （一）…（七）, 2 = numbered sub-rows
    parent: str | None
    path: tuple[str, ...] | None

    @property
    def has_numbers(self) -> bool:
        """Whether the row carries its own 7 numbers in the JSON shape."""
        return self.path is not None


def _input(key: str, label: str) -> RowSpec:
    return RowSpec(key, label, RowKind.INPUT, 0, None, (key,))


def _result(key: str, label: str) -> RowSpec:
    return RowSpec(key, label, RowKind.RESULT, 1, "results", (key,))


def _group(key: str, label: str) -> RowSpec:
    return RowSpec(key, label, RowKind.GROUP, 1, "results", None)


def _sub(group: str, key: str, label: str) -> RowSpec:
    return RowSpec(f"{group}.{key}", label, RowKind.RESULT, 2, group, (group, key))


_HEAD: tuple[RowSpec, ...] = (
    _input("new", "一、本年新收政府信息公开申请数量"),
    _input("carried_over_from_last_year", "二、上年结转政府信息公开申请数量"),
    RowSpec("results", "三、本年度办理结果", RowKind.HEADING, 0, None, None),
    _result("granted", "（一）予以公开"),
    _result("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _group("refused", "（三）不予公开"),
    _sub("refused", "state_secret", "1.属于国家秘密"),
    _sub("refused", "prohibited_by_law", "2.其他法律行政法规禁止公开"),
    _sub("refused", "three_safeties_one_stability", "3.危及“三安全一稳定”"),
    _sub("refused", "third_party_rights", "4.保护第三方合法权益"),
    _sub("refused", "internal_affairs", "5.属于三类内部事务信息"),
    _sub("refused", "process_info", "6.属于四类过程性信息"),
    _sub("refused", "enforcement_files", "7.属于行政执法案卷"),
    _sub("refused", "administrative_query", "8.属于行政查询事项"),
    _group("unable_to_provide", "（四）无法提供"),
    _sub("unable_to_provide", "not_held", "1.本机关不掌握相关政府信息"),
    _sub("unable_to_provide", "needs_creation", "2.没有现成信息需要另行制作"),
    _sub("unable_to_provide", "unclear_after_correction", "3.补正后申请内容仍不明确"),
    _group("not_processed", "（五）不予处理"),
    _sub("not_processed", "petition_complaint", "1.信访举报投诉类申请"),
    _sub("not_processed", "repeated", "2.重复申请"),
    _sub("not_processed", "publications", "3.要求提供公开出版物"),
    _sub("not_processed", "excessive", "4.无正当理由大量反复申请"),
    _sub("not_processed", "confirmation_request", "5.要求行政机关确认或重新出具已获取信息"),
)

_OTHER_2019: tuple[RowSpec, ...] = (
    # One row without sub-rows; the JSON shape keeps it under other.other.
    RowSpec("other", "（六）其他处理", RowKind.RESULT, 1, "results", ("other", "other")),
)

_OTHER_2021: tuple[RowSpec, ...] = (
    _group("other", "（六）其他处理"),
    _sub("other", "overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    _sub("other", "fee_not_paid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    _sub("other", "other", "3.其他"),
)

_TAIL: tuple[RowSpec, ...] = (
    RowSpec("total_handled", "（七）总计", RowKind.TOTAL, 1, "results", ("total_handled",)),
    _input("carried_to_next_year", "四、结转下年度继续办理"),
)

TABLE3_ROWS: dict[ReportFormat, tuple[RowSpec, ...]] = {
    ReportFormat.FORMAT_2019: (*_HEAD, *_OTHER_2019, *_TAIL),
    ReportFormat.FORMAT_2021: (*_HEAD, *_OTHER_2021, *_TAIL),
}

_ROWS_BY_KEY: dict[ReportFormat, dict[str, RowSpec]] = {
    fmt: {row.key: row for row in rows} for fmt, rows in TABLE3_ROWS.items()
}
_ROWS_BY_PATH: dict[ReportFormat, dict[tuple[str, ...], RowSpec]] = {
    fmt: {row.path: row for row in rows if row.path is not None} for fmt, rows in TABLE3_ROWS.items()
}


def row(fmt: ReportFormat | str, key: str) -> RowSpec:
    """The row of table 三 with this key in this format."""
    try:
        return _ROWS_BY_KEY[parse_format(fmt)][key]
    except KeyError:
        raise ValueError(f"{parse_format(fmt).label}的表三没有“{key}”这一行") from None


def sub_rows(fmt: ReportFormat | str, key: str) -> tuple[RowSpec, ...]:
    """The direct children of a row (sub-rows of a group; the result rows under 三、本年度办理结果)."""
    return tuple(r for r in TABLE3_ROWS[parse_format(fmt)] if r.parent == key)


def result_rows(fmt: ReportFormat | str) -> tuple[RowSpec, ...]:
    """The leaf result rows: each closed application is counted in exactly one of them (C2)."""
    return tuple(r for r in TABLE3_ROWS[parse_format(fmt)] if r.kind is RowKind.RESULT)


# --------------------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------------------


class Outcome(StrEnum):
    """One code per decision on an application. The same row may be reached by several codes."""

    GRANTED = "granted"
    GRANTED_ALREADY_PUBLIC = "granted_already_public"
    PARTIALLY_GRANTED = "partially_granted"
    REFUSED_STATE_SECRET = "refused_state_secret"  # noqa: S105 (an outcome code, not a password)
    REFUSED_PROHIBITED_BY_LAW = "refused_prohibited_by_law"
    REFUSED_THREE_SAFETIES_ONE_STABILITY = "refused_three_safeties_one_stability"
    REFUSED_THIRD_PARTY_RIGHTS = "refused_third_party_rights"
    REFUSED_INTERNAL_AFFAIRS = "refused_internal_affairs"
    REFUSED_PROCESS_INFO = "refused_process_info"
    REFUSED_ENFORCEMENT_FILES = "refused_enforcement_files"
    REFUSED_ADMINISTRATIVE_QUERY = "refused_administrative_query"
    NOT_HELD = "not_held"
    NOT_THIS_AGENCY = "not_this_agency"
    NEEDS_CREATION = "needs_creation"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction"
    PETITION_COMPLAINT = "petition_complaint"
    REPEATED = "repeated"
    PUBLICATIONS = "publications"
    EXCESSIVE = "excessive"
    CONFIRMATION_REQUEST = "confirmation_request"
    OVERDUE_CORRECTION = "overdue_correction"
    FEE_NOT_PAID = "fee_not_paid"
    WITHDRAWN = "withdrawn"
    OTHER_HANDLING = "other_handling"

    @property
    def label(self) -> str:
        return spec(self).label


def _json_path(group: str, key: str | None, fmt: ReportFormat) -> tuple[str, ...]:
    if group == "other" and fmt is ReportFormat.FORMAT_2019:
        return ("other", "other")  # the 2019 format has one 其他处理 row for all four outcomes
    return (group,) if key is None else (group, key)


@dataclass(frozen=True)
class OutcomeSpec:
    """Everything the system needs to know about one outcome.

    ``group``/``key`` locate the outcome's row in the 2021 JSON shape (``key`` None for the two
    ungrouped rows 予以公开 and 部分公开); ``json_path(fmt)`` gives the path in either format.
    """

    code: Outcome
    label: str  # as staff see it when choosing the decision
    group: str
    key: str | None
    article: str  # legal basis cited in the reply letter
    row_label_2021: str
    row_label_2019: str
    requires_reasons: bool  # the letter must give the specific reasons why information is not provided
    requires_responsible_agency: bool  # the decision must name the responsible agency when known
    grants_information: bool
    decided_by_system: bool  # a deadline passed: the system closes the application
    decided_by_applicant: bool  # the applicant ended it
    closes_without_reply_letter: bool  # False for every outcome: each gets a reply letter
    withholding_ground: str | None  # code in rules.disclosure.WITHHOLDING_GROUNDS

    def json_path(self, fmt: ReportFormat | str) -> tuple[str, ...]:
        """Where this outcome is counted in the ``applications`` object of the report data."""
        return _json_path(self.group, self.key, parse_format(fmt))

    def report_row(self, fmt: ReportFormat | str) -> RowSpec:
        """The one row of table 三 this outcome is counted in."""
        return _ROWS_BY_PATH[parse_format(fmt)][self.json_path(fmt)]

    def row_label(self, fmt: ReportFormat | str) -> str:
        return self.report_row(fmt).label


@dataclass(frozen=True)
class _Def:
    label: str
    group: str
    key: str | None
    article: str
    requires_reasons: bool = False
    ground: str | None = None


def _refusal(label: str, ground: str) -> _Def:
    # Reply under Art. 36(3) (refuse and give reasons), on the ground's own article (Arts. 14–16).
    return _Def(
        f"不予公开：{label}",
        "refused",
        ground,
        f"{REGULATION}{GROUNDS_BY_CODE[ground].article}、第三十六条第（三）项",
        requires_reasons=True,
        ground=ground,
    )


_DEFS: dict[Outcome, _Def] = {
    Outcome.GRANTED: _Def("予以公开", "granted", None, f"{REGULATION}第三十六条第（二）项"),
    Outcome.GRANTED_ALREADY_PUBLIC: _Def(
        "予以公开（已主动公开，告知获取途径）", "granted", None, f"{REGULATION}第三十六条第（一）项"
    ),
    Outcome.PARTIALLY_GRANTED: _Def(
        "部分公开", "partially_granted", None, f"{REGULATION}第三十七条", requires_reasons=True
    ),
    Outcome.REFUSED_STATE_SECRET: _refusal("属于国家秘密", "state_secret"),
    Outcome.REFUSED_PROHIBITED_BY_LAW: _refusal("其他法律行政法规禁止公开", "prohibited_by_law"),
    Outcome.REFUSED_THREE_SAFETIES_ONE_STABILITY: _refusal("危及“三安全一稳定”", "three_safeties_one_stability"),
    Outcome.REFUSED_THIRD_PARTY_RIGHTS: _refusal("保护第三方合法权益", "third_party_rights"),
    Outcome.REFUSED_INTERNAL_AFFAIRS: _refusal("属于三类内部事务信息", "internal_affairs"),
    Outcome.REFUSED_PROCESS_INFO: _refusal("属于四类过程性信息", "process_info"),
    Outcome.REFUSED_ENFORCEMENT_FILES: _refusal("属于行政执法案卷", "enforcement_files"),
    Outcome.REFUSED_ADMINISTRATIVE_QUERY: _Def(
        # 工商、不动产登记资料等: tell the applicant to follow the special law (Art. 36(7)).
        "不予公开：属于行政查询事项",
        "refused",
        "administrative_query",
        f"{REGULATION}第三十六条第（七）项",
        requires_reasons=True,
    ),
    Outcome.NOT_HELD: _Def(
        "无法提供：本机关不掌握相关政府信息",
        "unable_to_provide",
        "not_held",
        f"{REGULATION}第三十六条第（四）项",
        requires_reasons=True,  # state the search made (检索说明)
    ),
    Outcome.NOT_THIS_AGENCY: _Def(
        "无法提供：不属于本机关负责公开（告知负责机关）",
        "unable_to_provide",
        "not_held",
        f"{REGULATION}第三十六条第（五）项",
        requires_reasons=True,
    ),
    Outcome.NEEDS_CREATION: _Def(
        "无法提供：没有现成信息需要另行制作",
        "unable_to_provide",
        "needs_creation",
        f"{REGULATION}第三十八条",
        requires_reasons=True,
    ),
    Outcome.UNCLEAR_AFTER_CORRECTION: _Def(
        "无法提供：补正后申请内容仍不明确",
        "unable_to_provide",
        "unclear_after_correction",
        f"{REGULATION}第三十条",
        requires_reasons=True,
    ),
    Outcome.PETITION_COMPLAINT: _Def(
        "不予处理：信访举报投诉类申请", "not_processed", "petition_complaint", f"{REGULATION}第三十九条第一款"
    ),
    Outcome.REPEATED: _Def("不予处理：重复申请", "not_processed", "repeated", f"{REGULATION}第三十六条第（六）项"),
    Outcome.PUBLICATIONS: _Def(
        "不予处理：要求提供公开出版物", "not_processed", "publications", f"{REGULATION}第三十九条第二款"
    ),
    Outcome.EXCESSIVE: _Def(
        "不予处理：无正当理由大量反复申请",
        "not_processed",
        "excessive",
        f"{REGULATION}第三十五条",
        requires_reasons=True,
    ),
    Outcome.CONFIRMATION_REQUEST: _Def(
        "不予处理：要求行政机关确认或重新出具已获取信息",
        "not_processed",
        "confirmation_request",
        f"要求行政机关确认或者重新出具已获取的信息，不属于{REGULATION}第二条所称政府信息公开申请。",
    ),
    Outcome.OVERDUE_CORRECTION: _Def(
        "其他处理：申请人逾期不补正", "other", "overdue_correction", f"{REGULATION}第三十条"
    ),
    Outcome.FEE_NOT_PAID: _Def(
        "其他处理：申请人逾期未缴纳信息处理费", "other", "fee_not_paid", f"{REGULATION}第四十二条、{FEE_MEASURES}"
    ),
    Outcome.WITHDRAWN: _Def("其他处理：申请人撤回申请", "other", "other", "申请人主动撤回政府信息公开申请。"),
    Outcome.OTHER_HANDLING: _Def("其他处理：其他", "other", "other", "依具体情形说明处理依据。"),
}

_GRANTING = frozenset({Outcome.GRANTED, Outcome.GRANTED_ALREADY_PUBLIC, Outcome.PARTIALLY_GRANTED})
_SYSTEM_DECIDED = frozenset({Outcome.OVERDUE_CORRECTION, Outcome.FEE_NOT_PAID})


def _build_spec(code: Outcome, d: _Def) -> OutcomeSpec:
    def label_in(fmt: ReportFormat) -> str:
        return _ROWS_BY_PATH[fmt][_json_path(d.group, d.key, fmt)].label

    return OutcomeSpec(
        code=code,
        label=d.label,
        group=d.group,
        key=d.key,
        article=d.article,
        row_label_2021=label_in(ReportFormat.FORMAT_2021),
        row_label_2019=label_in(ReportFormat.FORMAT_2019),
        requires_reasons=d.requires_reasons,
        requires_responsible_agency=code is Outcome.NOT_THIS_AGENCY,
        grants_information=code in _GRANTING,
        decided_by_system=code in _SYSTEM_DECIDED,
        decided_by_applicant=code is Outcome.WITHDRAWN,
        closes_without_reply_letter=False,
        withholding_ground=d.ground,
    )


OUTCOME_SPECS: dict[Outcome, OutcomeSpec] = {code: _build_spec(code, d) for code, d in _DEFS.items()}

_OUTCOME_BY_GROUND: dict[str, Outcome] = {
    s.withholding_ground: s.code for s in OUTCOME_SPECS.values() if s.withholding_ground is not None
}


def parse_outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        raise ValueError(f"未知的答复结果代码：{value!r}") from None


def parse_applicant_type(value: ApplicantType | str) -> ApplicantType:
    try:
        return ApplicantType(value)
    except ValueError:
        raise ValueError(f"未知的申请人类型：{value!r}") from None


def spec(outcome: Outcome | str) -> OutcomeSpec:
    """The specification of an outcome code."""
    return OUTCOME_SPECS[parse_outcome(outcome)]


def outcome_for_ground(ground_code: str) -> Outcome:
    """The refusal outcome for a withholding ground of ``rules.disclosure`` (e.g. ``state_secret``)."""
    try:
        return _OUTCOME_BY_GROUND[ground_code]
    except KeyError:
        raise ValueError(f"不予公开理由“{ground_code}”没有对应的答复结果（不属于不予公开的法定情形）") from None


def outcomes_for_row(fmt: ReportFormat | str, key: str) -> tuple[Outcome, ...]:
    """The outcome codes counted in a result row of table 三."""
    target = row(fmt, key)
    return tuple(s.code for s in OUTCOME_SPECS.values() if s.report_row(fmt) == target)


# --------------------------------------------------------------------------------------------------
# Tally: closed applications → table 三
# --------------------------------------------------------------------------------------------------

Counts = Sequence[int] | Mapping[ApplicantType, int] | Mapping[str, int]


@dataclass(frozen=True)
class Table3:
    """Table 三 of one report: 7 numbers (six applicant columns, then 总计) for every row with numbers,
    keyed by ``RowSpec.key``; group rows carry the sum of their sub-rows."""

    format: ReportFormat
    cells: dict[str, tuple[int, ...]]

    def numbers(self, key: str) -> tuple[int, ...]:
        row(self.format, key)  # unknown keys raise a clear error
        return self.cells[key]

    def to_json(self) -> dict[str, object]:
        """The ``applications`` object of the report data shape (DESIGN.md "Report data")."""
        out: dict[str, object] = {"columns": list(COLUMN_KEYS)}
        groups: dict[str, dict[str, list[int]]] = {}
        for r in TABLE3_ROWS[self.format]:
            if r.path is None:
                continue
            if len(r.path) == 1:
                out[r.path[0]] = list(self.cells[r.key])
            else:
                group, item = r.path
                if group not in groups:
                    groups[group] = {}
                    out[group] = groups[group]
                groups[group][item] = list(self.cells[r.key])
        return out


def _counts(value: Counts, what: str) -> list[int]:
    if isinstance(value, Mapping):
        result = [0] * APPLICANT_COLUMNS
        for k, v in value.items():
            result[parse_applicant_type(k).column] = v
    else:
        result = list(value)
        if len(result) != APPLICANT_COLUMNS:
            raise ValueError(f"{what}应按六类申请人各给一个数（{'、'.join(COLUMN_LABELS[:6])}），收到{len(result)}个")
    for i, v in enumerate(result):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"{what}（{COLUMN_LABELS[i]}）应为非负整数，收到：{v!r}")
    return result


def _with_total(values: Sequence[int]) -> tuple[int, ...]:
    return (*values, sum(values))


def tally(
    records: Iterable[tuple[ApplicantType | str, Outcome | str]],
    fmt: ReportFormat | str,
    *,
    new: Counts,
    carried_over_from_last_year: Counts,
    carried_to_next_year: Counts,
) -> Table3:
    """Count applications closed in the report year into table 三.

    ``records`` holds one ``(applicant_type, outcome)`` per closed application; ``new``,
    ``carried_over_from_last_year`` and ``carried_to_next_year`` are per-column counts (six numbers in
    column order, or a mapping by applicant type). Raises ``ValueError`` when 一 + 二 ≠ 三（七）+ 四 for
    any column (C1); C3 and C4 hold by construction.
    """
    counted: dict[tuple[ApplicantType | str, Outcome | str], int] = {}
    for record in records:
        counted[record] = counted.get(record, 0) + 1
    return tally_counts(
        counted,
        fmt,
        new=new,
        carried_over_from_last_year=carried_over_from_last_year,
        carried_to_next_year=carried_to_next_year,
    )


def tally_counts(
    counted: Mapping[tuple[ApplicantType | str, Outcome | str], int],
    fmt: ReportFormat | str,
    *,
    new: Counts,
    carried_over_from_last_year: Counts,
    carried_to_next_year: Counts,
    strict: bool = True,
) -> Table3:
    """``tally`` over counts: ``{(applicant_type, outcome): number of applications}``.

    With ``strict=False`` a C1 mismatch (records that do not add up: an application decided before
    it was received, a carry-over lost) does not raise; the table is returned as counted and the
    report's checks name the columns.
    """
    fmt = parse_format(fmt)
    rows = TABLE3_ROWS[fmt]
    leaf: dict[str, list[int]] = {r.key: [0] * APPLICANT_COLUMNS for r in rows if r.kind is RowKind.RESULT}
    for (applicant, outcome), number in counted.items():
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise ValueError(f"申请件数应为非负整数，收到：{number!r}")
        column = parse_applicant_type(applicant).column
        leaf[spec(outcome).report_row(fmt).key][column] += number

    new_c = _counts(new, "本年新收")
    over_c = _counts(carried_over_from_last_year, "上年结转")
    next_c = _counts(carried_to_next_year, "结转下年度")
    handled = [sum(values[i] for values in leaf.values()) for i in range(APPLICANT_COLUMNS)]

    mismatches = [
        f"{COLUMN_LABELS[i]}：新收{new_c[i]}＋上年结转{over_c[i]}＝{new_c[i] + over_c[i]}，"
        f"办理结果总计{handled[i]}＋结转下年度{next_c[i]}＝{handled[i] + next_c[i]}"
        for i in range(APPLICANT_COLUMNS)
        if new_c[i] + over_c[i] != handled[i] + next_c[i]
    ]
    if mismatches and strict:
        raise ValueError(
            "表三勾稽关系不成立（C1：一、本年新收＋二、上年结转＝三（七）总计＋四、结转下年度继续办理）。"
            "不符的列：" + "；".join(mismatches) + "。"
        )

    cells: dict[str, tuple[int, ...]] = {
        "new": _with_total(new_c),
        "carried_over_from_last_year": _with_total(over_c),
        "carried_to_next_year": _with_total(next_c),
        "total_handled": _with_total(handled),
    }
    for key, values in leaf.items():
        cells[key] = _with_total(values)
    for r in rows:
        if r.kind is RowKind.GROUP:
            children = [cells[c.key] for c in sub_rows(fmt, r.key)]
            cells[r.key] = tuple(sum(col) for col in zip(*children, strict=True))
    return Table3(fmt, cells)
