"""Admin for agencies, departments and roles. Every permission question goes to ``agencies.access``."""

from django.contrib import admin
from django.db import models

from gongkai.agencies.access import agencies_where, can, has_any_role, visible_agencies
from gongkai.agencies.models import Agency, Department, Membership, ReadingRoom
from gongkai.agencies.roles import Action
from gongkai.agencies.services import agency_save
from gongkai.audit.admin_mixins import AuditedAdminMixin


class AgencyScopedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Records that belong to one agency: listed when the agency is visible, edited with ``edit_action``."""

    edit_action: Action = Action.EDIT_AGENCY
    agency_field = "agency"

    def _agency(self, obj):
        return getattr(obj, self.agency_field)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.agency_field}__in": visible_agencies(request.user)})

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff and has_any_role(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return can(request.user, Action.VIEW_AGENCY, self._agency(obj))

    def has_add_permission(self, request):
        return agencies_where(request.user, self.edit_action).exists()

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return can(request.user, self.edit_action, self._agency(obj))

    has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.agency_field and not request.user.is_superuser:
            kwargs["queryset"] = agencies_where(request.user, self.edit_action)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyScopedAdmin(AgencyScopedAdmin):
    """Oversight of records written elsewhere (the back office, through services): never added, changed or
    deleted here. With ``view_action`` only the agencies where the user may take it are listed."""

    view_action: Action | None = None

    def get_queryset(self, request):
        if self.view_action is None:
            return super().get_queryset(request)
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.agency_field}__in": agencies_where(request.user, self.view_action)})

    def has_module_permission(self, request):
        if self.view_action is None:
            return super().has_module_permission(request)
        user = request.user
        return user.is_active and user.is_staff and agencies_where(user, self.view_action).exists()

    def has_view_permission(self, request, obj=None):
        if self.view_action is None:
            return super().has_view_permission(request, obj)
        if obj is None:
            return self.has_module_permission(request)
        return can(request.user, self.view_action, self._agency(obj))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadingRoomInline(admin.TabularInline):
    """Reading rooms are part of the agency's guide data: whoever may edit the agency edits them."""

    model = ReadingRoom
    extra = 0

    def has_view_permission(self, request, obj=None):
        return obj is None or can(request.user, Action.VIEW_AGENCY, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and can(request.user, Action.EDIT_AGENCY, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    agency_field = "pk"
    list_display = ("indented_name", "kind", "credit_code", "office_name", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    inlines = [ReadingRoomInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "credit_code", "parent", "sort_order", "is_active")}),
        (
            "信息公开工作机构及联系方式（用于公开指南）",
            {
                "fields": (
                    "office_name",
                    "office_address",
                    "postcode",
                    "office_hours",
                    "phone",
                    "fax",
                    "email",
                    "website",
                ),
            },
        ),
    )

    def _agency(self, obj):
        return obj

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        return qs if request.user.is_superuser else qs.filter(pk__in=visible_agencies(request.user))

    @admin.display(description="机构", ordering="path")
    def indented_name(self, obj):
        return f"{'　' * obj.depth}{obj.name}"

    def get_readonly_fields(self, request, obj=None):
        # Only platform administrators restructure the tree or change identity data.
        if request.user.is_superuser:
            return ()
        return ("name", "kind", "credit_code", "parent", "is_active")

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return agencies_where(request.user, Action.EDIT_AGENCY).exists()
        return can(request.user, Action.EDIT_AGENCY, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # agencies are deactivated, never deleted: their records and audit trail stay

    def save_instance(self, request, obj):
        agency_save(acting_user=request.user, agency=obj)


@admin.register(Department)
class DepartmentAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_DEPARTMENTS
    list_display = ("name", "agency", "kind", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "agency__name")
    list_select_related = ("agency",)


@admin.register(Membership)
class MembershipAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_STAFF
    list_display = ("user", "agency", "role", "department", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name")
    list_select_related = ("user", "agency", "department")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not request.user.is_superuser:
            kwargs["queryset"] = Department.objects.filter(
                agency__in=agencies_where(request.user, self.edit_action),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
