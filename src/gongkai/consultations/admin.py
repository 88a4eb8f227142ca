"""Admin for what an agency configures for enquiries (sources with their deadlines, categories, settings),
and a read-only view of enquiries for oversight. Enquiries are handled in the back office, through the
services; admin saves of the reference data go through the audited ``instance_save``.
"""

from django.contrib import admin

from gongkai.agencies.admin import AgencyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.consultations.access import enquiries_visible
from gongkai.consultations.models import Category, ConsultationSettings, Enquiry, EnquiryBreach, EnquiryEvent, Source
from gongkai.privacy.masking import mask, mask_address


@admin.register(Source)
class SourceAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CONSULTATIONS
    list_display = ("name", "agency", "kind", "deadline_workdays", "requires_review", "is_active", "sort_order")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "agency__name")
    list_select_related = ("agency",)
    fields = (
        "agency",
        "name",
        "kind",
        "deadline_workdays",
        "assigner_name",
        "requires_review",
        "is_active",
        "sort_order",
    )


@admin.register(Category)
class CategoryAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CONSULTATIONS
    list_display = ("name", "agency", "is_active", "sort_order")
    list_filter = ("is_active",)
    search_fields = ("name", "agency__name")
    list_select_related = ("agency",)


@admin.register(ConsultationSettings)
class ConsultationSettingsAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_CONSULTATIONS
    list_display = ("agency", "reply_review_required", "due_soon_workdays")
    list_select_related = ("agency",)


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnquiryEventInline(_ReadOnly, admin.TabularInline):
    model = EnquiryEvent
    extra = 0
    fields = ("on", "kind", "text", "recorded_by", "recorded_at")
    readonly_fields = fields


@admin.register(Enquiry)
class EnquiryAdmin(_ReadOnly, AgencyScopedAdmin):
    """Read-only: who sees an enquiry is decided by ``consultations.access`` (contact details masked)."""

    list_display = ("tracking_code", "agency", "source", "subject", "state", "received_on", "due_on", "handler")
    list_filter = ("state", "published", "source__kind", "rating")
    search_fields = ("tracking_code", "subject", "assigner_ref")
    list_select_related = ("agency", "source", "handler")
    date_hierarchy = "received_on"
    inlines = [EnquiryEventInline]
    fields = (
        "tracking_code",
        "agency",
        "source",
        "category",
        "state",
        "subject",
        "question",
        "name",
        "masked_phone",
        "masked_email",
        "masked_address",
        "publish_consent",
        "assigned_by",
        "assigner_ref",
        "assigner_deadline",
        "received_on",
        "due_on",
        "due_basis",
        "department",
        "handler",
        "reply",
        "reviewed_by",
        "reviewed_at",
        "first_replied_on",
        "replied_on",
        "reply_count",
        "closed_on",
        "closing_note",
        "rating",
        "rated_on",
        "rating_comment",
        "reopened_count",
        "published",
        "public_subject",
        "public_question",
        "public_answer",
        "published_at",
        "converted_to_application",
        "converted_from_application",
        "created_by",
        "created_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=enquiries_visible(request.user).values("pk"))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return request.user.is_superuser or enquiries_visible(request.user).filter(pk=obj.pk).exists()

    @admin.display(description="联系电话")
    def masked_phone(self, obj):
        return mask(obj.phone) if obj.phone else "—"

    @admin.display(description="电子邮箱")
    def masked_email(self, obj):
        return mask(obj.email) if obj.email else "—"

    @admin.display(description="通信地址")
    def masked_address(self, obj):
        return mask_address(obj.address) if obj.address else "—"


@admin.register(EnquiryBreach)
class EnquiryBreachAdmin(_ReadOnly, AgencyScopedAdmin):
    agency_field = "enquiry__agency"
    list_display = ("enquiry", "due", "recorded_on")
    list_select_related = ("enquiry",)

    def _agency(self, obj):
        return obj.enquiry.agency
