"""Kinds of case, their results, and the decisions that lead to each result: the law as data.

Table 四 of the annual report (政府信息公开行政复议、行政诉讼情况) has three groups — 行政复议,
行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）— each with the columns 结果维持 · 结果纠正 ·
其他结果 · 尚未审结 · 总计. Staff record what the review body or the court decided (the decision type);
the column follows from ``DECISIONS`` and is never chosen by hand.

Pure Python: no Django import.
"""

from dataclasses import dataclass
from enum import StrEnum


class CaseKind(StrEnum):
    REVIEW = "review"  # 行政复议
    LITIGATION_DIRECT = "litigation_direct"  # 行政诉讼，未经复议直接起诉
    LITIGATION_AFTER_REVIEW = "litigation_after_review"  # 行政诉讼，复议后起诉

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_litigation(self) -> bool:
        return self is not CaseKind.REVIEW

    @property
    def body_label(self) -> str:
        """Who decides the case."""
        return "人民法院" if self.is_litigation else "行政复议机关"

    @property
    def party_label(self) -> str:
        """Who brought the case."""
        return "原告" if self.is_litigation else "申请人"

    @property
    def copy_label(self) -> str:
        """The document whose receipt starts the agency's defence period."""
        return "起诉状副本" if self.is_litigation else "行政复议申请书副本或者申请笔录复印件"

    @property
    def defence_short(self) -> str:
        return "答辩" if self.is_litigation else "答复"

    @property
    def defence_label(self) -> str:
        """What the agency submits within the defence period."""
        return "答辩状及证据、依据" if self.is_litigation else "书面答复及证据、依据"


KIND_LABELS: dict[CaseKind, str] = {
    CaseKind.REVIEW: "行政复议",
    CaseKind.LITIGATION_DIRECT: "行政诉讼（未经复议直接起诉）",
    CaseKind.LITIGATION_AFTER_REVIEW: "行政诉讼（复议后起诉）",
}


class Result(StrEnum):
    """The columns of table 四, in the printed order (总计 is their sum)."""

    MAINTAINED = "maintained"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]


RESULT_LABELS: dict[Result, str] = {
    Result.MAINTAINED: "结果维持",
    Result.CORRECTED: "结果纠正",
    Result.OTHER: "其他结果",
    Result.PENDING: "尚未审结",
}
# The columns as printed in table 四, and the key of each group in the report JSON (DESIGN "Report data").
TABLE4_COLUMNS: tuple[str, ...] = (*RESULT_LABELS.values(), "总计")
TABLE4_GROUPS: tuple[CaseKind, ...] = (CaseKind.REVIEW, CaseKind.LITIGATION_DIRECT, CaseKind.LITIGATION_AFTER_REVIEW)


class DecisionType(StrEnum):
    # 行政复议（《中华人民共和国行政复议法》，2023年修订）
    REVIEW_MAINTAIN = "review_maintain"
    REVIEW_REJECT_CLAIMS = "review_reject_claims"
    REVIEW_REVOKE = "review_revoke"
    REVIEW_CHANGE = "review_change"
    REVIEW_CONFIRM_ILLEGAL = "review_confirm_illegal"
    REVIEW_ORDER_PERFORMANCE = "review_order_performance"
    REVIEW_CONFIRM_INVALID = "review_confirm_invalid"
    REVIEW_REJECT_APPLICATION = "review_reject_application"
    REVIEW_TERMINATE = "review_terminate"
    REVIEW_MEDIATION = "review_mediation"
    # 行政诉讼（《中华人民共和国行政诉讼法》）
    COURT_REJECT_CLAIMS = "court_reject_claims"
    COURT_REVOKE = "court_revoke"
    COURT_ORDER_PERFORMANCE = "court_order_performance"
    COURT_CONFIRM_ILLEGAL = "court_confirm_illegal"
    COURT_CONFIRM_INVALID = "court_confirm_invalid"
    COURT_CHANGE = "court_change"
    COURT_DISMISS = "court_dismiss"
    COURT_TERMINATE = "court_terminate"
    COURT_MEDIATION = "court_mediation"
    # Either: the applicant or plaintiff withdrew (recorded with the withdrawal, not chosen as a decision)
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return DECISIONS[self].label

    @property
    def result(self) -> Result:
        return DECISIONS[self].result


@dataclass(frozen=True)
class Decision:
    label: str
    result: Result
    review: bool  # a decision of a review body
    litigation: bool  # a judgment or ruling of a court


