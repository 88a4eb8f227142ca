"""Reads of enquiries: the portal's published questions and answers, the asker's status page, the
figures per period and source, the form choices, and the back-office work queues.

Public reads never show anything but the cleaned texts of published enquiries of active agencies, and
the asker's own enquiry after the tracking code and password matched.
"""

import datetime as dt
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.access import agencies_where
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import GRANTS, Action
from gongkai.consultations.access import enquiries_visible
from gongkai.consultations.figures import EnquiryRecord, Figures, compute, compute_by_source
from gongkai.consultations.models import Category, ConsultationSettings, Enquiry, EventKind, Source
from gongkai.consultations.services.common import secret_hash
from gongkai.consultations.sources import Rating, SourceKind
from gongkai.consultations.states import ANSWERED_STATES, OPEN_STATES, EnquiryState, may_rate
from gongkai.inforequests.public_selectors import normalise_code
from gongkai.privacy.masking import mask, mask_name
from gongkai.workcalendar.selectors import work_calendar

_OPEN = [s.value for s in OPEN_STATES]
_ANSWERED = [s.value for s in ANSWERED_STATES]
_CODE = re.compile(r"ZX\d{4}-[0-9A-Z]{8}")
NOT_COUNTED_STATES = frozenset({EnquiryState.VOIDED, EnquiryState.WITHDRAWN, EnquiryState.CONVERTED})

# --- form choices ----------------------------------------------------------------------------------


def public_sources(agency: Agency) -> QuerySet[Source]:
    """The sources the public form offers (网站留言, 局长信箱 …): active, of the public kind."""
    return Source.objects.filter(agency=agency, is_active=True, kind=SourceKind.PUBLIC.value)


def registration_sources(agency: Agency) -> QuerySet[Source]:
    """Every active source staff may register an enquiry under (public ones included: a message that
    came another way)."""
    return Source.objects.filter(agency=agency, is_active=True)


def active_categories(agency: Agency) -> QuerySet[Category]:
    return Category.objects.filter(agency=agency, is_active=True)


def handlers_at(agency: Agency) -> QuerySet[User]:
    """Active staff holding a role that may handle enquiries at ``agency``."""
    roles = [r.value for r in GRANTS[Action.HANDLE_CONSULTATIONS]]
    users = Membership.objects.filter(agency=agency, role__in=roles, user__is_active=True).values("user_id")
    return User.objects.filter(pk__in=users).order_by("full_name", "username")


def settings_of(agency: Agency) -> ConsultationSettings:
    """The agency's settings (unsaved defaults before ``consultation_setup``)."""
    return ConsultationSettings.objects.filter(agency=agency).first() or ConsultationSettings(agency=agency)


# --- the portal: published questions and answers -----------------------------------------------------


def published_enquiries(
    agency: Agency | None = None, *, q: str = "", category_id: int | None = None
) -> QuerySet[Enquiry]:
    """Published questions and answers of active agencies, newest first. Templates show only
    ``public_subject``, ``public_question``, ``public_answer``, ``published_at``, ``replied_on``, the source
    and category names: never the original texts or contact details."""
    qs = Enquiry.objects.filter(published=True, agency__is_active=True).select_related("agency", "source", "category")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if category_id:
        qs = qs.filter(category_id=category_id)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(public_subject__icontains=q) | Q(public_question__icontains=q) | Q(public_answer__icontains=q))
    return qs.order_by("-published_at", "-id")


def published_page(agency: Agency, page_number: Any, *, per_page: int = 20, q: str = "") -> Page:
    """One page of the agency's published questions and answers (an invalid page number gives the last)."""
    return Paginator(published_enquiries(agency, q=q), per_page).get_page(page_number)


def published_enquiry(agency: Agency, enquiry_id: int) -> Enquiry:
    """One published question and answer of ``agency``, else ``Http404``."""
    enquiry = published_enquiries(agency).filter(pk=enquiry_id).first()
    if enquiry is None:
        raise Http404("未找到该问答")
    return enquiry


# --- the asker's status page -------------------------------------------------------------------------


def enquiry_for_code(code: str) -> Enquiry | None:
    normalised = normalise_code(code)
    if not _CODE.fullmatch(normalised):
        return None
    return Enquiry.objects.select_related("agency", "source").filter(tracking_code=normalised).first()


