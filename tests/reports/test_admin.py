"""The admin: a supervisor sets the internal date for the agencies below (validated, audited); reports
are read-only there."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.reports.models import ReportSettings
from tests.reports.test_services import generate

pytestmark = pytest.mark.django_db


def test_a_supervisor_sets_the_internal_date_audited(client, desk):
    client.force_login(desk.supervisor)
    url = reverse("admin:reports_reportsettings_add")
    data = {"agency": desk.tree["city"].pk, "internal_month": 1, "internal_day": 20, "reminder_days": "10,3,1"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert ReportSettings.objects.get().internal_day == 20
    assert AuditEvent.objects.filter(action="reportsettings.create", actor=desk.supervisor).exists()


@pytest.mark.parametrize(
    ("month", "day", "reminders", "message"),
    [
        (2, 30, "10", "不是有效日期"),
        (2, 10, "10", "应早于部门报告的法定期限"),
        (1, "", "10", "同时填写"),
        (1, 20, "10,abc", "提前提醒天数"),
    ],
)
def test_the_internal_date_is_validated(client, desk, month, day, reminders, message):  # noqa: PLR0917 (parametrized)
    client.force_login(desk.supervisor)
    data = {"agency": desk.tree["city"].pk, "internal_month": month, "internal_day": day, "reminder_days": reminders}
    response = client.post(reverse("admin:reports_reportsettings_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportSettings.objects.exists()


def test_the_disclosure_office_cannot_set_the_supervisors_date(client, desk):
    client.force_login(desk.office)
    assert client.get(reverse("admin:reports_reportsettings_add")).status_code == 403


def test_reports_are_read_only_in_the_admin(client, desk):
    report = generate(desk).report
    client.force_login(desk.office)
    url = reverse("admin:reports_annualreport_change", args=[report.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
