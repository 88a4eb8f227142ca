import re

import pytest
import time_machine
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.keyareas.models import DisclosurePlan, PlanEntry, PlanTask
from gongkai.keyareas.services.plans import plan_install_default
from gongkai.keyareas.services.tasks import plan_tasks_generate
from gongkai.publications.services.setup import disclosure_setup
from tests.keyareas.conftest import PlanDesk, at

pytestmark = pytest.mark.django_db
TODAY = at(2026, 12, 4)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan(tree):
    """The default plan installed today: each entry has its current cycle's task only."""
    desk = PlanDesk(tree)
    plan_install_default(acting_user=None, agency=desk.agency)
    return desk


@pytest.fixture
def plan_since_march(tree):
    """The default plan installed on 1 March 2026 and the daily job run until today: the 2026 tasks exist,
    and those due by now are late (nothing was published)."""
    desk = PlanDesk(tree)
    plan_install_default(acting_user=None, agency=desk.agency, today=at(2026, 3, 1).date())
    plan_tasks_generate()
    return desk


def zoning(year):
    return PlanTask.objects.get(entry__title="招生范围与学区划分", year=year)


def task_element(html, title, year):
    match = re.search(rf'<a [^>]*data-entry="{title}" data-year="{year}" data-standing="(\w+)"', html)
    return match.group(1) if match else None


