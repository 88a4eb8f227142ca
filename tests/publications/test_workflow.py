"""The review workflow through its services: transitions, separation of duties, screening, publication."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from gongkai.audit.models import AuditEvent
from gongkai.publications.choices import BreachKind, ReportKind, TaskStatus, Validity
from gongkai.publications.models import InformationItem, TaskState, TimelinessBreach
from gongkai.publications.services.items import item_update
from gongkai.publications.services.numbering import index_number_allocate
from gongkai.publications.services.timeliness import breaches_record_overdue
from gongkai.publications.services.workflow import (
    item_approve,
    item_reevaluate,
    item_repeal,
    item_return,
    item_submit,
    item_withdraw,
)
from gongkai.publications.states import ItemState, TransitionError
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
PUBLISH_DAY = dt.datetime(2026, 10, 9, 10, 0, tzinfo=dt.UTC)


def publish(staff, item, **kwargs):
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item, comment="同意")
    return item_approve(acting_user=staff.approver, item=item, comment="同意发布", **kwargs)


@time_machine.travel(PUBLISH_DAY)
def test_draft_goes_through_review_and_sign_off_to_publication(staff):
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    assert item.state == ItemState.IN_REVIEW
    assert item.current_task.name == "保密审查"
    item_approve(acting_user=staff.reviewer, item=item, comment="无涉密内容")
    assert item.current_task.name == "签发"
    item_approve(acting_user=staff.approver, item=item, comment="同意发布")
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    assert item.is_public
    assert item.index_number == f"{staff.agency.credit_code}/2026-00001"
    assert item.channels == ["website"]
    states = list(TaskState.objects.filter(item=item).values_list("task__name", "status", "acted_by__username"))
    assert states == [("保密审查", TaskStatus.APPROVED, "reviewer1"), ("签发", TaskStatus.APPROVED, "approver1")]
    actions = list(
        AuditEvent.objects.filter(target_id=str(item.pk), action__startswith="item.")
        .values_list("action", flat=True)
        .order_by("id")
    )
    assert actions == ["item.create", "item.submit", "item.approve", "item.publish"]


def test_return_sends_back_to_draft_with_comment_and_resubmission_counts(staff):
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    with pytest.raises(ValidationError, match="修改意见"):
        item_return(acting_user=staff.reviewer, item=item, comment=" ")
    item_return(acting_user=staff.reviewer, item=item, comment="请删除联系人手机号")
    assert item.state == ItemState.DRAFT
    assert TaskState.objects.get(item=item).comment == "请删除联系人手机号"
    item_update(acting_user=staff.officer, item=item, summary="修改后")
    item_submit(acting_user=staff.officer, item=item)
    assert item.submission_no == 2


def test_sign_off_step_can_also_return(staff):
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item)
    item_return(acting_user=staff.approver, item=item, comment="标题不规范")
    assert item.state == ItemState.DRAFT


def test_nobody_approves_their_own_item(staff):
    from gongkai.agencies.roles import Role
    from tests.factories import grant

    grant(staff.officer, staff.agency, Role.REVIEWER)
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    with pytest.raises(PermissionDenied, match="自己起草或提交"):
        item_approve(acting_user=staff.officer, item=item)
    assert item.state == ItemState.IN_REVIEW


def test_submitter_cannot_approve_either(staff):
    from gongkai.agencies.roles import Role
    from tests.factories import grant

    item = staff.draft()
    grant(staff.office, staff.agency, Role.REVIEWER)
    item_submit(acting_user=staff.office, item=item)  # the office submits the officer's draft
    with pytest.raises(PermissionDenied):
        item_approve(acting_user=staff.office, item=item)


def test_one_person_cannot_act_on_two_steps_of_one_submission(staff):
    from gongkai.agencies.roles import Role
    from tests.factories import grant

    grant(staff.reviewer, staff.agency, Role.APPROVER)
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item)
    with pytest.raises(PermissionDenied, match="两个审核环节"):
        item_approve(acting_user=staff.reviewer, item=item)


def test_only_the_task_role_may_act(staff):
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    with pytest.raises(PermissionDenied, match="保密审查"):
        item_approve(acting_user=staff.approver, item=item)
    with pytest.raises(PermissionDenied):
        item_approve(acting_user=staff.officer2, item=item)


def test_refused_transitions_change_nothing(staff):
    item = staff.draft()
    with pytest.raises(TransitionError, match="草稿"):
        item_approve(acting_user=staff.reviewer, item=item)
    with pytest.raises(TransitionError):
        item_withdraw(acting_user=staff.office, item=item, reason="x")
    item_submit(acting_user=staff.officer, item=item)
    with pytest.raises(TransitionError):
        item_submit(acting_user=staff.officer, item=item)
    with pytest.raises(ValidationError, match="只有草稿"):
        item_update(acting_user=staff.officer, item=item, title="改标题")
    assert InformationItem.objects.get(pk=item.pk).title == "关于做好2026年义务教育招生工作的通知"


def test_screening_finding_blocks_publication_until_overridden_with_reason(staff):
    item = staff.draft(body=f"<p>联系人身份证 {valid_id()}</p>")
    item_submit(acting_user=staff.officer, item=item)
    run = item.screening_runs.get()
    finding = run.findings.get()
    assert finding.kind == "id_number"
    assert finding.place == "正文"
    assert valid_id() not in finding.context
    item_approve(acting_user=staff.reviewer, item=item)
    with pytest.raises(ValidationError, match="自动检查发现1处"):
        item_approve(acting_user=staff.approver, item=item)
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW
    item_approve(acting_user=staff.approver, item=item, override_reason="该号码为虚构示例，已核实")
    assert item.state == ItemState.PUBLISHED
    override = AuditEvent.objects.get(action="item.screening_override")
    assert override.after["reason"] == "该号码为虚构示例，已核实"


@time_machine.travel(PUBLISH_DAY)
def test_amending_item_marks_the_old_one_amended_with_link(staff):
    old = staff.draft(report_kind=ReportKind.NORMATIVE, issued_on=dt.date(2026, 9, 30))
    publish(staff, old)
    new = staff.draft(
        title="关于做好2026年义务教育招生工作的通知（修订）",
        amends=old,
        report_kind=ReportKind.NORMATIVE,
        issued_on=dt.date(2026, 10, 9),
        formed_on=dt.date(2026, 10, 9),
    )
    publish(staff, new)
    old.refresh_from_db()
    assert old.validity == Validity.AMENDED
    assert old.replaced_by == new
    assert old.repealed_on == dt.date(2026, 10, 9)
    assert old.is_public, "the amended version stays visible, marked 已修改"
    assert new.index_number.endswith("2026-00002")


def test_repeal_and_withdraw_are_for_the_office(staff):
    item = publish(staff, staff.draft())
    with pytest.raises(PermissionDenied):
        item_repeal(acting_user=staff.officer, item=item, repealed_on=dt.date(2026, 11, 1), reason="x")
    item_repeal(acting_user=staff.office, item=item, repealed_on=dt.date(2026, 11, 1), reason="示教基〔2026〕9号废止")
    assert (item.validity, item.repealed_on) == (Validity.REPEALED, dt.date(2026, 11, 1))
    with pytest.raises(ValidationError, match="已废止"):
        item_repeal(acting_user=staff.office, item=item, repealed_on=dt.date(2026, 11, 2), reason="again")
    item_withdraw(acting_user=staff.office, item=item, reason="误发")
    assert item.state == ItemState.WITHDRAWN
    assert not item.is_public


@time_machine.travel(PUBLISH_DAY)
def test_withheld_item_is_filed_not_published_and_comes_up_for_reevaluation(staff):
    item = staff.draft(attribute="withheld", withholding_ground="process_info")
    publish(staff, item)
    assert item.state == ItemState.FILED
    assert not item.is_public
    assert item.index_number is None
    assert item.reevaluate_on == dt.date(2027, 10, 9)
    item_reevaluate(acting_user=staff.office, item=item, release=True, comment="过程性信息已形成最终结论，可以公开")
    assert item.state == ItemState.DRAFT
    assert item.attribute == "proactive"


def test_withheld_item_needs_its_legal_ground(staff):
    with pytest.raises(ValidationError, match="必须选择依据"):
        staff.draft(attribute="withheld")
    assert not InformationItem.objects.exists()


def test_late_publication_recorded_once_as_breach(staff):
    item = staff.draft(formed_on=dt.date(2026, 9, 1))
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)):
        assert breaches_record_overdue() == 2  # internal limit (20) and statutory 20 are the same here
        assert breaches_record_overdue() == 0
        publish(staff, item)
    kinds = set(TimelinessBreach.objects.filter(item=item).values_list("kind", flat=True))
    assert kinds == {BreachKind.INTERNAL, BreachKind.STATUTORY}
    assert AuditEvent.objects.filter(action="item.deadline_breach").count() == 2


def test_officer_of_another_agency_cannot_draft_here(staff, tree):
    from gongkai.agencies.roles import Role
    from gongkai.publications.services.items import item_create
    from tests.factories import UserFactory, grant

    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICER)
    with pytest.raises(PermissionDenied):
        item_create(
            acting_user=outsider, agency=staff.agency, catalog_node=staff.node, title="x", formed_on=dt.date(2026, 1, 5)
        )


@pytest.mark.django_db(transaction=True)
def test_index_numbers_unique_under_concurrent_publication(tree):
    from gongkai.publications.services.setup import disclosure_setup

    agency = tree["bureau"]
    disclosure_setup(acting_user=None, agency=agency)
    results, errors = [], []

    def worker():
        try:
            for _ in range(5):
                with transaction.atomic():
                    results.append(index_number_allocate(agency=agency, year=2026))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 20
    assert len(set(results)) == 20
    assert max(results).endswith("2026-00020")


def test_three_step_workflow_configured_per_agency(staff):
    from gongkai.audit.services import instance_save
    from gongkai.publications.models import WorkflowTask

    instance_save(
        acting_user=None, instance=WorkflowTask(agency=staff.agency, order=5, name="公开属性审核", role="office")
    )
    signoff = WorkflowTask.objects.get(agency=staff.agency, name="签发")
    signoff.order = 9
    instance_save(acting_user=None, instance=signoff)
    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    item_approve(acting_user=staff.reviewer, item=item)
    assert item.current_task.name == "公开属性审核"
    item_approve(acting_user=staff.office, item=item)
    assert item.current_task.name == "签发"
    item_approve(acting_user=staff.approver, item=item)
    assert item.state == ItemState.PUBLISHED


def test_workflow_step_deactivated_while_an_item_waits_does_not_strand_it(staff):
    from gongkai.audit.services import instance_save
    from gongkai.publications.models import WorkflowTask

    item = staff.draft()
    item_submit(acting_user=staff.officer, item=item)
    first = WorkflowTask.objects.get(agency=staff.agency, name="保密审查")
    first.is_active = False
    instance_save(acting_user=None, instance=first)
    item_approve(acting_user=staff.reviewer, item=item)  # the step it was in still completes
    assert item.current_task.name == "签发"
    item_approve(acting_user=staff.approver, item=item)
    assert item.state == ItemState.PUBLISHED
