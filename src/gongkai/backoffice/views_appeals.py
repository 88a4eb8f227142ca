"""Back office: administrative review and litigation cases (行政复议、行政诉讼) — the list, registration,
the case page with its defence deadline and one POST endpoint per action, document downloads, and the
table 四 preview of an agency's year with the counting rule.

Included from ``backoffice/urls.py`` under ``appeals/`` (names ``appeals``, ``appeal_new``, ``appeal``,
``appeal_action``, ``appeal_document``, ``appeal_table4``). Cases are found through ``appeals.access``
(missing and forbidden look alike: 404); a ``PermissionDenied`` from a service is the 403 page.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.agencies.access import can
from gongkai.agencies.roles import Action
from gongkai.appeals.access import access_case, agencies_managed, agencies_viewed, cases_visible, may_manage
from gongkai.appeals.counting import COUNTING_RULE
from gongkai.appeals.kinds import KIND_LABELS, TABLE4_COLUMNS, TABLE4_GROUPS, CaseKind, Result
from gongkai.appeals.models import AppealCase, CaseDocument
from gongkai.appeals.selectors import counted_cases, defence_deadline_for, table4_for
from gongkai.appeals.states import OPEN_STATES, STATE_LABELS, CaseAction, CaseState, allowed_actions
from gongkai.audit.models import AuditEvent
from gongkai.backoffice.forms_appeals import ACTION_FORMS, CaseActionForm, CaseRegisterForm, action_form, reopenable
from gongkai.backoffice.views import staff_required
from gongkai.inforequests.public_selectors import normalise_code

PAGE_SIZE = 50
TABS = (("defence", "待提交答复（答辩）"), ("open", "尚未审结"), ("corrected", "结果纠正待重新处理"))


# --- presentation helpers --------------------------------------------------------------------------


def _deadline_row(case: AppealCase, today: dt.date) -> dict[str, Any]:
    """The defence deadline for lists (``text``: the due date and where it stands) and the case page
    (``status``: where it stands)."""
    deadline = defence_deadline_for(case)
    row: dict[str, Any] = {"deadline": deadline, "text": "", "status": "", "late": False}
    if deadline is None:
        row["text"] = "尚未收到副本" if case.case_state in OPEN_STATES else "—"
        return row
    if case.defence_submitted_on is not None:
        row["late"] = case.defence_submitted_on > deadline.due
        row["status"] = f"{case.defence_submitted_on:%Y-%m-%d}已提交" + ("，已超过期限" if row["late"] else "")
    elif case.case_state in OPEN_STATES:
        left = deadline.days_left(today)
        row["late"] = left < 0
        row["status"] = f"已超过{-left}日" if left < 0 else ("今天到期" if left == 0 else f"还剩{left}日")
    row["text"] = f"{deadline.due:%Y-%m-%d}" + (f"（{row['status']}）" if row["status"] else "")
    return row


def _available_actions(user, case: AppealCase) -> list[str]:
    """The action forms this user may use now (the services check again)."""
    if not may_manage(user, case.agency):
        return []
    state = case.case_state
    allowed = allowed_actions(state)
    is_open = state in OPEN_STATES
    checks = [
        ("copy_received", is_open and case.defence_submitted_on is None),
        ("defence", is_open and case.copy_received_on is not None and case.defence_submitted_on is None),
        ("accept", CaseAction.ACCEPT in allowed),
        ("hearing", CaseAction.HEAR in allowed),
        ("decide", CaseAction.DECIDE in allowed),
        ("withdraw", CaseAction.WITHDRAW in allowed),
        (
            "reopen",
            case.result == Result.CORRECTED.value
            and can(user, Action.MANAGE_APPLICATIONS, case.agency)
            and bool(reopenable(case)),
        ),
        ("document_add", state is not CaseState.VOIDED),
        ("edit", state is not CaseState.VOIDED),
        ("void", CaseAction.VOID in allowed),
    ]
    return [name for name, ok in checks if ok]


def _history(case: AppealCase):
    return (
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(AppealCase), target_id=str(case.pk))
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )


def _error_list(form: CaseActionForm) -> list[tuple[str, str]]:
    return [
        (str(form.fields[name].label) if name in form.fields else "", message)
        for name, errors in form.errors.items()
        for message in errors
    ]


def _detail(request, case: AppealCase, *, bound: CaseActionForm | None = None):
    user = request.user
    case = (
        AppealCase.objects.select_related("agency", "review_case", "created_by")
        .prefetch_related("applications", "litigations")
        .get(pk=case.pk)
    )
    actions = _available_actions(user, case)
    if bound is not None and bound.prefix not in actions:
        actions.insert(0, bound.prefix)
    forms = [
        (name, bound if bound is not None and bound.prefix == name else action_form(name, case, user))
        for name in actions
        if name in ACTION_FORMS
    ]
    today = timezone.localdate()
    context = {
        "case": case,
        "kind": case.case_kind,
        "deadline": _deadline_row(case, today),
        "today": today,
        "applications": case.applications.select_related("agency").order_by("pk"),
        "litigations": case.litigations.exclude(state=CaseState.VOIDED.value).order_by("filed_on", "pk"),
        "documents": case.documents.select_related("uploaded_by"),
        "history": _history(case),
        "action_forms": forms,
        "bound": bound,
        "bound_errors": _error_list(bound) if bound is not None else [],
        "can_manage": may_manage(user, case.agency),
    }
    return render(request, "backoffice/appeals/detail.html", context)


# --- views -----------------------------------------------------------------------------------------


def _filtered(request, cases):
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    agency = request.GET.get("agency", "")
    year = request.GET.get("year", "")
    if q:
        code = normalise_code(q)
        cases = cases.filter(
            Q(reference__icontains=q) | Q(body_name__icontains=q) | Q(applications__tracking_code__icontains=code)
        ).distinct()
    if kind in KIND_LABELS:
        cases = cases.filter(kind=kind)
    if state in {s.value for s in CaseState}:
        cases = cases.filter(state=state)
    if agency.isdigit():
        cases = cases.filter(agency_id=int(agency))
    if year.isdigit():
        cases = cases.filter(filed_on__year=int(year))
    return cases, {"q": q, "kind": kind, "state": state, "agency": agency, "year": year}


def _tab(cases, tab: str):
    open_states = [s.value for s in OPEN_STATES]
    if tab == "defence":
        return cases.filter(state__in=open_states, copy_received_on__isnull=False, defence_submitted_on__isnull=True)
    if tab == "open":
        return cases.filter(state__in=open_states)
    if tab == "corrected":
        return cases.filter(result=Result.CORRECTED.value, applications__reopenings__isnull=True).distinct()
    return cases


@never_cache
@staff_required
def appeal_list(request):
    user = request.user
    visible = cases_visible(user)
    tab = request.GET.get("tab", "")
    if tab not in dict(TABS):
        tab = ""
    cases, filters = _filtered(request, _tab(visible, tab))
    cases = cases.select_related("agency").prefetch_related("applications").order_by("-filed_on", "-pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    today = timezone.localdate()
    context = {
        "page": page,
        "rows": [{"case": c, "deadline": _deadline_row(c, today)} for c in page.object_list],
        "tab": tab,
        "tabs": [(key, label, _tab(visible, key).count()) for key, label in TABS],
        **filters,
        "kinds": list(KIND_LABELS.items()),
        "states": [(s.value, label) for s, label in STATE_LABELS.items()],
        "agencies": agencies_viewed(user).filter(pk__in=visible.values("agency_id")),
        "years": [d.year for d in visible.dates("filed_on", "year", order="DESC")],
        "query": query.urlencode(),
        "can_register": agencies_managed(user).exists(),
    }
    return render(request, "backoffice/appeals/list.html", context)


@never_cache
@staff_required
def appeal_new(request):
    agencies = agencies_managed(request.user)
    if not agencies.exists():
        raise PermissionDenied("您没有登记行政复议、行政诉讼案件的权限。")
    initial = {"agency": agencies.first(), "kind": CaseKind.REVIEW.value}
    if request.GET.get("application"):
        initial["application_codes"] = normalise_code(request.GET["application"])
    form = CaseRegisterForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        case = form.submit(acting_user=request.user)
        if case is not None:
            messages.success(request, f"已登记{case.case_kind.label}案件。")
            return redirect("backoffice:appeal", case.pk)
    return render(request, "backoffice/appeals/register.html", {"form": form})


@never_cache
@staff_required
def appeal_detail(request, case_id: int):
    return _detail(request, access_case(request.user, case_id))


@never_cache
@require_POST
@staff_required
def appeal_action(request, case_id: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404("未知操作")
    case = access_case(request.user, case_id)
    form = action_form(action, case, request.user, request.POST, request.FILES)
    message = form.submit() if form.is_valid() else None
    if message is None:
        return _detail(request, case, bound=form)
    messages.success(request, message)
    return redirect("backoffice:appeal", case.pk)


@never_cache
@staff_required
def appeal_document(request, case_id: int, document_id: int):
    case = access_case(request.user, case_id)
    document = CaseDocument.objects.filter(case=case, pk=document_id).first()
    if document is None:
        raise Http404("未找到该材料")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name)


@never_cache
@staff_required
def appeal_table4(request):
    """Table 四 of one agency's year as the annual report will print it, with the cases counted."""
    agencies = list(agencies_viewed(request.user))
    if not agencies:
        raise PermissionDenied("您没有查看行政复议、行政诉讼案件的权限。")
    today = timezone.localdate()
    chosen = request.GET.get("agency", "")
    agency = next((a for a in agencies if str(a.pk) == chosen), None)
    if chosen and agency is None:
        raise Http404("未找到该机构")
    if agency is None:  # the first agency with cases, else the first one
        with_cases = set(cases_visible(request.user).values_list("agency_id", flat=True))
        agency = next((a for a in agencies if a.pk in with_cases), agencies[0])
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= today.year else today.year - 1  # noqa: PLR2004
    table = table4_for([agency.pk], year)
    counted = counted_cases([agency.pk], year)
    groups = [
        {
            "kind": kind,
            "label": "行政复议" if kind is CaseKind.REVIEW else "行政诉讼",
            "sub": {CaseKind.LITIGATION_DIRECT: "未经复议直接起诉", CaseKind.LITIGATION_AFTER_REVIEW: "复议后起诉"}.get(
                kind, ""
            ),
            "cells": table[kind.value],
            "cases": [(case, column) for case, column in counted if case.kind == kind.value],
        }
        for kind in TABLE4_GROUPS
    ]
    first_year = min((d.year for d in cases_visible(request.user).dates("filed_on", "year")), default=today.year)
    context = {
        "agency": agency,
        "agencies": agencies,
        "year": year,
        "years": list(range(today.year, min(first_year, today.year - 1) - 1, -1)),
        "columns": TABLE4_COLUMNS,
        "groups": groups,
        "table": table,
        "rule": COUNTING_RULE,
        "as_of": today,
        "year_open": year >= today.year,
    }
    return render(request, "backoffice/appeals/table4.html", context)


urlpatterns = [
    path("", appeal_list, name="appeals"),
    path("new/", appeal_new, name="appeal_new"),
    path("table4/", appeal_table4, name="appeal_table4"),
    path("<int:case_id>/", appeal_detail, name="appeal"),
    path("<int:case_id>/do/<slug:action>/", appeal_action, name="appeal_action"),
    path("<int:case_id>/documents/<int:document_id>/", appeal_document, name="appeal_document"),
]
