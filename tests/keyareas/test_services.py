import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Department
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import instance_save
from gongkai.keyareas.defaults import EDUCATION_BUREAU_PLAN
from gongkai.keyareas.models import DisclosurePlan, PlanEntry, PlanTask
from gongkai.keyareas.schedule import Standing
from gongkai.keyareas.selectors import plan_board
from gongkai.keyareas.services.deadlines import plan_lates_record
from gongkai.keyareas.services.plans import (
    plan_entry_create,
    plan_entry_set_active,
    plan_entry_update,
    plan_install_default,
)
from gongkai.keyareas.services.tasks import plan_task_complete, plan_task_uncomplete, plan_tasks_generate
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.imports import item_import_published
from gongkai.publications.services.setup import disclosure_setup
from gongkai.publications.services.workflow import item_withdraw
from tests.keyareas.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 4)


def install(desk, today=TODAY):
    return plan_install_default(acting_user=desk.office, agency=desk.agency, today=today)


def install_on(desk, day):
    """The default plan installed on an earlier (played) ``day``, then the daily job run until TODAY: every
    cycle since that day has its task, as on a platform in use that long."""
    plan = install(desk, today=day)
    plan_tasks_generate(today=TODAY)
    return plan


def task(desk, title, year):
    return PlanTask.objects.get(entry__plan__agency=desk.agency, entry__title=title, year=year)


def test_install_creates_the_default_entries_in_their_columns_with_the_current_task(desk):
    plan = install(desk)
    entries = list(plan.entries.order_by("sort_order"))
    assert [e.title for e in entries] == [s.title for s in EDUCATION_BUREAU_PLAN]
    zoning = plan.entries.get(title="招生范围与学区划分")
    assert zoning.catalog_node == desk.node("XQHF")
    assert zoning.department == desk.admissions
    assert (zoning.due_month, zoning.due_day, zoning.remind_days) == (6, 30, [30, 7, 1])
    assert plan.entries.get(title="部门预算").department == desk.finance
    # Nothing was published in its column: the entry starts today, with the current cycle's task only.
    assert zoning.starts_on == TODAY
    assert list(zoning.tasks.order_by("year").values_list("year", "opened_on", "due_on")) == [
        (2027, D(2026, 7, 1), D(2027, 6, 30)),
    ]
    # 学校名录 is due on 31 December: on 4 December its current cycle is still 2026.
    school_list = plan.entries.get(title="学校名录")
    assert list(school_list.tasks.values_list("year", flat=True).order_by("year")) == [2026]


@pytest.mark.parametrize("today", [TODAY, D(2026, 7, 1)], ids=["december", "the-day-after-the-zoning-date"])
def test_install_on_a_day_nothing_was_published_creates_only_the_current_tasks_and_none_is_late(desk, today):
    install(desk, today=today)
    entries = list(PlanEntry.objects.filter(plan__agency=desk.agency))
    assert len(entries) == len(EDUCATION_BUREAU_PLAN)
    for entry in entries:
        assert entry.starts_on == today
        assert list(entry.tasks.values_list("year", flat=True)) == [entry.current_year(today)]
    # Last cycle's obligations, from before the plan existed, are not shown as 已逾期 nor recorded late.
    tasks = PlanTask.objects.filter(entry__plan__agency=desk.agency)
    assert all(t.is_open and t.due_on >= today for t in tasks)
    assert Standing.LATE not in {t.standing_on(today) for t in tasks}
    board = plan_board(desk.agency, today=today)
    assert all(not row.history for row in board.rows)
    assert board.counts["late"] == 0
    assert plan_lates_record(today=today) == 0


