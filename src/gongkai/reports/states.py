"""Life cycle of an annual report: the states, the allowed transitions, one transition function.

draft ──submit──▶ submitted ──accept──▶ accepted ──publish──▶ published
  ▲  ◀──withdraw──┘    │                    │
  │                    └─return──▶ returned ─submit─▶ submitted
  └────────────────────reopen───────────────┘
draft ──publish_unreviewed──▶ published   (an agency with no supervising office above it)

Staff edit the tables and texts, and regenerate them from the records, only in ``draft`` and
``returned``; a published report is frozen. Pure Python: no Django import.
"""

from enum import StrEnum


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # 已报送 the supervising office (政府信息公开工作主管部门)
    RETURNED = "returned"  # 退回修改, with the reviewer's comments
    ACCEPTED = "accepted"  # 审核通过
    PUBLISHED = "published"  # 已公开 on the 政府信息公开年报 column

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[ReportState, str] = {
    ReportState.DRAFT: "草稿",
    ReportState.SUBMITTED: "已报送待审",
    ReportState.RETURNED: "已退回修改",
    ReportState.ACCEPTED: "已审核通过待发布",
    ReportState.PUBLISHED: "已发布",
}

EDITABLE_STATES: frozenset[ReportState] = frozenset({ReportState.DRAFT, ReportState.RETURNED})


class ReportAction(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    RETURN = "return"
    ACCEPT = "accept"
    REOPEN = "reopen"
    PUBLISH = "publish"
    PUBLISH_UNREVIEWED = "publish_unreviewed"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[ReportAction, str] = {
    ReportAction.SUBMIT: "报送审核",
    ReportAction.WITHDRAW: "撤回报送",
    ReportAction.RETURN: "退回修改",
    ReportAction.ACCEPT: "审核通过",
    ReportAction.REOPEN: "重新修改",
    ReportAction.PUBLISH: "发布",
    ReportAction.PUBLISH_UNREVIEWED: "发布",
}


class TransitionError(ValueError):
    """An action the report's state does not allow; the message is shown to staff."""


_S, _A = ReportState, ReportAction
_TRANSITIONS: dict[ReportState, dict[ReportAction, ReportState]] = {
    _S.DRAFT: {_A.SUBMIT: _S.SUBMITTED, _A.PUBLISH_UNREVIEWED: _S.PUBLISHED},
    _S.SUBMITTED: {_A.WITHDRAW: _S.DRAFT, _A.RETURN: _S.RETURNED, _A.ACCEPT: _S.ACCEPTED},
    _S.RETURNED: {_A.SUBMIT: _S.SUBMITTED},
    _S.ACCEPTED: {_A.PUBLISH: _S.PUBLISHED, _A.REOPEN: _S.DRAFT},
    _S.PUBLISHED: {},
}
INITIAL_STATE = ReportState.DRAFT


def allowed_actions(state: ReportState) -> frozenset[ReportAction]:
    return frozenset(_TRANSITIONS[state])


def transition(state: ReportState, action: ReportAction) -> ReportState:
    """The state after ``action``; raises ``TransitionError`` with a Chinese message when not allowed."""
    try:
        return _TRANSITIONS[state][action]
    except KeyError:
        raise TransitionError(f"年度报告当前状态为“{state.label}”，不能执行“{action.label}”。") from None
