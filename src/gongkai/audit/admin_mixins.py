"""Admin integration: admin saves and deletes go through audited services.

The admin's change views already run in ``transaction.atomic``; ``save_instance`` defaults to the
generic ``instance_save`` service and apps with their own services override it.
"""

from gongkai.audit.services import instance_delete, instance_save


class AuditedAdminMixin:
    audit_exclude_fields: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        self.save_instance(request, obj)

    def save_instance(self, request, obj):
        instance_save(acting_user=request.user, instance=obj, exclude=self.audit_exclude_fields)

    def delete_model(self, request, obj):
        instance_delete(acting_user=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            instance_delete(acting_user=request.user, instance=obj)
        for obj in instances:
            instance_save(acting_user=request.user, instance=obj)
        formset.save_m2m()
