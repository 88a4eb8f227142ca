from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.workcalendar.forms import DeadlineTrialForm
from gongkai.workcalendar.models import DayOverride, HolidayArrangement
from gongkai.workcalendar.selectors import unconfirmed_years_note, work_calendar
from gongkai.workdays import CalendarRangeError


class PlatformAdminOnly:
    """The calendar is platform-wide: every staff member may read it, only platform admins edit it."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_delete_permission = has_change_permission


class DayOverrideInline(PlatformAdminOnly, admin.TabularInline):
    model = DayOverride
    extra = 3
    fields = ("date", "kind", "name", "source_notice")


@admin.register(HolidayArrangement)
class HolidayArrangementAdmin(PlatformAdminOnly, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("year", "notice_title", "notice_number", "published_on", "is_complete")
    inlines = [DayOverrideInline]
    change_list_template = "admin/workcalendar/holidayarrangement/change_list.html"

    def get_urls(self):
        extra = [path("trial/", self.admin_site.admin_view(self.trial_view), name="workcalendar_trial")]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "unconfirmed_note": unconfirmed_years_note()}
        return super().changelist_view(request, extra_context)

    def trial_view(self, request):
        """试算: staff check what a period gives and how it was computed."""
        form = DeadlineTrialForm(request.GET or None)
        computation = error = None
        if form.is_valid():
            try:
                computation = work_calendar().explain_add_workdays(
                    form.cleaned_data["start"],
                    form.cleaned_data["workdays"],
                )
            except CalendarRangeError as exc:
                error = str(exc)
        context = {
            **self.admin_site.each_context(request),
            "title": "期限试算",
            "form": form,
            "computation": computation,
            "error": error,
            "opts": self.model._meta,  # noqa: SLF001
        }
        return TemplateResponse(request, "admin/workcalendar/trial.html", context)


@admin.register(DayOverride)
class DayOverrideAdmin(PlatformAdminOnly, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "kind", "name", "arrangement", "source_notice")
    list_filter = ("kind", "arrangement")
    date_hierarchy = "date"
