"""Guide fixtures shared by the serviceguides, portal and back-office tests (``staff`` comes from the
conftest that imports these)."""

import datetime as dt

import pytest

from gongkai.publications.services.workflow import item_approve, item_submit
from gongkai.serviceguides.content import Material, MaterialForm, Step
from gongkai.serviceguides.services import service_guide_create, service_matter_save

__all__ = ["draft", "guide_fields", "matter", "other_matter", "publish", "published"]


def guide_fields(**overrides):
    """A complete, valid guide (the fields of 民办学校设立审批)."""
    fields = {
        "basis": "《中华人民共和国民办教育促进法》第十二条\n《中华人民共和国民办教育促进法实施条例》第十四条",
        "conditions": "举办者应当具有政治权利和完全民事行为能力；有符合规定的办学场所和资金。",
        "materials": [
            Material("民办学校设立申请书", copies=1),
            Material("举办者资格证明文件", form=MaterialForm.COPY, copies=2),
            Material("资产来源、资金数额及有效证明文件", required=False, note="可容缺后补"),
        ],
        "steps": [
            Step("受理", "政务服务中心教育窗口", "即时"),
            Step("审查", "民办教育处", "15个工作日"),
            Step("决定", "局领导"),
        ],
        "statutory_limit": 20,
        "statutory_unit": "workdays",
        "promised_limit": 10,
        "promised_unit": "workdays",
        "charges": False,
        "place": "示范市政务服务中心三楼教育窗口",
        "hours": "工作日 9:00—12:00，13:30—17:00",
        "methods": "窗口申请或通过政务服务网在线申请",
        "online_url": "https://zwfw.example.gov.cn/",
        "result": "准予许可的，颁发《民办学校办学许可证》",
        "result_publication": "作出决定之日起7个工作日内在本机关网站公开",
        "contact_phone": "0571-87001234",
        "complaint_phone": "12345",
    }
    fields.update(overrides)
    return fields


def publish(staff, guide):
    item = guide.item
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item, comment="同意")
    item_approve(acting_user=staff.approver, item=item, comment="同意发布")
    guide.item.refresh_from_db()
    return guide


@pytest.fixture
def matter(staff):
    return service_matter_save(
        acting_user=staff.officer, agency=staff.agency, name="民办学校设立审批", code="XK-0001", kind="licensing"
    )


@pytest.fixture
def other_matter(staff):
    return service_matter_save(
        acting_user=staff.officer, agency=staff.agency, name="学历证明书办理", code="QT-0001", kind="other"
    )


@pytest.fixture
def draft(staff, matter):
    return service_guide_create(
        acting_user=staff.officer, matter=matter, formed_on=dt.date(2026, 3, 2), **guide_fields()
    )


@pytest.fixture
def published(staff, draft):
    return publish(staff, draft)
