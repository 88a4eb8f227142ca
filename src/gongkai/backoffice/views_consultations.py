"""Back office: consultations (咨询 / 局长信箱 / 热线 / 交办件) — the list with the work queues, staff
registration, the enquiry page with one POST endpoint per handling action, the figures per period and
source, and the conversion of an application into an enquiry (Art. 39).

Included from ``backoffice/urls.py`` under ``consultations/`` (names ``consultations``,
``consultation_new``, ``consultation``, ``consultation_action``, ``consultation_figures``,
``consultation_from_application``). The views find the enquiry through ``consultations.access`` (missing
and forbidden look alike: 404), hand the forms of ``forms_consultations`` to the services and show the
outcome: a refusal re-renders the page with the Chinese messages and what was typed; a
``PermissionDenied`` is the 403 page. Pages with personal data are never cached.
"""

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.backoffice.forms_consultations import (
    ACTION_FORMS,
    EnquiryActionForm,
    FiguresForm,
    FromApplicationForm,
    PublishForm,
    RegisterForm,
    action_form,
    default_period,
)
from gongkai.backoffice.views import staff_required
from gongkai.consultations.access import access_enquiry, enquiries_visible, may_handle, may_manage, may_review
from gongkai.consultations.models import STATE_CHOICES, Enquiry, Source
from gongkai.consultations.selectors import enquiry_queues, figures_by_source_for, figures_for
from gongkai.consultations.services.common import review_required
from gongkai.consultations.services.publication import publication_problems, suggest_public_texts
from gongkai.consultations.sources import Rating, SourceKind
from gongkai.consultations.states import EnquiryAction, EnquiryState, allowed_actions
from gongkai.inforequests.access import access_application
from gongkai.inforequests.public_selectors import normalise_code
from gongkai.privacy.masking import mask_name
from gongkai.workcalendar.selectors import work_calendar

PAGE_SIZE = 50
SESSION_REGISTERED = "backoffice_enquiry_registered"
QUEUE_TABS = (
    ("overdue", "已超期"),
    ("due_soon", "即将到期"),
    ("unassigned", "待分派"),
    ("mine", "分派给我"),
    ("to_review", "答复待我审核"),
    ("approved", "已审核待发出"),
    ("dissatisfied", "不满意待处理"),
    ("publishable", "可公开的问答"),
)
TEXT_LABELS = {"public_subject": "标题", "public_question": "咨询内容", "public_answer": "答复内容"}
_A, _S = EnquiryAction, EnquiryState


# --- presentation helpers --------------------------------------------------------------------------


def asker_label(enquiry: Enquiry) -> str:
    """The asker as lists show it: the name masked, 匿名 without one."""
    return mask_name(enquiry.name) if enquiry.name.strip() else "匿名"


def due_text(enquiry: Enquiry, today: dt.date) -> tuple[str, bool]:
    """Where the handling deadline stands ("还剩2个工作日", "已超期3个工作日"), and whether it is late."""
    if not enquiry.enquiry_state.is_open:
        if enquiry.replied_on and enquiry.first_replied_on:
            late = enquiry.replied_on > enquiry.due_on
            return ("超期答复" if late else "按期答复"), late
        return "", False
    calendar = work_calendar()
    if enquiry.due_on < today:
        return f"已超期{calendar.workdays_between(enquiry.due_on, today, warn=False)}个工作日", True
    left = calendar.workdays_between(today, enquiry.due_on, warn=False)
    return ("今天到期" if left == 0 else f"还剩{left}个工作日"), False


def _row(enquiry: Enquiry, today: dt.date) -> dict[str, Any]:
    text, late = due_text(enquiry, today)
    return {"enquiry": enquiry, "asker": asker_label(enquiry), "due": text, "late": late}


