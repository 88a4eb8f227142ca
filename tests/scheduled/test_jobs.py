import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from gongkai.publications.models import TimelinessBreach
from gongkai.scheduled import jobs
from gongkai.scheduled.jobs import Job, run_daily

pytestmark = pytest.mark.django_db


def test_daily_run_records_an_overdue_draft_once_and_is_safe_to_repeat(staff, capsys):
    item = staff.draft(formed_on=dt.date(2026, 9, 1))
    call_command("daily", "--date", "2026-11-20")
    assert "记录超过公开时限的主动公开信息（条例第二十六条）：2" in capsys.readouterr().out
    call_command("daily", "--date", "2026-11-21")
    assert "：0" in capsys.readouterr().out
    assert TimelinessBreach.objects.filter(item=item).count() == 2


def test_draft_not_yet_due_is_not_a_breach(staff):
    staff.draft(formed_on=dt.date(2026, 9, 30))
    # 20 working days from 30 September 2026 skip the National Day holiday and end on 3 November.
    assert run_daily(today=dt.date(2026, 11, 3))[0].count == 0
    assert run_daily(today=dt.date(2026, 11, 4))[0].count == 2


def test_a_failing_job_is_reported_and_the_others_still_run(staff, monkeypatch):
    broken = Job("broken", "坏任务", "tests.scheduled.test_jobs.explode")
    monkeypatch.setattr(jobs, "DAILY_JOBS", (broken, *jobs.DAILY_JOBS))
    staff.draft(formed_on=dt.date(2026, 9, 1))
    outcomes = run_daily(today=dt.date(2026, 11, 20))
    assert [o.ok for o in outcomes] == [False] + [True] * (len(jobs.DAILY_JOBS) - 1)
    assert "RuntimeError: 磁盘已满" in outcomes[0].error
    assert outcomes[1].count == 2  # the publication breaches: the others had nothing to do
    with pytest.raises(CommandError, match="1个定时任务失败"):
        call_command("daily", "--date", "2026-11-21")


def test_bad_date_is_refused_in_chinese():
    with pytest.raises(CommandError, match="日期格式应为"):
        call_command("daily", "--date", "2026-13-01")


def explode(*, today):
    raise RuntimeError("磁盘已满")


@pytest.mark.django_db
def test_database_statistics_are_refreshed_on_sqlite():
    from django.db import connection

    from gongkai.scheduled.maintenance import database_statistics_update

    refreshed = database_statistics_update(today=dt.date(2026, 1, 5))
    if connection.vendor == "sqlite":
        assert refreshed == 1
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
    else:
        assert refreshed == 0
