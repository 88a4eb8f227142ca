"""Matters, guide versions through the item workflow, decisions: the services and their refusals."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.publications.choices import Validity
from gongkai.publications.models import CatalogNode, InformationItem
from gongkai.publications.services.workflow import item_return, item_submit
from gongkai.publications.states import ItemState
from gongkai.search.models import SearchDocument
from gongkai.serviceguides.models import ServiceDecision, ServiceGuide, ServiceMatter
from gongkai.serviceguides.services import (
    current_version,
    open_version,
    service_decision_record,
    service_decision_withdraw,
    service_guide_create,
    service_guide_revise,
    service_guide_update,
    service_matter_save,
)
from tests.factories import UserFactory
from tests.serviceguides.fixtures import guide_fields, publish

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


def actions(target):
    return list(
        AuditEvent.objects.filter(target_id=str(target.pk), action__startswith=target._meta.model_name)
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- matters -------------------------------------------------------------------------------------


def test_matter_code_and_name_unique_per_agency(staff, matter):
    with pytest.raises(ValidationError) as error:
        service_matter_save(
            acting_user=staff.officer, agency=staff.agency, name="民办学校设立审批", code="XK-0001", kind="licensing"
        )
    assert set(error.value.message_dict) == {"code", "name"}
    assert ServiceMatter.objects.count() == 1


def test_matter_code_format(staff):
    with pytest.raises(ValidationError) as error:
        service_matter_save(acting_user=staff.officer, agency=staff.agency, name="某事项", code="编码 1", kind="other")
    assert "code" in error.value.message_dict
    assert not ServiceMatter.objects.exists()


def test_matter_kind_cannot_change_once_it_has_a_guide(staff, matter, draft):
    with pytest.raises(ValidationError) as error:
        service_matter_save(
            acting_user=staff.officer,
            agency=staff.agency,
            matter=matter,
            name=matter.name,
            code=matter.code,
            kind="other",
        )
    assert "不能更改事项类型" in error.value.message_dict["kind"][0]


def test_only_drafters_keep_matters(staff):
    with pytest.raises(PermissionDenied):
        service_matter_save(acting_user=staff.reviewer, agency=staff.agency, name="x", code="X1", kind="other")
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        service_matter_save(acting_user=outsider, agency=staff.agency, name="x", code="X1", kind="other")


def test_matter_save_is_audited(staff, matter):
    assert actions(matter) == ["servicematter.create"]


# --- guides --------------------------------------------------------------------------------------


def test_create_drafts_an_item_in_the_kinds_column(staff, draft):
    item = draft.item
    assert item.state == ItemState.DRAFT
    assert item.title == "《民办学校设立审批》办事指南"
    assert item.catalog_node.code == "XZXK"
    assert item.genre == "other"
    assert "民办学校设立申请书" in item.body
    assert "法定办结时限20个工作日" in item.summary
    assert item.formed_on == dt.date(2026, 3, 2)
    assert actions(draft) == ["serviceguide.create"]
    assert AuditEvent.objects.filter(target_id=str(item.pk), action="item.create").exists()


def test_other_matters_go_to_their_column(staff, other_matter):
    guide = service_guide_create(acting_user=staff.officer, matter=other_matter, **guide_fields())
    assert guide.item.catalog_node.code == "QTFW"


def test_missing_column_is_created_under_the_statutory_node(staff, other_matter):
    CatalogNode.objects.filter(agency=staff.agency, code="QTFW").update(code="", name="旧栏目")
    guide = service_guide_create(acting_user=staff.officer, matter=other_matter, **guide_fields())
    node = guide.item.catalog_node
    assert (node.code, node.name, node.parent.code) == ("QTFW", "其他对外管理服务事项", "FD")
    assert AuditEvent.objects.filter(action="catalognode.create", target_id=str(node.pk)).exists()


def test_invalid_guide_changes_nothing(staff, matter):
    items, audits = InformationItem.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        service_guide_create(acting_user=staff.officer, matter=matter, **guide_fields(promised_limit=30, materials=[]))
    assert error.value.message_dict["promised_limit"] == ["承诺时限不得超过法定时限。"]
    assert error.value.message_dict["materials"] == ["至少填写一项申请材料。"]
    assert (InformationItem.objects.count(), AuditEvent.objects.count()) == (items, audits)
    assert not ServiceGuide.objects.exists()


def test_a_matter_has_one_version_in_progress(staff, matter, draft):
    with pytest.raises(ValidationError, match="未发布的办事指南"):
        service_guide_create(acting_user=staff.officer, matter=matter, **guide_fields())


def test_update_renders_the_body_again(staff, draft):
    service_guide_update(acting_user=staff.officer, guide=draft, promised_limit=5, conditions="新的申请条件。")
    draft.item.refresh_from_db()
    assert "承诺办结时限：5个工作日" in draft.item.body
    assert "新的申请条件。" in draft.item.body
    assert actions(draft) == ["serviceguide.create", "serviceguide.update"]


def test_update_refused_while_in_review_and_allowed_after_return(staff, draft):
    item_submit(acting_user=staff.officer, item=draft.item)
    with pytest.raises(ValidationError, match="只有草稿"):
        service_guide_update(acting_user=staff.officer, guide=draft, promised_limit=5)
    item_return(acting_user=staff.reviewer, item=draft.item, comment="请补充材料说明")
    service_guide_update(acting_user=staff.officer, guide=draft, promised_limit=5)
    assert ServiceGuide.objects.get().promised_limit == 5


def test_update_by_another_officer_is_refused(staff, draft):
    with pytest.raises(PermissionDenied):
        service_guide_update(acting_user=staff.officer2, guide=draft, promised_limit=5)


def test_invalid_update_changes_nothing(staff, draft):
    body = draft.item.body
    with pytest.raises(ValidationError):
        service_guide_update(acting_user=staff.officer, guide=draft, charges=True)
    draft.refresh_from_db()
    draft.item.refresh_from_db()
    assert draft.charges is False
    assert draft.item.body == body


@time_machine.travel(NOW)
def test_review_publishes_and_indexes_the_guide(staff, published):
    item = published.item
    assert item.state == ItemState.PUBLISHED
    assert item.index_number
    assert current_version(published.matter) == published
    assert SearchDocument.objects.filter(title=item.title).exists()


@time_machine.travel(NOW)
def test_revise_copies_and_publishing_marks_the_old_version_amended(staff, published):
    revision = service_guide_revise(acting_user=staff.officer, guide=published)
    assert revision.item.amends == published.item
    assert revision.item.state == ItemState.DRAFT
    assert revision.materials == published.materials
    assert open_version(published.matter) == revision
    assert current_version(published.matter) == published
    with pytest.raises(ValidationError, match="未发布的新版本"):
        service_guide_revise(acting_user=staff.officer, guide=published)
    service_guide_update(acting_user=staff.officer, guide=revision, promised_limit=8)
    publish(staff, revision)
    published.item.refresh_from_db()
    assert published.item.validity == Validity.AMENDED
    assert published.item.replaced_by == revision.item
    assert current_version(published.matter) == revision
    assert actions(revision) == ["serviceguide.revise", "serviceguide.update"]


def test_revise_needs_a_published_version(staff, draft):
    with pytest.raises(ValidationError, match="只能修订"):
        service_guide_revise(acting_user=staff.officer, guide=draft)


# --- decisions -----------------------------------------------------------------------------------


def record(staff, matter, **fields):
    values = {
        "number": "示教许〔2026〕1号",
        "decided_on": dt.date(2026, 5, 6),
        "applicant_kind": "person",
        "applicant_name": "张小明",
        "result": "granted",
    }
    values.update(fields)
    return service_decision_record(acting_user=staff.officer, matter=matter, **values)


@time_machine.travel(NOW)
def test_decision_masks_a_persons_name_and_keeps_an_organisations(staff, matter):
    person = record(staff, matter)
    school = record(
        staff, matter, number="示教许〔2026〕2号", applicant_kind="organisation", applicant_name="示范市阳光学校"
    )
    assert person.applicant_public == "张**"
    assert school.applicant_public == "示范市阳光学校"
    assert ServiceDecision.objects.get(pk=person.pk).applicant_name == "张小明"  # kept encrypted for staff
    event = AuditEvent.objects.get(action="servicedecision.record", target_id=str(person.pk))
    assert event.after["applicant_name"] == "张**"


@time_machine.travel(NOW)
def test_decision_validation_changes_nothing(staff, matter, other_matter):
    record(staff, matter)
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        record(staff, matter, decided_on=dt.date(2026, 6, 16), result="completed", applicant_name="")
    assert error.value.message_dict == {
        "number": ["本机关已登记文书号为“示教许〔2026〕1号”的办理结果。"],
        "decided_on": ["决定日期不能晚于今天。"],
        "applicant_name": ["请填写申请人。"],
        "result": ["行政许可事项的办理结果应为：准予许可、不予许可、准予变更、准予延续、撤销许可、注销许可。"],
    }
    with pytest.raises(ValidationError) as error:
        record(staff, other_matter, number="x-1", summary="联系电话13800138000")
    assert "个人信息" in error.value.message_dict["summary"][0]
    assert ServiceDecision.objects.count() == 1
    assert AuditEvent.objects.count() == audits


@time_machine.travel(NOW)
def test_no_decisions_on_an_inactive_matter(staff, matter):
    service_matter_save(
        acting_user=staff.officer,
        agency=staff.agency,
        matter=matter,
        name=matter.name,
        code=matter.code,
        kind=matter.kind,
        is_active=False,
    )
    with pytest.raises(ValidationError) as error:
        record(staff, matter)
    assert "已停办" in error.value.message_dict["matter"][0]


@time_machine.travel(NOW)
def test_withdrawal_needs_a_reason_and_frees_the_number(staff, matter):
    decision = record(staff, matter)
    with pytest.raises(ValidationError):
        service_decision_withdraw(acting_user=staff.officer, decision=decision, reason=" ")
    with pytest.raises(PermissionDenied):
        service_decision_withdraw(acting_user=staff.officer2, decision=decision, reason="录入错误")
    service_decision_withdraw(acting_user=staff.officer, decision=decision, reason="申请人姓名录入错误")
    decision.refresh_from_db()
    assert decision.is_withdrawn
    assert decision.withdrawn_reason == "申请人姓名录入错误"
    with pytest.raises(ValidationError, match="已经撤回"):
        service_decision_withdraw(acting_user=staff.office, decision=decision, reason="again")
    corrected = record(staff, matter, applicant_name="张晓明")
    assert corrected.number == decision.number
    assert actions(decision) == ["servicedecision.record", "servicedecision.withdraw"]


@time_machine.travel(NOW)
def test_the_office_may_withdraw_anyones_entry(staff, matter):
    decision = record(staff, matter)
    service_decision_withdraw(acting_user=staff.office, decision=decision, reason="重复登记")
    assert ServiceDecision.objects.get().is_withdrawn