def enquiry_for_tracking(code: str, secret: str) -> Enquiry | None:
    """The enquiry if ``secret`` is its status-page password; ``None`` for an unknown code or a wrong
    password alike (the comparison runs either way, in constant time). Count failures with
    ``ratelimit.record_lookup_failure``."""
    enquiry = enquiry_for_code(code)
    expected = enquiry.access_secret_hash if enquiry is not None else "0" * 64
    matches = hmac.compare_digest(secret_hash((secret or "").strip()), expected)
    return enquiry if enquiry is not None and matches else None


# What the asker sees of each history step: the label, and the text only where it is theirs to read.
_PUBLIC_STEPS: dict[str, tuple[str, bool]] = {
    EventKind.RECEIVED: ("受理", True),
    EventKind.ASSIGNED: ("已转承办部门办理", False),
    EventKind.REPLIED: ("答复", True),
    EventKind.RATED: ("评价", True),
    EventKind.REOPENED: ("重新办理", False),
    EventKind.CLOSED: ("办结", False),
    EventKind.CONVERTED: ("转为政府信息公开申请", True),
    EventKind.WITHDRAWN: ("撤回", False),
    EventKind.VOIDED: ("不予受理", False),
}


def asker_timeline(enquiry: Enquiry) -> list[dict[str, Any]]:
    """The steps for the asker, oldest first: ``{"kind", "label", "on", "text"}`` (replies with their
    text, also those before a reopening; ratings; no internal steps, notes or staff names)."""
    steps = []
    for event in enquiry.events.all():
        shown = _PUBLIC_STEPS.get(event.kind)
        if shown is None:
            continue
        label, with_text = shown
        steps.append({"kind": event.kind, "label": label, "on": event.on, "text": event.text if with_text else ""})
    return steps


def asker_summary(enquiry: Enquiry) -> list[tuple[str, str]]:
    """What the asker submitted, as label/value rows for the status page: contact details masked."""
    rows = [
        ("查询码", enquiry.tracking_code),
        ("受理机关", enquiry.agency.name),
        ("来源", enquiry.source.name),
        ("状态", enquiry.get_state_display()),
        ("受理日期", f"{enquiry.received_on:%Y-%m-%d}"),
    ]
    if enquiry.enquiry_state.is_open:
        rows.append(("办理期限", f"{enquiry.due_on:%Y-%m-%d}"))
    rows += [
        ("姓名", mask_name(enquiry.name) if enquiry.name else "—"),
        ("联系电话", mask(enquiry.phone) if enquiry.phone else "—"),
        ("电子邮箱", mask(enquiry.email) if enquiry.email else "—"),
        ("同意公开", "是" if enquiry.publish_consent else "否"),
        ("标题", enquiry.subject),
        ("咨询内容", enquiry.question),
    ]
    if enquiry.converted_to_application_id:
        rows.append(("转为的政府信息公开申请", enquiry.converted_to_application.tracking_code))
    if enquiry.converted_from_application_id:
        rows.append(("由政府信息公开申请转来", enquiry.converted_from_application.tracking_code))
    return rows


def asker_may_rate(enquiry: Enquiry) -> bool:
    """Whether the status page offers the rating form (the latest reply not yet rated)."""
    return may_rate(enquiry.enquiry_state, replies=enquiry.reply_count, rated_reply=enquiry.rated_reply)


def rating_choices() -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in Rating]


# --- figures ------------------------------------------------------------------------------------------


def _counted(agency_ids: Iterable[int], first: dt.date, last: dt.date) -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(agency_id__in=list(agency_ids), received_on__range=(first, last)).exclude(
        state__in=[s.value for s in NOT_COUNTED_STATES]
    )


_RECORD_FIELDS = (
    "received_on",
    "due_on",
    "first_replied_on",
    "closed_on",
    "rating",
    "rated_on",
    "replied_on",
    "source__name",
)


def _record(row: tuple[Any, ...]) -> EnquiryRecord:
    received_on, due_on, first_replied_on, closed_on, rating, rated_on, replied_on, source_name = row
    return EnquiryRecord(
        received_on=received_on,
        due=due_on,
        replied_on=first_replied_on,
        closed_on=closed_on,
        rating=rating or None,
        rated_on=rated_on,
        last_replied_on=replied_on,
        source=source_name,
    )


