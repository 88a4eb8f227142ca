"""Importing a data list: all or nothing, only into drafts, by whoever may edit the draft, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.datalists.models import DataList, DataRow
from gongkai.datalists.services import datalist_copy_from_amended, datalist_import
from gongkai.publications.services.workflow import item_submit
from tests.datalists.helpers import aid_csv, district_csv, district_draft, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _import(staff, item, data, kind="school_district", user=None):
    return datalist_import(acting_user=user or staff.officer, item=item, kind=kind, filename="表.csv", data=data)


def test_import_stores_rows_in_order_with_search_text_and_an_audit_row(staff):
    item = district_draft(staff)
    data_list = _import(staff, item, district_csv())
    assert data_list.row_count == 3
    assert data_list.labels == ["街道/镇", "道路或小区", "门牌号范围", "对口小学", "对口初中"]
    rows = list(data_list.rows.order_by("position"))
    assert [r.position for r in rows] == [1, 2, 3]
    assert rows[0].values[1] == "解放路"
    assert "示范市解放路小学" in rows[0].search_text
    event = AuditEvent.objects.get(action="datalist.import")
    assert event.after["rows"] == 3
    assert event.after["kind"] == "school_district"
    assert event.actor == staff.officer


def test_a_bad_row_imports_nothing_and_existing_rows_stay(staff):
    item = district_draft(staff)
    _import(staff, item, district_csv())
    before = list(DataRow.objects.values_list("values", flat=True))
    events = AuditEvent.objects.count()
    bad = [["解放街道", "解放路", "单号1-99号", "a", "b"], ["人民街道", "人民路", "东边一片", "c", "d"]]
    with pytest.raises(ValidationError) as caught:
        _import(staff, item, district_csv(bad))
    assert "未导入任何数据（原有数据不变）" in caught.value.messages[0]
    assert any(m.startswith("第3行“门牌号范围”") for m in caught.value.messages)
    assert list(DataRow.objects.values_list("values", flat=True)) == before
    assert DataList.objects.get().row_count == 3
    assert AuditEvent.objects.count() == events


def test_a_bad_first_import_creates_no_list(staff):
    item = district_draft(staff)
    with pytest.raises(ValidationError):
        _import(staff, item, district_csv([["解放街道", "解放路", "99-1号", "", ""]]))
    assert not DataList.objects.exists()


def test_errors_are_capped_with_the_total(staff):
    item = district_draft(staff)
    rows = [["街道", f"路{i}", "坏范围", "", ""] for i in range(80)]
    with pytest.raises(ValidationError) as caught:
        _import(staff, item, district_csv(rows))
    messages = caught.value.messages
    assert "发现80处问题" in messages[0]
    assert len(messages) == 1 + 50 + 1
    assert messages[-1].startswith("另有30处问题未列出")


def test_replacing_rows_of_a_draft(staff):
    item = district_draft(staff)
    _import(staff, item, district_csv())
    data_list = _import(staff, item, district_csv([["新街道", "新路", "全部", "新小学", ""]]))
    assert data_list.row_count == 1
    assert DataRow.objects.count() == 1
    assert DataList.objects.count() == 1
    assert AuditEvent.objects.filter(action="datalist.import").order_by("pk").last().before["rows"] == 3


def test_rows_cannot_be_replaced_once_submitted_or_published(staff, district):
    with pytest.raises(ValidationError, match="只有草稿"):
        _import(staff, district, district_csv())
    draft = district_draft(staff, title="另一份")
    item_submit(acting_user=staff.officer, item=draft)
    with pytest.raises(ValidationError, match="只有草稿"):
        _import(staff, draft, district_csv())


def test_only_whoever_may_edit_the_draft_imports(staff, tree):
    item = district_draft(staff)
    with pytest.raises(PermissionDenied):
        _import(staff, item, district_csv(), user=staff.officer2)  # another officer's draft
    with pytest.raises(PermissionDenied):
        _import(staff, item, district_csv(), user=UserFactory())
    assert _import(staff, item, district_csv(), user=staff.office).row_count == 3  # the disclosure office may


def test_aid_list_is_stored_masked_without_withheld_columns(staff):
    item = district_draft(staff, title="2026年生活补助公示")
    data_list = _import(
        staff,
        item,
        aid_csv(["张三丰", "解放路小学", "三年级", "生活补助", "625", "13912345678"]),
        kind="aid_recipients",
    )
    row = data_list.rows.get()
    assert row.values == ["张*丰", "解放路小学", "三年级", "生活补助", "625.00"]
    assert "张三丰" not in row.search_text
    assert data_list.masked_count == 1
    assert data_list.withheld_columns == ["联系电话"]
    assert "13912345678" not in str(list(DataRow.objects.values_list("values", flat=True)))


def test_unknown_kind_is_refused(staff):
    with pytest.raises(ValidationError, match="未知的清单类型"):
        _import(staff, district_draft(staff), district_csv(), kind="nope")


def test_a_new_version_copies_the_rows_of_the_published_list(staff, district):
    amendment = district_draft(staff, title="2026年小学招生学区划分（修订）", amends=district)
    copied = datalist_copy_from_amended(acting_user=staff.officer, item=amendment)
    assert copied.row_count == 3
    assert [r.values for r in copied.rows.order_by("position")] == [
        r.values for r in district.data_list.rows.order_by("position")
    ]
    assert AuditEvent.objects.filter(action="datalist.copy").exists()
    published = publish(staff, amendment)
    district.refresh_from_db()
    assert district.validity == "amended"
    assert published.data_list.row_count == 3


def test_copy_needs_an_amended_item_with_a_list(staff):
    with pytest.raises(ValidationError, match="没有数据清单"):
        datalist_copy_from_amended(acting_user=staff.officer, item=district_draft(staff))
