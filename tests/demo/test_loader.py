import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from stdnum.cn import uscc

from gongkai.accounts.models import User
from gongkai.agencies.access import can, visible_agencies
from gongkai.agencies.models import Agency, Department, Membership
from gongkai.agencies.roles import Action, Role
from gongkai.audit.models import AuditEvent
from gongkai.demo.data import DEMO_PASSWORD
from gongkai.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_region_has_bureau_districts_schools_and_departments():
    load_demo()
    bureau = Agency.objects.get(name="示范市教育局")
    assert bureau.parent.name == "示范市人民政府"
    districts = Agency.objects.filter(parent=bureau, kind="department")
    assert districts.count() == 2
    assert Agency.objects.filter(kind="institution").count() >= 3
    names = set(Department.objects.filter(agency=bureau).values_list("name", flat=True))
    assert {"办公室", "基础教育处", "招生考试处", "财务处"} <= names
    for agency in Agency.objects.all():
        assert uscc.is_valid(agency.credit_code), agency.name
        assert agency.office_name
        assert agency.phone


def test_demo_is_idempotent():
    load_demo()
    counts = (
        Agency.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )
    load_demo()
    assert counts == (
        Agency.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_every_role_has_a_demo_login_that_works():
    logins = load_demo()
    assert {login.username for login in logins} >= {
        "admin",
        "officer",
        "reviewer",
        "approver",
        "office",
        "supervisor",
        "agencyadmin",
    }
    for login in logins:
        assert authenticate(username=login.username, password=login.password) is not None
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == {r.value for r in Role}


def test_demo_staff_see_what_their_roles_allow():
    load_demo()
    supervisor = User.objects.get(username="supervisor")
    district_office = User.objects.get(username="dc_office")
    bureau = Agency.objects.get(name="示范市教育局")
    assert visible_agencies(supervisor).count() == Agency.objects.count()
    assert set(visible_agencies(district_office).values_list("name", flat=True)) == {"示范市东城区教育局"}
    assert not can(district_office, Action.VIEW_AGENCY, bureau)


def test_demo_command_without_serving_loads_and_prints_logins(capsys):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert DEMO_PASSWORD in out
    assert "supervisor" in out
    assert Agency.objects.filter(name="示范市教育局").exists()
