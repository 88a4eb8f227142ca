"""Admin for applications' reference data. Applications themselves are handled in the back office.

Letter templates: staff of an agency's disclosure office see and edit their agencies' templates;
platform administrators also keep platform-wide ones (no agency). Saves go through
``services.letters.letter_template_save``.
"""

from django.contrib import admin

from gongkai.agencies.admin import AgencyScopedAdmin
from gongkai.agencies.roles import Action
from gongkai.inforequests.letters.defaults import default_template
from gongkai.inforequests.letters.kinds import LetterKind
from gongkai.inforequests.models import LetterNumbering, LetterTemplate
from gongkai.inforequests.services.letters import letter_template_save
from gongkai.rules.outcomes import Outcome


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_APPLICATIONS
    list_display = ("title", "agency", "kind", "outcome", "active", "updated_at")
    list_filter = ("kind", "active")
    search_fields = ("title", "agency__name")
    list_select_related = ("agency",)
    audit_exclude_fields = ("updated_by",)

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.agency_id is None:
            return request.user.is_superuser
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.agency_id is None:
            return request.user.is_superuser
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "agency" in form.base_fields:
            form.base_fields["agency"].required = True
        return form

    def get_changeform_initial_data(self, request):
        """``?kind=…&outcome=…`` starts a new template from the built-in text."""
        initial = super().get_changeform_initial_data(request)
        try:
            kind = LetterKind(request.GET.get("kind", ""))
            outcome = Outcome(request.GET["outcome"]) if request.GET.get("outcome") else None
            initial["title"], initial["body"] = default_template(kind, outcome)
        except (ValueError, KeyError):
            pass
        return initial

    def save_instance(self, request, obj):
        letter_template_save(acting_user=request.user, template=obj)


@admin.register(LetterNumbering)
class LetterNumberingAdmin(AgencyScopedAdmin):
    edit_action = Action.MANAGE_APPLICATIONS
    list_display = ("agency", "prefix")
    list_select_related = ("agency",)
