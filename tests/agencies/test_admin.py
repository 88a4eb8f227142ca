"""The admin asks agencies.access for permissions and writes through audited services."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from tests.factories import DepartmentFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def _agency_form(agency: Agency, **changes) -> dict:
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "credit_code": agency.credit_code,
        "parent": agency.parent_id or "",
        "sort_order": 0,
        "is_active": "on",
        "office_name": agency.office_name,
        "office_address": "",
        "postcode": "",
        "office_hours": "",
        "phone": "",
        "fax": "",
        "email": "",
        "website": "",
        "reading_rooms-TOTAL_FORMS": 0,
        "reading_rooms-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_agency_office_edits_contact_data_and_it_is_audited_with_ip(client, tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    client.force_login(user)
    url = reverse("admin:agencies_agency_change", args=[tree["east"].pk])
    response = client.post(url, _agency_form(tree["east"], phone="0999-7654321"), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Agency.objects.get(pk=tree["east"].pk).phone == "0999-7654321"
    event = AuditEvent.objects.filter(action="agency.update").latest("id")
    assert event.actor == user
    assert event.after == {"phone": "0999-7654321"}
    assert event.source_ip == "198.51.100.4"


def test_agency_office_cannot_change_identity_fields(client, tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    client.force_login(user)
    url = reverse("admin:agencies_agency_change", args=[tree["east"].pk])
    client.post(url, _agency_form(tree["east"], name="改名了", parent=tree["city"].pk))
    east = Agency.objects.get(pk=tree["east"].pk)
    assert east.name == "测试市东区教育局"
    assert east.parent_id == tree["bureau"].pk


def test_admin_lists_only_visible_agencies_and_hides_others(client, tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICER)
    client.force_login(user)
    listing = client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    assert "测试市东区教育局" in listing
    assert "测试市西区教育局" not in listing
    other = client.get(reverse("admin:agencies_agency_change", args=[tree["west"].pk]))
    assert other.status_code == 302  # the admin redirects to its index for objects the user may not see
    assert "测试市西区教育局" not in client.get(other.url).content.decode()


def test_officer_cannot_edit_departments_but_agency_admin_can(client, tree):
    dept = DepartmentFactory(agency=tree["east"], name="办公室")
    officer, admin_user = UserFactory(), UserFactory()
    grant(officer, tree["east"], Role.OFFICER)
    grant(admin_user, tree["east"], Role.ADMIN)
    url = reverse("admin:agencies_department_change", args=[dept.pk])
    form = {
        "agency": tree["east"].pk,
        "name": "综合办公室",
        "kind": "division",
        "phone": "",
        "sort_order": 0,
        "is_active": "on",
    }
    client.force_login(officer)
    assert client.post(url, form).status_code == 403
    assert Department.objects.get(pk=dept.pk).name == "办公室"
    client.force_login(admin_user)
    assert client.post(url, form).status_code == 302
    assert Department.objects.get(pk=dept.pk).name == "综合办公室"
    assert AuditEvent.objects.filter(action="department.update", actor=admin_user).exists()


def test_bad_input_in_admin_gets_chinese_error_and_changes_nothing(client, tree):
    root = UserFactory(is_superuser=True)
    client.force_login(root)
    url = reverse("admin:agencies_agency_change", args=[tree["east"].pk])
    response = client.post(url, _agency_form(tree["east"], credit_code="123", postcode="12"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "统一社会信用代码应为18位" in html
    assert "邮政编码应为6位数字" in html
    assert Agency.objects.get(pk=tree["east"].pk).credit_code == tree["east"].credit_code


def test_audit_log_is_read_only_and_scoped(client, tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    client.force_login(user)
    listing = client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "测试市东区教育局" in listing
    assert "测试市西区教育局" not in listing
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