def figure_records(
    agency_ids: Iterable[int], first: dt.date, last: dt.date, source: Source | str | None = None
) -> list[EnquiryRecord]:
    """The plain records ``figures.compute`` takes: enquiries received in ``[first, last]`` at the
    agencies, without voided, withdrawn and converted ones. ``source``: one agency's ``Source``, or a
    source name (the same name across agencies, for a supervisor's roll-up)."""
    qs = _counted(agency_ids, first, last)
    if isinstance(source, Source):
        qs = qs.filter(source=source)
    elif source:
        qs = qs.filter(source__name=source)
    return [_record(row) for row in qs.values_list(*_RECORD_FIELDS)]


def figures_by_agency(
    agency_ids: Iterable[int], first: dt.date, last: dt.date, *, as_of: dt.date | None = None
) -> dict[int, list[Figures]]:
    """``figures_by_source_for`` of each agency on its own, in two queries for any number of agencies
    (the annual reports of a region): {agency id: figures per source}; agencies without enquiries
    and without active sources are left out."""
    ids = list(agency_ids)
    names: dict[int, list[str]] = {}
    for agency_id, name in (
        Source.objects.filter(agency_id__in=ids, is_active=True)
        .order_by("agency_id", "sort_order", "id")
        .values_list("agency_id", "name")
    ):
        names.setdefault(agency_id, []).append(name)
    records: dict[int, list[EnquiryRecord]] = {}
    for row in _counted(ids, first, last).values_list("agency_id", *_RECORD_FIELDS):
        records.setdefault(row[0], []).append(_record(row[1:]))
    calendar = work_calendar()
    return {
        agency_id: compute_by_source(
            records.get(agency_id, []),
            first=first,
            last=last,
            calendar=calendar,
            as_of=as_of,
            sources=names.get(agency_id, []),
        )
        for agency_id in sorted(set(names) | set(records))
    }


def figures_for(
    agency_ids: Iterable[int],
    first: dt.date,
    last: dt.date,
    source: Source | str | None = None,
    *,
    as_of: dt.date | None = None,
) -> Figures:
    """Received, replied, closed, closed on time, 反馈率, 办结率, 满意率 and the median working days to
    reply of the enquiries received in ``[first, last]`` (definitions: ``consultations.figures``)."""
    records = figure_records(agency_ids, first, last, source)
    name = source.name if isinstance(source, Source) else (source or "")
    return compute(records, first=first, last=last, calendar=work_calendar(), as_of=as_of, source=name)


def figures_by_source_for(
    agency_ids: Iterable[int], first: dt.date, last: dt.date, *, as_of: dt.date | None = None
) -> list[Figures]:
    """``figures_for`` per source name: every active source of the agencies (in their order), also those
    with no enquiries, then any inactive source that had some."""
    ids = list(agency_ids)
    names = list(
        dict.fromkeys(
            Source.objects.filter(agency_id__in=ids, is_active=True)
            .order_by("sort_order", "id")
            .values_list("name", flat=True)
        )
    )
    records = figure_records(ids, first, last)
    return compute_by_source(records, first=first, last=last, calendar=work_calendar(), as_of=as_of, sources=names)


# --- back-office queues -------------------------------------------------------------------------------


def _base(user) -> QuerySet[Enquiry]:
    return enquiries_visible(user).select_related("agency", "source", "category", "handler")


def unassigned(user) -> QuerySet[Enquiry]:
    """Received and not yet assigned, at the agencies where ``user`` manages enquiries."""
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    return _base(user).filter(state=EnquiryState.RECEIVED.value, agency__in=managed).order_by("due_on", "id")


def assigned_to_me(user) -> QuerySet[Enquiry]:
    return _base(user).filter(handler_id=user.pk, state__in=_OPEN).order_by("due_on", "id")


def overdue(user, *, today: dt.date | None = None) -> QuerySet[Enquiry]:
    """Open (not yet replied) past their handling deadline."""
    today = today or timezone.localdate()
    return _base(user).filter(state__in=_OPEN, due_on__lt=today).order_by("due_on", "id")


