"""Back-office work queues of applications: who sees what, due soon and overdue with the clock's
explanation, and a fixed number of queries however many applications are open."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.roles import Role
from gongkai.inforequests import queues
from gongkai.inforequests.services.corrections import correction_request
from gongkai.inforequests.services.decisions import application_decide
from gongkai.inforequests.services.extensions import extension_request
from gongkai.inforequests.services.fees import fee_notice_send
from gongkai.inforequests.services.handling import application_assign
from gongkai.inforequests.services.intake import application_submit_online
from tests.factories import UserFactory, grant
from tests.inforequests.conftest import person
from tests.inforequests.helpers import D, at, received_in_person

pytestmark = pytest.mark.django_db


def codes(applications):
    return {a.tracking_code for a in applications}


def test_pending_confirmation_lists_online_submissions_of_the_users_agencies_only(desk, tree):
    with at(D(2026, 3, 2)):
        online, _ = application_submit_online(agency=desk.agency, **person())
    received = received_in_person(desk, D(2026, 3, 2))
    assert codes(queues.pending_confirmation(desk.office)) == {online.tracking_code}
    assert received.tracking_code not in codes(queues.pending_confirmation(desk.office))
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    assert not queues.pending_confirmation(outsider).exists()
    # An officer sees only what is assigned to them.
    assert not queues.pending_confirmation(desk.officer).exists()


def test_due_soon_and_overdue_carry_the_clock_with_its_explanation(desk):
    application = received_in_person(desk, D(2026, 3, 2))  # reply due Mon 2026-03-30
    with at(D(2026, 3, 10)):
        early = queues.due_and_overdue(desk.office)
    assert early.due_soon == []
    assert early.overdue == []
    with at(D(2026, 3, 25)):
        soon = queues.due_and_overdue(desk.office)
    assert [c.application.pk for c in soon.due_soon] == [application.pk]
    item = soon.due_soon[0]
    assert item.reply_due == D(2026, 3, 30)
    assert item.clock.days_left == 3
    assert "自收到申请之日起20个工作日内答复" in item.explanation
    assert item.one_line == "自2026年3月2日收到申请起20个工作日，截止2026年3月30日（周一）；还剩3个工作日。"
    with at(D(2026, 3, 31)):
        late = queues.due_and_overdue(desk.office)
    assert late.due_soon == []
    assert [c.application.pk for c in late.overdue] == [application.pk]
    assert late.overdue[0].one_line.endswith("已超期1个工作日。")


def test_awaiting_correction_and_payment(desk):
    corrected = received_in_person(desk, D(2026, 3, 2))
    paying = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        correction_request(
            acting_user=desk.office, application=corrected, on=D(2026, 3, 3), workdays=10, what="写明年份"
        )
        fee_notice_send(
            acting_user=desk.office,
            application=paying,
            basis="per_volume",
            pages=150,
            reason="申请数量明显超过合理范围",
            on=D(2026, 3, 3),
        )
        assert codes(queues.awaiting_correction(desk.office)) == {corrected.tracking_code}
        assert codes(queues.awaiting_payment(desk.office)) == {paying.tracking_code}
        # The clock stands still while awaiting the correction: never "due soon".
        assert corrected.pk not in [c.application.pk for c in queues.due_and_overdue(desk.office).due_soon]


def test_assigned_to_me_and_replied_awaiting_delivery(desk):
    mine = received_in_person(desk, D(2026, 3, 2))
    other = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        application_assign(acting_user=desk.office, application=mine, handler=desk.officer)
        assert codes(queues.assigned_to_me(desk.officer)) == {mine.tracking_code}
        assert not queues.assigned_to_me(desk.office).exists()
        application_decide(acting_user=desk.office, application=other, outcome="granted", decided_on=D(2026, 3, 3))
        assert codes(queues.awaiting_delivery(desk.office)) == {other.tracking_code}
        assert not queues.awaiting_delivery(desk.officer).exists()  # not assigned to the officer


def test_extension_requests_await_the_approver_of_that_agency_only(desk, tree):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 20)):
        request = extension_request(
            acting_user=desk.office, application=application, workdays=10, reason="涉及多个科室"
        )
    assert list(queues.extension_requests_to_decide(desk.approver)) == [request]
    assert not queues.extension_requests_to_decide(desk.office).exists()
    other_approver = UserFactory()
    grant(other_approver, tree["west"], Role.APPROVER)
    assert not queues.extension_requests_to_decide(other_approver).exists()
    # Never one's own request, even holding the approver role.
    grant(desk.office, desk.agency, Role.APPROVER)
    assert not queues.extension_requests_to_decide(desk.office).exists()


def test_all_queues_at_once_and_a_fixed_number_of_queries(desk):
    def count_queries(n):
        for _ in range(n):
            received_in_person(desk, D(2026, 3, 2))
        user = type(desk.office).objects.get(pk=desk.office.pk)  # no cached roles
        with at(D(2026, 3, 25)), CaptureQueriesContext(connection) as captured:
            result = queues.application_queues(user)
        return result, len(captured)

    first, few = count_queries(2)
    second, many = count_queries(6)
    assert len(first.due_soon) == 2
    assert len(second.due_soon) == 8
    assert second.total == 8
    assert many == few
