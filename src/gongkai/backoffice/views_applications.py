"""Back office: applications for disclosure (依申请公开) — the list with the work queues, staff
registration, the application page and one POST endpoint per handling action.

Included from ``backoffice/urls.py`` under ``applications/`` (names ``applications``, ``application_new``,
``application``, ``application_action``, ``application_reveal``, ``application_file``). The views find the
application through ``inforequests.access`` (missing and forbidden look alike), hand the forms of
``forms_applications`` to the services and show the outcome: a refusal re-renders the page with the
Chinese messages and what was typed; a ``PermissionDenied`` is the 403 page. Pages with personal data are
never cached.
"""

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_where, can
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.backoffice.forms_applications import ACTION_FORMS, ActionForm, RegisterForm, action_form
from gongkai.backoffice.views import staff_required
from gongkai.inforequests.access import (
    access_application,
    access_application_or_approval,
    applications_visible,
    may_handle,
)
from gongkai.inforequests.choices import STATE_CHOICES
from gongkai.inforequests.clock import ClockError, ClockState, EventKind, explain
from gongkai.inforequests.letter_selectors import letters_for
from gongkai.inforequests.models import Application
from gongkai.inforequests.public_selectors import normalise_code
from gongkai.inforequests.queues import ClockedApplication, application_queues, clocked, one_line
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.services.reveal import application_reveal
from gongkai.inforequests.states import OPEN_STATES, ApplicationAction, ApplicationState, allowed_actions
from gongkai.privacy.masking import mask, mask_address, mask_name
from gongkai.rules.disclosure import GROUNDS_BY_CODE

PAGE_SIZE = 50
SESSION_REGISTERED = "backoffice_application_registered"
QUEUE_TABS = (
    ("overdue", "已超期"),
    ("due_soon", "即将到期"),
    ("pending", "待确认收到"),
    ("correction", "待补正"),
    ("payment", "待缴费"),
    ("mine", "分派给我"),
    ("delivery", "已答复待送达"),
    ("extensions", "延期待审批"),
)
_FINISHED = {ApplicationState.CLOSED, ApplicationState.WITHDRAWN, ApplicationState.ABANDONED, ApplicationState.VOIDED}
_FILES_REMOVABLE = {ApplicationState.PENDING, *OPEN_STATES}


# --- access ----------------------------------------------------------------------------------------


# --- presentation helpers --------------------------------------------------------------------------


def applicant_label(application: Application) -> str:
    """The applicant as lists show it: a person's name masked, an organisation's name in full."""
    return application.name if application.is_organisation else mask_name(application.name)


def _applicant_rows(application: Application, *, full: bool, revealed: dict[str, str] | None) -> list[dict]:
    """Label/value rows of the applicant; ``reveal`` marks the row with the 显示 button."""
    a = application
    shown = (lambda v: v) if full else mask
    rows: list[dict[str, Any]] = [{"label": "申请人类型", "value": a.get_applicant_type_display()}]
    if a.is_organisation:
        rows += [
            {"label": "名称", "value": a.name},
            {"label": "统一社会信用代码", "value": a.credit_code},
            {
                "label": "法定代表人或负责人",
                "value": a.legal_representative if full else mask_name(a.legal_representative),
            },
            {"label": "联系人", "value": (a.contact_person if full else mask_name(a.contact_person)) or "—"},
        ]
    else:
        number = (revealed or {}).get("id_number")
        rows += [
            {"label": "姓名", "value": a.name if full else mask_name(a.name)},
            {"label": "证件类型", "value": a.get_id_type_display() or "—"},
            {
                "label": "证件号码",
                "value": number or (mask(a.id_number) if a.id_number else "—"),
                "reveal": full and bool(a.id_number) and not number,
                "revealed": bool(number),
            },
        ]
    rows += [
        {"label": "联系电话", "value": shown(a.phone) if a.phone else "—"},
        {"label": "电子邮箱", "value": shown(a.email) if a.email else "—"},
        {"label": "通信地址", "value": (a.address if full else mask_address(a.address)) if a.address else "—"},
        {"label": "邮政编码", "value": a.postcode or "—"},
    ]
    return rows


def _clock(application: Application) -> tuple[ClockState | None, str]:
    """The clock as of today, or ``None`` with the reason it cannot be shown."""
    if application.received_on is None:
        return None, ""
    try:
        return clock_state(application), ""
    except ClockError as exc:
        return None, f"期限台账无法计算：{exc}"


