"""The disclosure guide (公开指南, Art. 12): generated from agency data, versioned, stale when data change (Art. 53)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import ReadingRoom
from gongkai.agencies.services import agency_save
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import instance_save
from gongkai.publications.guide import guide_is_stale, guide_latest, guide_render
from gongkai.publications.models import CatalogNode, DisclosureGuide
from gongkai.publications.services.guide import guide_publish

pytestmark = pytest.mark.django_db


def with_contacts(agency):
    agency.office_name = "办公室"
    agency.office_address = "测试市人民路1号"
    agency.postcode = "100001"
    agency.office_hours = "工作日 上午8:30-12:00，下午14:30-17:30"
    agency.phone = "010-12345678"
    agency.fax = "010-12345679"
    agency.email = "gk@example.gov.cn"
    return agency_save(acting_user=None, agency=agency)


def test_art12_guide_lists_classification_how_to_apply_time_limits_fees_remedies_and_office(staff):
    agency = with_contacts(staff.agency)
    instance_save(
        acting_user=None,
        instance=ReadingRoom(agency=agency, name="政府信息公开查阅室", address="人民路1号一楼", opening_hours="工作日"),
    )
    text = guide_render(agency)
    for expected in (
        "政策文件",  # classification and arrangement: the catalog tree
        "索引号",
        "本机关统一社会信用代码/年份-五位年度流水号",  # the index template, in words
        "20个工作日",
        "第三十一条",  # day of receipt
        "信息处理费",  # fees (Art. 42)
        "行政复议",  # remedies (Art. 51)
        "办公室",
        "测试市人民路1号",
        "100001",
        "工作日 上午8:30-12:00",
        "010-12345678",
        "010-12345679",
        "gk@example.gov.cn",
        "政府信息公开查阅室",
    ):
        assert expected in text, expected


def test_publish_creates_versions_only_when_the_generated_text_changes(staff):
    agency = with_contacts(staff.agency)
    assert guide_is_stale(agency)
    first = guide_publish(acting_user=staff.office, agency=agency)
    assert first.version == 1
    assert first.published_by == staff.office
    assert not guide_is_stale(agency)
    assert guide_publish(acting_user=staff.office, agency=agency).pk == first.pk

    agency.phone = "010-87654321"
    agency_save(acting_user=None, agency=agency)
    assert guide_is_stale(agency), "a changed phone number makes the published guide stale (Art. 53)"
    second = guide_publish(acting_user=staff.office, agency=agency)
    assert second.version == 2
    assert "010-87654321" in second.content
    assert guide_latest(agency) == second
    assert DisclosureGuide.objects.get(pk=first.pk).content != second.content, "old versions are kept"
    events = AuditEvent.objects.filter(action="guide.publish", agency=agency)
    assert events.count() == 2


def test_catalog_change_makes_the_guide_stale(staff):
    guide_publish(acting_user=None, agency=staff.agency)
    instance_save(
        acting_user=None,
        instance=CatalogNode(agency=staff.agency, parent=staff.node.parent, name="课后服务", code="KHFW"),
    )
    assert guide_is_stale(staff.agency)


def test_only_the_office_or_admin_publishes_the_guide(staff):
    with pytest.raises(PermissionDenied):
        guide_publish(acting_user=staff.officer, agency=staff.agency)
    assert not DisclosureGuide.objects.exists()


def test_portal_guide_page_shows_the_latest_version_and_its_date(client, staff):
    url = reverse("portal:guide", args=[staff.agency.pk])
    assert "正在编制中" in client.get(url).content.decode()
    guide = guide_publish(acting_user=None, agency=staff.agency)
    page = client.get(url).content.decode()
    assert "第1版" in page
    assert f"最后更新：{timezone.localtime(guide.published_at):%Y年%-m月%-d日}" in page
    column = client.get(reverse("portal:agency", args=[staff.agency.pk])).content.decode()
    assert url in column


def test_dashboard_warns_about_a_stale_guide_and_publishes_a_new_version(client, staff):
    client.force_login(staff.office)
    page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "指南需要更新" in page
    response = client.post(reverse("backoffice:guide_publish", args=[staff.agency.pk]))
    assert response.status_code == 302
    assert guide_latest(staff.agency).version == 1
    assert "已是最新" in client.get(reverse("backoffice:dashboard")).content.decode()


def test_officer_cannot_publish_the_guide_from_the_back_office(client, staff):
    client.force_login(staff.officer)
    assert client.post(reverse("backoffice:guide_publish", args=[staff.agency.pk])).status_code == 404
    assert not DisclosureGuide.objects.exists()
