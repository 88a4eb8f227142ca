"""Every transition of the item life cycle, allowed and refused."""

import pytest

from gongkai.publications.states import ItemAction, ItemState, TransitionError, allowed_actions, transition

S, A = ItemState, ItemAction

ALLOWED = [
    (S.DRAFT, A.SUBMIT, {}, S.IN_REVIEW),
    (S.IN_REVIEW, A.APPROVE, {"last_task": False}, S.IN_REVIEW),
    (S.IN_REVIEW, A.APPROVE, {"last_task": True, "proactive": True}, S.PUBLISHED),
    (S.IN_REVIEW, A.APPROVE, {"last_task": True, "proactive": False}, S.FILED),
    (S.IN_REVIEW, A.RETURN, {}, S.DRAFT),
    (S.PUBLISHED, A.WITHDRAW, {}, S.WITHDRAWN),
    (S.FILED, A.REOPEN, {}, S.DRAFT),
]


@pytest.mark.parametrize(("state", "action", "kwargs", "expected"), ALLOWED)
def test_allowed_transition(state, action, kwargs, expected):
    assert transition(state, action, **kwargs) == expected


REFUSED = [(s, a) for s in S for a in A if a not in allowed_actions(s)]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_refused_transition_names_state_and_action_in_chinese(state, action):
    with pytest.raises(TransitionError) as err:
        transition(state, action)
    assert state.label in str(err.value)
    assert action.label in str(err.value)


def test_nothing_reaches_published_without_review():
    # The only way into PUBLISHED is approving the last review task.
    sources = {(s, a) for s, a, kw, e in ALLOWED if e == S.PUBLISHED}
    assert sources == {(S.IN_REVIEW, A.APPROVE)}
    assert A.APPROVE not in allowed_actions(S.DRAFT)


def test_withdrawn_is_final():
    assert allowed_actions(S.WITHDRAWN) == frozenset()
