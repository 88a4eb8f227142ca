"""The enquiry life cycle as a table: each allowed path, each refusal in Chinese (pure, no database)."""

import pytest

from gongkai.consultations.states import (
    ACTION_LABELS,
    ANSWERED_STATES,
    FINAL_STATES,
    OPEN_STATES,
    STATE_LABELS,
    EnquiryAction,
    EnquiryState,
    TransitionError,
    allowed_actions,
    may_rate,
    transition,
)

S, A = EnquiryState, EnquiryAction


def walk(state, *actions, review_required=False):
    for action in actions:
        state = transition(state, action, review_required=review_required)
    return state


def test_every_state_and_action_has_a_chinese_label():
    assert set(STATE_LABELS) == set(EnquiryState)
    assert set(ACTION_LABELS) == set(EnquiryAction)
    assert set(EnquiryState) == OPEN_STATES | ANSWERED_STATES | FINAL_STATES
    assert not OPEN_STATES & ANSWERED_STATES
    assert not (OPEN_STATES | ANSWERED_STATES) & FINAL_STATES


def test_without_review_a_draft_is_sent_and_the_case_closed():
    assert walk(S.RECEIVED, A.ASSIGN, A.DRAFT, A.SEND, A.CLOSE) is S.CLOSED


def test_the_office_may_answer_an_unassigned_enquiry_itself():
    assert walk(S.RECEIVED, A.DRAFT, A.SEND) is S.REPLIED


def test_required_review_refuses_sending_an_unapproved_draft():
    with pytest.raises(TransitionError, match="审核通过后才能发出"):
        walk(S.RECEIVED, A.ASSIGN, A.DRAFT, A.SEND, review_required=True)
    assert A.SEND not in allowed_actions(S.DRAFTED, review_required=True)
    assert A.SEND in allowed_actions(S.DRAFTED, review_required=False)


def test_review_path_approve_then_send():
    state = walk(S.HANDLING, A.DRAFT, A.SUBMIT_FOR_REVIEW, A.APPROVE, A.SEND, review_required=True)
    assert state is S.REPLIED


def test_a_returned_draft_and_a_draft_edited_after_approval_need_review_again():
    assert walk(S.HANDLING, A.DRAFT, A.SUBMIT_FOR_REVIEW, A.RETURN) is S.DRAFTED
    assert walk(S.HANDLING, A.DRAFT, A.SUBMIT_FOR_REVIEW, A.APPROVE, A.DRAFT) is S.DRAFTED


def test_an_agency_without_required_review_may_still_submit_for_review():
    assert walk(S.HANDLING, A.DRAFT, A.SUBMIT_FOR_REVIEW, A.APPROVE, A.SEND) is S.REPLIED


def test_reopen_only_after_the_reply():
    assert transition(S.REPLIED, A.REOPEN) is S.HANDLING
    assert transition(S.CLOSED, A.REOPEN) is S.HANDLING
    for state in OPEN_STATES:
        with pytest.raises(TransitionError, match="不能执行“重新办理”"):
            transition(state, A.REOPEN)


@pytest.mark.parametrize("state", sorted(OPEN_STATES))
@pytest.mark.parametrize(
    ("action", "result"), [(A.CONVERT, S.CONVERTED), (A.WITHDRAW, S.WITHDRAWN), (A.VOID, S.VOIDED)]
)
def test_before_the_reply_an_enquiry_may_be_converted_withdrawn_or_voided(state, action, result):
    assert transition(state, action) is result


@pytest.mark.parametrize("state", sorted(ANSWERED_STATES))
def test_after_the_reply_it_is_no_longer_converted_or_voided(state):
    for action in (A.CONVERT, A.VOID, A.WITHDRAW, A.DRAFT):
        with pytest.raises(TransitionError, match=f"咨询当前状态为“{state.label}”"):
            transition(state, action)


@pytest.mark.parametrize("state", sorted(FINAL_STATES))
def test_final_states_allow_nothing(state):
    assert allowed_actions(state) == frozenset()


def test_each_reply_is_rated_once_and_only_after_it_went_out():
    assert not may_rate(S.HANDLING, replies=0, rated_reply=0)
    assert may_rate(S.REPLIED, replies=1, rated_reply=0)
    assert may_rate(S.CLOSED, replies=1, rated_reply=0)
    assert not may_rate(S.REPLIED, replies=1, rated_reply=1)
    assert not may_rate(S.HANDLING, replies=1, rated_reply=1), "reopened: the new reply is not out yet"
    assert may_rate(S.REPLIED, replies=2, rated_reply=1), "the new reply after a reopening is rated again"