def _available_actions(user, application: Application, clock: ClockState | None) -> list[str]:
    """The action forms this user may use now: the state allows them (``states.allowed_actions``) and
    the user may act (the services check both again)."""
    state = application.application_state
    allowed = allowed_actions(state)
    manage = can(user, Action.MANAGE_APPLICATIONS, application.agency)
    handle = may_handle(user, application)
    kinds = {entry.kind for entry in application.clock_entries.all()}
    requests = list(application.extension_requests.all())
    pending_requests = [r for r in requests if r.approved is None]
    is_open = state in OPEN_STATES
    checks = [
        ("confirm", manage and ApplicationAction.CONFIRM in allowed),
        ("decide", handle and ApplicationAction.DECIDE in allowed),
        ("deliver", handle and ApplicationAction.DELIVER in allowed),
        (
            "correction_request",
            handle
            and ApplicationAction.REQUEST_CORRECTION in allowed
            and EventKind.CORRECTION_REQUESTED.value not in kinds,
        ),
        ("correction_receive", handle and ApplicationAction.RECEIVE_CORRECTION in allowed),
        ("consultation_send", handle and state is ApplicationState.HANDLING),
        (
            "consultation_answer",
            handle and is_open and any(c.answered_on is None for c in application.consultations.all()),
        ),
        (
            "extension_request",
            handle and is_open and clock is not None and clock.extension_allowed and not pending_requests,
        ),
        (
            "extension_decide",
            can(user, Action.APPROVE_EXTENSION, application.agency)
            and any(r.requested_by_id != user.pk for r in pending_requests),
        ),
        (
            "fee_notice",
            manage and ApplicationAction.SEND_FEE_NOTICE in allowed and EventKind.FEE_NOTICE_SENT.value not in kinds,
        ),
        (
            "fee_notice_received",
            manage and state is ApplicationState.AWAITING_PAYMENT and EventKind.FEE_NOTICE_RECEIVED.value not in kinds,
        ),
        ("fee_payment", manage and ApplicationAction.RECORD_PAYMENT in allowed),
        ("transfer", manage and ApplicationAction.TRANSFER in allowed),
        ("assign", manage and state not in _FINISHED),
        ("withdraw", handle and ApplicationAction.WITHDRAW in allowed),
        ("void", manage and ApplicationAction.VOID in allowed),
        (
            "mark_proactive",
            manage and state is not ApplicationState.VOIDED and application.proactive_marked_on is None,
        ),
        ("file_add", handle and state not in _FINISHED),
        ("comment", handle),
    ]
    return [name for name, ok in checks if ok]


def _detail(
    request,
    application: Application,
    *,
    full: bool,
    bound: ActionForm | None = None,
    revealed: dict[str, str] | None = None,
    registered: dict | None = None,
):
    user = request.user
    application = (
        Application.objects.select_related(
            "agency", "handler", "department", "created_by", "transferred_to", "proactive_item"
        )
        .prefetch_related("clock_entries__recorded_by", "consultations", "extension_requests")
        .get(pk=application.pk)
    )
    clock, clock_error = _clock(application)
    actions = _available_actions(user, application, clock)
    if bound is not None and bound.prefix not in actions:
        actions.insert(0, bound.prefix)
    forms = [
        (name, bound if bound is not None and bound.prefix == name else action_form(name, application, user))
        for name in actions
        if name in ACTION_FORMS
    ]
    handle = may_handle(user, application)
    context = {
        "application": application,
        "full": full,
        "applicant": _applicant_rows(application, full=full, revealed=revealed),
        "registered": registered,
        "clock": clock,
        "clock_error": clock_error,
        "explanation": explain(clock) if clock is not None else "",
        "one_line": one_line(clock) if clock is not None else "",
        "recorded_breaches": application.breaches.all(),
        "timeline": application.clock_entries.all(),
        "consultations": application.consultations.all(),
        "extension_requests": application.extension_requests.select_related("requested_by", "decided_by"),
        "comments": application.comments.select_related("author") if full else [],
        "files": application.files.select_related("uploaded_by") if full else [],
        "letters": letters_for(application) if full else [],
        "withheld_grounds": [GROUNDS_BY_CODE[c].label for c in application.withheld_grounds if c in GROUNDS_BY_CODE],
        "action_forms": forms,
        "bound": bound,
        "bound_errors": _error_list(bound) if bound is not None else [],
        "timeline_kinds": {entry.kind for entry in application.clock_entries.all()},
        "can_remove_files": handle and application.application_state in _FILES_REMOVABLE,
    }
    return render(request, "backoffice/applications/detail.html", context)


def _error_list(form: ActionForm) -> list[tuple[str, str]]:
    """(field label, message) of a form's errors, for the summary at the top of the page."""
    return [
        (str(form.fields[name].label) if name in form.fields else "", message)
        for name, errors in form.errors.items()
        for message in errors
    ]


# --- views -----------------------------------------------------------------------------------------


def _search(applications, q: str):
    """By tracking code, or by the applicant's name (also as shown masked, e.g. 王**)."""
    code = normalise_code(q)
    if "*" in q or "＊" in q:
        pattern = "".join("." if ch in "*＊" else re.escape(ch) for ch in q.strip())
        return applications.filter(Q(name__regex=f"^{pattern}$") | Q(tracking_code__icontains=code))
    return applications.filter(Q(tracking_code__icontains=code) | Q(name__icontains=q))


