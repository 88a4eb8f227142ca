"""Every transition of a case, allowed and refused."""

import itertools

import pytest

from gongkai.appeals.states import OPEN_STATES, CaseAction, CaseState, TransitionError, allowed_actions, transition

S, A = CaseState, CaseAction
ALLOWED = {
    (S.REGISTERED, A.ACCEPT): S.ACCEPTED,
    (S.REGISTERED, A.DECIDE): S.DECIDED,
    (S.REGISTERED, A.WITHDRAW): S.WITHDRAWN,
    (S.REGISTERED, A.VOID): S.VOIDED,
    (S.ACCEPTED, A.HEAR): S.HEARING,
    (S.ACCEPTED, A.DECIDE): S.DECIDED,
    (S.ACCEPTED, A.WITHDRAW): S.WITHDRAWN,
    (S.HEARING, A.HEAR): S.HEARING,
    (S.HEARING, A.DECIDE): S.DECIDED,
    (S.HEARING, A.WITHDRAW): S.WITHDRAWN,
}


@pytest.mark.parametrize(("state", "action"), list(ALLOWED))
def test_allowed_transition(state, action):
    assert transition(state, action) == ALLOWED[(state, action)]
    assert action in allowed_actions(state)


@pytest.mark.parametrize(("state", "action"), [p for p in itertools.product(CaseState, CaseAction) if p not in ALLOWED])
def test_refused_transition_says_why_in_chinese(state, action):
    with pytest.raises(TransitionError, match=f"案件当前状态为“{state.label}”，不能执行“{action.label}”"):
        transition(state, action)
    assert action not in allowed_actions(state)


def test_concluded_cases_are_final_and_open_states_are_the_pending_ones():
    for state in (S.DECIDED, S.WITHDRAWN, S.VOIDED):
        assert not allowed_actions(state)
        assert not state.is_open
    assert frozenset(s for s in CaseState if s.is_open) == OPEN_STATES == {S.REGISTERED, S.ACCEPTED, S.HEARING}
