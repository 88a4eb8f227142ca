"""Table 四 of the annual report from the case records: the counting rule, one place.

A case is counted in the year its outcome falls in (the day of the decision, judgment or ruling, or of
the withdrawal), in the column its decision gives (``kinds.DECISIONS``). A case filed on or before
31 December of the year and not concluded by that day is counted as 尚未审结 of that year; it is counted
again, with its result, in the year it is concluded. 总计 is the sum of the four columns, so the
cross-check C5 (总计 = 维持 + 纠正 + 其他 + 尚未审结) holds by construction.

Pure Python: no Django import.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.appeals.kinds import TABLE4_GROUPS, CaseKind, Result

COUNTING_RULE = (
    "表四按案件结果所在的年度统计：本年度内作出行政复议决定或者人民法院生效裁判的案件（含申请人撤回行政复议申请、"
    "原告撤诉），按其结果计入本年度的“结果维持”“结果纠正”或“其他结果”；本年12月31日以前申请行政复议或者提起诉讼、"
    "截至12月31日尚未作出结果的案件，计入本年度的“尚未审结”。跨年度审结的案件，在尚未审结的各年度计为“尚未审结”，"
    "在作出结果的年度按结果统计。撤回申请或者撤诉的计入“其他结果”；登记有误已作废的不统计。复议后又起诉的，"
    "复议案件计入“行政复议”，诉讼案件计入“行政诉讼·复议后起诉”，分别统计。“总计”为前四项之和。"
)

_COLUMNS = (Result.MAINTAINED, Result.CORRECTED, Result.OTHER, Result.PENDING)


@dataclass(frozen=True)
class CaseFacts:
    """What the count needs of one case."""

    kind: CaseKind
    filed_on: dt.date
    decided_on: dt.date | None = None  # the day of the outcome (decision, judgment, ruling, withdrawal)
    result: Result | None = None  # maintained / corrected / other once decided
    voided: bool = False  # registered by mistake: never counted


def column_for(case: CaseFacts, year: int) -> Result | None:
    """The column of table 四 of ``year`` that ``case`` is counted in, or ``None`` when not counted."""
    if case.voided:
        return None
    year_end = dt.date(year, 12, 31)
    if case.decided_on is not None and case.decided_on.year == year:
        if case.result is None or case.result is Result.PENDING:
            msg = f"已于{case.decided_on:%Y-%m-%d}审结的案件缺少审理结果"
            raise ValueError(msg)
        return case.result
    if case.filed_on <= year_end and (case.decided_on is None or case.decided_on > year_end):
        return Result.PENDING
    return None


def table4(cases: Iterable[CaseFacts], year: int) -> dict[str, list[int]]:
    """Table 四 of ``year`` in the report JSON shape: ``{"review": [maintained, corrected, other, pending,
    total], "litigation_direct": [...], "litigation_after_review": [...]}``."""
    counts: dict[CaseKind, dict[Result, int]] = {kind: dict.fromkeys(_COLUMNS, 0) for kind in TABLE4_GROUPS}
    for case in cases:
        column = column_for(case, year)
        if column is not None:
            counts[case.kind][column] += 1
    return {kind.value: [*(counts[kind][c] for c in _COLUMNS), sum(counts[kind].values())] for kind in TABLE4_GROUPS}
