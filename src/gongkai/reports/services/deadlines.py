"""The daily jobs of annual reports (《条例》第四十九条): record each missed date once, and remind the
disclosure office before the supervisor's internal date and the statutory date (and its supervisors once
the statutory date has passed). Idempotent: each breach and each reminder stage is recorded once."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.audit.services import audit_record
from gongkai.mail.services import mail_after_commit
from gongkai.playback import today as playback_today
from gongkai.reports.access import supervising_offices
from gongkai.reports.deadlines import (
    DEFAULT_REMINDER_DAYS,
    Reminder,
    ReporterKind,
    internal_deadline,
    reminders_due,
    statutory_deadline,
)
from gongkai.reports.models import AnnualReport, ReportBreach, ReportReminder, ReportSettings
from gongkai.reports.services.common import office_emails, supervisor_emails

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """One agency's dates for the report of a year."""

    agency: Agency
    year: int
    statutory: dt.date | None
    internal: dt.date | None
    office: Agency | None  # the supervising office
    reminder_days: tuple[int, ...]


def dates_for(agencies: list[Agency], year: int) -> dict[int, Due]:
    """The statutory and internal dates of each agency's report of ``year`` (three queries)."""
    offices = supervising_offices(agencies)
    office_ids = {o for o in offices.values() if o is not None}
    office_agencies = {a.pk: a for a in Agency.objects.filter(pk__in=office_ids)}
    settings = {s.agency_id: s for s in ReportSettings.objects.filter(agency_id__in=office_ids)}
    found = {}
    for agency in agencies:
        office_id = offices.get(agency.pk)
        setting = settings.get(office_id) if office_id is not None else None
        internal = None
        days = DEFAULT_REMINDER_DAYS
        if setting is not None:
            if setting.internal_month and setting.internal_day:
                internal = internal_deadline(year, setting.internal_month, setting.internal_day)
            try:
                days = setting.reminder_day_list() or DEFAULT_REMINDER_DAYS
            except ValueError:
                days = DEFAULT_REMINDER_DAYS
        statutory = statutory_deadline(year, ReporterKind(agency.kind))
        found[agency.pk] = Due(
            agency=agency,
            year=year,
            statutory=statutory,
            internal=internal if statutory is not None else None,
            office=office_agencies.get(office_id) if office_id is not None else None,
            reminder_days=days,
        )
    return found


def _reporting_agencies() -> list[Agency]:
    """Agencies under Art. 49 (governments and departments); institutions report under their own rules."""
    return list(Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.INSTITUTION).order_by("path"))


def _reports(year: int) -> dict[int, AnnualReport]:
    return {
        r.agency_id: r
        for r in AnnualReport.objects.filter(year=year).only("agency_id", "state", "submitted_at", "published_on")
    }


def _record_breach(due: Due, kind: str, on: dt.date, today: dt.date) -> bool:
    if ReportBreach.objects.filter(agency=due.agency, year=due.year, kind=kind).exists():
        return False
    try:
        with transaction.atomic():
            breach = ReportBreach.objects.create(agency=due.agency, year=due.year, kind=kind, due=on, recorded_on=today)
            audit_record(
                acting_user=None,
                action="report.breach",
                target=breach,
                agency=due.agency,
                summary=f"{due.agency.name}{due.year}年度报告{breach.get_kind_display()}（期限{on:%Y-%m-%d}）",
            )
    except IntegrityError:  # recorded concurrently
        return False
    return True


def report_breaches_record(*, today: dt.date | None = None) -> int:
    """Record once each agency that did not submit by the internal date or publish by the statutory date
    of last year's report. Returns how many were recorded."""
    today = today or playback_today()
    year = today.year - 1
    reports = _reports(year)
    recorded = 0
    for due in dates_for(_reporting_agencies(), year).values():
        report = reports.get(due.agency.pk)
        try:
            if due.statutory is not None and today > due.statutory:
                published = report is not None and report.published_on is not None
                if not published or report.published_on > due.statutory:
                    recorded += _record_breach(due, "statutory", due.statutory, today)
            if due.internal is not None and today > due.internal:
                submitted = report is not None and report.submitted_at is not None
                if not submitted or report.submitted_at.date() > due.internal:
                    recorded += _record_breach(due, "internal", due.internal, today)
        except Exception:  # one agency must not stop the others; logged for the operator
            logger.exception("report breach failed for agency %s", due.agency.pk)
    return recorded


def _remind(due: Due, reminder: Reminder, today: dt.date) -> bool:
    kind, on, stage = reminder.kind, reminder.due, reminder.days_before
    if ReportReminder.objects.filter(agency=due.agency, year=due.year, kind=kind, due=on, stage=stage).exists():
        return False
    to = office_emails(due.agency)
    if stage < 0 and kind == "statutory":
        to += supervisor_emails(due.office)
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                agency=due.agency, year=due.year, kind=kind, due=on, stage=stage, sent_on=today
            )
            mail_after_commit(
                to=to,
                subject=f"年度报告期限提醒：{due.agency.name}{due.year}年度报告",
                body=f"{due.agency.name}{due.year}年政府信息公开工作年度报告：{reminder.text}。"
                "请登录政府信息公开平台完成报告的编写、报送和发布（《条例》第四十九条）。",
            )
    except IntegrityError:
        return False
    return True


def report_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind each agency whose report of last year is not yet published: the stages before the internal
    date (until submitted) and the statutory date (until published), on the day, and once overdue."""
    today = today or playback_today()
    year = today.year - 1
    reports = _reports(year)
    sent = 0
    for due in dates_for(_reporting_agencies(), year).values():
        report = reports.get(due.agency.pk)
        if report is not None and report.published_on is not None:
            continue
        submitted = report is not None and report.submitted_at is not None
        try:
            for reminder in reminders_due(
                today,
                internal=None if submitted else due.internal,
                statutory=due.statutory,
                days=due.reminder_days,
            ):
                sent += _remind(due, reminder, today)
        except Exception:  # one agency must not stop the others; logged for the operator
            logger.exception("report reminder failed for agency %s", due.agency.pk)
    return sent
