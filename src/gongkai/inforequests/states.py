"""Life cycle of an application for disclosure: the states, the allowed transitions, one transition function.

pending ──confirm──▶ handling ◀──────────────── receive_correction ── awaiting_correction
 │ (online, fax,        │  ├─ request_correction (Art. 30, once) ─────────▶ ┘      │
 │  email: Art. 31)     │  ├─ send_fee_notice (Art. 42) ──▶ awaiting_payment ─┐     │
 │                      │  │                 ◀── record_payment ──────────────┘     │
 │                      │  └─ (consultations and the extension do not change the state; they are
 │                      │      clock events: ``clock.py``)                          │
 │                      ├─ decide ──▶ replied ──deliver──▶ closed                   │
 │                      ├─ transfer (not this agency's: reply naming it; it gets a new application) ──▶ replied
 ├─ void (not an application: spam, empty) ──▶ voided                              │
 └─ withdraw (any open state) ──▶ withdrawn           abandon (system: missed correction or payment) ◀─┘
Staff registration of paper, in-person, post and oral applications starts in ``handling`` (``register``).
Pure Python: no Django import.
"""

from enum import StrEnum


class ApplicationState(StrEnum):
    PENDING = "pending"  # submitted online (or fax/email) and not yet confirmed: the clock has not started
    HANDLING = "handling"
    AWAITING_CORRECTION = "awaiting_correction"
    AWAITING_PAYMENT = "awaiting_payment"
    REPLIED = "replied"  # decision issued; waiting for delivery
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"  # deemed abandoned: no correction or no payment in time
    VOIDED = "voided"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still to be answered: counted in 结转下年度 when open at the end of a year."""
        return self in OPEN_STATES


STATE_LABELS = {
    ApplicationState.PENDING: "待确认收到",
    ApplicationState.HANDLING: "办理中",
    ApplicationState.AWAITING_CORRECTION: "待申请人补正",
    ApplicationState.AWAITING_PAYMENT: "待申请人缴费",
    ApplicationState.REPLIED: "已答复待送达",
    ApplicationState.CLOSED: "已办结",
    ApplicationState.WITHDRAWN: "申请人已撤回",
    ApplicationState.ABANDONED: "视为放弃申请",
    ApplicationState.VOIDED: "不作为申请登记（已作废）",
}

OPEN_STATES = frozenset(
    {
        ApplicationState.HANDLING,
        ApplicationState.AWAITING_CORRECTION,
        ApplicationState.AWAITING_PAYMENT,
    }
)


class ApplicationAction(StrEnum):
    CONFIRM = "confirm"
    REGISTER = "register"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    SEND_FEE_NOTICE = "send_fee_notice"
    RECORD_PAYMENT = "record_payment"
    DECIDE = "decide"
    TRANSFER = "transfer"
    DELIVER = "deliver"
    WITHDRAW = "withdraw"
    ABANDON = "abandon"
    VOID = "void"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    ApplicationAction.CONFIRM: "确认收到申请",
    ApplicationAction.REGISTER: "登记申请",
    ApplicationAction.REQUEST_CORRECTION: "发出补正通知",
    ApplicationAction.RECEIVE_CORRECTION: "收到补正",
    ApplicationAction.SEND_FEE_NOTICE: "发出收费通知",
    ApplicationAction.RECORD_PAYMENT: "登记缴费",
    ApplicationAction.DECIDE: "作出答复",
    ApplicationAction.TRANSFER: "转交其他机关",
    ApplicationAction.DELIVER: "登记送达",
    ApplicationAction.WITHDRAW: "登记撤回申请",
    ApplicationAction.ABANDON: "视为放弃申请",
    ApplicationAction.VOID: "作废",
}


class TransitionError(ValueError):
    """An action that the application's state does not allow; the message is shown to staff."""


_S, _A = ApplicationState, ApplicationAction
_TRANSITIONS: dict[ApplicationState, dict[ApplicationAction, ApplicationState]] = {
    _S.PENDING: {_A.CONFIRM: _S.HANDLING, _A.VOID: _S.VOIDED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.HANDLING: {
        _A.REQUEST_CORRECTION: _S.AWAITING_CORRECTION,
        _A.SEND_FEE_NOTICE: _S.AWAITING_PAYMENT,
        _A.DECIDE: _S.REPLIED,
        _A.TRANSFER: _S.REPLIED,
        _A.WITHDRAW: _S.WITHDRAWN,
    },
    _S.AWAITING_CORRECTION: {
        _A.RECEIVE_CORRECTION: _S.HANDLING,
        _A.ABANDON: _S.ABANDONED,
        _A.WITHDRAW: _S.WITHDRAWN,
    },
    _S.AWAITING_PAYMENT: {_A.RECORD_PAYMENT: _S.HANDLING, _A.ABANDON: _S.ABANDONED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.REPLIED: {_A.DELIVER: _S.CLOSED},
    _S.CLOSED: {},
    _S.WITHDRAWN: {},
    _S.ABANDONED: {},
    _S.VOIDED: {},
}
# Registration by staff creates the application directly in HANDLING: it has no "from" state.
INITIAL_STATE_BY_ACTION = {_A.REGISTER: _S.HANDLING}


def allowed_actions(state: ApplicationState) -> frozenset[ApplicationAction]:
    return frozenset(_TRANSITIONS[state])


def transition(state: ApplicationState, action: ApplicationAction) -> ApplicationState:
    """The state after ``action``; raises ``TransitionError`` with a Chinese message when not allowed."""
    try:
        return _TRANSITIONS[state][action]
    except KeyError:
        raise TransitionError(f"申请当前状态为“{state.label}”，不能执行“{action.label}”。") from None