def test_install_after_a_matching_publication_in_the_previous_cycle_creates_that_task_completed_by_it(desk):
    zoning_list = desk.imported("2026年学区划分公示", "XQHF", at(2026, 6, 20))  # before the 30 June date
    accounts = desk.imported("示范区教育局2025年部门决算", "CWXX", at(2026, 9, 10))  # after the 31 August date
    desk.imported("2025年招生录取结果", "ZSJG", at(2025, 9, 20))  # before 招生结果's previous cycle opened
    install(desk)
    # The zoning list was published on time: the previous cycle's task is history, done.
    zoning = PlanEntry.objects.get(title="招生范围与学区划分")
    assert zoning.starts_on == D(2025, 7, 1)
    done = task(desk, "招生范围与学区划分", 2026)
    assert (done.completed_item, done.completed_on, done.completed_by) == (zoning_list, D(2026, 6, 20), None)
    assert done.standing_on(TODAY) is Standing.DONE
    assert task(desk, "招生范围与学区划分", 2027).standing_on(TODAY) is Standing.UPCOMING
    # The 决算 came after its date: the previous cycle's task is done late, the current one still open.
    final = PlanEntry.objects.get(title="部门决算")
    assert final.starts_on == D(2025, 9, 1)
    late = task(desk, "部门决算", 2026)
    assert (late.completed_item, late.completed_on) == (accounts, D(2026, 9, 10))
    assert late.standing_on(TODAY) is Standing.DONE_LATE
    assert task(desk, "部门决算", 2027).is_open
    # The 决算 does not match the 预算's keywords, and the 招生结果 list is older than the previous cycle:
    # both entries start today with the current task only.
    for title in ("部门预算", "招生结果"):
        entry = PlanEntry.objects.get(title=title)
        assert entry.starts_on == TODAY
        assert list(entry.tasks.values_list("year", flat=True)) == [2027]
    assert Standing.LATE not in {t.standing_on(TODAY) for t in PlanTask.objects.all()}


def test_install_is_idempotent(desk):
    install(desk)
    counts = (PlanEntry.objects.count(), PlanTask.objects.count(), AuditEvent.objects.count())
    install(desk, today=D(2026, 12, 5))
    assert (PlanEntry.objects.count(), PlanTask.objects.count(), AuditEvent.objects.count()) == counts
    assert DisclosurePlan.objects.count() == 1


def test_install_creates_missing_columns_under_their_parents(tree):
    agency = tree["west"]  # an agency whose catalog predates the 招生 and 学校名录 columns
    legal = instance_save(acting_user=None, instance=CatalogNode(agency=agency, name="法定主动公开内容", code="FD"))
    plan_install_default(acting_user=None, agency=agency, today=TODAY)
    zoning = CatalogNode.objects.get(agency=agency, code="XQHF")
    assert zoning.name == "招生范围与学区划分"
    assert zoning.parent.code == "ZSGL"
    assert zoning.parent.parent == legal
    assert CatalogNode.objects.get(agency=agency, code="XXML").parent.code == "JYGK"
    assert CatalogNode.objects.filter(agency=agency, code="CWXX").count() == 1  # both 预算 and 决算 share it
    # 法定主动公开内容 (above) and the 11 columns the plan needs: 招生管理 and its four, 教育概况 and
    # 学校名录, 统计信息, 财务信息, 收费信息, 学生资助
    assert AuditEvent.objects.filter(action="catalognode.create", agency=agency).count() == 12


def test_install_backfills_completion_from_items_already_published(desk):
    desk.imported("2026年小学一年级招生范围（学区划分）公示", "XQHF", at(2026, 6, 20))
    desk.imported("关于做好2026年义务教育学校招生入学工作的通知", "ZSGL", at(2026, 4, 1))  # the parent column
    install(desk)
    zoning = task(desk, "招生范围与学区划分", 2026)
    assert zoning.completed_on == D(2026, 6, 20)
    assert zoning.completed_by is None  # automatic
    assert zoning.standing_on(TODAY) is Standing.DONE
    assert task(desk, "招生范围与学区划分", 2027).standing_on(TODAY) is Standing.UPCOMING
    # The notice in the parent column is not 招生政策's publication: that entry starts today, without the
    # previous cycle's task, and its current one stays open.
    policy = PlanEntry.objects.get(title="招生政策")
    assert policy.starts_on == TODAY
    assert [(t.year, t.standing_on(TODAY)) for t in policy.tasks.all()] == [(2027, Standing.UPCOMING)]


