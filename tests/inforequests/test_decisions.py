"""Decisions (Arts. 33, 35–39), delivery, withdrawal, voiding and transfer through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.services.closing import application_transfer, application_void, application_withdraw
from gongkai.inforequests.services.decisions import application_decide, application_deliver, staff_outcomes
from gongkai.inforequests.services.handling import application_assign, comment_add
from gongkai.inforequests.services.intake import application_submit_online, secret_hash
from gongkai.inforequests.states import ApplicationState
from gongkai.rules.outcomes import Outcome, spec
from tests.inforequests.conftest import person
from tests.inforequests.helpers import D, at, received_in_person

pytestmark = pytest.mark.django_db


def decide(desk, application, outcome, **extra):
    with at(D(2026, 3, 10)):
        return application_decide(
            acting_user=desk.office, application=application, outcome=outcome, decided_on=D(2026, 3, 10), **extra
        )


def test_art36_every_staff_outcome_is_recorded_with_its_own_requirements(desk):
    extras = {
        Outcome.GRANTED_ALREADY_PUBLIC: {"public_location": "本局门户网站“政府信息公开”栏目，2026年1月5日发布"},
        Outcome.PARTIALLY_GRANTED: {
            "withheld_grounds": ["third_party_rights"],
            "withheld_description": "学生姓名及身份证号码",
        },
        Outcome.NOT_THIS_AGENCY: {"responsible_agency_name": "示范市人力资源和社会保障局"},
    }
    for outcome in staff_outcomes():
        if outcome is Outcome.UNCLEAR_AFTER_CORRECTION:
            continue  # needs a correction first: its own test
        application = received_in_person(desk, D(2026, 3, 2))
        decide(desk, application, outcome.value, reasons="经检索……", **extras.get(outcome, {}))
        application.refresh_from_db()
        assert application.state == ApplicationState.REPLIED
        assert application.outcome == outcome.value
        assert application.decided_on == D(2026, 3, 10)
        if spec(outcome).withholding_ground:
            assert application.withheld_grounds == [spec(outcome).withholding_ground]


@pytest.mark.parametrize("outcome", [o for o in Outcome if spec(o).requires_reasons])
def test_art36_outcomes_that_withhold_must_state_reasons(desk, outcome):
    application = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(ValidationError) as caught:
        decide(desk, application, outcome.value)
    assert "reasons" in caught.value.message_dict or "outcome" in caught.value.message_dict
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert list(ClockEntry.objects.filter(application=application).values_list("kind", flat=True)) == ["received"]


def test_art37_partial_disclosure_names_what_was_withheld_and_on_which_ground(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(ValidationError) as caught:
        decide(desk, application, "partially_granted", reasons="涉及个人隐私")
    assert set(caught.value.message_dict) == {"withheld_description", "withheld_grounds"}
    with pytest.raises(ValidationError, match="未知的不予公开依据"):
        decide(
            desk, application, "partially_granted", reasons="x", withheld_grounds=["bogus"], withheld_description="y"
        )


def test_art36_1_already_public_says_where(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(ValidationError, match="途径"):
        decide(desk, application, "granted_already_public")


def test_art30_unclear_after_correction_needs_a_correction_first(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(ValidationError, match="补正后"):
        decide(desk, application, "unclear_after_correction", reasons="仍不明确")


def test_system_and_applicant_outcomes_cannot_be_chosen_by_staff(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    for outcome in ("overdue_correction", "fee_not_paid", "withdrawn"):
        with pytest.raises(ValidationError, match="不能直接选择"):
            decide(desk, application, outcome)


def test_art33_on_the_spot_reply_and_delivery_close_the_application(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 2)):
        application_decide(
            acting_user=desk.office, application=application, outcome="granted", decided_on=D(2026, 3, 2)
        )
        application_deliver(acting_user=desk.office, application=application, method="on_the_spot", on=D(2026, 3, 2))
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    assert application.closed_on == D(2026, 3, 2)


def test_delivery_by_post_needs_the_tracking_number_and_mails_the_applicant(
    desk, mailoutbox, django_capture_on_commit_callbacks
):
    application = received_in_person(desk, D(2026, 3, 2))
    decide(desk, application, "granted")
    with at(D(2026, 3, 11)):
        with pytest.raises(ValidationError, match="邮件单号"):
            application_deliver(acting_user=desk.office, application=application, method="post", on=D(2026, 3, 11))
        with django_capture_on_commit_callbacks(execute=True):
            application_deliver(
                acting_user=desk.office, application=application, method="post", on=D(2026, 3, 11), ref="EMS1234567"
            )
    application.refresh_from_db()
    assert (application.state, application.delivery_ref, application.delivered_on) == (
        ApplicationState.CLOSED,
        "EMS1234567",
        D(2026, 3, 11),
    )
    assert application.tracking_code in mailoutbox[-1].subject


def test_delivery_before_the_reply_is_refused(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)), pytest.raises(ValidationError, match="不能执行"):
        application_deliver(acting_user=desk.office, application=application, method="email", on=D(2026, 3, 3))


def test_withdrawal_of_a_received_application_is_counted_as_other_handling(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 5)):
        application_withdraw(acting_user=desk.office, application=application, on=D(2026, 3, 5), note="申请人书面撤回")
    application.refresh_from_db()
    assert (application.state, application.outcome) == (ApplicationState.WITHDRAWN, "withdrawn")
    assert spec(application.outcome).row_label_2021.startswith("3.其他")


def test_voiding_is_only_for_unconfirmed_online_submissions(desk):
    online, _ = application_submit_online(agency=desk.agency, **person())
    with pytest.raises(ValidationError, match="理由"):
        application_void(acting_user=desk.office, application=online, reason="")
    application_void(acting_user=desk.office, application=online, reason="测试提交")
    online.refresh_from_db()
    assert online.state == ApplicationState.VOIDED
    received = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(ValidationError, match="不能执行"):
        application_void(acting_user=desk.office, application=received, reason="x")


def test_art36_5_transfer_replies_naming_the_agency_and_opens_an_application_there(desk, tree):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 4)):
        application_transfer(
            acting_user=desk.office,
            application=application,
            to_agency=tree["west"],
            on=D(2026, 3, 4),
            reasons="该校由西区教育局主管",
        )
    application.refresh_from_db()
    assert (application.state, application.outcome) == (ApplicationState.REPLIED, "not_this_agency")
    assert application.responsible_agency_name == tree["west"].name
    copy = application.transferred_to
    assert copy.agency == tree["west"]
    assert copy.state == ApplicationState.PENDING
    assert copy.id_number == application.id_number
    assert copy.access_secret_hash == application.access_secret_hash != secret_hash("")
    assert Application.objects.count() == 2


def test_assignment_lets_the_officer_handle_the_application(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        comment_add(acting_user=desk.officer, application=application, text="已检索")
    with pytest.raises(ValidationError, match="承办权限"):
        application_assign(acting_user=desk.office, application=application, handler=desk.approver)
    application_assign(acting_user=desk.office, application=application, handler=desk.officer)
    application.refresh_from_db()
    comment_add(acting_user=desk.officer, application=application, text="已检索档案室")
    assert application.comments.count() == 1
