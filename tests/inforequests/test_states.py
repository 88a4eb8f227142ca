"""Every transition of an application, allowed and refused."""

import itertools

import pytest

from gongkai.inforequests.states import (
    OPEN_STATES,
    ApplicationAction,
    ApplicationState,
    TransitionError,
    allowed_actions,
    transition,
)

S, A = ApplicationState, ApplicationAction
ALLOWED = {
    (S.PENDING, A.CONFIRM): S.HANDLING,
    (S.PENDING, A.VOID): S.VOIDED,
    (S.PENDING, A.WITHDRAW): S.WITHDRAWN,
    (S.HANDLING, A.REQUEST_CORRECTION): S.AWAITING_CORRECTION,
    (S.HANDLING, A.SEND_FEE_NOTICE): S.AWAITING_PAYMENT,
    (S.HANDLING, A.DECIDE): S.REPLIED,
    (S.HANDLING, A.TRANSFER): S.REPLIED,
    (S.HANDLING, A.WITHDRAW): S.WITHDRAWN,
    (S.AWAITING_CORRECTION, A.RECEIVE_CORRECTION): S.HANDLING,
    (S.AWAITING_CORRECTION, A.ABANDON): S.ABANDONED,
    (S.AWAITING_CORRECTION, A.WITHDRAW): S.WITHDRAWN,
    (S.AWAITING_PAYMENT, A.RECORD_PAYMENT): S.HANDLING,
    (S.AWAITING_PAYMENT, A.ABANDON): S.ABANDONED,
    (S.AWAITING_PAYMENT, A.WITHDRAW): S.WITHDRAWN,
    (S.REPLIED, A.DELIVER): S.CLOSED,
}


@pytest.mark.parametrize(("state", "action"), list(ALLOWED))
def test_allowed_transition(state, action):
    assert transition(state, action) == ALLOWED[(state, action)]
    assert action in allowed_actions(state)


REFUSED = [pair for pair in itertools.product(S, A) if pair not in ALLOWED]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_refused_transition_names_state_and_action_in_chinese(state, action):
    with pytest.raises(TransitionError, match=f"申请当前状态为“{state.label}”，不能执行“{action.label}”"):
        transition(state, action)


def test_art33_a_decision_needs_the_clock_running_not_suspended_for_correction_or_payment():
    with pytest.raises(TransitionError):
        transition(S.AWAITING_CORRECTION, A.DECIDE)
    with pytest.raises(TransitionError):
        transition(S.AWAITING_PAYMENT, A.DECIDE)


def test_final_states_allow_nothing_and_only_handling_states_are_carried_over():
    for final in (S.CLOSED, S.WITHDRAWN, S.ABANDONED, S.VOIDED):
        assert allowed_actions(final) == frozenset()
        assert not final.is_open
    assert {S.HANDLING, S.AWAITING_CORRECTION, S.AWAITING_PAYMENT} == OPEN_STATES
    assert not S.PENDING.is_open, "an unconfirmed online submission has not been received (Art. 31)"