def test_generation_across_years_with_played_dates(desk):
    install(desk)
    assert plan_tasks_generate(today=D(2026, 12, 31)) == 0
    # 1 January 2027: the entry due on 31 December gets its 2027 task.
    assert plan_tasks_generate(today=D(2027, 1, 1)) == 1
    # A missed half year is caught up: every entry whose due date passed gets next year's task.
    assert plan_tasks_generate(today=D(2027, 11, 1)) == 9
    assert plan_tasks_generate(today=D(2027, 11, 1)) == 0
    years = PlanTask.objects.filter(entry__title="招生范围与学区划分").order_by("year")
    assert list(years.values_list("year", "due_on")) == [
        (2027, D(2027, 6, 30)),
        (2028, D(2028, 6, 30)),
    ]


def test_deactivated_entry_gets_no_new_tasks_and_reactivated_starts_with_the_current_cycle(desk):
    install(desk)
    entry = PlanEntry.objects.get(title="招生结果")
    with pytest.raises(ValidationError, match="停用时必须说明理由"):
        plan_entry_set_active(acting_user=desk.office, entry=entry, active=False)
    with time_machine.travel(at(2026, 12, 5), tick=False):
        plan_entry_set_active(acting_user=desk.office, entry=entry, active=False, reason="由考试院公开")
    assert plan_tasks_generate(today=D(2028, 10, 1)) > 0
    assert set(entry.tasks.values_list("year", flat=True)) == {2027}
    with time_machine.travel(at(2028, 10, 2), tick=False):
        plan_entry_set_active(acting_user=desk.office, entry=entry, active=True)
    assert set(entry.tasks.values_list("year", flat=True)) == {2027, 2029}


def test_late_list_published_in_july_fills_the_previous_task_late(desk):
    install(desk, today=D(2026, 6, 1))
    item = desk.publish("2026年小学一年级招生范围（学区划分）公示", "XQHF", at(2026, 7, 15))
    late = task(desk, "招生范围与学区划分", 2026)
    assert late.completed_item == item
    assert late.completed_on == D(2026, 7, 15)
    assert late.standing_on(D(2026, 12, 4)) is Standing.DONE_LATE
    assert task(desk, "招生范围与学区划分", 2027).completed_item is None
    assert AuditEvent.objects.filter(action="plan_task.complete", target_id=str(late.pk)).count() == 1


def test_list_published_after_the_task_was_done_fills_the_next_year(desk):
    desk.imported("2026年学区划分公示", "XQHF", at(2026, 6, 20))
    install(desk)
    item = desk.publish("2027年学区划分（调整）公示", "XQHF", at(2026, 12, 4))
    current = task(desk, "招生范围与学区划分", 2027)
    assert current.completed_item == item
    assert current.standing_on(D(2026, 12, 4)) is Standing.DONE


def test_publication_in_a_column_below_the_entry_counts(desk):
    plan_entry_create(
        acting_user=desk.office,
        agency=desk.agency,
        today=D(2026, 12, 4),
        title="招生“六公开”",
        catalog_node=desk.node("ZSGL"),
        due_month=6,
        due_day=30,
        remind_days=[7],
    )
    desk.publish("2027年初中招生计划", "ZSJH", at(2026, 12, 4))
    assert task(desk, "招生“六公开”", 2027).completed_on == D(2026, 12, 4)


