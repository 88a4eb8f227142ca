"""Back-office views: they check access, hand forms to services and show the outcome."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies.access import access_agency, agencies_where, has_any_role
from gongkai.agencies.roles import Action
from gongkai.backoffice.forms import (
    ApproveForm,
    AttachmentForm,
    ItemForm,
    ReevaluateForm,
    RepealForm,
    ReturnForm,
    WithdrawForm,
)
from gongkai.inforequests.queues import application_queues
from gongkai.publications import queues
from gongkai.publications.access import access_item, items_visible, may_act_on_task, may_edit_draft
from gongkai.publications.choices import STATE_CHOICES
from gongkai.publications.guide import guide_is_stale, guide_latest
from gongkai.publications.models import Attachment, TaskState
from gongkai.publications.services import guide as guide_services
from gongkai.publications.services import items as item_services
from gongkai.publications.services import workflow
from gongkai.publications.services.screening import latest_findings
from gongkai.publications.services.timeliness import item_timeliness
from gongkai.publications.states import ItemState, TransitionError

PAGE_SIZE = 25


def staff_required(view):
    """Logged-in staff holding at least one role (or platform admins); others go to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if not has_any_role(request.user):
            raise PermissionDenied("您的账号尚未分配任何机构角色。")
        return view(request, *args, **kwargs)

    return wrapper


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{m}" for messages_ in exc.message_dict.values() for m in messages_]
    return list(exc.messages)


@staff_required
def dashboard(request):
    user = request.user
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "drafts": queues.my_drafts(user)[:20],
            "reviews": queues.awaiting_my_review(user)[:20],
            "due": queues.due_and_late(user),
            "reevaluations": queues.reevaluation_due(user)[:20],
            "application_queues": application_queues(user, limit=20),
            "can_draft": agencies_where(user, Action.DRAFT_ITEM).exists(),
            "guides": [
                {
                    "agency": agency,
                    "latest": guide_latest(agency),
                    "stale": guide_is_stale(agency),
                }
                for agency in agencies_where(user, Action.MANAGE_CATALOG).order_by("path")[:10]
            ],
        },
    )


@require_POST
@staff_required
def guide_publish(request, agency_id: int):
    agency = access_agency(request.user, agency_id, Action.MANAGE_CATALOG)
    guide = guide_services.guide_publish(acting_user=request.user, agency=agency)
    messages.success(request, f"{agency.name}政府信息公开指南已更新为第{guide.version}版。")
    return redirect("backoffice:dashboard")


@staff_required
def item_list(request):
    items = items_visible(request.user).select_related("agency", "current_task").order_by("-updated_at")
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    if q:
        items = items.filter(Q(title__icontains=q) | Q(index_number__icontains=q) | Q(document_number__icontains=q))
    if state in dict(STATE_CHOICES):
        items = items.filter(state=state)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/item_list.html",
        {"page": page, "q": q, "state": state, "states": STATE_CHOICES, "query": query.urlencode()},
    )


def _cleaned_fields(form: ItemForm) -> dict:
    data = dict(form.cleaned_data)
    data["interprets"] = list(data.get("interprets") or [])
    return data


