"""The daily jobs, as data: each names a function ``(today) -> int`` (how many records it changed).

Run them once a day with ``gongkai daily`` from cron or a systemd timer (see README); each job is
idempotent, so running it twice the same day, or catching up after a missed day, is safe. Each job
writes its own audit events through the services it calls.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    function: str  # dotted path of a callable taking ``today`` and returning a count


DAILY_JOBS: tuple[Job, ...] = (
    Job(
        "publication_breaches",
        "记录超过公开时限的主动公开信息（条例第二十六条）",
        "gongkai.publications.services.timeliness.breaches_record_overdue",
    ),
    Job(
        "application_abandonment",
        "逾期不补正、逾期未缴费的申请视为放弃（条例第三十条、国办函〔2020〕109号）",
        "gongkai.inforequests.services.deadlines.applications_abandon_due",
    ),
    Job(
        "application_breaches",
        "记录超过答复期限、补正告知期限的申请（条例第三十条、第三十三条）",
        "gongkai.inforequests.services.deadlines.application_breaches_record",
    ),
    Job(
        "application_reminders",
        "向承办人发送期限提醒邮件",
        "gongkai.inforequests.services.deadlines.reminders_send",
    ),
    Job(
        "enquiry_breaches",
        "记录超过办理期限的咨询（局长信箱、热线、交办件等）",
        "gongkai.consultations.services.deadlines.enquiry_breaches_record",
    ),
    Job(
        "enquiry_reminders",
        "向咨询承办人发送办理期限提醒邮件",
        "gongkai.consultations.services.deadlines.enquiry_reminders_send",
    ),
    Job(
        "appeal_reminders",
        "行政复议答复、行政诉讼答辩期限和听证、开庭提醒（行政复议法第四十八条、行政诉讼法第六十七条）",
        "gongkai.appeals.services.reminders.appeal_reminders_send",
    ),
    Job(
        "report_breaches",
        "记录未按期报送、公布上一年度政府信息公开工作年度报告的机构（条例第四十九条）",
        "gongkai.reports.services.deadlines.report_breaches_record",
    ),
    Job(
        "report_reminders",
        "年度报告内部报送期限和法定公布期限提醒",
        "gongkai.reports.services.deadlines.report_reminders_send",
    ),
    Job(
        "plan_tasks",
        "生成重点领域公开计划的年度任务",
        "gongkai.keyareas.services.tasks.plan_tasks_generate",
    ),
    Job(
        "plan_reminders",
        "重点领域公开计划到期前提醒责任内设机构",
        "gongkai.keyareas.services.deadlines.plan_reminders_send",
    ),
    Job(
        "plan_lates",
        "记录逾期未公开的重点领域公开计划任务",
        "gongkai.keyareas.services.deadlines.plan_lates_record",
    ),
    Job(
        "database_statistics",
        "更新数据库查询统计信息（SQLite；年度报告等跨年度统计依赖它选用索引）",
        "gongkai.scheduled.maintenance.database_statistics_update",
    ),
)


@dataclass(frozen=True)
class JobOutcome:
    job: Job
    count: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def run_daily(*, today: dt.date, only: str | None = None) -> list[JobOutcome]:
    """Run every daily job (or the one named ``only``); a failing job is reported, the others still run."""
    outcomes = []
    for job in DAILY_JOBS:
        if only and job.name != only:
            continue
        function = import_string(job.function)
        try:
            count = function(today=today)
        except Exception as exc:
            logger.exception("daily job %s failed", job.name)
            outcomes.append(JobOutcome(job, None, f"{type(exc).__name__}: {exc}"))
        else:
            outcomes.append(JobOutcome(job, count))
    return outcomes
