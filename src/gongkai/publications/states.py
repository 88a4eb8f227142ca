"""Life cycle of an information item: the states, the allowed transitions, one transition function.

draft ──submit──▶ in_review (task 1 … task N, the last one is sign-off) ──approve last──▶ published
  ▲                    │                                                      (or filed when not 主动公开)
  └──────return────────┘
published ──withdraw──▶ withdrawn

Amending a published item creates a new item that goes through the whole workflow again; when it is
published the old one is marked 已修改 with a link to it (validity is not a workflow state).
Pure Python: no Django import.
"""

from enum import StrEnum


class ItemState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    FILED = "filed"  # workflow complete, not proactively disclosed (依申请公开 / 不予公开)
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    ItemState.DRAFT: "草稿",
    ItemState.IN_REVIEW: "审核中",
    ItemState.PUBLISHED: "已发布",
    ItemState.FILED: "已登记（不主动公开）",
    ItemState.WITHDRAWN: "已撤回",
}


class ItemAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"  # a review task approved: next task, or publication after the last one
    RETURN = "return"  # back to draft with a comment, from any review task
    WITHDRAW = "withdraw"
    REOPEN = "reopen"  # a filed item whose attribute is re-evaluated goes back to draft (Art. 18)

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    ItemAction.SUBMIT: "提交审核",
    ItemAction.APPROVE: "审核通过",
    ItemAction.RETURN: "退回修改",
    ItemAction.WITHDRAW: "撤回",
    ItemAction.REOPEN: "重新评估后转为草稿",
}


class TransitionError(ValueError):
    """An action that the item's state does not allow; the message is shown to staff."""


_ALLOWED: dict[ItemState, frozenset[ItemAction]] = {
    ItemState.DRAFT: frozenset({ItemAction.SUBMIT}),
    ItemState.IN_REVIEW: frozenset({ItemAction.APPROVE, ItemAction.RETURN}),
    ItemState.PUBLISHED: frozenset({ItemAction.WITHDRAW}),
    ItemState.FILED: frozenset({ItemAction.REOPEN}),
    ItemState.WITHDRAWN: frozenset(),
}


def allowed_actions(state: ItemState) -> frozenset[ItemAction]:
    return _ALLOWED[state]


def transition(state: ItemState, action: ItemAction, *, last_task: bool = False, proactive: bool = True) -> ItemState:
    """The state after ``action``; raises ``TransitionError`` when the state does not allow it.

    ``last_task``: approving the last review task (sign-off) completes the workflow;
    ``proactive``: a completed 主动公开 item is published, any other is filed.
    """
    if action not in _ALLOWED[state]:
        raise TransitionError(f"当前状态为“{state.label}”，不能执行“{action.label}”。")
    if action == ItemAction.SUBMIT:
        return ItemState.IN_REVIEW
    if action == ItemAction.APPROVE:
        if not last_task:
            return ItemState.IN_REVIEW
        return ItemState.PUBLISHED if proactive else ItemState.FILED
    if action == ItemAction.WITHDRAW:
        return ItemState.WITHDRAWN
    return ItemState.DRAFT  # RETURN, REOPEN
