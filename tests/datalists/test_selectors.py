"""学区查询 over stored lists: the rows prefiltered by road key and name give exactly the full scan's answer."""

import importlib

import pytest
from django.apps import apps

from gongkai.datalists.address import MatchKind, lookup, road_key
from gongkai.datalists.models import DataRow
from gongkai.datalists.selectors import (
    PREFILTER_MAX,
    _district_rows,
    current_lists,
    district_candidates,
    lookup_answer,
)
from gongkai.datalists.services import datalist_import
from tests.datalists.helpers import district_csv, district_draft, publish

FIRST = [
    ["解放街道", "解放路", "单号1-99号", "示范市解放路小学", "示范市第一中学"],
    ["解放街道", "解放路", "双号2-58号", "示范市实验小学", "示范市第一中学"],
    ["解放街道", "示范市东城区解放路", "双号60-200号", "示范市解放路小学", "示范市第一中学"],
    ["解放街道", "解放北路", "1-30号", "示范市解放路小学", "示范市第一中学"],
    ["人民街道", "人民路", "全部", "示范市人民路小学", "示范市第二中学"],
    ["人民街道", "新人民路", "1-50号", "示范市育才小学", "示范市第二中学"],
    ["人民街道", "阳光 花园", "全部", "示范市育才小学", "示范市第二中学"],
    ["人民街道", "示范市阳光花园小区", "全部", "示范市育才小学", "示范市第二中学"],
    ["人民街道", "ＡＢＣ小区", "全部", "示范市育才小学", "示范市第二中学"],
    ["新城街道", "新区大道", "单号", "示范市新城小学", "示范市第三中学"],
    ["新城街道", "路", "全部", "示范市新城小学", "示范市第三中学"],
]
SECOND = [
    ["解放街道", "解放路", "全部", "示范市第二实验小学", "示范市第一中学"],
    ["人民街道", "人民路", "单号", "示范市人民路小学", "示范市第二中学"],
    ["东湖街道", "东湖路", "1-99号", "示范市东湖小学", "示范市东湖中学"],
]
QUERIES = [
    "解放路18号", "解放路17号", "解放路201号", "解放路", "解放", "解放路十八号", "解放路第18-2号",
    "示范市东城区解放路18号", "示范省示范市东城区解放路１８号", "东城区解放路", "解放北路5号", "新人民路5号",
    "人民路1000号", "人民路", "人民", "阳光花园3栋", "阳光 花园", "示范市阳光花园小区2栋", "阳光花园小区",
    "abc小区2栋", "ＡＢＣ", "新区大道7号", "大道", "东湖路100号", "长江路5号", "路", "小区", "示范市", "东城区",
    "", "  ", "解放路18号与人民路交叉口", "人民路与新人民路交叉口", "新人民路解放北路", "阳光花园解放路",
    "解放路" * 40, "一" * (PREFILTER_MAX + 1) + "解放路18号",
]  # fmt: skip


@pytest.fixture
def lists(staff):
    for title, rows in (("2026年学区划分（一）", FIRST), ("2026年学区划分（二）", SECOND)):
        item = district_draft(staff, title=title)
        datalist_import(
            acting_user=staff.officer, item=item, kind="school_district", filename="a.csv", data=district_csv(rows)
        )
        publish(staff, item)
    return list(current_lists(staff.agency, "school_district"))


def test_import_stores_the_road_name_and_key(lists):
    stored = dict(DataRow.objects.filter(data_list__in=lists).values_list("values__1", "road_key").distinct())
    assert stored["示范市东城区解放路"] == "解放路"
    assert stored["阳光 花园"] == "阳光花园"
    assert stored["ＡＢＣ小区"] == "abc小区"
    assert stored["路"] == ""
    assert DataRow.objects.filter(road_name="abc小区").count() == 1


@pytest.mark.parametrize("query", QUERIES)
def test_prefiltered_lookup_answers_exactly_as_the_full_scan(lists, query):
    every = _district_rows(lists)
    assert len(every) == len(FIRST) + len(SECOND)
    candidates = district_candidates(lists, query)
    assert {r.key for r in candidates} <= {r.key for r in every}
    assert lookup(query, candidates, contact="0999-1") == lookup(query, every, contact="0999-1")


def test_the_prefilter_reads_only_the_rows_of_the_roads_named(lists):
    roads = {r.road for r in district_candidates(lists, "解放路18号")}
    assert roads == {"解放路", "示范市东城区解放路"}
    assert {r.road for r in district_candidates(lists, "解放")} == {"解放路", "示范市东城区解放路", "解放北路"}
    assert district_candidates(lists, "长江路5号") == []


def test_lookup_answer_through_the_prefilter(lists, staff):
    answer = lookup_answer(staff.agency, "school_district", "解放路18号")
    exact = [found.row.values[3] for hits in answer.hits for found in hits.rows if found.match == MatchKind.EXACT]
    assert sorted(exact) == ["示范市实验小学", "示范市第二实验小学"]
    assert answer.messages[0] == "“解放路18号”在以下划片范围内。"


def test_the_migration_fills_rows_imported_before(lists):
    DataRow.objects.update(road_name="", road_key="")
    migration = importlib.import_module("gongkai.datalists.migrations.0002_datarow_road")
    migration.fill_roads(apps, None)
    for values, name, key in DataRow.objects.values_list("values", "road_name", "road_key"):
        assert key == road_key(values[1])
        assert name == values[1].replace(" ", "").replace("ＡＢＣ", "abc")
