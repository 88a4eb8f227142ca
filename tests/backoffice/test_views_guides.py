"""The back-office guide pages: matters, drafting with one-per-line materials, revision, decisions."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.serviceguides.models import ServiceDecision, ServiceGuide, ServiceMatter
from tests.factories import UserFactory, grant
from tests.serviceguides.fixtures import *  # noqa: F403 - shared fixtures

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)

FORM = {
    "basis": "《教师资格条例》第十三条",
    "conditions": "具备规定学历。",
    "materials_text": "教师资格认定申请表｜原件｜1份｜必需\n身份证｜原件及复印件",
    "steps_text": "受理｜窗口｜即时\n审查｜教师处｜15个工作日",
    "statutory_limit": "20",
    "statutory_unit": "workdays",
    "promised_limit": "10",
    "promised_unit": "workdays",
    "fee_kind": "free",
    "place": "政务服务中心",
    "hours": "工作日",
    "contact_phone": "0571-87001234",
    "formed_on": "2026-06-01",
}


@pytest.fixture
def officer(client, staff):
    client.force_login(staff.officer)
    return client


def test_list_and_nav(officer, matter):
    page = officer.get(reverse("backoffice:guides")).content.decode()
    assert "民办学校设立审批" in page
    assert reverse("backoffice:guides") in officer.get(reverse("backoffice:dashboard")).content.decode()


def test_matter_create_with_errors_kept(officer, staff, matter):
    data = {
        "agency": staff.agency.pk,
        "name": "教师资格认定",
        "code": "XK-0001",
        "kind": "licensing",
        "is_active": "on",
    }
    response = officer.post(reverse("backoffice:guide_matter_new"), data)
    assert "本机关已有事项编码为“XK-0001”的事项" in response.content.decode()
    data["code"] = "XK-0002"
    response = officer.post(reverse("backoffice:guide_matter_new"), data)
    created = ServiceMatter.objects.get(code="XK-0002")
    assert response.url == reverse("backoffice:guide_matter", args=[created.pk])


def test_guide_drafted_from_the_form(officer, matter):
    response = officer.post(reverse("backoffice:guide_new", args=[matter.pk]), FORM)
    guide = ServiceGuide.objects.get()
    assert response.url == reverse("backoffice:item", args=[guide.item_id])
    assert [m["name"] for m in guide.materials] == ["教师资格认定申请表", "身份证"]
    assert guide.materials[1]["form"] == "both"


def test_guide_form_errors_name_the_line_and_the_rule(officer, matter):
    data = {**FORM, "materials_text": "申请表｜扫描件", "promised_limit": "30"}
    page = officer.post(reverse("backoffice:guide_new", args=[matter.pk]), data).content.decode()
    assert "申请材料第1行：材料形式“扫描件”" in page
    data = {**FORM, "promised_limit": "30"}
    page = officer.post(reverse("backoffice:guide_new", args=[matter.pk]), data).content.decode()
    assert "承诺时限不得超过法定时限。" in page
    assert not ServiceGuide.objects.exists()


def test_edit_draft(officer, draft):
    url = reverse("backoffice:guide_edit", args=[draft.matter_id, draft.pk])
    assert "民办学校设立申请书" in officer.get(url).content.decode()
    officer.post(url, {**FORM, "promised_limit": "5"})
    draft.refresh_from_db()
    assert draft.promised_limit == 5


@time_machine.travel(NOW)
def test_revise_goes_to_the_new_drafts_form(officer, published):
    response = officer.post(reverse("backoffice:guide_revise", args=[published.matter_id]))
    revision = ServiceGuide.objects.exclude(pk=published.pk).get()
    assert response.url == reverse("backoffice:guide_edit", args=[published.matter_id, revision.pk])
    assert revision.item.amends_id == published.item_id


@time_machine.travel(NOW)
def test_decisions_record_withdraw_and_table2(officer, staff, matter):
    url = reverse("backoffice:guide_decisions", args=[matter.pk])
    data = {
        "number": "许1",
        "decided_on": "2026-06-01",
        "applicant_kind": "person",
        "applicant_name": "李四",
        "result": "granted",
        "is_published": "on",
    }
    assert officer.post(url, data).status_code == 302
    page = officer.post(url, {**data, "decided_on": "2026-07-01", "number": "许2"}).content.decode()
    assert "决定日期不能晚于今天。" in page
    page = officer.get(url).content.decode()
    assert "李*" in page
    assert "以录入的数字为准" in page
    decision = ServiceDecision.objects.get()
    officer.post(reverse("backoffice:guide_decision_withdraw", args=[matter.pk, decision.pk]), {"reason": "录入错误"})
    decision.refresh_from_db()
    assert decision.is_withdrawn


def test_strangers_get_404(client, matter):
    client.force_login(UserFactory(is_superuser=False))
    # a user without any role is refused by staff_required (403)
    assert client.get(reverse("backoffice:guide_matter", args=[matter.pk])).status_code == 403


def test_other_agencys_staff_get_404(client, matter, tree):
    user = UserFactory()
    grant(user, tree["west"], Role.OFFICER)
    client.force_login(user)
    assert client.get(reverse("backoffice:guide_matter", args=[matter.pk])).status_code == 404
    assert client.get(reverse("backoffice:guide_decisions", args=[matter.pk])).status_code == 404
