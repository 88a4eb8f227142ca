"""Admin for annual reports: the supervising office's report settings (internal date, reminders) are
edited here by its supervisors, audited; reports, statistics, review rounds, reminders and breaches are
read-only oversight (they are written in the back office, /office/reports/, through ``reports.services``).
Every permission question goes to ``agencies.access``."""

from django.contrib import admin

from gongkai.agencies.admin import AgencyScopedAdmin, ReadOnlyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.reports.models import AnnualReport, ReportBreach, ReportReview, ReportSettings, StatisticEntry


@admin.register(ReportSettings)
class ReportSettingsAdmin(AgencyScopedAdmin):
    """A supervising office sets the date by which the agencies below submit their reports."""

    edit_action = Action.REVIEW_REPORTS
    list_display = ("agency", "internal_month", "internal_day", "reminder_days")


class ReadOnlyReportAdmin(ReadOnlyScopedAdmin):
    view_action = Action.VIEW_REPORTS


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyReportAdmin):
    list_display = ("__str__", "year", "format", "state", "published_on", "error_count", "warning_count")
    list_filter = ("year", "state", "format")
    search_fields = ("agency__name",)
    list_select_related = ("agency",)
    exclude = ("data", "computed", "findings", "record_findings")


@admin.register(ReportReview)
class ReportReviewAdmin(ReadOnlyReportAdmin):
    agency_field = "report__agency"
    list_display = ("report", "round", "reviewer_agency", "submitted_at", "decision", "decided_at")
    list_filter = ("decision",)


@admin.register(StatisticEntry)
class StatisticEntryAdmin(ReadOnlyReportAdmin):
    list_display = ("agency", "year", "key", "value", "source", "updated_at")
    list_filter = ("year",)


@admin.register(ReportBreach)
class ReportBreachAdmin(ReadOnlyReportAdmin):
    list_display = ("agency", "year", "kind", "due", "recorded_on")
    list_filter = ("year", "kind")
