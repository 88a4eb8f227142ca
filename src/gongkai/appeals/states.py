"""Life cycle of a review or litigation case: the states, the allowed transitions, one transition function.

registered ──accept──▶ accepted ──hear──▶ hearing ─┐ (hear again: the hearing is rescheduled)
 │                      │                  ◀───────┘
 │                      ├─ decide ──▶ decided (the outcome: a decision type → a table 四 column)
 ├─ decide (not accepted: 不予受理 / 不予立案)  ─▶ decided
 ├─ withdraw (any open state: 撤回申请 / 撤诉) ──▶ withdrawn (counted as 其他结果)
 └─ void (registered by mistake) ──▶ voided (never counted)

Receipt of the copy of the application or complaint (which starts the defence period) and submission
of the defence are dates of an open case, not states. Pure Python: no Django import.
"""

from enum import StrEnum


class CaseState(StrEnum):
    REGISTERED = "registered"  # known to the agency; acceptance not yet notified
    ACCEPTED = "accepted"  # 受理 (review) / 立案 (court)
    HEARING = "hearing"  # a hearing (听证 / 开庭) is scheduled or held
    DECIDED = "decided"  # 审结: decision, judgment or ruling recorded
    WITHDRAWN = "withdrawn"  # 撤回行政复议申请 / 撤诉
    VOIDED = "voided"  # registered by mistake

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Not yet concluded (尚未审结)."""
        return self in OPEN_STATES


STATE_LABELS: dict[CaseState, str] = {
    CaseState.REGISTERED: "已登记",
    CaseState.ACCEPTED: "已受理（立案）",
    CaseState.HEARING: "审理中（听证、开庭）",
    CaseState.DECIDED: "已审结",
    CaseState.WITHDRAWN: "已撤回",
    CaseState.VOIDED: "登记有误（已作废）",
}

OPEN_STATES: frozenset[CaseState] = frozenset({CaseState.REGISTERED, CaseState.ACCEPTED, CaseState.HEARING})


class CaseAction(StrEnum):
    ACCEPT = "accept"
    HEAR = "hear"
    DECIDE = "decide"
    WITHDRAW = "withdraw"
    VOID = "void"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[CaseAction, str] = {
    CaseAction.ACCEPT: "登记受理（立案）",
    CaseAction.HEAR: "登记听证或开庭",
    CaseAction.DECIDE: "登记审理结果",
    CaseAction.WITHDRAW: "登记撤回",
    CaseAction.VOID: "作废登记",
}


class TransitionError(ValueError):
    """An action that the case's state does not allow; the message is shown to staff."""


_S, _A = CaseState, CaseAction
_TRANSITIONS: dict[CaseState, dict[CaseAction, CaseState]] = {
    _S.REGISTERED: {_A.ACCEPT: _S.ACCEPTED, _A.DECIDE: _S.DECIDED, _A.WITHDRAW: _S.WITHDRAWN, _A.VOID: _S.VOIDED},
    _S.ACCEPTED: {_A.HEAR: _S.HEARING, _A.DECIDE: _S.DECIDED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.HEARING: {_A.HEAR: _S.HEARING, _A.DECIDE: _S.DECIDED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.DECIDED: {},
    _S.WITHDRAWN: {},
    _S.VOIDED: {},
}
INITIAL_STATE = CaseState.REGISTERED


def allowed_actions(state: CaseState) -> frozenset[CaseAction]:
    return frozenset(_TRANSITIONS[state])


def transition(state: CaseState, action: CaseAction) -> CaseState:
    """The state after ``action``; raises ``TransitionError`` with a Chinese message when not allowed."""
    try:
        return _TRANSITIONS[state][action]
    except KeyError:
        raise TransitionError(f"案件当前状态为“{state.label}”，不能执行“{action.label}”。") from None
