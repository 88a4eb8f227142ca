"""Who may see and do what with applications: the one place, built on ``agencies.access``.

Applicants' personal data is part of the application: whoever may see the application internally sees
it (masked in lists); the public never does.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.inforequests.models import Application


def applications_visible(user) -> QuerySet[Application]:
    """The office (and supervisors, and platform admins) see their agencies' applications; an officer sees
    those assigned to them."""
    managed = agencies_where(user, Action.MANAGE_APPLICATIONS)
    supervised = agencies_where(user, Action.VIEW_AUDIT)
    return Application.objects.filter(
        Q(agency__in=managed) | Q(agency__in=supervised) | Q(handler_id=getattr(user, "pk", None))
    )


def access_application(user, application_id: int) -> Application:
    """The application if ``user`` may see it, else ``Http404`` (missing and forbidden look alike)."""
    application = applications_visible(user).select_related("agency").filter(pk=application_id).first()
    if application is None:
        raise Http404("未找到该申请")
    return application


def require(user, action: Action, agency: Agency) -> None:
    if user is not None and not can(user, action, agency):
        raise PermissionDenied("您没有在该机构办理此事项的权限。")


def may_handle(user, application: Application) -> bool:
    """The office of the agency, or the handler it is assigned to (with the handling role there)."""
    if can(user, Action.MANAGE_APPLICATIONS, application.agency):
        return True
    return application.handler_id == user.pk and can(user, Action.HANDLE_APPLICATIONS, application.agency)


def access_application_or_approval(user, application_id: int) -> tuple[Application, bool]:
    """The application and whether ``user`` sees it in full.

    Those who may see applications (``access_application``) see everything. The head of the disclosure
    office (the approver role, Art. 33) also opens the applications with extension requests at their
    agencies, to decide them; they see the applicant's personal data masked.
    """
    try:
        return access_application(user, application_id), True
    except Http404:
        application = (
            Application.objects.select_related("agency")
            .filter(pk=application_id, extension_requests__isnull=False)
            .distinct()
            .first()
        )
        if application is None or not can(user, Action.APPROVE_EXTENSION, application.agency):
            raise
        return application, False
