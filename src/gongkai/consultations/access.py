"""Who may see and do what with enquiries: the one place, built on ``agencies.access``.

- the office (``MANAGE_CONSULTATIONS``) registers, assigns, publishes, reopens, converts and sees all
  enquiries of its agencies; supervisors (``VIEW_AUDIT``) see them;
- a handler (``HANDLE_CONSULTATIONS``) sees and answers the enquiries assigned to them;
- reviewers (``REVIEW_CONSULTATION_REPLIES``) see the replies awaiting review at their agencies (and
  those they reviewed), never approving a draft of their own.

Contact details are part of the enquiry: whoever sees it internally sees them (masked in lists); the
public sees only the published, cleaned question and answer.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.consultations.models import Enquiry
from gongkai.consultations.states import EnquiryState

_IN_REVIEW = [EnquiryState.IN_REVIEW.value, EnquiryState.APPROVED.value]


def enquiries_visible(user) -> QuerySet[Enquiry]:
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    supervised = agencies_where(user, Action.VIEW_AUDIT)
    reviewing = agencies_where(user, Action.REVIEW_CONSULTATION_REPLIES)
    pk = getattr(user, "pk", None)
    return Enquiry.objects.filter(
        Q(agency__in=managed)
        | Q(agency__in=supervised)
        | Q(handler_id=pk, agency__in=agencies_where(user, Action.HANDLE_CONSULTATIONS))
        | Q(agency__in=reviewing, state__in=_IN_REVIEW)
        | Q(reviewed_by_id=pk)
    )


def access_enquiry(user, enquiry_id: int) -> Enquiry:
    """The enquiry if ``user`` may see it, else ``Http404`` (missing and forbidden look alike)."""
    enquiry = enquiries_visible(user).select_related("agency", "source", "category").filter(pk=enquiry_id).first()
    if enquiry is None:
        raise Http404("未找到该咨询")
    return enquiry


def require(user, action: Action, agency: Agency) -> None:
    """``PermissionDenied`` unless ``user`` may ``action`` at ``agency`` (``None`` = the system may)."""
    if user is not None and not can(user, action, agency):
        raise PermissionDenied("您没有在该机构办理此事项的权限。")


def may_manage(user, enquiry: Enquiry) -> bool:
    return user is None or can(user, Action.MANAGE_CONSULTATIONS, enquiry.agency)


def may_handle(user, enquiry: Enquiry) -> bool:
    """The office of the agency, or the handler it is assigned to (with the handling role there)."""
    if may_manage(user, enquiry):
        return True
    return enquiry.handler_id == user.pk and can(user, Action.HANDLE_CONSULTATIONS, enquiry.agency)


def require_handle(user, enquiry: Enquiry) -> None:
    if not may_handle(user, enquiry):
        raise PermissionDenied("您没有办理该咨询的权限。")


def is_reply_author(user, enquiry: Enquiry) -> bool:
    """Whoever last wrote the draft or submitted it for review: they never review it."""
    pk = getattr(user, "pk", None)
    return pk is not None and pk in {enquiry.reply_drafted_by_id, enquiry.review_requested_by_id}


def may_review(user, enquiry: Enquiry) -> bool:
    """A reviewer or approver of the agency who did not write or submit the draft."""
    return (
        user is not None
        and can(user, Action.REVIEW_CONSULTATION_REPLIES, enquiry.agency)
        and not is_reply_author(user, enquiry)
    )
