"""Life cycle of an enquiry (咨询 / 局长信箱 / 热线 / 交办件): the states, the allowed transitions, one
transition function.

received ──assign──▶ handling ──draft──▶ drafted ──submit_for_review──▶ in_review ──approve──▶ approved
   │                                       │  ▲                            │                     │
   └──────────draft (office answers)──────▶┘  └──────────return───────────┘                     │
                                           │                                                      │
                                           ├─send (only when the agency does not require review)─▶ replied
                                           approved ──send──────────────────────────────────────▶ replied
replied ──close──▶ closed
replied / closed ──reopen (the asker rated the reply 不满意)──▶ handling (a new due date)
any state before the reply ──convert (really a disclosure application)──▶ converted
                           ──withdraw (the asker withdrew)──▶ withdrawn
                           ──void (spam, empty, test)──▶ voided

Editing a draft after approval (``draft`` from ``approved``) takes it back to ``drafted``: the changed
text must be reviewed again. Ratings are data, not transitions (``may_rate``). Pure Python: no Django import.
"""

from enum import StrEnum


class EnquiryState(StrEnum):
    RECEIVED = "received"  # registered or submitted, not yet assigned
    HANDLING = "handling"  # assigned to a handler (or reopened)
    DRAFTED = "drafted"  # a reply draft exists
    IN_REVIEW = "in_review"  # the draft awaits review (agencies that review replies)
    APPROVED = "approved"  # the reviewed draft may be sent
    REPLIED = "replied"  # the reply went out
    CLOSED = "closed"  # 办结
    CONVERTED = "converted"  # handled as a disclosure application instead
    WITHDRAWN = "withdrawn"
    VOIDED = "voided"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Not yet replied: the handling deadline runs (queues, overdue records, reminders)."""
        return self in OPEN_STATES

    @property
    def is_answered(self) -> bool:
        """The reply went out (it may be rated, published, reopened)."""
        return self in ANSWERED_STATES


STATE_LABELS = {
    EnquiryState.RECEIVED: "待分派",
    EnquiryState.HANDLING: "办理中",
    EnquiryState.DRAFTED: "已拟答复",
    EnquiryState.IN_REVIEW: "答复审核中",
    EnquiryState.APPROVED: "答复已审核待发出",
    EnquiryState.REPLIED: "已答复",
    EnquiryState.CLOSED: "已办结",
    EnquiryState.CONVERTED: "已转为政府信息公开申请",
    EnquiryState.WITHDRAWN: "留言人已撤回",
    EnquiryState.VOIDED: "不予受理（已作废）",
}

OPEN_STATES = frozenset(
    {
        EnquiryState.RECEIVED,
        EnquiryState.HANDLING,
        EnquiryState.DRAFTED,
        EnquiryState.IN_REVIEW,
        EnquiryState.APPROVED,
    }
)
ANSWERED_STATES = frozenset({EnquiryState.REPLIED, EnquiryState.CLOSED})
FINAL_STATES = frozenset({EnquiryState.CONVERTED, EnquiryState.WITHDRAWN, EnquiryState.VOIDED})


class EnquiryAction(StrEnum):
    ASSIGN = "assign"
    DRAFT = "draft"
    SUBMIT_FOR_REVIEW = "submit_for_review"
    APPROVE = "approve"
    RETURN = "return"
    SEND = "send"
    CLOSE = "close"
    REOPEN = "reopen"
    CONVERT = "convert"
    WITHDRAW = "withdraw"
    VOID = "void"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    EnquiryAction.ASSIGN: "分派承办",
    EnquiryAction.DRAFT: "拟写答复",
    EnquiryAction.SUBMIT_FOR_REVIEW: "提交答复审核",
    EnquiryAction.APPROVE: "审核通过答复",
    EnquiryAction.RETURN: "退回修改答复",
    EnquiryAction.SEND: "发出答复",
    EnquiryAction.CLOSE: "办结",
    EnquiryAction.REOPEN: "重新办理",
    EnquiryAction.CONVERT: "转为政府信息公开申请",
    EnquiryAction.WITHDRAW: "登记撤回",
    EnquiryAction.VOID: "作废",
}


class TransitionError(ValueError):
    """An action that the enquiry's state does not allow; the message is shown to staff."""


_S, _A = EnquiryState, EnquiryAction
_BEFORE_REPLY = {_A.CONVERT: _S.CONVERTED, _A.WITHDRAW: _S.WITHDRAWN, _A.VOID: _S.VOIDED}
_TRANSITIONS: dict[EnquiryState, dict[EnquiryAction, EnquiryState]] = {
    _S.RECEIVED: {_A.ASSIGN: _S.HANDLING, _A.DRAFT: _S.DRAFTED, **_BEFORE_REPLY},
    _S.HANDLING: {_A.ASSIGN: _S.HANDLING, _A.DRAFT: _S.DRAFTED, **_BEFORE_REPLY},
    _S.DRAFTED: {
        _A.ASSIGN: _S.DRAFTED,
        _A.DRAFT: _S.DRAFTED,
        _A.SUBMIT_FOR_REVIEW: _S.IN_REVIEW,
        _A.SEND: _S.REPLIED,  # only without required review: see ``transition``
        **_BEFORE_REPLY,
    },
    _S.IN_REVIEW: {_A.APPROVE: _S.APPROVED, _A.RETURN: _S.DRAFTED, **_BEFORE_REPLY},
    _S.APPROVED: {_A.DRAFT: _S.DRAFTED, _A.SEND: _S.REPLIED, **_BEFORE_REPLY},
    _S.REPLIED: {_A.CLOSE: _S.CLOSED, _A.REOPEN: _S.HANDLING},
    _S.CLOSED: {_A.REOPEN: _S.HANDLING},
    _S.CONVERTED: {},
    _S.WITHDRAWN: {},
    _S.VOIDED: {},
}
# Submission and registration create the enquiry in RECEIVED (HANDLING when registered with a handler).
INITIAL_STATE = EnquiryState.RECEIVED


def allowed_actions(state: EnquiryState, *, review_required: bool = False) -> frozenset[EnquiryAction]:
    """The actions ``state`` allows (``send`` from ``drafted`` only when review is not required)."""
    actions = set(_TRANSITIONS[state])
    if review_required and state is EnquiryState.DRAFTED:
        actions.discard(EnquiryAction.SEND)
    return frozenset(actions)


def transition(state: EnquiryState, action: EnquiryAction, *, review_required: bool = False) -> EnquiryState:
    """The state after ``action``; raises ``TransitionError`` with a Chinese message when not allowed.

    ``review_required``: the agency (or the enquiry's source) wants replies reviewed before they go out,
    so a draft is sent only once approved.
    """
    if review_required and state is EnquiryState.DRAFTED and action is EnquiryAction.SEND:
        raise TransitionError("本机关要求答复经审核通过后才能发出，请先提交审核。")
    try:
        return _TRANSITIONS[state][action]
    except KeyError:
        raise TransitionError(f"咨询当前状态为“{state.label}”，不能执行“{action.label}”。") from None


def may_rate(state: EnquiryState, *, replies: int, rated_reply: int) -> bool:
    """The asker rates each reply once: answered, and the latest reply (number ``replies``) not yet rated."""
    return state in ANSWERED_STATES and replies > 0 and rated_reply < replies
