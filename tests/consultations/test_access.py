"""Who sees and does what: the office, the handler, reviewers, supervisors, other agencies."""

import pytest
from django.http import Http404

from gongkai.agencies.roles import GRANTS, Action, Role
from gongkai.consultations.access import access_enquiry, enquiries_visible, may_handle, may_review
from gongkai.consultations.services.handling import enquiry_assign, reply_draft, reply_submit_for_review
from tests.consultations.conftest import D, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_roles_table_for_consultations():
    assert GRANTS[Action.MANAGE_CONSULTATIONS] == {Role.OFFICE}
    assert GRANTS[Action.HANDLE_CONSULTATIONS] == {Role.OFFICE, Role.OFFICER}
    assert GRANTS[Action.REVIEW_CONSULTATION_REPLIES] == {Role.APPROVER, Role.REVIEWER}


def test_visibility(desk, tree):
    mine = desk.register()
    other = desk.register()
    with at(D(2026, 3, 2)):
        mine = enquiry_assign(acting_user=desk.office, enquiry=mine, handler=desk.officer)
    supervisor = UserFactory()
    grant(supervisor, tree["bureau"], Role.SUPERVISOR)
    assert set(enquiries_visible(desk.office)) == {mine, other}
    assert set(enquiries_visible(supervisor)) == {mine, other}, "the bureau's supervisor sees the district below"
    assert set(enquiries_visible(desk.officer)) == {mine}
    assert set(enquiries_visible(desk.officer2)) == set()
    assert set(enquiries_visible(desk.outsider)) == set()
    assert set(enquiries_visible(desk.reviewer)) == set(), "reviewers see only what awaits review"
    assert access_enquiry(desk.officer, mine.pk) == mine
    for user, enquiry_id in ((desk.officer, other.pk), (desk.outsider, mine.pk), (desk.office, 999_999)):
        with pytest.raises(Http404, match="未找到该咨询"):
            access_enquiry(user, enquiry_id)


def test_reviewers_see_drafts_in_review_but_never_review_their_own(desk):
    enquiry = desk.register()
    with at(D(2026, 3, 2)):
        enquiry = enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text="答复")
        enquiry = reply_submit_for_review(acting_user=desk.officer, enquiry=enquiry)
    assert set(enquiries_visible(desk.reviewer)) == {enquiry}
    assert may_review(desk.reviewer, enquiry)
    assert may_review(desk.approver, enquiry)
    assert not may_review(desk.officer, enquiry)
    assert not may_review(desk.outsider, enquiry)


def test_may_handle(desk):
    enquiry = desk.register()
    assert may_handle(desk.office, enquiry)
    assert not may_handle(desk.officer, enquiry)
    with at(D(2026, 3, 2)):
        enquiry = enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
    assert may_handle(desk.officer, enquiry)
    assert not may_handle(desk.officer2, enquiry)
    assert not may_handle(desk.outsider, enquiry)
