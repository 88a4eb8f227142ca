import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.keyareas.models import PlanEntry, PlanReminder, PlanTask
from gongkai.keyareas.services.deadlines import plan_lates_record, plan_reminders_send
from gongkai.keyareas.services.plans import plan_entry_update, plan_install_default
from gongkai.keyareas.services.tasks import plan_tasks_generate
from gongkai.scheduled.jobs import DAILY_JOBS, run_daily
from tests.keyareas.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
ZONING = "招生范围与学区划分"


def _install(desk, installed_on):
    """The default plan installed on ``installed_on``, the daily job run until 1 May 2026."""
    plan_install_default(acting_user=None, agency=desk.agency, today=installed_on)
    plan_tasks_generate(today=D(2026, 5, 1))
    # Only the zoning entry reminds, so each test reads one task's mail.
    for entry in PlanEntry.objects.exclude(title=ZONING):
        plan_entry_update(acting_user=None, entry=entry, remind_days=[])
    return desk


@pytest.fixture
def planned(desk):
    """Installed on 1 May 2026: each entry has its current cycle's task only."""
    return _install(desk, D(2026, 5, 1))


@pytest.fixture
def planned_a_year_before(desk):
    """Installed on 1 May 2025: the zoning entry has the task of 2025 too, never published (late)."""
    return _install(desk, D(2025, 5, 1))


def zoning_task(year=2026):
    return PlanTask.objects.get(entry__title=ZONING, year=year)


def send(day, capture):
    with capture(execute=True):
        return plan_reminders_send(today=day)


def test_the_plan_jobs_are_listed_as_daily_jobs():
    names = [job.name for job in DAILY_JOBS]
    assert {"plan_tasks", "plan_reminders", "plan_lates"} <= set(names)
    assert names.index("plan_tasks") < names.index("plan_reminders") < names.index("plan_lates")


def test_reminders_before_the_date_once_per_stage_to_the_responsible_department(
    planned, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert send(D(2026, 5, 30), capture) == 0  # 31 days before
    assert send(D(2026, 5, 31), capture) == 1
    assert send(D(2026, 5, 31), capture) == 0  # the same stage is sent once
    assert send(D(2026, 6, 15), capture) == 0
    assert send(D(2026, 6, 23), capture) == 1
    assert send(D(2026, 6, 30), capture) == 1
    assert send(D(2026, 7, 1), capture) == 0  # late: no more reminders
    assert list(zoning_task().reminders.values_list("stage", flat=True)) == [30, 7, 1]
    assert [m.to for m in mailoutbox] == [["zs@example.gov.cn"]] * 3  # the admissions office's officer
    assert "招生范围与学区划分" in mailoutbox[0].subject
    assert "2026年6月30日前" in mailoutbox[0].body
    assert "还有30天" in mailoutbox[0].body


def test_several_missed_stages_send_only_the_nearest(planned, mailoutbox, django_capture_on_commit_callbacks):
    assert send(D(2026, 6, 29), django_capture_on_commit_callbacks) == 1
    assert list(PlanReminder.objects.values_list("stage", flat=True)) == [1]


def test_no_reminder_after_completion(planned_a_year_before, mailoutbox, django_capture_on_commit_callbacks):
    planned = planned_a_year_before
    # The first publication fills the open task of the cycle before (2025, late), the second this year's.
    assert zoning_task(2025).is_open
    planned.publish("2025年学区划分公示（补发）", "XQHF", at(2026, 6, 1))
    planned.publish("2026年学区划分公示", "XQHF", at(2026, 6, 2))
    assert zoning_task(2025).completed_on == D(2026, 6, 1)
    assert zoning_task().completed_on == D(2026, 6, 2)
    assert send(D(2026, 6, 23), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_the_office_is_reminded_when_no_department_is_named(planned, mailoutbox, django_capture_on_commit_callbacks):
    plan_entry_update(acting_user=None, entry=PlanEntry.objects.get(title=ZONING), department=None)
    send(D(2026, 6, 23), django_capture_on_commit_callbacks)
    assert mailoutbox[0].to == ["gkb@example.gov.cn"]


def test_late_marked_once_with_an_audit_row(planned):
    already = plan_lates_record(today=D(2026, 6, 30))
    # Installed on 1 May with the current cycles only: by 30 June just 招生计划 (due 31 May) is late.
    assert already == PlanTask.objects.filter(due_on__lt=D(2026, 6, 30)).count() == 1
    assert zoning_task().late_recorded_on is None
    assert plan_lates_record(today=D(2026, 7, 1)) == 1
    assert zoning_task().late_recorded_on == D(2026, 7, 1)
    assert plan_lates_record(today=D(2026, 7, 2)) == 0
    events = AuditEvent.objects.filter(action="plan_task.late", target_id=str(zoning_task().pk))
    assert events.count() == 1
    assert "尚未公开" in events.get().summary


def test_a_task_completed_late_is_recorded_late_once(planned_a_year_before):
    planned = planned_a_year_before
    planned.publish("2025年学区划分公示（补发）", "XQHF", at(2026, 6, 1))
    planned.publish("2026年学区划分公示", "XQHF", at(2026, 7, 3))
    assert zoning_task(2025).completed_on == D(2026, 6, 1)
    assert zoning_task().completed_on == D(2026, 7, 3)
    plan_lates_record(today=D(2026, 7, 4))
    assert zoning_task().late_recorded_on == D(2026, 7, 4)
    assert "2026-07-03完成" in AuditEvent.objects.get(action="plan_task.late", target_id=str(zoning_task().pk)).summary


def test_daily_run_generates_reminds_and_records(planned, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = {o.job.name: o.count for o in run_daily(today=D(2026, 7, 1))}
    assert outcomes["plan_tasks"] == 2  # the 2027 tasks of 招生计划 (opened 1 June) and of the zoning
    assert outcomes["plan_reminders"] == 0
    assert outcomes["plan_lates"] >= 1
    assert zoning_task(2027).due_on == D(2027, 6, 30)
