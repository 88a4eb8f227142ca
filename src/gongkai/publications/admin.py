"""Admin for the agency-adaptable parts of proactive disclosure: catalog, workflow steps, settings.

Items themselves are handled in the back office (/office/), through the workflow services; the admin
shows them read-only for oversight.
"""

from django.contrib import admin
from django.db import transaction

from gongkai.agencies.access import agencies_where
from gongkai.agencies.admin import AgencyScopedAdmin, ReadOnlyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.publications.models import (
    CatalogNode,
    DisclosureSettings,
    InformationItem,
    TimelinessBreach,
    Topic,
    WorkflowTask,
)
from gongkai.search.services import search_sync_catalog_node


@admin.register(CatalogNode)
class CatalogNodeAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CATALOG
    list_display = ("name", "agency", "parent", "code", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "agency__name")
    list_select_related = ("agency", "parent")

    def save_instance(self, request, obj):
        with transaction.atomic():
            super().save_instance(request, obj)
            search_sync_catalog_node(obj)  # items below show the node's name and filter by its place

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = CatalogNode.objects.filter(
                agency__in=agencies_where(request.user, self.edit_action)
            ).select_related("agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(WorkflowTask)
class WorkflowTaskAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CATALOG
    list_display = ("agency", "order", "name", "role", "is_active")
    list_select_related = ("agency",)


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CATALOG
    list_display = ("agency", "index_template", "own_document_limit", "other_info_limit", "reevaluation_months")
    list_select_related = ("agency",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The national classification: platform administrators maintain it; staff read it."""

    list_display = ("__str__", "sort_order")
    search_fields = ("name",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InformationItem)
class InformationItemAdmin(ReadOnlyScopedAdmin):
    list_display = ("title", "agency", "index_number", "state", "validity", "published_at")
    list_filter = ("state", "validity", "attribute", "report_kind")
    search_fields = ("title", "index_number", "document_number")
    list_select_related = ("agency",)
    date_hierarchy = "published_at"


@admin.register(TimelinessBreach)
class TimelinessBreachAdmin(ReadOnlyScopedAdmin):
    agency_field = "item__agency"
    list_display = ("item", "kind", "due_on", "detected_on")
    list_filter = ("kind",)

    def _agency(self, obj):
        return obj.item.agency