@never_cache
@staff_required
def application_list(request):
    user = request.user
    visible = applications_visible(user)
    queues = application_queues(user)
    queue = request.GET.get("queue", "")
    if queue not in dict(QUEUE_TABS):
        queue = ""
    applications = visible.select_related("agency", "handler").prefetch_related("clock_entries")
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    agency = request.GET.get("agency", "")
    year = request.GET.get("year", "")
    if q:
        applications = _search(applications, q)
    if state in dict(STATE_CHOICES):
        applications = applications.filter(state=state)
    if agency.isdigit():
        applications = applications.filter(agency_id=int(agency))
    if year.isdigit():
        applications = applications.filter(received_on__year=int(year))
    page = Paginator(applications.order_by("-submitted_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tabs = [(key, label, len(getattr(queues, key))) for key, label in QUEUE_TABS]
    context = {
        "queue": queue,
        "queue_label": dict(QUEUE_TABS).get(queue, ""),
        "tabs": tabs,
        "queues": queues,
        "queue_rows": _queue_rows(queues, queue),
        "page": page,
        "rows": [_list_row(c) for c in clocked(page.object_list)],
        "q": q,
        "state": state,
        "agency": agency,
        "year": year,
        "states": STATE_CHOICES,
        "agencies": Agency.objects.filter(pk__in=visible.values("agency_id")).order_by("path"),
        "years": [d.year for d in visible.filter(received_on__isnull=False).dates("received_on", "year", order="DESC")],
        "query": query.urlencode(),
        "can_register": agencies_where(user, Action.MANAGE_APPLICATIONS).filter(is_active=True).exists(),
    }
    return render(request, "backoffice/applications/list.html", context)


def _list_row(item: ClockedApplication) -> dict[str, Any]:
    clock = item.clock
    due = ""
    if clock is not None and clock.days_left is not None:
        if clock.days_left < 0:
            due = f"已超期{-clock.days_left}个工作日"
        elif clock.days_left == 0:
            due = "今天到期"
        else:
            due = f"剩{clock.days_left}个工作日"
    elif (
        clock is not None and clock.reply_due is None and item.application.state == ApplicationState.AWAITING_CORRECTION
    ):
        due = "补正期间暂停计算"
    return {
        "application": item.application,
        "applicant": applicant_label(item.application),
        "clock": clock,
        "due": due,
        "late": bool(clock is not None and clock.overdue and clock.days_left is not None),
    }


def _queue_rows(queues, queue: str) -> list[dict]:
    if queue in {"overdue", "due_soon"}:
        return [
            {
                "application": c.application,
                "applicant": applicant_label(c.application),
                "clock": c.clock,
                "one_line": c.one_line,
                "explanation": c.explanation,
            }
            for c in getattr(queues, queue)
        ]
    if queue == "extensions":
        return [{"request": r, "application": r.application} for r in queues.extensions]
    if queue:
        return [{"application": a, "applicant": applicant_label(a)} for a in getattr(queues, queue)]
    return []


@never_cache
@staff_required
def application_new(request):
    agencies = agencies_where(request.user, Action.MANAGE_APPLICATIONS).filter(is_active=True).order_by("path")
    if not agencies.exists():
        raise PermissionDenied("您没有登记申请的权限。")
    form = RegisterForm(request.POST or None, agencies=agencies, initial={"agency": agencies.first()})
    if request.method == "POST" and form.is_valid():
        result = form.submit(acting_user=request.user)
        if result is not None:
            application, secret = result
            request.session[SESSION_REGISTERED] = {
                "id": application.pk,
                "code": application.tracking_code,
                "secret": secret,
            }
            messages.success(request, f"申请已登记，查询码 {application.tracking_code}。")
            return redirect("backoffice:application", application.pk)
    return render(request, "backoffice/applications/register.html", {"form": form})


@never_cache
@staff_required
def application_detail(request, application_id: int):
    application, full = access_application_or_approval(request.user, application_id)
    registered = request.session.get(SESSION_REGISTERED)
    if registered and registered.get("id") == application.pk:
        del request.session[SESSION_REGISTERED]  # the secret is shown once
    else:
        registered = None
    return _detail(request, application, full=full, registered=registered)


@never_cache
@require_POST
@staff_required
def application_action(request, application_id: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404("未知操作")
    application, full = access_application_or_approval(request.user, application_id)
    form = action_form(action, application, request.user, request.POST, request.FILES)
    message = form.submit() if form.is_valid() else None
    if message is None:
        return _detail(request, application, full=full, bound=form)
    messages.success(request, message)
    return redirect("backoffice:application", application.pk)


@never_cache
@require_POST
@staff_required
def application_reveal_view(request, application_id: int):
    """Shows the identity number in full on this response only; the look is audited."""
    application = access_application(request.user, application_id)
    revealed = application_reveal(acting_user=request.user, application=application)
    return _detail(request, application, full=True, revealed=revealed)


@never_cache
@staff_required
def application_file(request, application_id: int, file_id: int):
    application = access_application(request.user, application_id)
    record = application.files.filter(pk=file_id).first()
    if record is None:
        raise Http404("未找到该附件")
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)


urlpatterns = [
    path("", application_list, name="applications"),
    path("new/", application_new, name="application_new"),
    path("<int:application_id>/", application_detail, name="application"),
    path("<int:application_id>/do/<slug:action>/", application_action, name="application_action"),
    path("<int:application_id>/reveal/", application_reveal_view, name="application_reveal"),
    path("<int:application_id>/files/<int:file_id>/", application_file, name="application_file"),
]
