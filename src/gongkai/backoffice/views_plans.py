"""Back office: key-area disclosure plans (重点领域公开计划) — the agencies' boards, each entry with its
current task and the last years' coloured by standing (with the label as text), the entry forms, one POST
endpoint per task action, and the supervisor's roll-up of the agencies below.

Included from ``backoffice/urls.py`` under ``plans/``. Agencies, entries and tasks are found through
``agencies.access`` (missing and forbidden look alike: 404); a ``PermissionDenied`` from a service is the
403 page.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai import playback
from gongkai.agencies.access import access_agency, can
from gongkai.agencies.roles import Action
from gongkai.audit.models import AuditEvent
from gongkai.backoffice.forms_plans import EntryActiveForm, EntryForm, TaskCompleteForm, TaskUncompleteForm
from gongkai.backoffice.views import staff_required
from gongkai.keyareas.access import agencies_supervised, agencies_with_boards
from gongkai.keyareas.models import PlanEntry, PlanTask
from gongkai.keyareas.schedule import Standing
from gongkai.keyareas.selectors import plan_board, plan_rollup
from gongkai.keyareas.services.plans import plan_install_default
from gongkai.reports.selectors import agencies_below

PAGE_SIZE = 50


def _entry(user, entry_id: int) -> PlanEntry:
    entry = PlanEntry.objects.select_related("plan__agency", "catalog_node", "department").filter(pk=entry_id).first()
    if entry is None:
        raise Http404("未找到该事项")
    access_agency(user, entry.plan.agency_id)
    return entry


def _task(user, task_id: int) -> PlanTask:
    task = (
        PlanTask.objects.select_related(
            "entry__plan__agency", "entry__catalog_node", "entry__department", "completed_item", "completed_by"
        )
        .filter(pk=task_id)
        .first()
    )
    if task is None:
        raise Http404("未找到该任务")
    access_agency(user, task.entry.plan.agency_id)
    return task


# --- the list of boards and the board --------------------------------------------------------------------


@never_cache
@staff_required
def plan_list(request):
    agencies = list(agencies_with_boards(request.user))
    if len(agencies) == 1:
        return redirect("backoffice:plan_board", agencies[0].pk)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": plan_rollup(list(page.object_list)),
        "supervised": agencies_supervised(request.user).exists(),
    }
    return render(request, "backoffice/plans/list.html", context)


@never_cache
@staff_required
def plan_board_view(request, agency_id: int):
    agency = access_agency(request.user, agency_id)
    board = plan_board(agency)
    context = {
        "agency": agency,
        "board": board,
        "counts": board.counts,
        "standings": list(Standing),
        "can_manage": can(request.user, Action.MANAGE_PLANS, agency),
        "can_complete": can(request.user, Action.COMPLETE_PLAN_TASKS, agency),
    }
    return render(request, "backoffice/plans/board.html", context)


@never_cache
@require_POST
@staff_required
def plan_install(request, agency_id: int):
    agency = access_agency(request.user, agency_id)
    try:
        plan = plan_install_default(acting_user=request.user, agency=agency)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已安装默认公开计划，共{plan.entries.count()}个事项。")
    return redirect("backoffice:plan_board", agency.pk)


# --- entries -----------------------------------------------------------------------------------------------


def _require_manage(user, agency) -> None:
    if not can(user, Action.MANAGE_PLANS, agency):
        raise PermissionDenied("您没有修改该机构重点领域公开计划的权限。")


@never_cache
@staff_required
def entry_new(request, agency_id: int):
    agency = access_agency(request.user, agency_id)
    _require_manage(request.user, agency)
    form = EntryForm(request.POST or None, user=request.user, agency=agency)
    if request.method == "POST" and form.is_valid() and (message := form.submit()) is not None:
        messages.success(request, message)
        return redirect("backoffice:plan_board", agency.pk)
    return render(request, "backoffice/plans/entry_form.html", {"agency": agency, "form": form, "entry": None})


@never_cache
@staff_required
def entry_edit(request, entry_id: int):
    entry = _entry(request.user, entry_id)
    agency = entry.plan.agency
    _require_manage(request.user, agency)
    form = EntryForm(request.POST or None, user=request.user, agency=agency, entry=entry)
    if request.method == "POST" and form.is_valid() and (message := form.submit()) is not None:
        messages.success(request, message)
        return redirect("backoffice:plan_board", agency.pk)
    context = {
        "agency": agency,
        "form": form,
        "entry": entry,
        "active_form": EntryActiveForm(user=request.user, entry=entry),
    }
    return render(request, "backoffice/plans/entry_form.html", context)


@never_cache
@require_POST
@staff_required
def entry_active(request, entry_id: int):
    entry = _entry(request.user, entry_id)
    agency = entry.plan.agency
    _require_manage(request.user, agency)
    form = EntryActiveForm(request.POST, user=request.user, entry=entry)
    if form.is_valid() and (message := form.submit()) is not None:
        messages.success(request, message)
        return redirect("backoffice:plan_board", agency.pk)
    context = {
        "agency": agency,
        "form": EntryForm(user=request.user, agency=agency, entry=entry),
        "entry": entry,
        "active_form": form,
    }
    return render(request, "backoffice/plans/entry_form.html", context, status=400)


# --- tasks -------------------------------------------------------------------------------------------------


def _history(task: PlanTask):
    return (
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(PlanTask), target_id=str(task.pk))
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )


def _task_page(request, task: PlanTask, *, bound=None, status: int = 200):
    user = request.user
    agency = task.entry.plan.agency
    may_complete = can(user, Action.COMPLETE_PLAN_TASKS, agency)
    form = None
    if may_complete:
        if bound is not None:
            form = bound
        elif task.is_open:
            form = TaskCompleteForm(user=user, task=task)
        else:
            form = TaskUncompleteForm(user=user, task=task)
    today = playback.today()
    context = {
        "agency": agency,
        "task": task,
        "entry": task.entry,
        "standing": task.standing_on(today),
        "today": today,
        "form": form,
        "action": "complete" if isinstance(form, TaskCompleteForm) else "uncomplete",
        "reminders": task.reminders.order_by("-stage"),
        "history": _history(task),
    }
    return render(request, "backoffice/plans/task.html", context, status=status)


@never_cache
@staff_required
def task_detail(request, task_id: int):
    return _task_page(request, _task(request.user, task_id))


_TASK_FORMS = {"complete": TaskCompleteForm, "uncomplete": TaskUncompleteForm}


@never_cache
@require_POST
@staff_required
def task_action(request, task_id: int, action: str):
    if action not in _TASK_FORMS:
        raise Http404("未知操作")
    task = _task(request.user, task_id)
    if not can(request.user, Action.COMPLETE_PLAN_TASKS, task.entry.plan.agency):
        raise PermissionDenied("您没有办理该机构公开计划任务的权限。")
    form = _TASK_FORMS[action](request.POST, user=request.user, task=task)
    message = form.submit() if form.is_valid() else None
    if message is None:
        return _task_page(request, task, bound=form, status=400)
    messages.success(request, message)
    return redirect("backoffice:plan_board", task.entry.plan.agency_id)


# --- the roll-up -------------------------------------------------------------------------------------------


@never_cache
@staff_required
def plan_rollup_view(request):
    offices = list(agencies_supervised(request.user))
    if not offices:
        raise PermissionDenied("只有政务公开主管部门（监督）可以查看下级机构的公开计划汇总。")
    chosen = request.GET.get("agency", "")
    office = next((a for a in offices if str(a.pk) == chosen), None)
    if chosen and office is None:
        raise Http404("未找到该机构")
    office = office or offices[0]
    agencies = agencies_below(office)
    only = request.GET.get("show", "")
    if only == "planned":
        agencies = agencies.filter(disclosure_plan__isnull=False)
    query = request.GET.get("q", "").strip()
    if query:
        agencies = agencies.filter(Q(name__contains=query) | Q(short_name__contains=query))
    page = Paginator(list(agencies), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = plan_rollup(list(page.object_list))
    totals = {key: sum(r.counts[key] for r in rows) for key in ("done", "due", "late", "upcoming")}
    context = {
        "office": office,
        "offices": offices,
        "page": page,
        "rows": rows,
        "totals": totals,
        "show": only,
        "q": query,
    }
    return render(request, "backoffice/plans/rollup.html", context)


urlpatterns = [
    path("", plan_list, name="plans"),
    path("rollup/", plan_rollup_view, name="plan_rollup"),
    path("<int:agency_id>/", plan_board_view, name="plan_board"),
    path("<int:agency_id>/install/", plan_install, name="plan_install"),
    path("<int:agency_id>/entries/new/", entry_new, name="plan_entry_new"),
    path("entries/<int:entry_id>/", entry_edit, name="plan_entry"),
    path("entries/<int:entry_id>/active/", entry_active, name="plan_entry_active"),
    path("tasks/<int:task_id>/", task_detail, name="plan_task"),
    path("tasks/<int:task_id>/do/<slug:action>/", task_action, name="plan_task_action"),
]
