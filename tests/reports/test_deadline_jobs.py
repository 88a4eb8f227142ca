"""The daily jobs of annual reports (《条例》第四十九条): each missed date recorded once, reminders at each
stage once, institutions never marked late."""

import pytest

from gongkai.reports.models import ReportBreach, ReportReminder, ReportSettings
from gongkai.reports.services.deadlines import report_breaches_record, report_reminders_send
from gongkai.scheduled.jobs import DAILY_JOBS
from tests.inforequests.helpers import D

pytestmark = pytest.mark.django_db


def test_the_jobs_are_listed_as_daily_jobs():
    names = [job.name for job in DAILY_JOBS]
    assert "report_breaches" in names
    assert "report_reminders" in names


def test_art49_a_department_without_a_published_report_after_31_january_is_recorded_once(desk):
    assert report_breaches_record(today=D(2026, 1, 31)) == 0
    recorded = report_breaches_record(today=D(2026, 2, 1))
    breaches = ReportBreach.objects.filter(year=2025, kind="statutory")
    # the three departments (bureau and both districts); the government has until 31 March, the school none
    assert recorded == 3
    assert sorted(b.agency.name for b in breaches) == sorted(desk.tree[k].name for k in ("bureau", "east", "west"))
    assert {b.due for b in breaches} == {D(2026, 1, 31)}
    assert report_breaches_record(today=D(2026, 2, 2)) == 0
    assert report_breaches_record(today=D(2026, 4, 1)) == 1  # now the government too


def test_the_supervisors_internal_date_is_recorded_for_agencies_below_it(desk):
    ReportSettings.objects.create(agency=desk.tree["city"], internal_month=1, internal_day=20)
    report_breaches_record(today=D(2026, 1, 21))
    assert sorted(ReportBreach.objects.filter(kind="internal").values_list("agency__name", flat=True)) == sorted(
        desk.tree[k].name for k in ("bureau", "east", "west")
    )


def test_reminders_at_each_stage_once_to_the_disclosure_office(desk, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders_send(today=D(2026, 1, 20)) == 0
        sent = report_reminders_send(today=D(2026, 1, 21))
    assert sent == 3  # the three departments, 10 days before 31 January
    east = [m for m in mailoutbox if "测试市东区教育局" in m.subject]
    assert [m.to for m in east] == [["gkb@example.gov.cn"]]
    assert "还有10天" in east[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders_send(today=D(2026, 1, 22)) == 0  # the 10-day stage is sent
        assert report_reminders_send(today=D(2026, 1, 29)) == 3  # the 3-day stage
    assert ReportReminder.objects.filter(agency=desk.agency).count() == 2


def test_an_overdue_reminder_also_tells_the_supervisors(desk, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_reminders_send(today=D(2026, 2, 1))
    east = [m for m in mailoutbox if "测试市东区教育局" in m.subject]
    assert sorted(east[0].to) == ["gkb@example.gov.cn", "jd@example.gov.cn"]
    assert "已超过法定公开期限" in east[0].body
