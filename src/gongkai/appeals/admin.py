"""Admin for review and litigation cases: read-only oversight. Cases are registered and handled in the
back office (/office/appeals/) through ``appeals.services``; every permission question goes to
``agencies.access`` (staff see the cases of the agencies where they may view appeals)."""

from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.appeals.models import AppealCase, CaseDocument, CaseReminder


class ReadOnlyAppealAdmin(ReadOnlyScopedAdmin):
    view_action = Action.VIEW_APPEALS
    edit_action = Action.MANAGE_APPEALS


@admin.register(AppealCase)
class AppealCaseAdmin(ReadOnlyAppealAdmin):
    list_display = ("__str__", "agency", "kind", "state", "filed_on", "decided_on", "result")
    list_filter = ("kind", "state", "result")
    search_fields = ("reference", "body_name")
    list_select_related = ("agency",)
    date_hierarchy = "filed_on"
    exclude = ("party_name",)  # a person's name: shown masked
    readonly_fields = ("party_masked",)

    @admin.display(description="申请人或原告")
    def party_masked(self, obj):
        return obj.party_masked


@admin.register(CaseDocument)
class CaseDocumentAdmin(ReadOnlyAppealAdmin):
    agency_field = "case__agency"
    list_display = ("original_name", "case", "kind", "size", "uploaded_at")
    list_filter = ("kind",)
    exclude = ("file",)  # downloaded through the back office, which checks access

    def _agency(self, obj):
        return obj.case.agency


@admin.register(CaseReminder)
class CaseReminderAdmin(ReadOnlyAppealAdmin):
    agency_field = "case__agency"
    list_display = ("case", "kind", "due", "sent_on")
    list_filter = ("kind",)

    def _agency(self, obj):
        return obj.case.agency
