"""Daily jobs: each missed handling deadline recorded once; one reminder before, one after the deadline."""

import pytest
from django.core import mail

from gongkai.consultations.models import EnquiryBreach, EnquiryReminder
from gongkai.consultations.services.deadlines import enquiry_breaches_record, enquiry_reminders_send
from gongkai.consultations.services.handling import enquiry_assign, reply_send
from gongkai.scheduled.jobs import run_daily
from tests.consultations.conftest import D, at

pytestmark = pytest.mark.django_db


def test_overdue_open_enquiry_is_recorded_once(desk):
    enquiry = desk.register(D(2026, 3, 2), code="hotline")  # due 5 March
    assert enquiry_breaches_record(today=D(2026, 3, 5)) == 0
    assert enquiry_breaches_record(today=D(2026, 3, 6)) == 1
    assert enquiry_breaches_record(today=D(2026, 3, 9)) == 0
    assert EnquiryBreach.objects.get(enquiry=enquiry).due == D(2026, 3, 5)


def test_a_late_reply_is_recorded_even_when_the_job_missed_the_days_between(desk):
    enquiry = desk.register(D(2026, 3, 2), code="hotline")
    with at(D(2026, 3, 9)):
        reply_send(acting_user=desk.office, enquiry=enquiry, text="答复")
    assert enquiry_breaches_record(today=D(2026, 3, 10)) == 1
    on_time = desk.register(D(2026, 3, 2), code="hotline")
    with at(D(2026, 3, 3)):
        reply_send(acting_user=desk.office, enquiry=on_time, text="答复")
    assert enquiry_breaches_record(today=D(2026, 3, 10)) == 0


def test_reminders_once_before_and_once_after_the_deadline(desk, django_capture_on_commit_callbacks):
    enquiry = desk.register(D(2026, 3, 2), code="letter")  # due 23 March; default: remind 2 working days before
    with at(D(2026, 3, 2)):
        enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
    unassigned = desk.register(D(2026, 3, 2), code="letter")
    with django_capture_on_commit_callbacks(execute=True):
        assert enquiry_reminders_send(today=D(2026, 3, 18)) == 0  # 3 working days left
        assert enquiry_reminders_send(today=D(2026, 3, 19)) == 2
        assert enquiry_reminders_send(today=D(2026, 3, 20)) == 0
        assert enquiry_reminders_send(today=D(2026, 3, 24)) == 2
        assert enquiry_reminders_send(today=D(2026, 3, 25)) == 0
    to = {tuple(m.to) for m in mail.outbox}
    assert to == {(desk.officer.email,), (desk.office.email,)}, "unassigned: the office is reminded"
    assert any("还剩2个工作日" in m.body for m in mail.outbox)
    assert any("已超过办理期限" in m.body for m in mail.outbox)
    assert EnquiryReminder.objects.filter(enquiry=unassigned).count() == 2


def test_jobs_are_listed_in_the_daily_run(desk):
    desk.register(D(2026, 3, 2), code="hotline")
    outcomes = {o.job.name: o for o in run_daily(today=D(2026, 3, 6))}
    assert outcomes["enquiry_breaches"].count == 1
    assert outcomes["enquiry_reminders"].count == 1
    assert all(o.ok for o in outcomes.values())
