"""The 政府信息公开年报 column: published reports only, as an accessible page and as downloads."""

import json

import pytest
from django.urls import reverse

from gongkai.reports.services.workflow import report_accept, report_publish, report_submit
from gongkai.search.selectors import search_page
from tests.inforequests.helpers import D, at
from tests.reports.conftest import ReportDesk
from tests.reports.test_services import complete, generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(tree):
    return ReportDesk(tree)


@pytest.fixture
def published(desk):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report = report_submit(acting_user=desk.office, report=report)
        report = report_accept(acting_user=desk.supervisor, report=report)
    with at(D(2026, 1, 20)):
        return report_publish(acting_user=desk.office, report=report)


def test_the_column_lists_published_reports_with_downloads(client, published, desk):
    page = client.get(reverse("portal:reports", args=[desk.agency.pk]))
    text = page.content.decode()
    assert "测试市东区教育局2025年政府信息公开工作年度报告" in text
    assert "2026-01-20" in text
    assert reverse("portal:report_download", args=[desk.agency.pk, 2025, "pdf"]) in text


def test_the_report_page_reproduces_the_tables_accessibly(client, published, desk):
    page = client.get(reverse("portal:report", args=[desk.agency.pk, 2025]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<caption>" in text
    assert 'scope="col"' in text
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in text
    assert 'colspan="10"' in text  # 行政诉讼 over its two groups of five


def test_a_draft_is_never_public(client, desk):
    generate(desk)
    assert client.get(reverse("portal:report", args=[desk.agency.pk, 2025])).status_code == 404
    assert client.get(reverse("portal:report_download", args=[desk.agency.pk, 2025, "json"])).status_code == 404
    assert "暂无已发布的年度报告" in client.get(reverse("portal:reports", args=[desk.agency.pk])).content.decode()


@pytest.mark.parametrize(("fmt", "starts"), [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_downloads(client, published, desk, fmt, starts):
    response = client.get(reverse("portal:report_download", args=[desk.agency.pk, 2025, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(starts)


def test_the_json_download_is_the_report_data_shape(client, published, desk):
    response = client.get(reverse("portal:report_download", args=[desk.agency.pk, 2025, "json"]))
    data = json.loads(response.content)
    assert data["year"] == 2025
    assert data["format"] == "2021"
    assert data["published_date"] == "2026-01-20"
    assert data["applications"]["columns"][-1] == "total"
    assert data["findings"] == []
    assert set(data) >= {"agency", "proactive", "applications", "review_litigation", "prose_numbers", "findings"}


def test_the_agency_page_links_the_column(client, published, desk):
    from gongkai.publications.services.setup import disclosure_setup

    disclosure_setup(acting_user=None, agency=desk.agency)
    page = client.get(reverse("portal:agency", args=[desk.agency.pk]))
    assert reverse("portal:reports", args=[desk.agency.pk]) in page.content.decode()


def test_an_unknown_format_is_not_found(client, published, desk):
    assert client.get(reverse("portal:report_download", args=[desk.agency.pk, 2025, "exe"])).status_code == 404


def test_published_reports_are_in_the_sitemap(client, published, desk):
    text = client.get("/sitemap.xml").content.decode()
    assert reverse("portal:report", args=[desk.agency.pk, 2025]) in text


def test_published_report_is_searchable_and_drafts_are_not(published, desk):
    hits = search_page("政府信息公开工作年度报告").hits
    assert [hit.url for hit in hits] == [reverse("portal:report", args=[desk.agency.pk, 2025])]
    assert hits[0].kind == "report"
