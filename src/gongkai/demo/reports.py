"""Demo annual reports: last year's reports of the city bureau and the two district bureaus written,
reviewed by the city's supervisor (示范市政务公开办) and published in January, each step on its own day
through the services staff use (``gongkai.playback.played_at``); the bureau's report of the year before
(entered by hand from the paper register kept before the platform) is published too, so the column has
earlier years and the year-on-year checks (C6, C7, 内容雷同) have something to compare.

Steps that would fall after today are left undone (a demo run in early January shows reports in
progress). Idempotent: agencies that already have last year's report are left as they are.
"""

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.audit.services import instance_save
from gongkai.demo import report_data as data
from gongkai.playback import played_at
from gongkai.reports.models import AnnualReport, ReportSettings
from gongkai.reports.services.editing import report_cells_edit, report_texts_save
from gongkai.reports.services.generation import report_generate
from gongkai.reports.services.statistics import statistics_save
from gongkai.reports.services.workflow import report_accept, report_publish, report_return, report_submit
from gongkai.rules.outcomes import COLUMN_COUNT

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUPERVISOR = "supervisor"


class _Later(Exception):  # noqa: N818 - control flow, not an error
    """The step falls after today: stop the script here."""


def _at(year: int, step: tuple[int, int], today: dt.date):
    day = dt.date(year + 1, 1, step[0])
    if day > today:
        raise _Later
    return played_at(dt.datetime.combine(day, dt.time(step[1]), tzinfo=SHANGHAI))


def _statistics(values: dict[str, tuple[str, str]], year: int) -> dict[str, tuple[str, str]]:
    return {key: (value, source.format(y=year, y1=year + 1)) for key, (value, source) in values.items()}


def _play(script: data.ReportScript, agency: Agency, users: dict[str, User], year: int, today: dt.date) -> None:
    office, supervisor = users[script.office], users[SUPERVISOR]
    steps = script.steps
    with _at(year, steps["statistics"], today):
        statistics_save(acting_user=office, agency=agency, year=year, values=_statistics(script.statistics, year))
    with _at(year, steps["generate"], today):
        report = report_generate(acting_user=office, agency=agency, year=year).report
    with _at(year, steps["texts"], today):
        report_texts_save(
            acting_user=office,
            report=report,
            overview=report.data["sections"]["一"]["text"],
            problems=script.problems,
            other=script.other,
            notes_management=script.notes_management,
            notes_platform=script.notes_platform,
            notes_supervision=script.notes_supervision,
        )
        report.refresh_from_db()
    with _at(year, steps["submit"], today):
        report = report_submit(acting_user=office, report=report, note="请审核。")
    if script.returned_first:
        with _at(year, steps["return"], today):
            report = report_return(acting_user=supervisor, report=report, comment=script.returned_first)
        with _at(year, steps["resubmit"], today):
            report = report_submit(acting_user=office, report=report, note="已按审核意见补充第五部分，表二已核对。")
    with _at(year, steps["accept"], today):
        report = report_accept(acting_user=supervisor, report=report, comment="同意发布。")
    with _at(year, steps["publish"], today):
        report_publish(acting_user=office, report=report)


def _bureau_year_before(agency: Agency, users: dict[str, User], year: int, today: dt.date) -> None:
    """The report of the year before the platform: table 三 typed in from the paper register."""
    office, supervisor = users["office"], users[SUPERVISOR]
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        return
    with _at(year, (6, 10), today):
        statistics_save(acting_user=office, agency=agency, year=year, values=dict(data.BUREAU_2024_STATISTICS))
        report = report_generate(acting_user=office, agency=agency, year=year).report
    with _at(year, (8, 10), today):
        values = {}
        for key, numbers in data.BUREAU_2024_TABLE3.items():
            for column, number in enumerate((*numbers, sum(numbers))):
                values[f"applications/{key}/{column}"] = str(number)
        assert len(numbers) + 1 == COLUMN_COUNT  # noqa: S101 (six applicant columns and 总计)
        report_cells_edit(acting_user=office, report=report, values=values, reason=data.BUREAU_2024_REASON)
        report.refresh_from_db()
        report_texts_save(
            acting_user=office,
            report=report,
            overview=data.BUREAU_2024_OVERVIEW,
            problems=data.BUREAU_2024_PROBLEMS,
            other="",
        )
        report.refresh_from_db()
    with _at(year, (13, 10), today):
        report = report_submit(acting_user=office, report=report)
    with _at(year, (17, 10), today):
        report = report_accept(acting_user=supervisor, report=report)
    with _at(year, (21, 10), today):
        report_publish(acting_user=office, report=report)


def load_reports(
    agencies: dict[str, Agency], users: dict[str, User], *, today: dt.date | None = None
) -> list[AnnualReport]:
    """Returns last year's demo reports (whatever state today allows them to reach)."""
    today = today or timezone.localdate()
    year = today.year - 1
    city = agencies.get("city")
    if city is not None and not ReportSettings.objects.filter(agency=city).exists():
        instance_save(
            acting_user=None,
            instance=ReportSettings(agency=city, internal_month=1, internal_day=20, reminder_days="10,3,1"),
        )
    bureau = agencies.get(data.BUREAU_2024_KEY)
    if bureau is not None and "office" in users and SUPERVISOR in users:
        with contextlib.suppress(_Later):  # only when the demo runs in early January
            _bureau_year_before(bureau, users, year - 1, today)
    for script in data.REPORTS:
        agency = agencies.get(script.key)
        if agency is None or script.office not in users or SUPERVISOR not in users:
            continue
        if AnnualReport.objects.filter(agency=agency, year=year).exists():
            continue
        try:
            _play(script, agency, users, year, today)
        except _Later:
            continue
    return list(AnnualReport.objects.filter(year=year, agency__in=agencies.values()))
