"""The annual report's national uniform format as data: section titles, table 二 of the 2019 trial
format and of the 2021 format, table 四, and where each printed cell lives in the report data (DESIGN.md
"Report data"). Table 三 lives beside the outcome codes in ``rules.outcomes`` (``TABLE3_ROWS``).

Sources: 《中华人民共和国政府信息公开条例》第四十九条、第五十条; 国务院办公厅政府信息与政务公开办公室
《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》(2019 trial format, report years
2019–2020; the 2021 format, report years 2021 on). Labels are exactly as printed on the forms.

Pure Python: no Django import.
"""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.rules.outcomes import ReportFormat, parse_format

# --------------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------------

SECTION_NUMBERS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
TABLE_SECTIONS: tuple[str, ...] = ("二", "三", "四")  # the sections whose body is a table
TEXT_SECTIONS: tuple[str, ...] = ("一", "五", "六")  # the sections written as text

# The subsections of 一、总体情况 the national guidance asks for (国办公开办函〔2021〕30号).
OVERVIEW_PARTS: tuple[str, ...] = (
    "主动公开情况",
    "依申请公开情况",
    "政府信息管理情况",
    "政府信息公开平台建设情况",
    "监督保障情况",
)


def section_heading(number: str) -> str:
    """ "一、总体情况" …"""
    if number not in SECTION_TITLES:
        raise ValueError(f"年度报告没有第“{number}”部分（应为一至六）")
    return f"{number}、{SECTION_TITLES[number]}"


TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_APPLICANT_HEADER = "申请人情况"


# --------------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------------


class CellKind(StrEnum):
    COUNT = "count"  # a non-negative whole number (C8)
    SIGNED = "signed"  # a whole number that may be negative: 2019 本年增/减
    AMOUNT = "amount"  # 万元, a non-negative decimal with at most four decimals

    @property
    def label(self) -> str:
        return {
            CellKind.COUNT: "非负整数",
            CellKind.SIGNED: "整数（可为负数）",
            CellKind.AMOUNT: "金额（万元，最多四位小数）",
        }[self]


AMOUNT_DECIMALS = 4

Path = tuple[str | int, ...]  # where a cell's number lives in the report data


@dataclass(frozen=True)
class Table2Row:
    label: str  # 信息内容 as printed: 规章, 行政规范性文件 …
    paths: tuple[Path, ...]  # one per column of its block
    kinds: tuple[CellKind, ...]


@dataclass(frozen=True)
class Table2Block:
    item: str  # "第二十条第（一）项"
    columns: tuple[str, ...]  # the column labels after 信息内容
    rows: tuple[Table2Row, ...]


def _flat(*keys: str, kind: CellKind = CellKind.COUNT) -> tuple[tuple[Path, ...], tuple[CellKind, ...]]:
    return tuple(("proactive", k) for k in keys), (kind,) * len(keys)


def _row2021(label: str, *keys: str, kind: CellKind = CellKind.COUNT) -> Table2Row:
    paths, kinds = _flat(*keys, kind=kind)
    return Table2Row(label, paths, kinds)


TABLE2_2021: tuple[Table2Block, ...] = (
    Table2Block(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            _row2021("规章", "regulations_new", "regulations_repealed", "regulations_in_force"),
            _row2021("行政规范性文件", "normative_docs_new", "normative_docs_repealed", "normative_docs_in_force"),
        ),
    ),
    Table2Block("第二十条第（五）项", ("本年处理决定数量",), (_row2021("行政许可", "licensing_decisions"),)),
    Table2Block(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (_row2021("行政处罚", "penalty_decisions"), _row2021("行政强制", "enforcement_decisions")),
    ),
    Table2Block(
        "第二十条第（八）项",
        ("本年收费金额（单位：万元）",),
        (_row2021("行政事业性收费", "fees_amount_wan", kind=CellKind.AMOUNT),),
    ),
)

_2019 = "2019"
_COUNTS_2019 = ("上一年项目数量", "本年增/减", "处理决定数量")


def _row2019(label: str, columns: tuple[str, ...], kinds: tuple[CellKind, ...]) -> Table2Row:
    return Table2Row(label, tuple(("proactive", _2019, label, c) for c in columns), kinds)


_ITEMS_KINDS = (CellKind.COUNT, CellKind.SIGNED, CellKind.COUNT)
_DOCS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量")

