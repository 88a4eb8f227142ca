"""Fees (Art. 42, 国办函〔2020〕109号) through the services, and the daily jobs: deemed abandonment after a
missed correction or payment, breaches recorded once, reminders sent once."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.inforequests.models import ClockBreach, Reminder
from gongkai.inforequests.services.corrections import correction_request
from gongkai.inforequests.services.deadlines import (
    application_breaches_record,
    applications_abandon_due,
    reminders_send,
)
from gongkai.inforequests.services.decisions import application_decide
from gongkai.inforequests.services.fees import (
    fee_notice_received,
    fee_notice_send,
    fee_payment_record,
    ordinal_in_month,
)
from gongkai.inforequests.services.handling import application_assign
from gongkai.inforequests.services.intake import application_register
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.states import ApplicationState
from gongkai.scheduled.jobs import run_daily
from tests.inforequests.conftest import person
from tests.inforequests.helpers import D, at, received_in_person
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
REASON = "同一申请人本月已提出三十余件申请，明显超过合理范围"


def test_fee_per_application_the_35th_application_of_the_month_costs_200_yuan(desk):
    same = valid_id()
    applications = [received_in_person(desk, D(2026, 3, 2), id_number=same) for _ in range(35)]
    assert ordinal_in_month(applications[-1]) == 35
    other = received_in_person(desk, D(2026, 3, 2), id_number=valid_id("11010519800101001"))
    assert ordinal_in_month(other) == 1
    with at(D(2026, 3, 3)):
        fee_notice_send(
            acting_user=desk.office,
            application=applications[-1],
            basis="per_application",
            reason=REASON,
            on=D(2026, 3, 3),
        )
    last = applications[-1]
    last.refresh_from_db()
    assert (last.fee_amount, last.fee_basis, last.state) == (200, "per_application", ApplicationState.AWAITING_PAYMENT)
    assert "第31—40件每件200元" in last.fee_text


def test_fee_per_volume_150_pages_cost_1700_yuan(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        fee_notice_send(
            acting_user=desk.office,
            application=application,
            basis="per_volume",
            pages=150,
            reason=REASON,
            on=D(2026, 3, 3),
        )
    application.refresh_from_db()
    assert application.fee_amount == 1700  # 70 × 10 + 50 × 20


def test_fee_needs_a_recorded_reason_one_basis_and_a_positive_amount(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        with pytest.raises(ValidationError, match="合理范围"):
            fee_notice_send(
                acting_user=desk.office,
                application=application,
                basis="per_volume",
                pages=150,
                reason="",
                on=D(2026, 3, 3),
            )
        with pytest.raises(ValidationError, match="两种标准"):
            fee_notice_send(
                acting_user=desk.office,
                application=application,
                basis="per_application",
                pages=150,
                reason=REASON,
                on=D(2026, 3, 3),
            )
        with pytest.raises(ValidationError, match="不收费"):
            fee_notice_send(
                acting_user=desk.office,
                application=application,
                basis="per_volume",
                pages=30,
                reason=REASON,
                on=D(2026, 3, 3),
            )
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert application.fee_amount is None


def test_fee_payment_resumes_handling_and_the_wait_is_not_counted(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        fee_notice_send(
            acting_user=desk.office,
            application=application,
            basis="per_volume",
            pages=150,
            reason=REASON,
            on=D(2026, 3, 3),
        )
    with at(D(2026, 3, 4)):
        fee_notice_received(acting_user=desk.office, application=application, on=D(2026, 3, 4))
    with at(D(2026, 3, 10)):
        fee_payment_record(acting_user=desk.office, application=application, on=D(2026, 3, 10))
        state = clock_state(application)
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert state.excluded_workdays == 5  # (03-03, 03-10]


def test_fee_unpaid_20_working_days_after_receipt_of_the_notice_is_deemed_abandoned(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        fee_notice_send(
            acting_user=desk.office,
            application=application,
            basis="per_volume",
            pages=150,
            reason=REASON,
            on=D(2026, 3, 3),
        )
    with at(D(2026, 3, 4)):
        fee_notice_received(acting_user=desk.office, application=application, on=D(2026, 3, 4))
        state = clock_state(application)
    assert state.payment_due == D(2026, 4, 1)  # 20 working days from the day after 03-04
    with at(D(2026, 4, 1)):
        assert applications_abandon_due(today=D(2026, 4, 1)) == 0
    with at(D(2026, 4, 2)):
        assert applications_abandon_due(today=D(2026, 4, 2)) == 1
        assert applications_abandon_due(today=D(2026, 4, 2)) == 0  # idempotent
    application.refresh_from_db()
    assert (application.state, application.outcome) == (ApplicationState.ABANDONED, "fee_not_paid")
    assert application.decided_on == D(2026, 4, 2)


def test_art30_no_correction_within_the_period_is_deemed_abandoned_by_the_daily_job(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        correction_request(
            acting_user=desk.office, application=application, on=D(2026, 3, 3), workdays=5, what="写明文号"
        )
    with at(D(2026, 3, 11)):
        outcomes = run_daily(today=D(2026, 3, 11), only="application_abandonment")
    assert outcomes[0].count == 1
    application.refresh_from_db()
    assert (application.state, application.outcome) == (ApplicationState.ABANDONED, "overdue_correction")
    assert application.decided_on == D(2026, 3, 11)  # the day after the 5th working day (03-10)


def test_art33_breach_of_the_reply_period_is_recorded_once(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 4, 1)):
        assert application_breaches_record(today=D(2026, 4, 1)) == 1
        assert application_breaches_record(today=D(2026, 4, 1)) == 0
        application_decide(
            acting_user=desk.office, application=application, outcome="granted", decided_on=D(2026, 4, 1)
        )
    with at(D(2026, 4, 2)):
        assert application_breaches_record(today=D(2026, 4, 2)) == 0
    breach = ClockBreach.objects.get()
    assert (breach.kind, breach.due) == ("reply_late", D(2026, 3, 30))


def test_reminders_go_to_the_handler_once_per_deadline(desk, mailoutbox, django_capture_on_commit_callbacks):
    desk.officer.email = "cbr@example.cn"
    desk.officer.save()
    application = received_in_person(desk, D(2026, 3, 2))
    application_assign(acting_user=desk.office, application=application, handler=desk.officer)
    with at(D(2026, 3, 25)), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=D(2026, 3, 25)) == 1
        assert reminders_send(today=D(2026, 3, 25)) == 0
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.due) == ("reply_due_soon", D(2026, 3, 30))
    assert mailoutbox[-1].to == ["cbr@example.cn"]
    assert "还剩3个工作日" in mailoutbox[-1].body


def test_daily_jobs_for_a_past_day_skip_ledgers_that_already_moved_on(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 10)):
        application_decide(
            acting_user=desk.office, application=application, outcome="granted", decided_on=D(2026, 3, 10)
        )
    assert application_breaches_record(today=D(2026, 3, 5)) == 0
    assert reminders_send(today=D(2026, 3, 5)) == 0


def test_fee_per_application_counts_the_applicants_applications_to_this_agency_only(desk, tree):
    same = valid_id()
    here = received_in_person(desk, D(2026, 3, 2), id_number=same)
    with at(D(2026, 3, 2)):
        for _ in range(3):
            application_register(
                acting_user=None,
                agency=tree["west"],
                channel="in_person",
                submitted_on=D(2026, 3, 2),
                **person(id_number=same),
            )
    assert ordinal_in_month(here) == 1


def test_granting_stores_no_withheld_grounds(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        application_decide(
            acting_user=desk.office,
            application=application,
            outcome="granted",
            decided_on=D(2026, 3, 3),
            withheld_grounds=["state_secret"],
        )
    application.refresh_from_db()
    assert application.withheld_grounds == []
