"""Admin for review and litigation cases: read-only oversight. Cases are registered and handled in the
back office (/office/appeals/) through ``appeals.services``; every permission question goes to
``agencies.access`` (staff see the cases of the agencies where they may view appeals)."""

from django.contrib import admin

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.admin import AgencyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.appeals.models import AppealCase, CaseDocument, CaseReminder


class ReadOnlyAppealAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_APPEALS

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.agency_field}__in": agencies_where(request.user, Action.VIEW_APPEALS)})

    def has_module_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and agencies_where(user, Action.VIEW_APPEALS).exists()

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return can(request.user, Action.VIEW_APPEALS, self._agency(obj))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
