"""The public guides: list, page, one-page print, PDF, decisions with masked names and CSV."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.serviceguides.services import service_decision_record, service_guide_revise, service_guide_update
from tests.serviceguides.fixtures import *  # noqa: F403 - shared fixtures
from tests.serviceguides.fixtures import publish

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


def url(name, guide, **query):
    path = reverse(f"portal:{name}", args=[guide.matter.agency_id, guide.matter_id])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@time_machine.travel(NOW)
def test_list_groups_current_guides_by_kind_with_a_filter(client, published):
    agency = published.matter.agency
    page = client.get(reverse("portal:service_guides", args=[agency.pk])).content.decode()
    assert "民办学校设立审批" in page
    assert "其他对外管理服务事项" in page
    assert (
        "民办学校设立审批"
        not in client.get(reverse("portal:service_guides", args=[agency.pk]), {"q": "转学"}).content.decode()
    )
    assert (
        reverse("portal:service_guides", args=[agency.pk])
        in client.get(reverse("portal:agency", args=[agency.pk])).content.decode()
    )


@time_machine.travel(NOW)
def test_guide_page_shows_the_structured_sections(client, published):
    page = client.get(url("service_guide", published)).content.decode()
    for text in ("设定依据", "民办教育促进法", "民办学校设立申请书", "20个工作日", "0571-87001234", "不收费"):
        assert text in page
    item_page = client.get(reverse("portal:item", args=[published.item.agency_id, published.item.pk])).content.decode()
    assert url("service_guide", published) in item_page
    assert "0571-87001234" in item_page


def test_unpublished_guide_is_not_found(client, draft):
    for name in ("service_guide", "service_guide_print", "service_guide_pdf", "service_guide_decisions"):
        assert client.get(url(name, draft)).status_code == 404


@time_machine.travel(NOW)
def test_print_page_is_one_a4_page_without_site_chrome(client, published):
    page = client.get(url("service_guide_print", published)).content.decode()
    assert "@page { size: A4" in page
    assert "民办学校设立审批办事指南" in page
    assert "site-header" not in page
    assert 'class="columns"' in page


@time_machine.travel(NOW)
def test_pdf_download(client, published):
    response = client.get(url("service_guide_pdf", published))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


@time_machine.travel(NOW)
def test_decisions_masked_by_year_paginated_and_as_csv(client, staff, published):
    matter = published.matter
    for n in range(23):
        service_decision_record(
            acting_user=staff.officer,
            matter=matter,
            number=f"许{n}",
            decided_on=dt.date(2026, 1, 1) + dt.timedelta(n),
            applicant_kind="person",
            applicant_name="张小明",
            result="granted",
        )
    service_decision_record(
        acting_user=staff.officer,
        matter=matter,
        number="许-2025",
        decided_on=dt.date(2025, 3, 1),
        applicant_kind="organisation",
        applicant_name="示范市阳光学校",
        result="granted",
    )
    service_decision_record(
        acting_user=staff.officer,
        matter=matter,
        number="许-hidden",
        decided_on=dt.date(2025, 3, 2),
        applicant_kind="organisation",
        applicant_name="不公开学校",
        result="refused",
        is_published=False,
    )
    page = client.get(url("service_guide_decisions", published)).content.decode()
    assert "张**" in page
    assert "张小明" not in page
    assert "共 24 条" in page
    assert "第 1 / 2 页" in page
    page_2025 = client.get(url("service_guide_decisions", published, year=2025)).content.decode()
    assert "示范市阳光学校" in page_2025
    assert "不公开学校" not in page_2025
    assert client.get(url("service_guide_decisions", published, year=1999)).status_code == 404
    csv = client.get(url("service_guide_decisions", published, year=2026, format="csv"))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("事项名称,决定文书号")
    assert len(text.splitlines()) == 24
    assert "张小明" not in text


@time_machine.travel(NOW)
def test_revised_guide_page_shows_the_current_version_only(client, staff, published):
    revision = service_guide_revise(acting_user=staff.officer, guide=published)
    service_guide_update(acting_user=staff.officer, guide=revision, conditions="修订后的申请条件。")
    assert "修订后的申请条件" not in client.get(url("service_guide", published)).content.decode()
    publish(staff, revision)
    assert "修订后的申请条件" in client.get(url("service_guide", published)).content.decode()
    old_item = client.get(reverse("portal:item", args=[published.item.agency_id, published.item.pk])).content.decode()
    assert "本版本已被修改" in old_item
