import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.scheduled.jobs import DAILY_JOBS, run_daily


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from exc


class Command(BaseCommand):
    help = "运行每日定时任务（记录超期等）。请由 cron 或 systemd 定时器每天运行一次；重复运行是安全的。"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="按指定日期运行（默认今天，北京时间）")
        parser.add_argument("--only", choices=[job.name for job in DAILY_JOBS], help="只运行指定任务")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        outcomes = run_daily(today=today, only=options["only"])
        for outcome in outcomes:
            if outcome.ok:
                self.stdout.write(f"{outcome.job.label}：{outcome.count}")
            else:
                self.stderr.write(f"{outcome.job.label}：失败（{outcome.error}）")
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise CommandError(f"{len(failed)}个定时任务失败，详见日志。")
        self.stdout.write(self.style.SUCCESS(f"{today:%Y-%m-%d} 的每日任务已完成。"))
