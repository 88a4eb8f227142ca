from django.contrib import admin

from gongkai.agencies.access import visible_agencies
from gongkai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only view of the audit trail; a user sees the events of the agencies visible to them."""

    list_display = ("occurred_at", "actor_label", "agency", "action", "target_label", "source_ip")
    list_filter = ("action", "occurred_at")
    search_fields = ("actor_label", "target_label", "summary", "action")
    date_hierarchy = "occurred_at"
    list_select_related = ("agency",)
    readonly_fields = [f.name for f in AuditEvent._meta.fields]  # noqa: SLF001

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(agency__in=visible_agencies(request.user))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
