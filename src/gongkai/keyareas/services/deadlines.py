"""The daily jobs of key-area plans (listed in ``scheduled/jobs.py``): remind the responsible department
before a task's due date, each reminder stage once, and record each late task once (with an audit row).
Idempotent: unique constraints and the recorded day make a second run, or catching up, safe."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from gongkai import playback
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import Role
from gongkai.audit.services import audit_record
from gongkai.keyareas import schedule
from gongkai.keyareas.models import PlanReminder, PlanTask
from gongkai.mail.services import mail_after_commit
from gongkai.workdays.explain import chinese_date

logger = logging.getLogger(__name__)

# Roles whose holders in the responsible department are reminded (those who draft and publish items).
_DEPARTMENT_ROLES = (Role.OFFICER, Role.OFFICE)


def recipients_for(task: PlanTask) -> list[str]:
    """The responsible department's staff (information officers and the office); the agency's disclosure
    office when the entry names no department or nobody there has an e-mail address."""
    entry = task.entry
    agency: Agency = entry.plan.agency
    rows = Membership.objects.filter(agency=agency, user__is_active=True).select_related("user")
    if entry.department_id is not None:
        department = {
            m.user.email
            for m in rows.filter(department_id=entry.department_id, role__in=_DEPARTMENT_ROLES)
            if m.user.email
        }
        if department:
            return sorted(department)
    return sorted({m.user.email for m in rows.filter(role=Role.OFFICE) if m.user.email})


def _remind(task: PlanTask, stage: int, today: dt.date) -> bool:
    if PlanReminder.objects.filter(task=task, stage=stage).exists():
        return False
    entry = task.entry
    agency = entry.plan.agency
    to = recipients_for(task)
    left = schedule.due_text(task.due_on, today)
    try:
        with transaction.atomic():
            PlanReminder.objects.create(task=task, stage=stage, sent_on=today, recipients=to)
            mail_after_commit(
                to=to,
                subject=f"公开计划提醒：{agency.name}{entry.title}（{task.year}年）",
                body=f"{agency.name}重点领域公开计划事项“{entry.title}”{task.year}年度应于"
                f"{chinese_date(task.due_on)}前在“{entry.catalog_node.name}”栏目公开（{left}），目前尚未公开。\n"
                f"公开依据：{entry.legal_basis or '本机关公开计划'}\n"
                "请登录政府信息公开平台起草、报审并发布相关信息；信息发布后任务自动完成。",
            )
    except IntegrityError:  # sent concurrently
        return False
    return True


def plan_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind before the due date of each open task of an active entry: the nearest reminder stage whose
    day has arrived, once per stage; none once the task is completed or late. Returns how many were sent."""
    today = today or playback.today()
    horizon = today + dt.timedelta(days=schedule.MAX_REMIND_DAYS)
    tasks = PlanTask.objects.filter(
        completed_on__isnull=True,
        due_on__gte=today,
        due_on__lte=horizon,
        entry__is_active=True,
        entry__plan__agency__is_active=True,
    ).select_related("entry__plan__agency", "entry__catalog_node")
    sent = 0
    for task in tasks.iterator():
        stage = schedule.reminder_stage(task.due_on, today, task.entry.remind_days or [])
        if stage is None:
            continue
        try:
            sent += _remind(task, stage, today)
        except Exception:  # one task must not stop the others; logged for the operator
            logger.exception("plan reminder failed for task %s", task.pk)
    return sent


def plan_lates_record(*, today: dt.date | None = None) -> int:
    """Record once each task whose due date has passed without a publication (or that was completed after
    it): ``late_recorded_on`` and an audit row. Returns how many were recorded."""
    today = today or playback.today()
    candidates = PlanTask.objects.filter(
        Q(completed_on__isnull=True, due_on__lt=today) | Q(completed_on__gt=F("due_on")),
        late_recorded_on__isnull=True,
        entry__is_active=True,
        entry__plan__agency__is_active=True,
    ).select_related("entry__plan__agency")
    recorded = 0
    for task in candidates.iterator():
        with transaction.atomic():
            claimed = PlanTask.objects.filter(pk=task.pk, late_recorded_on__isnull=True).update(late_recorded_on=today)
            if not claimed:  # recorded concurrently
                continue
            audit_record(
                acting_user=None,
                action="plan_task.late",
                target=task,
                agency=task.entry.plan.agency,
                summary=f"年度公开任务逾期：{task.entry.title}（{task.year}年，期限{task.due_on:%Y-%m-%d}）"
                + (f"，{task.completed_on:%Y-%m-%d}完成" if task.completed_on else "，尚未公开"),
                after={"due_on": task.due_on, "completed_on": task.completed_on, "recorded_on": today},
            )
        recorded += 1
    return recorded