def _available_actions(user, enquiry: Enquiry) -> list[str]:
    """The action forms this user may use now: the state allows them (``states.allowed_actions``) and the
    user may act (the services check both again)."""
    state = enquiry.enquiry_state
    review = review_required(enquiry)
    allowed = allowed_actions(state, review_required=review)
    manage = may_manage(user, enquiry)
    handle = may_handle(user, enquiry)
    reviewer = may_review(user, enquiry)
    checks = [
        ("approve", reviewer and _A.APPROVE in allowed),
        ("return", reviewer and _A.RETURN in allowed),
        ("assign", manage and _A.ASSIGN in allowed),
        ("reply", handle and not review and state in {_S.RECEIVED, _S.HANDLING}),
        ("draft", handle and _A.DRAFT in allowed),
        ("submit_review", handle and _A.SUBMIT_FOR_REVIEW in allowed),
        ("send", handle and _A.SEND in allowed),
        ("close", handle and _A.CLOSE in allowed),
        (
            "reopen",
            manage
            and _A.REOPEN in allowed
            and enquiry.current_reply_rated
            and enquiry.rating == Rating.DISSATISFIED.value,
        ),
        ("publish", manage and state.is_answered and enquiry.publish_consent),
        ("unpublish", manage and enquiry.published),
        ("categorise", handle and state is not _S.VOIDED),
        ("convert", manage and can(user, Action.MANAGE_APPLICATIONS, enquiry.agency) and _A.CONVERT in allowed),
        ("withdraw", manage and _A.WITHDRAW in allowed),
        ("void", manage and _A.VOID in allowed),
    ]
    return [name for name, ok in checks if ok]


def _error_list(form: EnquiryActionForm) -> list[tuple[str, str]]:
    return [
        (str(form.fields[name].label) if name in form.fields else "", message)
        for name, errors in form.errors.items()
        for message in errors
    ]


def _problem_rows(problems: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(TEXT_LABELS.get(field, field), "、".join(found)) for field, found in problems.items()]


def _status_url(request) -> str:
    return request.build_absolute_uri(reverse("portal:ask_track"))


def _detail(
    request,
    enquiry: Enquiry,
    *,
    bound: EnquiryActionForm | None = None,
    checked: dict[str, list[str]] | None = None,
):
    user = request.user
    enquiry = Enquiry.objects.select_related(
        "agency",
        "source",
        "category",
        "handler",
        "department",
        "created_by",
        "reply_drafted_by",
        "review_requested_by",
        "reviewed_by",
        "replied_by",
        "published_by",
        "converted_to_application",
        "converted_from_application",
    ).get(pk=enquiry.pk)
    actions = _available_actions(user, enquiry)
    if bound is not None and bound.prefix not in actions:
        actions.insert(0, bound.prefix)
    forms = [
        (
            name,
            bound
            if bound is not None and bound.prefix == name
            else action_form(name, enquiry, user, status_url=_status_url(request)),
        )
        for name in actions
    ]
    registered = request.session.get(SESSION_REGISTERED)
    if registered and registered.get("id") == enquiry.pk:
        del request.session[SESSION_REGISTERED]  # the password is shown once
    else:
        registered = None
    today = timezone.localdate()
    due, late = due_text(enquiry, today)
    preview = None
    if "publish" in actions:
        original = {
            "public_subject": enquiry.subject,
            "public_question": enquiry.question,
            "public_answer": enquiry.reply,
        }
        preview = {
            "found": _problem_rows(publication_problems(enquiry, original)),
            "remaining": _problem_rows(publication_problems(enquiry, suggest_public_texts(enquiry))),
            "checked": _problem_rows(checked) if checked is not None else None,
        }
    context = {
        "enquiry": enquiry,
        "registered": registered,
        "due": due,
        "late": late,
        "review_required": review_required(enquiry),
        "action_forms": forms,
        "bound": bound,
        "bound_errors": _error_list(bound) if bound is not None else [],
        "preview": preview,
        "events": enquiry.events.select_related("recorded_by"),
        "breaches": enquiry.breaches.all(),
    }
    return render(request, "backoffice/consultations/detail.html", context)


# --- list and queues -------------------------------------------------------------------------------