def test_keywords_keep_budget_and_final_accounts_apart(desk):
    install_on(desk, D(2026, 3, 1))  # the plan dates from 1 March: the 2026 预算 and 决算 tasks exist, open
    desk.publish("示范区教育局2025年部门决算", "CWXX", at(2026, 12, 4))
    # The 决算 was due on 31 August: the open 2026 task is filled (late); the 预算 tasks stay open.
    assert task(desk, "部门决算", 2026).completed_on == D(2026, 12, 4)
    assert task(desk, "部门决算", 2026).standing_on(TODAY) is Standing.DONE_LATE
    assert task(desk, "部门决算", 2027).is_open
    assert task(desk, "部门预算", 2026).is_open
    assert task(desk, "部门预算", 2027).is_open


def test_items_of_other_columns_agencies_or_withheld_do_not_complete(desk):
    install(desk)
    desk.publish("2027年学校名录", "JYGK", at(2026, 12, 4))  # the parent of 学校名录, not the column itself
    assert task(desk, "学校名录", 2026).is_open


def test_withdrawing_the_completing_item_reopens_the_task(desk):
    install(desk)
    item = desk.publish("2027年学区划分公示", "XQHF", at(2026, 12, 4))
    completed = task(desk, "招生范围与学区划分", 2027)
    assert completed.completed_item == item
    assert completed.standing_on(TODAY) is Standing.DONE
    item_withdraw(acting_user=desk.office, item=item, reason="附件有误")
    completed.refresh_from_db()
    assert completed.is_open
    assert AuditEvent.objects.filter(action="plan_task.reopen", target_id=str(completed.pk)).exists()


def test_manual_completion_links_a_published_item_and_undo_reopens(desk):
    install_on(desk, D(2026, 6, 1))  # the 2026 zoning task exists
    item = desk.imported("东城区学区示意图", "ZSGL", at(2026, 6, 25))
    zoning = task(desk, "招生范围与学区划分", 2026)
    plan_task_complete(acting_user=desk.officer, task=zoning, item=item)
    zoning.refresh_from_db()
    assert (zoning.completed_item, zoning.completed_by, zoning.completed_on) == (item, desk.officer, D(2026, 6, 25))
    with pytest.raises(ValidationError, match="撤销完成时必须说明理由"):
        plan_task_uncomplete(acting_user=desk.officer, task=zoning, reason=" ")
    plan_task_uncomplete(acting_user=desk.officer, task=zoning, reason="关联错了")
    zoning.refresh_from_db()
    assert zoning.is_open
    assert AuditEvent.objects.filter(action="plan_task.uncomplete", after__reason="关联错了").exists()


def test_manual_completion_errors_change_nothing(desk, tree):
    install_on(desk, D(2026, 6, 1))  # the 2026 zoning task exists
    zoning = task(desk, "招生范围与学区划分", 2026)
    draft = desk.draft("学区划分（草稿）", "XQHF", D(2026, 6, 1))
    old = desk.imported("2024年学区划分", "XQHF", at(2024, 6, 20))
    disclosure_setup(acting_user=None, agency=tree["west"])
    elsewhere = item_import_published(
        acting_user=None,
        created_by=desk.officer,
        agency=tree["west"],
        published_at=at(2026, 6, 1),
        catalog_node=CatalogNode.objects.get(agency=tree["west"], code="XQHF"),
        title="学区划分",
        summary="按要求公开。",
        formed_on=D(2026, 6, 1),
    )
    events = AuditEvent.objects.count()
    for item, message in [
        (draft, "只能关联已发布的主动公开信息"),
        (old, "不在本任务可计入的期间（2025年7月1日至2027年6月30日）内"),
        (elsewhere, "只能关联本机构发布的信息"),
    ]:
        with pytest.raises(ValidationError, match=message):
            plan_task_complete(acting_user=desk.office, task=zoning, item=item)
    with pytest.raises(PermissionDenied):
        plan_task_complete(acting_user=desk.reviewer, task=zoning, item=old)
    zoning.refresh_from_db()
    assert zoning.is_open
    assert AuditEvent.objects.count() == events