@staff_required
def item_create(request):
    agencies = agencies_where(request.user, Action.DRAFT_ITEM).order_by("path")
    if not agencies.exists():
        raise PermissionDenied("您没有起草信息的权限。")
    agency_id = request.POST.get("agency") or request.GET.get("agency") or agencies.first().pk
    agency = access_agency(request.user, int(agency_id), Action.DRAFT_ITEM)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = item_services.item_create(acting_user=request.user, agency=agency, **_cleaned_fields(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "草稿已保存。可以继续上传附件，然后提交审核。")
            return redirect("backoffice:item", item.pk)
    return render(request, "backoffice/item_form.html", {"form": form, "agency": agency, "agencies": agencies})


@staff_required
def item_edit(request, item_id: int):
    item = access_item(request.user, item_id)
    if item.state != ItemState.DRAFT or not may_edit_draft(request.user, item):
        messages.error(request, "只有起草人或公开办可以修改草稿。")
        return redirect("backoffice:item", item.pk)
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        try:
            item_services.item_update(acting_user=request.user, item=item, **_cleaned_fields(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("backoffice:item", item.pk)
    return render(request, "backoffice/item_form.html", {"form": form, "agency": item.agency, "item": item})


@staff_required
def item_detail(request, item_id: int):
    item = access_item(request.user, item_id)
    user = request.user
    task = item.current_task
    context = {
        "item": item,
        "attachments": item.attachments.all(),
        "findings": latest_findings(item),
        "history": TaskState.objects.filter(item=item).select_related("task", "acted_by"),
        "timeliness": item_timeliness(item) if item.attribute == "proactive" else None,
        "can_edit": item.state == ItemState.DRAFT and may_edit_draft(user, item),
        "can_review": item.state == ItemState.IN_REVIEW and task is not None and may_act_on_task(user, item, task),
        "is_last_task": task is not None
        and not item.agency.workflow_tasks.filter(is_active=True, order__gt=task.order).exists(),
        "approve_form": ApproveForm(),
        "return_form": ReturnForm(),
        "withdraw_form": WithdrawForm(),
        "repeal_form": RepealForm(),
        "reevaluate_form": ReevaluateForm(),
        "attachment_form": AttachmentForm(),
        "can_manage": item.agency in agencies_where(user, Action.MANAGE_ITEMS),
    }
    return render(request, "backoffice/item_detail.html", context)


def _run(request, item, action, **kwargs):
    """Call a workflow service and turn its refusals into messages; nothing is written on refusal."""
    try:
        action(acting_user=request.user, item=item, **kwargs)
    except (ValidationError, TransitionError, PermissionDenied) as exc:
        for message in _errors(exc) if isinstance(exc, ValidationError) else [str(exc)]:
            messages.error(request, message)
        return False
    return True


@require_POST
@staff_required
def item_action(request, item_id: int, action: str):
    item = access_item(request.user, item_id)
    forms_by_action = {
        "approve": (ApproveForm, workflow.item_approve, "审核通过。"),
        "return": (ReturnForm, workflow.item_return, "已退回起草人修改。"),
        "withdraw": (WithdrawForm, workflow.item_withdraw, "已撤回。"),
        "repeal": (RepealForm, workflow.item_repeal, "已标记为废止。"),
        "reevaluate": (ReevaluateForm, workflow.item_reevaluate, "评估结论已记录。"),
    }
    if action == "submit":
        if _run(request, item, workflow.item_submit):
            findings = len(latest_findings(item))
            note = f"自动检查发现{findings}处需要审核人关注的内容。" if findings else "自动检查未发现问题。"
            messages.success(request, f"已提交审核。{note}")
        return redirect("backoffice:item", item.pk)
    if action not in forms_by_action:
        raise Http404("未知操作")
    form_class, service, success = forms_by_action[action]
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("backoffice:item", item.pk)
    if _run(request, item, service, **form.cleaned_data):
        messages.success(request, success)
    return redirect("backoffice:item", item.pk)


@require_POST
@staff_required
def attachment_upload(request, item_id: int):
    item = access_item(request.user, item_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            item_services.attachment_add(acting_user=request.user, item=item, filename=upload.name, data=upload.read())
        except (ValidationError, PermissionDenied) as exc:
            for message in _errors(exc) if isinstance(exc, ValidationError) else [str(exc)]:
                messages.error(request, message)
        else:
            messages.success(request, f"附件“{upload.name}”已上传。")
    else:
        messages.error(request, "请选择要上传的文件。")
    return redirect("backoffice:item", item.pk)


@require_POST
@staff_required
def attachment_delete(request, item_id: int, attachment_id: int):
    item = access_item(request.user, item_id)
    attachment = Attachment.objects.filter(item=item, pk=attachment_id).first()
    if attachment is None:
        raise Http404("未找到该附件")
    try:
        item_services.attachment_remove(acting_user=request.user, attachment=attachment)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
    return redirect("backoffice:item", item.pk)


@staff_required
def attachment_download(request, item_id: int, attachment_id: int):
    item = access_item(request.user, item_id)
    attachment = Attachment.objects.filter(item=item, pk=attachment_id).first()
    if attachment is None:
        raise Http404("未找到该附件")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