def _search(enquiries, q: str):
    """By tracking code, subject, or the asker's name (also as shown masked, e.g. 张*)."""
    code = normalise_code(q)
    if "*" in q or "＊" in q:
        pattern = "".join("." if ch in "*＊" else re.escape(ch) for ch in q.strip())
        return enquiries.filter(Q(name__regex=f"^{pattern}$") | Q(tracking_code__icontains=code))
    return enquiries.filter(Q(tracking_code__icontains=code) | Q(name__icontains=q) | Q(subject__icontains=q))


def _may_register(user) -> bool:
    return agencies_where(user, Action.MANAGE_CONSULTATIONS).filter(is_active=True).exists()


def _figure_agencies(user):
    managed = agencies_where(user, Action.MANAGE_CONSULTATIONS)
    supervised = agencies_where(user, Action.VIEW_AUDIT)
    return Agency.objects.filter(Q(pk__in=managed.values("pk")) | Q(pk__in=supervised.values("pk"))).order_by("path")


@never_cache
@staff_required
def consultation_list(request):
    user = request.user
    today = timezone.localdate()
    visible = enquiries_visible(user)
    queues = enquiry_queues(user, today=today)
    queue = request.GET.get("queue", "")
    if queue not in dict(QUEUE_TABS):
        queue = ""
    enquiries = visible.select_related("agency", "source", "category", "handler")
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    source = request.GET.get("source", "").strip()[:40]
    agency = request.GET.get("agency", "")
    year = request.GET.get("year", "")
    if q:
        enquiries = _search(enquiries, q)
    if state in dict(STATE_CHOICES):
        enquiries = enquiries.filter(state=state)
    if source:
        enquiries = enquiries.filter(source__name=source)
    if agency.isdigit():
        enquiries = enquiries.filter(agency_id=int(agency))
    if year.isdigit():
        enquiries = enquiries.filter(received_on__year=int(year))
    page = Paginator(enquiries.order_by("-received_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "queue": queue,
        "queue_label": dict(QUEUE_TABS).get(queue, ""),
        "tabs": [(key, label, len(getattr(queues, key))) for key, label in QUEUE_TABS],
        "queue_rows": [_row(e, today) for e in getattr(queues, queue)] if queue else [],
        "page": page,
        "rows": [_row(e, today) for e in page.object_list],
        "q": q,
        "state": state,
        "source": source,
        "agency": agency,
        "year": year,
        "states": STATE_CHOICES,
        "sources": list(
            dict.fromkeys(
                Source.objects.filter(agency__in=visible.values("agency_id"))
                .order_by("sort_order", "id")
                .values_list("name", flat=True)
            )
        ),
        "agencies": Agency.objects.filter(pk__in=visible.values("agency_id")).order_by("path"),
        "years": [d.year for d in visible.dates("received_on", "year", order="DESC")],
        "query": query.urlencode(),
        "can_register": _may_register(user),
        "can_see_figures": _figure_agencies(user).exists(),
    }
    return render(request, "backoffice/consultations/list.html", context)


# --- registration ----------------------------------------------------------------------------------


@never_cache
@staff_required
def consultation_new(request):
    agencies = agencies_where(request.user, Action.MANAGE_CONSULTATIONS).filter(is_active=True).order_by("path")
    if not agencies.exists():
        raise PermissionDenied("您没有登记咨询的权限。")
    chosen = request.POST.get("agency") or request.GET.get("agency") or ""
    agency = agencies.filter(pk=int(chosen)).first() if chosen.isdigit() else agencies.first()
    if agency is None:
        raise Http404("未找到该机构")
    form = RegisterForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        result = form.submit(acting_user=request.user)
        if result is not None:
            enquiry, secret = result
            request.session[SESSION_REGISTERED] = {"id": enquiry.pk, "code": enquiry.tracking_code, "secret": secret}
            messages.success(request, f"咨询已登记，查询码 {enquiry.tracking_code}。")
            return redirect("backoffice:consultation", enquiry.pk)
    assigned = list(form.fields["source"].queryset.filter(kind=SourceKind.ASSIGNED.value).values_list("pk", flat=True))
    context = {"form": form, "agency": agency, "agencies": agencies, "assigned_sources": assigned}
    return render(request, "backoffice/consultations/register.html", context)


# --- the enquiry page and its actions --------------------------------------------------------------


@never_cache
@staff_required
def consultation_detail(request, enquiry_id: int):
    return _detail(request, access_enquiry(request.user, enquiry_id))


@never_cache
@require_POST
@staff_required
def consultation_action(request, enquiry_id: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404("未知操作")
    enquiry = access_enquiry(request.user, enquiry_id)
    form = action_form(action, enquiry, request.user, request.POST, status_url=_status_url(request))
    if isinstance(form, PublishForm) and "check" in request.POST:
        if not may_manage(request.user, enquiry):
            raise PermissionDenied("您没有公开该咨询问答的权限。")
        if not form.is_valid():
            return _detail(request, enquiry, bound=form)
        return _detail(request, enquiry, bound=form, checked=publication_problems(enquiry, form.texts()))
    message = form.submit() if form.is_valid() else None
    if message is None:
        return _detail(request, enquiry, bound=form)
    messages.success(request, message)
    application = getattr(form, "application", None)
    if application is not None and can(request.user, Action.MANAGE_APPLICATIONS, application.agency):
        return redirect("backoffice:application", application.pk)
    return redirect("backoffice:consultation", enquiry.pk)


# --- figures ---------------------------------------------------------------------------------------


def _summary(figures) -> str:
    """E.g. 受理局长信箱17件，反馈率100%，办结率100%，满意率100%."""
    text = f"受理{figures.source}{figures.received}件" if figures.source else f"共受理{figures.received}件"
    return f"{text}，反馈率{figures.reply_rate}，办结率{figures.completion_rate}，满意率{figures.satisfaction_rate}"


@never_cache
@staff_required
def consultation_figures(request):
    agencies = _figure_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied("您没有查看咨询统计的权限。")
    today = timezone.localdate()
    first, last = default_period(today)
    initial = {"first": first, "last": last, "agency": agencies.first()}
    form = FiguresForm(request.GET or None, agencies=agencies, initial=initial)
    rows: list = []
    total = None
    agency = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else initial
        first, last, agency = data["first"], data["last"], data["agency"]
        rows = figures_by_source_for([agency.pk], first, last)
        total = figures_for([agency.pk], first, last)
    context = {
        "form": form,
        "agency": agency,
        "first": first,
        "last": last,
        "rows": rows,
        "total": total,
        "summaries": [_summary(f) for f in rows if f.received],
        "total_summary": _summary(total) if total is not None else "",
    }
    return render(request, "backoffice/consultations/figures.html", context)


# --- an application handled as an enquiry ---------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def consultation_from_application(request, application_id: int):
    """转为咨询（条例第三十九条）: the application is really a consultation, petition or complaint."""
    application = access_application(request.user, application_id)
    for action in (Action.MANAGE_APPLICATIONS, Action.MANAGE_CONSULTATIONS):
        if not can(request.user, action, application.agency):
            raise PermissionDenied("您没有将该申请转为咨询办理的权限。")
    form = FromApplicationForm(request.POST or None, application=application)
    if request.method == "POST":
        enquiry = form.submit(acting_user=request.user) if form.is_valid() else None
        if enquiry is not None:
            messages.success(
                request,
                f"已转为咨询 {enquiry.tracking_code} 办理；申请 {application.tracking_code} "
                "已按条例第三十九条第一款处理（待确认的申请已作废）。",
            )
            return redirect("backoffice:consultation", enquiry.pk)
    context = {"application": application, "form": form}
    return render(request, "backoffice/consultations/from_application.html", context)


urlpatterns = [
    path("", consultation_list, name="consultations"),
    path("new/", consultation_new, name="consultation_new"),
    path("figures/", consultation_figures, name="consultation_figures"),
    path("<int:enquiry_id>/", consultation_detail, name="consultation"),
    path("<int:enquiry_id>/do/<slug:action>/", consultation_action, name="consultation_action"),
    path("from-application/<int:application_id>/", consultation_from_application, name="consultation_from_application"),
]
