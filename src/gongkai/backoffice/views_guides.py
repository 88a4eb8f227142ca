"""Back office: service matters and their guides (办事指南) and decisions (办理结果).

Included from ``backoffice/urls.py`` under ``guides/`` (names ``guides``, ``guide_matter_new``,
``guide_matter``, ``guide_matter_edit``, ``guide_new``, ``guide_edit``, ``guide_revise``,
``guide_decisions``, ``guide_decision_withdraw``). A guide version is an information item: it is
submitted, reviewed and published on the item's own page (``backoffice:item``). Matters are found through
``serviceguides.access`` (missing and forbidden look alike: 404); a ``PermissionDenied`` is the 403 page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.backoffice.forms_guides import (
    DecisionForm,
    GuideForm,
    MatterForm,
    WithdrawDecisionForm,
    add_service_errors,
)
from gongkai.backoffice.views import staff_required
from gongkai.playback import today
from gongkai.serviceguides.access import (
    access_decision,
    access_matter,
    agencies_drafting,
    matters_visible,
    may_draft,
    may_withdraw_decision,
)
from gongkai.serviceguides.models import ServiceDecision, ServiceGuide
from gongkai.serviceguides.selectors import COUNTING_RULE, matter_rows, matter_versions, table2_preview
from gongkai.serviceguides.services import (
    current_version,
    open_version,
    service_decision_record,
    service_decision_withdraw,
    service_guide_create,
    service_guide_revise,
    service_guide_update,
    service_matter_save,
)

PAGE_SIZE = 50


@never_cache
@staff_required
def guide_list(request):
    matters = matters_visible(request.user)
    agency = request.GET.get("agency", "")
    if agency.isdigit():
        matters = matters.filter(agency_id=int(agency))
    q = request.GET.get("q", "").strip()[:50]
    if q:
        matters = matters.filter(name__icontains=q) | matters.filter(code__icontains=q)
    page = Paginator(matters.order_by("agency_id", "kind", "sort_order", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = matter_rows(
        matters.filter(pk__in=[m.pk for m in page.object_list]).order_by(
            "agency_id", "kind", "sort_order", "name", "pk"
        )
    )
    return render(
        request,
        "backoffice/guides/list.html",
        {"page": page, "rows": rows, "q": q, "can_create": agencies_drafting(request.user).exists()},
    )


def _matter_form_page(request, form, matter=None):
    return render(request, "backoffice/guides/matter_form.html", {"form": form, "matter": matter})


@never_cache
@staff_required
def matter_new(request):
    agencies = agencies_drafting(request.user)
    if not agencies.exists():
        raise PermissionDenied("您没有新建办事事项的权限。")
    form = MatterForm(request.POST or None, agencies=agencies, initial={"agency": agencies.first()})
    if request.method == "POST" and form.is_valid():
        try:
            matter = service_matter_save(acting_user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已新建事项“{matter.name}”。")
            return redirect("backoffice:guide_matter", matter.pk)
    return _matter_form_page(request, form)


@never_cache
@staff_required
def matter_edit(request, matter_id: int):
    matter = access_matter(request.user, matter_id)
    if not may_draft(request.user, matter.agency):
        raise PermissionDenied("您没有修改该事项的权限。")
    agencies = agencies_drafting(request.user).filter(pk=matter.agency_id)
    form = MatterForm(request.POST or None, agencies=agencies, initial=MatterForm.initial_for(matter))
    if request.method == "POST" and form.is_valid():
        try:
            service_matter_save(acting_user=request.user, matter=matter, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存事项。")
            return redirect("backoffice:guide_matter", matter.pk)
    return _matter_form_page(request, form, matter)


@never_cache
@staff_required
def matter_detail(request, matter_id: int):
    matter = access_matter(request.user, matter_id)
    return render(
        request,
        "backoffice/guides/matter.html",
        {
            "matter": matter,
            "versions": matter_versions(matter),
            "current": current_version(matter),
            "pending": open_version(matter),
            "can_draft": may_draft(request.user, matter.agency),
        },
    )


def _guide_form_page(request, matter, form, guide=None):
    return render(request, "backoffice/guides/guide_form.html", {"matter": matter, "form": form, "guide": guide})


@never_cache
@staff_required
def guide_new(request, matter_id: int):
    matter = access_matter(request.user, matter_id)
    if not may_draft(request.user, matter.agency):
        raise PermissionDenied("您没有起草办事指南的权限。")
    form = GuideForm(request.POST or None, initial={"contact_phone": matter.agency.phone})
    if request.method == "POST" and form.is_valid():
        try:
            guide = service_guide_create(acting_user=request.user, matter=matter, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error, GuideForm.aliases)
        else:
            messages.success(request, "已保存办事指南草稿。请在信息页面提交审核。")
            return redirect("backoffice:item", guide.item_id)
    return _guide_form_page(request, matter, form)


@never_cache
@staff_required
def guide_edit(request, matter_id: int, guide_id: int):
    matter = access_matter(request.user, matter_id)
    guide = ServiceGuide.objects.select_related("item", "matter__agency").filter(matter=matter, pk=guide_id).first()
    if guide is None:
        raise Http404("未找到该办事指南")
    form = GuideForm(request.POST or None, initial=GuideForm.initial_for(guide))
    if request.method == "POST" and form.is_valid():
        try:
            service_guide_update(acting_user=request.user, guide=guide, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error, GuideForm.aliases)
        else:
            messages.success(request, "已保存办事指南。")
            return redirect("backoffice:item", guide.item_id)
    return _guide_form_page(request, matter, form, guide)


@never_cache
@require_POST
@staff_required
def guide_revise(request, matter_id: int):
    matter = access_matter(request.user, matter_id)
    current = current_version(matter)
    if current is None:
        messages.error(request, "该事项没有已发布的办事指南，无需修订。")
        return redirect("backoffice:guide_matter", matter.pk)
    try:
        revision = service_guide_revise(acting_user=request.user, guide=current)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("backoffice:guide_matter", matter.pk)
    messages.success(request, "已生成新版本草稿，修改后提交审核；发布后原版本标记为“已修改”。")
    return redirect("backoffice:guide_edit", matter.pk, revision.pk)


def _year(request) -> int:
    text = request.GET.get("year", "")
    this_year = today().year
    return int(text) if text.isdigit() and 2000 <= int(text) <= this_year else this_year  # noqa: PLR2004


@never_cache
@staff_required
def decisions(request, matter_id: int):
    matter = access_matter(request.user, matter_id)
    can_record = may_draft(request.user, matter.agency)
    form = DecisionForm(request.POST or None, matter=matter)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("您没有登记办理结果的权限。")
        if form.is_valid():
            try:
                decision = service_decision_record(acting_user=request.user, matter=matter, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已登记办理结果 {decision.number}。")
                return redirect("backoffice:guide_decisions", matter.pk)
    year = _year(request)
    rows = ServiceDecision.objects.filter(matter=matter).select_related("recorded_by").order_by("-decided_on", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/guides/decisions.html",
        {
            "matter": matter,
            "form": form,
            "can_record": can_record,
            "page": page,
            "withdrawable": {
                d.pk for d in page.object_list if not d.is_withdrawn and may_withdraw_decision(request.user, d)
            },
            "year": year,
            "years": list(range(today().year, today().year - 6, -1)),
            "table2": table2_preview(matter.agency, year),
            "rule": COUNTING_RULE,
        },
    )


@never_cache
@require_POST
@staff_required
def decision_withdraw(request, matter_id: int, decision_id: int):
    matter = access_matter(request.user, matter_id)
    decision = access_decision(matter, decision_id)
    form = WithdrawDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤回时必须说明理由。")
        return redirect("backoffice:guide_decisions", matter.pk)
    try:
        service_decision_withdraw(acting_user=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已撤回办理结果 {decision.number}，不再公开，也不计入年报。")
    return redirect("backoffice:guide_decisions", matter.pk)


urlpatterns = [
    path("", guide_list, name="guides"),
    path("new/", matter_new, name="guide_matter_new"),
    path("<int:matter_id>/", matter_detail, name="guide_matter"),
    path("<int:matter_id>/edit/", matter_edit, name="guide_matter_edit"),
    path("<int:matter_id>/guide/new/", guide_new, name="guide_new"),
    path("<int:matter_id>/guide/<int:guide_id>/edit/", guide_edit, name="guide_edit"),
    path("<int:matter_id>/revise/", guide_revise, name="guide_revise"),
    path("<int:matter_id>/decisions/", decisions, name="guide_decisions"),
    path("<int:matter_id>/decisions/<int:decision_id>/withdraw/", decision_withdraw, name="guide_decision_withdraw"),
]
