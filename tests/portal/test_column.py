"""The public disclosure column shows published 主动公开 items only, with every catalog field."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.publications.choices import Validity
from gongkai.publications.services.items import attachment_add
from gongkai.publications.services.workflow import item_approve, item_repeal, item_submit, item_withdraw
from tests.screening.test_extract import make_docx

pytestmark = pytest.mark.django_db


def publish(staff, item):
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item)
    item_approve(acting_user=staff.approver, item=item, override_reason="已核实")
    item.refresh_from_db()
    return item


def test_column_lists_published_items_and_hides_drafts_and_withheld(client, staff):
    public = publish(staff, staff.draft(title="公开的通知"))
    staff.draft(title="尚未审核的草稿")
    withheld = publish(
        staff, staff.draft(title="不予公开的过程稿", attribute="withheld", withholding_ground="process_info")
    )
    in_review = staff.draft(title="审核中的信息")
    item_submit(acting_user=staff.officer, item=in_review)
    for url in (
        reverse("portal:agency", args=[staff.agency.pk]),
        reverse("portal:catalog", args=[staff.agency.pk]),
        reverse("portal:catalog_node", args=[staff.agency.pk, staff.node.pk]),
        reverse("portal:feed", args=[staff.agency.pk]),
        reverse("portal:sitemap"),
    ):
        html = client.get(url).content.decode()
        assert "公开的通知" in html or f"/items/{public.pk}/" in html, url
        for hidden in ("尚未审核的草稿", "不予公开的过程稿", "审核中的信息"):
            assert hidden not in html, (url, hidden)
    assert client.get(reverse("portal:item", args=[staff.agency.pk, withheld.pk])).status_code == 404
    assert client.get(reverse("portal:item", args=[staff.agency.pk, in_review.pk])).status_code == 404


def test_item_page_shows_every_catalog_field(client, staff):
    item = publish(staff, staff.draft(keywords="招生 义务教育", channels=["website", "new_media"]))
    html = client.get(reverse("portal:item", args=[staff.agency.pk, item.pk])).content.decode()
    for text in (
        item.index_number,
        "示教基〔2026〕3号",
        "2026年9月30日",
        "测试市教育局",
        "通知",
        "现行有效",
        "招生 义务教育",
        "政府网站、政务新媒体（微信/微博）",
        "各区教育局",
    ):
        assert text in html, text


def test_repealed_item_is_marked_and_filterable(client, staff):
    item = publish(staff, staff.draft(title="已废止的办法"))
    publish(staff, staff.draft(title="现行的办法"))
    item_repeal(acting_user=staff.office, item=item, repealed_on=dt.date(2026, 11, 1), reason="新办法施行")
    url = reverse("portal:catalog", args=[staff.agency.pk])
    html = client.get(url, {"validity": Validity.REPEALED}).content.decode()
    assert "已废止的办法" in html
    assert "现行的办法" not in html
    assert "badge-repealed" in html


def test_withdrawn_item_disappears_with_its_attachments(client, staff):
    item = staff.draft()
    data = make_docx()  # built once: a zip carries its build time, so two builds can differ
    attachment = attachment_add(acting_user=staff.officer, item=item, filename="名单.docx", data=data)
    item = publish(staff, item)
    url = reverse("portal:attachment", args=[staff.agency.pk, item.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    item_withdraw(acting_user=staff.office, item=item, reason="误发")
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:item", args=[staff.agency.pk, item.pk])).status_code == 404


def test_filters_by_year_and_title(client, staff):
    publish(staff, staff.draft(title="2025年的通知", formed_on=dt.date(2025, 3, 3)))
    publish(staff, staff.draft(title="2026年的通知", formed_on=dt.date(2026, 3, 3)))
    url = reverse("portal:catalog", args=[staff.agency.pk])
    html = client.get(url, {"year": 2025}).content.decode()
    assert "2025年的通知" in html
    assert "2026年的通知" not in html
    assert "2026年的通知" in client.get(url, {"q": "2026年"}).content.decode()
    assert client.get(url, {"year": "abc", "validity": "bogus", "page": "999"}).status_code == 200


def test_feed_is_atom_with_index_numbers(client, staff):
    item = publish(staff, staff.draft())
    response = client.get(reverse("portal:node_feed", args=[staff.agency.pk, staff.node.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert item.title in body
    assert item.index_number in body