TABLE2_2019: tuple[Table2Block, ...] = (
    Table2Block(
        "第二十条第（一）项",
        _DOCS_2019,
        (
            _row2019("规章", _DOCS_2019, (CellKind.COUNT,) * 3),
            _row2019("规范性文件", _DOCS_2019, (CellKind.COUNT,) * 3),
        ),
    ),
    Table2Block(
        "第二十条第（五）项",
        _COUNTS_2019,
        (
            _row2019("行政许可", _COUNTS_2019, _ITEMS_KINDS),
            _row2019("其他对外管理服务事项", _COUNTS_2019, _ITEMS_KINDS),
        ),
    ),
    Table2Block(
        "第二十条第（六）项",
        _COUNTS_2019,
        (_row2019("行政处罚", _COUNTS_2019, _ITEMS_KINDS), _row2019("行政强制", _COUNTS_2019, _ITEMS_KINDS)),
    ),
    Table2Block(
        "第二十条第（八）项",
        _COUNTS_2019[:2],
        (_row2019("行政事业性收费", _COUNTS_2019[:2], _ITEMS_KINDS[:2]),),
    ),
    Table2Block(
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (_row2019("政府集中采购", ("采购项目数量", "采购总金额"), (CellKind.COUNT, CellKind.AMOUNT)),),
    ),
)

TABLE2: dict[ReportFormat, tuple[Table2Block, ...]] = {
    ReportFormat.FORMAT_2019: TABLE2_2019,
    ReportFormat.FORMAT_2021: TABLE2_2021,
}
TABLE2_CONTENT_HEADER = "信息内容"
AMOUNT_NOTE_2019 = "（单位：万元，保留四位小数）"  # printed under 采购总金额 in the 2019 form

# The flat keys of the ``proactive`` object (DESIGN "Report data"; ``regulations_repealed`` and
# ``regulations_in_force`` are the 2021 form's 规章 cells, which the design's list leaves out).
PROACTIVE_KEYS: tuple[str, ...] = (
    "regulations_new",
    "regulations_repealed",
    "regulations_in_force",
    "normative_docs_new",
    "normative_docs_repealed",
    "normative_docs_in_force",
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_amount_wan",
)

# In a 2019-format report the flat keys mirror the 2019 cells that mean the same thing; the others
# stay null (对外公开总数量 is not 现行有效件数, and the 2019 form has no fee amount).
MIRROR_2019: dict[str, tuple[str, str]] = {
    "regulations_new": ("规章", "本年新制作数量"),
    "normative_docs_new": ("规范性文件", "本年新制作数量"),
    "licensing_decisions": ("行政许可", "处理决定数量"),
    "penalty_decisions": ("行政处罚", "处理决定数量"),
    "enforcement_decisions": ("行政强制", "处理决定数量"),
}

# The table 二 cells the platform counts from its own publication records (the rest come from the
# yearly statistics entries staff make for what other business systems hold).
PUBLICATION_ITEMS = "第二十条第（一）项"


def table2(fmt: ReportFormat | str) -> tuple[Table2Block, ...]:
    return TABLE2[parse_format(fmt)]


def statistic_rows(fmt: ReportFormat | str) -> tuple[tuple[Table2Block, Table2Row], ...]:
    """The rows of table 二 entered by staff from other systems (everything but 第二十条第（一）项)."""
    return tuple((block, r) for block in table2(fmt) if block.item != PUBLICATION_ITEMS for r in block.rows)


# --------------------------------------------------------------------------------------------------
# Table 四
# --------------------------------------------------------------------------------------------------

TABLE4_REVIEW = "行政复议"
TABLE4_LITIGATION = "行政诉讼"
TABLE4_COLUMN_LABELS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
TABLE4_COLUMN_KEYS: tuple[str, ...] = ("maintained", "corrected", "other", "pending", "total")


@dataclass(frozen=True)
class Table4Group:
    key: str  # key in ``review_litigation``
    label: str  # 行政复议 / 行政诉讼
    sub_label: str  # "" / 未经复议直接起诉 / 复议后起诉

    @property
    def full_label(self) -> str:
        return f"{self.label}（{self.sub_label}）" if self.sub_label else self.label


TABLE4_GROUPS: tuple[Table4Group, ...] = (
    Table4Group("review", TABLE4_REVIEW, ""),
    Table4Group("litigation_direct", TABLE4_LITIGATION, "未经复议直接起诉"),
    Table4Group("litigation_after_review", TABLE4_LITIGATION, "复议后起诉"),
)