def due_soon(user, *, today: dt.date | None = None) -> list[Enquiry]:
    """Open, due today or within the agency's ``due_soon_workdays`` working days, by due date."""
    today = today or timezone.localdate()
    calendar = work_calendar()
    limits = dict(ConsultationSettings.objects.values_list("agency_id", "due_soon_workdays"))
    default = ConsultationSettings._meta.get_field("due_soon_workdays").default  # noqa: SLF001
    horizon = calendar.add_workdays(today, max([default, *limits.values()]), warn=False)
    candidates = _base(user).filter(state__in=_OPEN, due_on__gte=today, due_on__lte=horizon).order_by("due_on", "id")
    return [
        e
        for e in candidates
        if calendar.workdays_between(today, e.due_on, warn=False) <= limits.get(e.agency_id, default)
    ]


def to_review(user) -> QuerySet[Enquiry]:
    """Replies awaiting review at the agencies where ``user`` reviews, never ``user``'s own drafts."""
    agencies = agencies_where(user, Action.REVIEW_CONSULTATION_REPLIES)
    return (
        _base(user)
        .filter(state=EnquiryState.IN_REVIEW.value, agency__in=agencies)
        .exclude(reply_drafted_by_id=user.pk)
        .exclude(review_requested_by_id=user.pk)
        .order_by("due_on", "id")
    )


def approved_to_send(user) -> QuerySet[Enquiry]:
    """Approved replies not yet sent: the handler's own, and all at the agencies ``user`` manages."""
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    return (
        _base(user)
        .filter(state=EnquiryState.APPROVED.value)
        .filter(Q(handler_id=user.pk) | Q(agency__in=managed))
        .order_by("due_on", "id")
    )


def dissatisfied(user) -> QuerySet[Enquiry]:
    """Latest reply rated 不满意, not reopened: the office decides whether to reopen."""
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    return (
        _base(user)
        .filter(
            agency__in=managed,
            state__in=_ANSWERED,
            rating=Rating.DISSATISFIED.value,
            rated_reply=F("reply_count"),
        )
        .order_by("-rated_on", "id")
    )


def publishable(user) -> QuerySet[Enquiry]:
    """Answered with the asker's consent and not published: candidates for the public Q&A."""
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    return (
        _base(user)
        .filter(agency__in=managed, state__in=_ANSWERED, publish_consent=True, published=False)
        .order_by("-replied_on", "-id")
    )


@dataclass(frozen=True)
class EnquiryQueues:
    """All queues of one user at once (the dashboard and the list page's tabs)."""

    overdue: list[Enquiry]
    due_soon: list[Enquiry]
    unassigned: list[Enquiry]
    mine: list[Enquiry]
    to_review: list[Enquiry]
    approved: list[Enquiry]
    dissatisfied: list[Enquiry]
    publishable: list[Enquiry]

    @property
    def total(self) -> int:
        """The work waiting (publication candidates are optional work and not counted)."""
        return sum(
            len(q)
            for q in (
                self.overdue,
                self.due_soon,
                self.unassigned,
                self.mine,
                self.to_review,
                self.approved,
                self.dissatisfied,
            )
        )


def enquiry_queues(user, *, today: dt.date | None = None, limit: int = 200) -> EnquiryQueues:
    today = today or timezone.localdate()
    return EnquiryQueues(
        overdue=list(overdue(user, today=today)[:limit]),
        due_soon=due_soon(user, today=today)[:limit],
        unassigned=list(unassigned(user)[:limit]),
        mine=list(assigned_to_me(user)[:limit]),
        to_review=list(to_review(user)[:limit]),
        approved=list(approved_to_send(user)[:limit]),
        dissatisfied=list(dissatisfied(user)[:limit]),
        publishable=list(publishable(user)[:limit]),
    )


# --- links between enquiries and applications -----------------------------------------------------------


def enquiries_converted_into(application: Any) -> QuerySet[Enquiry]:
    """Enquiries that became ``application`` (for the application page's history)."""
    return Enquiry.objects.filter(converted_to_application=application)


def enquiries_converted_from(application: Any) -> QuerySet[Enquiry]:
    """Enquiries that ``application`` became (Art. 39 or voided as not an application)."""
    return Enquiry.objects.filter(converted_from_application=application)