def test_one_item_completes_one_task_of_an_entry(desk):
    install_on(desk, D(2026, 6, 1))  # the 2026 zoning task exists
    # Countable for 2026 or 2027; in the parent column, so linked by hand only (not on publication).
    item = desk.imported("2026年学区划分（补充）", "ZSGL", at(2026, 7, 15))
    plan_task_complete(acting_user=desk.office, task=task(desk, "招生范围与学区划分", 2026), item=item)
    with pytest.raises(ValidationError, match="已完成本事项2026年的任务"):
        plan_task_complete(acting_user=desk.office, task=task(desk, "招生范围与学区划分", 2027), item=item)


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"due_month": 4, "due_day": 31}, "due_day", "4月只有30天"),
        ({"due_month": 13, "due_day": 1}, "due_day", "月份应为1至12"),
        ({"remind_days": [0, 7]}, "remind_days", "提醒天数应为1至180之间的整数：0"),
        ({"remind_days": [200]}, "remind_days", "提醒天数应为1至180之间的整数：200"),
        ({"title": ""}, "title", "此字段不能为空"),
        ({"starts_on": D(2024, 1, 1)}, "starts_on", "开始日期最早为2025年7月1日"),
    ],
)
def test_entry_validation_errors_change_nothing(desk, fields, key, message):
    values = {"title": "课后服务收费", "catalog_node": desk.node("SFXX"), "due_month": 6, "due_day": 30, **fields}
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        plan_entry_create(acting_user=desk.office, agency=desk.agency, today=TODAY, **values)
    assert message in " ".join(caught.value.message_dict[key])
    assert not DisclosurePlan.objects.exists()
    assert not PlanEntry.objects.exists()
    assert AuditEvent.objects.count() == events


def test_entry_column_and_department_must_belong_to_the_agency(desk, tree):
    disclosure_setup(acting_user=None, agency=tree["west"])
    other_node = CatalogNode.objects.get(agency=tree["west"], code="XQHF")
    with pytest.raises(ValidationError) as caught:
        plan_entry_create(
            acting_user=desk.office,
            agency=desk.agency,
            today=TODAY,
            title="学区划分",
            catalog_node=other_node,
            department=desk.admissions,
            due_month=6,
            due_day=30,
        )
    assert caught.value.message_dict["catalog_node"] == ["所选目录栏目不属于本机构。"]
    install(desk)
    entry = PlanEntry.objects.get(title="招生结果")
    foreign = Department.objects.create(agency=tree["west"], name="西区招生办")
    with pytest.raises(ValidationError) as caught:
        plan_entry_update(acting_user=desk.office, entry=entry, department=foreign)
    assert caught.value.message_dict["department"] == ["所选内设机构不属于本机构。"]
    with pytest.raises(ValidationError, match="计划中已有“招生政策”事项"):
        plan_entry_update(acting_user=desk.office, entry=entry, title="招生政策")
    entry.refresh_from_db()
    assert entry.department == desk.admissions


def test_only_the_office_or_administrator_changes_the_plan(desk):
    with pytest.raises(PermissionDenied, match="修改该机构重点领域公开计划的权限"):
        plan_install_default(acting_user=desk.officer, agency=desk.agency, today=TODAY)
    with pytest.raises(PermissionDenied):
        plan_install_default(acting_user=desk.supervisor, agency=desk.agency, today=TODAY)
    assert not DisclosurePlan.objects.exists()


def test_new_due_date_moves_the_open_tasks_only(desk):
    desk.imported("2026年学区划分", "XQHF", at(2026, 6, 20))
    install(desk)
    entry = PlanEntry.objects.get(title="招生范围与学区划分")
    plan_entry_update(acting_user=desk.office, entry=entry, due_month=7, due_day=15)
    assert task(desk, "招生范围与学区划分", 2026).due_on == D(2026, 6, 30)  # completed: its date is history
    moved = task(desk, "招生范围与学区划分", 2027)
    assert (moved.opened_on, moved.due_on) == (D(2026, 7, 16), D(2027, 7, 15))
