"""The index follows what is public (Art. 24 search covers the platform's public content, and only it):
publishing, withdrawing, repealing and amending items, attachments' text, agencies deactivated or moved,
the rebuild command. Withheld, on-request, draft and in-review items are never indexed."""

import datetime as dt
import io
from types import SimpleNamespace

import docx
import openpyxl
import pytest
import time_machine
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction

from gongkai.agencies.services import agency_save
from gongkai.publications.admin import CatalogNodeAdmin
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.items import attachment_add
from gongkai.publications.services.workflow import item_approve, item_repeal, item_submit, item_withdraw
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.search.models import SearchDocument
from gongkai.search.plan import Filters
from gongkai.search.selectors import search_page
from gongkai.search.services import search_rebuild, search_sync

PUBLISH_DAY = dt.datetime(2026, 10, 9, 10, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.usefixtures("_publish_day")


@pytest.fixture
def _publish_day():
    with time_machine.travel(PUBLISH_DAY, tick=False):
        yield


def publish(staff, item, **kwargs):
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item, comment="同意")
    return item_approve(acting_user=staff.approver, item=item, comment="同意发布", **kwargs)


def titles(q, **filters):
    return [hit.url for hit in search_page(q, Filters(**filters)).hits]


def test_published_item_is_found_by_title_number_and_body_at_once(staff):
    item = publish(staff, staff.draft(title="2026年义务教育学区划分方案", body="<p>东区<b>学区</b>划分如下。</p>"))
    url = SearchDocument.objects.get(key=f"item:{item.pk}").url
    assert titles("区划") == [url]
    assert titles("2026 3号") == [url]  # 示教基〔2026〕3号
    assert titles("东区学区划分") == [url]  # the body's text, tags removed
    page = search_page("学区划分")
    assert "<mark>学区划分</mark>" in page.hits[0].title_html


def test_withheld_on_request_draft_and_in_review_items_are_never_indexed(staff):
    withheld = staff.draft(
        title="涉密招生考试安排",
        attribute=DisclosureAttribute.WITHHELD,
        withholding_ground="state_secret",
    )
    publish(staff, withheld)
    on_request = publish(
        staff,
        staff.draft(
            title="依申请公开的招生材料", attribute=DisclosureAttribute.ON_REQUEST, withholding_ground="request_only"
        ),
    )
    staff.draft(title="起草中的招生通知")
    in_review = staff.draft(title="审核中的招生通知")
    item_submit(acting_user=staff.officer, item=in_review)
    for obj in (withheld, on_request, in_review):
        search_sync(obj)  # even when asked
    assert not SearchDocument.objects.exists()
    assert search_page("招生").hits == []
    search_rebuild()
    assert not SearchDocument.objects.exists()


def test_withdrawn_item_leaves_the_index_in_the_same_transaction(staff):
    item = publish(staff, staff.draft(title="误发的招生通知"))
    assert titles("误发")
    item_withdraw(acting_user=staff.office, item=item, reason="误发")
    assert titles("误发") == []
    assert not SearchDocument.objects.filter(key=f"item:{item.pk}").exists()


def test_a_failed_change_leaves_the_index_as_it_was(staff):
    item = publish(staff, staff.draft(title="招生通知"))

    def withdraw_then_fail():
        with transaction.atomic():
            item_withdraw(acting_user=staff.office, item=item, reason="误发")
            raise RuntimeError  # the caller's transaction rolls back after the service ran

    with pytest.raises(RuntimeError):
        withdraw_then_fail()
    assert titles("招生通知")


def test_repealed_item_stays_found_and_filters_as_repealed(staff):
    item = publish(staff, staff.draft(title="中小学收费管理办法"))
    assert titles("收费", validity="repealed") == []
    item_repeal(acting_user=staff.office, item=item, repealed_on=dt.date(2026, 10, 9), reason="新办法施行")
    assert len(titles("收费", validity="repealed")) == 1
    assert titles("收费", validity="valid") == []


def test_amended_item_marks_the_old_version_amended(staff):
    old = publish(staff, staff.draft(title="学生资助实施办法"))
    new = publish(staff, staff.draft(title="学生资助实施办法（修订）", amends=old))
    amended = titles("学生资助", validity="amended")
    assert amended == [SearchDocument.objects.get(key=f"item:{old.pk}").url]
    assert titles("学生资助", validity="valid") == [SearchDocument.objects.get(key=f"item:{new.pk}").url]


def make_docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_attachment_text_from_docx_and_xlsx_is_searchable(staff):
    item = staff.draft(title="关于公布招生计划的通知")
    attachment_add(acting_user=staff.officer, item=item, filename="计划.docx", data=make_docx("东区实验小学招收八个班"))
    attachment_add(
        acting_user=staff.officer, item=item, filename="名单.xlsx", data=make_xlsx([["学校", "营养午餐供餐单位"]])
    )
    publish(staff, item)
    assert len(titles("实验小学")) == 1
    assert len(titles("午餐供餐")) == 1
    hit = search_page("午餐供餐").hits[0]
    assert hit.rank == 3  # in the text, not the title
    assert "<mark>午餐供餐</mark>" in hit.snippet_html


def test_deactivated_agency_leaves_search_and_returns_when_reactivated(staff, tree):
    publish(staff, staff.draft(title="招生通知"))
    bureau = tree["bureau"]
    bureau.is_active = False
    agency_save(acting_user=None, agency=bureau)
    assert titles("招生通知") == []
    bureau.is_active = True
    agency_save(acting_user=None, agency=bureau)
    assert len(titles("招生通知")) == 1


def test_agency_filter_covers_the_subtree_and_follows_a_move(staff, tree):
    publish(staff, staff.draft(title="招生通知"))
    assert len(titles("招生", agency=tree["city"].pk)) == 1
    assert titles("招生", agency=tree["east"].pk) == []
    bureau = tree["bureau"]
    bureau.parent = None
    agency_save(acting_user=None, agency=bureau)
    assert titles("招生", agency=tree["city"].pk) == []
    assert len(titles("招生", agency=bureau.pk)) == 1
    assert len(titles("招生", year=2026)) == 1


def test_rebuild_command_gives_the_same_index_as_incremental_indexing(staff, capsys):
    for title in ("招生通知", "收费公示", "学区划分"):
        publish(staff, staff.draft(title=title))
    before = sorted(SearchDocument.objects.values_list("key", "title", "facets"))
    call_command("search_rebuild", "--no-progress")
    assert "已索引 3 条" in capsys.readouterr().out
    assert sorted(SearchDocument.objects.values_list("key", "title", "facets")) == before
    assert len(titles("学区")) == 1


def test_renamed_catalog_node_is_shown_and_filters_at_once(staff):
    item = publish(staff, staff.draft(title="招生通知"))
    node = item.catalog_node
    hit = search_page("招生通知").hits[0]
    assert hit.info["catalog"].endswith("政策文件")
    node.name = "规范性文件"
    CatalogNodeAdmin(CatalogNode, admin.site).save_instance(SimpleNamespace(user=staff.office), node)
    hit = search_page("招生通知").hits[0]
    assert hit.info["catalog"].endswith("规范性文件")
    assert len(titles("招生", catalog_node=node.pk)) == 1
    if node.parent_id:
        assert len(titles("招生", catalog_node=node.parent_id)) == 1
