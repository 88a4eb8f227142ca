import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.workcalendar.models import DayOverride
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_trial_view_shows_deadline_explanation_and_warning(client, tree):
    user = UserFactory()
    grant(user, tree["bureau"], Role.OFFICE)
    client.force_login(user)
    url = reverse("admin:workcalendar_trial")
    html = client.get(url, {"start": "2026-09-30", "workdays": 20}).content.decode()
    assert "截止日：2026年11月3日" in html
    assert "跳过国庆节假期10月1日至10月7日" in html
    assert "尚未确认" not in html
    html = client.get(url, {"start": "2026-12-20", "workdays": 20}).content.decode()
    assert "2027年的法定节假日安排尚未确认" in html


def test_trial_view_rejects_bad_input_in_chinese(client, tree):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    html = client.get(reverse("admin:workcalendar_trial"), {"start": "2026-13-45", "workdays": "x"}).content.decode()
    assert "输入一个有效的日期" in html
    assert "输入整数" in html


def test_only_platform_admins_edit_the_calendar_and_edits_are_audited(client, tree):
    office = UserFactory()
    grant(office, tree["bureau"], Role.OFFICE)
    form = {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "arrangement": "", "source_notice": "测试"}
    client.force_login(office)
    assert client.post(reverse("admin:workcalendar_dayoverride_add"), form).status_code == 403
    assert not DayOverride.objects.exists()
    root = UserFactory(is_superuser=True)
    client.force_login(root)
    assert client.post(reverse("admin:workcalendar_dayoverride_add"), form).status_code == 302
    assert DayOverride.objects.get().date == dt.date(2027, 1, 1)
    assert AuditEvent.objects.filter(action="dayoverride.create", actor=root).exists()