_D, _R = DecisionType, Result
DECISIONS: dict[DecisionType, Decision] = {
    _D.REVIEW_MAINTAIN: Decision("维持（第六十八条）", _R.MAINTAINED, review=True, litigation=False),
    _D.REVIEW_REJECT_CLAIMS: Decision("驳回行政复议请求（第六十九条）", _R.MAINTAINED, review=True, litigation=False),
    _D.REVIEW_REVOKE: Decision(
        "撤销或者部分撤销，可责令重新作出（第六十四条）", _R.CORRECTED, review=True, litigation=False
    ),
    _D.REVIEW_CHANGE: Decision("变更（第六十三条）", _R.CORRECTED, review=True, litigation=False),
    _D.REVIEW_CONFIRM_ILLEGAL: Decision("确认违法（第六十五条）", _R.CORRECTED, review=True, litigation=False),
    _D.REVIEW_ORDER_PERFORMANCE: Decision("责令履行（第六十六条）", _R.CORRECTED, review=True, litigation=False),
    _D.REVIEW_CONFIRM_INVALID: Decision("确认无效（第六十七条）", _R.CORRECTED, review=True, litigation=False),
    _D.REVIEW_REJECT_APPLICATION: Decision("不予受理或者驳回行政复议申请", _R.OTHER, review=True, litigation=False),
    _D.REVIEW_TERMINATE: Decision("终止行政复议", _R.OTHER, review=True, litigation=False),
    _D.REVIEW_MEDIATION: Decision("调解或者和解结案", _R.OTHER, review=True, litigation=False),
    _D.COURT_REJECT_CLAIMS: Decision(
        "判决驳回原告诉讼请求（第六十九条）", _R.MAINTAINED, review=False, litigation=True
    ),
    _D.COURT_REVOKE: Decision(
        "判决撤销或者部分撤销，可判决重新作出（第七十条）", _R.CORRECTED, review=False, litigation=True
    ),
    _D.COURT_ORDER_PERFORMANCE: Decision("判决履行（第七十二条）", _R.CORRECTED, review=False, litigation=True),
    _D.COURT_CONFIRM_ILLEGAL: Decision("判决确认违法（第七十四条）", _R.CORRECTED, review=False, litigation=True),
    _D.COURT_CONFIRM_INVALID: Decision("判决确认无效（第七十五条）", _R.CORRECTED, review=False, litigation=True),
    _D.COURT_CHANGE: Decision("判决变更（第七十七条）", _R.CORRECTED, review=False, litigation=True),
    _D.COURT_DISMISS: Decision("裁定不予立案或者驳回起诉", _R.OTHER, review=False, litigation=True),
    _D.COURT_TERMINATE: Decision("裁定终结诉讼", _R.OTHER, review=False, litigation=True),
    _D.COURT_MEDIATION: Decision("调解结案", _R.OTHER, review=False, litigation=True),
    _D.WITHDRAWN: Decision("申请人撤回行政复议申请或者原告撤诉", _R.OTHER, review=True, litigation=True),
}
"""Which column of table 四 each decision is counted in.

- 结果维持: the contested disclosure act stands — the review body maintains it or rejects the claims
  (行政复议法第六十八条、第六十九条); the court rejects the plaintiff's claims (行政诉讼法第六十九条).
- 结果纠正: the act is found wrong in whole or in part — revoked (and possibly to be made again),
  changed, confirmed illegal or invalid, or the agency is ordered to act (行政复议法第六十三条至第六十七条;
  行政诉讼法第七十条、第七十二条、第七十四条、第七十五条、第七十七条). These prompt staff to handle the
  application again (``inforequests.services.reopen``).
- 其他结果: the case ended without a ruling on the act — not accepted or dismissed on procedural grounds,
  terminated, settled by mediation or reconciliation, or withdrawn by the applicant or plaintiff.

For litigation, record the judgment or ruling that took effect (生效裁判): a first-instance judgment under
appeal (上诉) leaves the case 尚未审结 until the second instance decides.
"""


def decisions_for(kind: CaseKind) -> list[DecisionType]:
    """The decisions staff may choose for a case of ``kind`` (withdrawal has its own action)."""
    return [
        d
        for d, spec in DECISIONS.items()
        if d is not DecisionType.WITHDRAWN and (spec.litigation if kind.is_litigation else spec.review)
    ]


def result_of(decision: DecisionType) -> Result:
    """The table 四 column of a decision (never ``PENDING``: a decided case is no longer pending)."""
    return DECISIONS[decision].result