def test_board_shows_each_task_with_its_standing_as_attribute_and_text(client, plan_since_march):
    plan = plan_since_march
    client.force_login(plan.office)
    response = client.get(reverse("backoffice:plan_board", args=[plan.agency.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert task_element(html, "招生范围与学区划分", 2027) == "upcoming"
    assert task_element(html, "招生范围与学区划分", 2026) == "late"
    assert task_element(html, "学校名录", 2026) == "due"  # 31 December, within the 30-day reminder
    for label in ("已逾期", "即将到期", "未到期"):
        assert label in html
    assert "招生办公室" in html
    assert reverse("backoffice:plan_entry_new", args=[plan.agency.pk]) in html


def test_zoning_task_turns_green_when_the_list_is_published(client, plan_since_march):
    plan = plan_since_march
    plan.publish("2026年学区划分公示（补发）", "XQHF", at(2026, 12, 3))  # fills the open 2026 task (late)
    plan.publish("2027年小学一年级招生范围（学区划分）公示", "XQHF", TODAY)
    client.force_login(plan.officer)
    html = client.get(reverse("backoffice:plan_board", args=[plan.agency.pk])).content.decode()
    assert task_element(html, "招生范围与学区划分", 2026) == "done_late"
    assert task_element(html, "招生范围与学区划分", 2027) == "done"
    assert "2027年小学一年级招生范围" in html


def test_other_agencies_boards_entries_and_tasks_are_404(client, plan, tree):
    disclosure_setup(acting_user=None, agency=tree["west"])
    plan_install_default(acting_user=None, agency=tree["west"])
    entry = PlanEntry.objects.filter(plan__agency=tree["west"]).first()
    task = PlanTask.objects.filter(entry=entry).first()
    client.force_login(plan.office)
    for url in (
        reverse("backoffice:plan_board", args=[tree["west"].pk]),
        reverse("backoffice:plan_entry", args=[entry.pk]),
        reverse("backoffice:plan_task", args=[task.pk]),
    ):
        assert client.get(url).status_code == 404
    url = reverse("backoffice:plan_task_action", args=[task.pk, "uncomplete"])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert client.post(reverse("backoffice:plan_install", args=[tree["west"].pk])).status_code == 404


def test_the_office_installs_the_default_plan_and_an_officer_may_not(client, tree):
    desk = PlanDesk(tree)
    url = reverse("backoffice:plan_install", args=[desk.agency.pk])
    client.force_login(desk.officer)
    assert client.post(url).status_code == 403
    assert not DisclosurePlan.objects.exists()
    client.force_login(desk.office)
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert "已安装默认公开计划，共10个事项" in html
    assert DisclosurePlan.objects.get().entries.count() == 10
    # Installed today with nothing published: the board shows the current tasks, none of them late.
    assert task_element(html, "招生范围与学区划分", 2027) == "upcoming"
    assert task_element(html, "招生范围与学区划分", 2026) is None
    assert 'data-standing="late"' not in html


def test_entry_form_refuses_a_bad_date_and_keeps_what_was_typed(client, plan):
    client.force_login(plan.office)
    url = reverse("backoffice:plan_entry_new", args=[plan.agency.pk])
    data = {
        "title": "课后服务收费公示",
        "catalog_node": plan.node("SFXX").pk,
        "department": "",
        "due_month": 2,
        "due_day": 30,
        "remind_days": "14, 3",
        "keywords": "课后服务",
        "legal_basis": "",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert "2月只有29天" in html
    assert "课后服务收费公示" in html
    assert not PlanEntry.objects.filter(title="课后服务收费公示").exists()
    response = client.post(url, {**data, "remind_days": "14, 0"})
    assert "提醒天数应为1至180之间的整数：0" in response.content.decode()
    response = client.post(url, {**data, "due_day": 28})
    assert response.status_code == 302
    entry = PlanEntry.objects.get(title="课后服务收费公示")
    assert (entry.due_month, entry.due_day, entry.remind_days, entry.keywords) == (2, 28, [14, 3], "课后服务")
    assert entry.tasks.get().year == 2027


def test_officer_sees_the_board_but_cannot_edit_entries(client, plan):
    client.force_login(plan.officer)
    entry = PlanEntry.objects.get(title="招生政策")
    assert client.get(reverse("backoffice:plan_entry", args=[entry.pk])).status_code == 403
    html = client.get(reverse("backoffice:plan_board", args=[plan.agency.pk])).content.decode()
    assert reverse("backoffice:plan_entry", args=[entry.pk]) not in html


def test_deactivate_needs_a_reason(client, plan):
    client.force_login(plan.office)
    entry = PlanEntry.objects.get(title="招生结果")
    url = reverse("backoffice:plan_entry_active", args=[entry.pk])
    assert "停用时必须说明理由" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "改由市教育考试院公开"}).status_code == 302
    entry.refresh_from_db()
    assert not entry.is_active


def test_manual_completion_and_undo_through_the_task_page(client, plan_since_march):
    plan = plan_since_march
    item = plan.imported("东城区2026年学区示意图", "ZSGL", at(2026, 6, 25))
    task = zoning(2026)
    client.force_login(plan.officer)
    page = client.get(reverse("backoffice:plan_task", args=[task.pk])).content.decode()
    assert "东城区2026年学区示意图" in page  # a candidate
    url = reverse("backoffice:plan_task_action", args=[task.pk, "complete"])
    assert client.post(url, {"item": ""}).status_code == 400
    assert client.post(url, {"item": item.pk}).status_code == 302
    task.refresh_from_db()
    assert task.completed_item == item
    assert task.completed_by == plan.officer
    undo = reverse("backoffice:plan_task_action", args=[task.pk, "uncomplete"])
    assert "请填写理由" in client.post(undo, {"reason": ""}).content.decode()
    assert client.post(undo, {"reason": "关联错误"}).status_code == 302
    task.refresh_from_db()
    assert task.is_open
    assert AuditEvent.objects.filter(action="plan_task.uncomplete").count() == 1


def test_reviewer_may_not_complete_tasks(client, plan_since_march):
    plan = plan_since_march
    item = plan.imported("学区示意图", "ZSGL", at(2026, 6, 25))  # the parent column: linked by hand only
    client.force_login(plan.reviewer)
    url = reverse("backoffice:plan_task_action", args=[zoning(2026).pk, "complete"])
    assert client.post(url, {"item": item.pk}).status_code == 403
    assert zoning(2026).is_open


def test_supervisor_rollup_counts_the_agencies_below(client, plan_since_march, tree):
    plan = plan_since_march
    client.force_login(plan.supervisor)
    response = client.get(reverse("backoffice:plan_rollup"))
    html = response.content.decode()
    assert response.status_code == 200
    row = re.search(r'data-agency="测试市东区教育局">(.*?)</tr>', html, re.DOTALL).group(1)
    cells = re.findall(r"<td>(?:<span class=\"late\">)?(\d+)", row)
    # Nothing was published since the plan was made on 1 March: 9 entries count by their late 2026 task,
    # 学校名录 (due 31 December) by its current task, within its reminder window.
    assert cells == ["0", "1", "9", "0"]
    assert "招生政策（2026年）" in row
    assert "学校名录" not in row
    assert 'data-agency="测试市西区教育局">' in html
    assert "未制定计划" in html
    board = client.get(reverse("backoffice:plan_board", args=[plan.agency.pk]))
    assert board.status_code == 200
    assert reverse("backoffice:plan_entry_new", args=[plan.agency.pk]) not in board.content.decode()


def test_rollup_is_for_supervisors_only(client, plan):
    client.force_login(plan.office)
    assert client.get(reverse("backoffice:plan_rollup")).status_code == 403


def test_plan_list_redirects_a_one_agency_user_to_its_board(client, plan):
    client.force_login(plan.office)
    response = client.get(reverse("backoffice:plans"))
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:plan_board", args=[plan.agency.pk])
    client.force_login(plan.supervisor)
    html = client.get(reverse("backoffice:plans")).content.decode()
    assert "测试市东区教育局" in html
    assert "下级机构汇总" in html
