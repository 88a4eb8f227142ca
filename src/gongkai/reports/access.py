"""Who may see, write, review and publish annual reports: the one place, built on ``agencies.access``.

* The agency's disclosure office writes its report, submits it and publishes it (``EDIT_REPORTS``).
* The office head, the administrator and supervisors above see it (``VIEW_REPORTS``).
* The *supervising office* of an agency is the nearest agency above it where someone holds the
  supervisor role (the government's 政务公开办); its supervisors accept or return the report
  (``REVIEW_REPORTS`` held there or higher up — never only at the reporting agency itself). An agency
  with no supervising office above it publishes without review.

Missing and forbidden look alike (``Http404``); a service refuses a forbidden write with
``PermissionDenied``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import Action, Role
from gongkai.reports.models import AnnualReport


def _with_supervisor(agency_ids: list[int]) -> set[int]:
    return set(
        Membership.objects.filter(
            agency_id__in=agency_ids, role=Role.SUPERVISOR.value, user__is_active=True, agency__is_active=True
        ).values_list("agency_id", flat=True)
    )


def _nearest(agency: Agency, with_supervisor: set[int]) -> int | None:
    for ancestor_id in reversed(agency.ancestor_ids()):
        if ancestor_id in with_supervisor:
            return ancestor_id
    return None


def supervising_office(agency: Agency) -> Agency | None:
    """The nearest agency above ``agency`` with an active supervisor, or ``None``."""
    ancestors = agency.ancestor_ids()
    if not ancestors:
        return None
    office_id = _nearest(agency, _with_supervisor(ancestors))
    return Agency.objects.filter(pk=office_id).first() if office_id is not None else None


def supervising_offices(agencies: list[Agency]) -> dict[int, int | None]:
    """``supervising_office`` of many agencies in one query: {agency id: office id or None}."""
    ancestors = sorted({a for agency in agencies for a in agency.ancestor_ids()})
    with_supervisor = _with_supervisor(ancestors)
    return {agency.pk: _nearest(agency, with_supervisor) for agency in agencies}


def reports_visible(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency__in=agencies_where(user, Action.VIEW_REPORTS))


def access_report(user, report_id: int) -> AnnualReport:
    """The report if ``user`` may see it, else ``Http404``."""
    report = reports_visible(user).select_related("agency").filter(pk=report_id).first()
    if report is None:
        raise Http404("未找到该年度报告")
    return report


def may_edit(user, agency: Agency) -> bool:
    return can(user, Action.EDIT_REPORTS, agency)


def require_edit(user, agency: Agency) -> None:
    """Services call this first; ``None`` is the system (scheduled jobs, the demo loader)."""
    if user is not None and not may_edit(user, agency):
        raise PermissionDenied("您没有编写、报送或发布该机构年度报告的权限。")


def may_review(user, agency: Agency, office: Agency | None = None) -> bool:
    """Whether ``user`` may accept or return ``agency``'s report: a supervisor at its supervising office
    or above. ``office`` saves the lookup when the caller has it."""
    office = office if office is not None else supervising_office(agency)
    if office is None:
        return False
    return can(user, Action.REVIEW_REPORTS, office)


def require_review(user, agency: Agency, office: Agency | None) -> None:
    if user is not None and not may_review(user, agency, office):
        raise PermissionDenied("您不是该机构的政府信息公开工作主管部门，不能审核其年度报告。")


def agencies_reporting(user) -> QuerySet[Agency]:
    """Agencies whose reports ``user`` may write, in tree order."""
    return agencies_where(user, Action.EDIT_REPORTS).filter(is_active=True).order_by("path")


def agencies_viewed(user) -> QuerySet[Agency]:
    return agencies_where(user, Action.VIEW_REPORTS).filter(is_active=True).order_by("path")


def agencies_supervised(user) -> QuerySet[Agency]:
    """Agencies where ``user`` holds the review action (their own agency and everything below)."""
    return agencies_where(user, Action.REVIEW_REPORTS).filter(is_active=True).order_by("path")
