"""Public data lists: the table on the item page and its own page, downloads, and the lookup pages."""

import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai.datalists.services import datalist_import
from gongkai.publications.services.workflow import item_submit
from tests.datalists.helpers import aid_csv, district_csv, district_draft, publish, published_district
from tests.datalists.test_validate import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(staff):
    return published_district(staff)


def _url(name, item, *extra):
    return reverse(f"portal:{name}", args=[item.agency_id, item.pk, *extra])


def test_item_page_shows_the_table_and_the_download_links(client, district):
    html = client.get(_url("item", district)).content.decode()
    assert '<section id="datalist"' in html
    assert "<caption>2026年小学招生学区划分（学区划分）</caption>" in html
    assert '<th scope="col">门牌号范围</th>' in html
    assert "示范市解放路小学" in html
    assert "下载CSV" in html
    assert "下载XLSX" in html


def test_data_page_filters_rows(client, district):
    response = client.get(_url("datalist", district), {"q": "人民"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "示范市人民路小学" in html
    assert "示范市解放路小学" not in html
    assert "含“人民”的记录 1 条（共 3 条）" in html


def test_data_page_is_paged_by_fifty(client, staff):
    item = district_draft(staff)
    rows = [["街道", f"第{i}路", "全部", f"小学{i}", ""] for i in range(1, 121)]
    datalist_import(
        acting_user=staff.officer, item=item, kind="school_district", filename="a.csv", data=district_csv(rows)
    )
    publish(staff, item)
    first = client.get(_url("datalist", item)).content.decode()
    assert "第 1 / 3 页" in first
    assert "小学50<" in first
    assert "小学51<" not in first
    third = client.get(_url("datalist", item), {"page": 3}).content.decode()
    assert "小学120<" in third
    assert "小学100<" not in third


def test_too_long_filter_is_a_400_with_a_chinese_error(client, district):
    response = client.get(_url("datalist", district), {"q": "路" * 101})
    assert response.status_code == 400
    assert "筛选内容不能超过100个字" in response.content.decode()


def test_csv_download_has_bom_header_and_rows(client, district):
    response = client.get(_url("datalist_csv", district))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff街道/镇,道路或小区,门牌号范围,对口小学,对口初中")
    assert "解放街道,解放路,单号1-99号,示范市解放路小学,示范市第一中学" in text


def test_downloads_of_an_aid_list_are_masked(client, staff):
    item = district_draft(staff, title="2026年春季学期生活补助公示")
    datalist_import(
        acting_user=staff.officer,
        item=item,
        kind="aid_recipients",
        filename="a.csv",
        data=aid_csv(["欧阳娜娜", "解放路小学", "三年级", "生活补助", "625", "13912345678"]),
    )
    publish(staff, item)
    text = client.get(_url("datalist_csv", item)).content.decode("utf-8")
    assert "欧**娜" in text
    assert "欧阳娜娜" not in text
    assert "13912345678" not in text
    assert "联系电话" not in text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(_url("datalist_xlsx", item)).content))
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == ["姓名", "学校", "年级", "资助项目", "资助金额（元）"]
    assert sheet["A1"].font.bold
    assert [c.value for c in sheet[2]] == ["欧**娜", "解放路小学", "三年级", "生活补助", "625.00"]
    assert "欧阳娜娜" not in client.get(_url("item", item)).content.decode()


def test_unpublished_list_is_not_found(client, staff):
    item = district_draft(staff)
    datalist_import(acting_user=staff.officer, item=item, kind="school_district", filename="a.csv", data=district_csv())
    for name in ("datalist", "datalist_csv", "datalist_xlsx", "item"):
        assert client.get(_url(name, item)).status_code == 404, name
    item_submit(acting_user=staff.officer, item=item)
    assert client.get(_url("datalist_csv", item)).status_code == 404


def test_published_item_without_list_has_no_data_page(client, staff):
    item = publish(staff, staff.draft())
    assert client.get(_url("datalist", item)).status_code == 404
    assert "datalist" not in client.get(_url("item", item)).content.decode()


def _lookup(client, agency, kind="school_district", **params):
    return client.get(reverse("portal:datalist_lookup", args=[agency.pk, kind]), params)


def test_school_district_lookup_finds_the_schools_of_an_address(client, district):
    response = _lookup(client, district.agency, q="解放路18号")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_q">地址</label>' in html
    assert ">查询</button>" in html
    assert "“解放路18号”在以下划片范围内" in html
    assert "示范市实验小学" in html
    assert "示范市解放路小学" not in html  # the odd-number row
    assert "下载CSV" in html
    assert _url("datalist_csv", district) in html


def test_lookup_from_the_agency_above_searches_the_agencies_below(client, district, tree):
    html = _lookup(client, tree["city"], q="人民路1号").content.decode()
    assert "示范市人民路小学" in html


def test_lookup_not_found_gives_advice(client, district):
    html = _lookup(client, district.agency, q="长江路5号").content.decode()
    assert "未找到“长江路5号”对应的学区" in html


def test_lookup_rejects_empty_and_too_long_queries(client, district):
    empty = _lookup(client, district.agency, q=" ")
    assert empty.status_code == 400
    assert "请输入地址" in empty.content.decode()
    long = _lookup(client, district.agency, q="路" * 101)
    assert long.status_code == 400
    assert "地址不能超过100个字" in long.content.decode()
    assert _lookup(client, district.agency).status_code == 200  # the empty form


def test_lookup_ignores_lists_that_are_not_current(client, staff, district):
    amendment = district_draft(staff, title="修订版", amends=district)
    datalist_import(
        acting_user=staff.officer,
        item=amendment,
        kind="school_district",
        filename="a.csv",
        data=district_csv([["解放街道", "解放路", "全部", "新建小学", "新建中学"]]),
    )
    html = _lookup(client, staff.agency, q="解放路18号").content.decode()
    assert "示范市实验小学" in html  # the draft amendment is not public yet
    publish(staff, amendment)
    html = _lookup(client, staff.agency, q="解放路18号").content.decode()
    assert "新建小学" in html
    assert "示范市实验小学" not in html  # the amended version is no longer current


def test_school_lunch_lookup_uses_the_generic_search(client, staff):
    item = district_draft(staff, title="2026年9月营养午餐菜谱")
    datalist_import(
        acting_user=staff.officer,
        item=item,
        kind="school_lunch",
        filename="a.csv",
        data=csv_bytes(
            ["学校", "日期", "餐次/菜品"],
            ["解放路小学", "2026-09-01", "番茄炒蛋"],
            ["人民路小学", "2026-09-01", "红烧鸡块"],
        ),
    )
    publish(staff, item)
    html = _lookup(client, staff.agency, "school_lunch", q="人民路").content.decode()
    assert '<label for="id_q">查询内容</label>' in html
    assert "红烧鸡块" in html
    assert "番茄炒蛋" not in html


def test_unknown_lookup_kind_and_aid_lists_have_no_lookup(client, staff):
    assert _lookup(client, staff.agency, "nope", q="x").status_code == 404
    assert _lookup(client, staff.agency, "aid_recipients", q="x").status_code == 404


def test_agency_page_links_the_lookups_it_has(client, district, tree):
    html = client.get(reverse("portal:agency", args=[district.agency_id])).content.decode()
    assert reverse("portal:datalist_lookup", args=[district.agency_id, "school_district"]) in html
    assert "学区查询" in html
    other = client.get(reverse("portal:agency", args=[tree["west"].pk])).content.decode()
    assert "学区查询" not in other
