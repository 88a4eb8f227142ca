"""Data lists of the tests: CSV bytes, a draft in 招生范围与学区划分 (XQHF), publication through the workflow."""

import datetime as dt

from gongkai.datalists.services import datalist_import
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.workflow import item_approve, item_submit
from tests.datalists.test_validate import csv_bytes

DISTRICT_HEADER = ["街道/镇", "道路或小区", "门牌号范围", "对口小学", "对口初中"]
DISTRICT_ROWS = [
    ["解放街道", "解放路", "单号1-99号", "示范市解放路小学", "示范市第一中学"],
    ["解放街道", "解放路", "双号2-58号", "示范市实验小学", "示范市第一中学"],
    ["人民街道", "人民路", "全部", "示范市人民路小学", "示范市第二中学"],
]


def district_csv(rows=None) -> bytes:
    return csv_bytes(DISTRICT_HEADER, *(DISTRICT_ROWS if rows is None else rows))


def aid_csv(*rows) -> bytes:
    return csv_bytes(["姓名", "学校", "年级", "资助项目", "资助金额（元）", "联系电话"], *rows)


def district_draft(staff, **fields):
    node = CatalogNode.objects.get(agency=staff.agency, code="XQHF")
    defaults = {"title": "2026年小学招生学区划分", "catalog_node": node, "formed_on": dt.date(2026, 5, 6)}
    return staff.draft(**{**defaults, **fields})


def publish(staff, item):
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item)
    item_approve(acting_user=staff.approver, item=item, override_reason="已核实")
    item.refresh_from_db()
    return item


def published_district(staff):
    """A published school-district list of the bureau."""
    item = district_draft(staff)
    datalist_import(
        acting_user=staff.officer, item=item, kind="school_district", filename="学区.csv", data=district_csv()
    )
    return publish(staff, item)
