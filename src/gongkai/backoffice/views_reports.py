"""Back office: annual reports (政府信息公开工作年度报告) — the list of an year's reports with where each
stands, generation, the report page (findings, the report as printed, one POST endpoint per workflow
action, review rounds, history, downloads), the texts with last year's beside them, the table cells, the
yearly statistics, and the supervisor's roll-up with its consolidated tables.

Included from ``backoffice/urls.py`` under ``reports/``. Reports are found through ``reports.access``
(missing and forbidden look alike: 404); a ``PermissionDenied`` from a service is the 403 page.
"""

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.backoffice.forms_reports import ACTION_FORMS, CellsForm, StatisticsForm, TextsForm, action_form
from gongkai.backoffice.views import staff_required
from gongkai.reports.access import (
    access_report,
    agencies_reporting,
    agencies_supervised,
    agencies_viewed,
    may_edit,
    may_review,
    supervising_office,
)
from gongkai.reports.checks import Severity
from gongkai.reports.deadlines import ReporterKind, Standing, statutory_deadline, statutory_rule
from gongkai.reports.document import path_text, section_text
from gongkai.reports.layout import table2_grid, table3_grid, table4_grid
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import FORMATS, filename
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import CSS as REPORT_CSS
from gongkai.reports.render.html import report_body_html
from gongkai.reports.render.xlsx import rollup_xlsx
from gongkai.reports.selectors import previous_doc, rollup, standing_of, statistics_of
from gongkai.reports.services.editing import report_cells_edit, report_texts_save
from gongkai.reports.services.generation import default_year, hand_edited, report_generate, year_choices
from gongkai.reports.services.statistics import statistics_save
from gongkai.reports.similarity import nearly_identical, similarity
from gongkai.reports.states import EDITABLE_STATES, ReportState
from gongkai.service_errors import add_service_errors
from gongkai.workdays.explain import chinese_date

PAGE_SIZE = 50
GRIDS = (table2_grid, table3_grid, table4_grid)


def _year(request, *, default: int | None = None) -> int:
    choices = year_choices()
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else (default or default_year())
    if year not in choices:
        raise Http404("没有该年度")
    return year


def _deadline_text(agency: Agency, year: int, today: dt.date) -> str:
    due = statutory_deadline(year, ReporterKind(agency.kind))
    if due is None:
        return "不适用《条例》第四十九条的期限"
    left = (due - today).days
    where = f"已超过{-left}天" if left < 0 else ("今天到期" if left == 0 else f"还有{left}天")
    return f"{chinese_date(due)}前公布（{where}）"


# --- the list ------------------------------------------------------------------------------------------


@never_cache
@staff_required
def report_list(request):
    user = request.user
    agencies = list(agencies_viewed(user))
    if not agencies:
        raise PermissionDenied("您没有查看年度报告的权限。")
    year = _year(request)
    today = timezone.localdate()
    saved = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    rows = []
    for agency in agencies:
        report = saved.get(agency.pk)
        stand, due = standing_of(agency, report, year, today)
        rows.append(
            {"agency": agency, "report": report, "standing": stand, "due": due, "can_edit": may_edit(user, agency)}
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "year": year,
        "years": year_choices(),
        "page": page,
        "can_generate": any(r["can_edit"] for r in rows),
        "supervised": agencies_supervised(user).exists(),
    }
    return render(request, "backoffice/reports/list.html", context)


@never_cache
@require_POST
@staff_required
def report_new(request):
    agency = agencies_reporting(request.user).filter(pk=request.POST.get("agency") or 0).first()
    if agency is None:
        raise Http404("未找到该机构")
    year_text = request.POST.get("year", "")
    try:
        result = report_generate(
            acting_user=request.user, agency=agency, year=int(year_text) if year_text.isdigit() else None
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{reverse('backoffice:reports')}?year={year_text if year_text.isdigit() else ''}")
    report = result.report
    if result.created:
        messages.success(request, f"已按平台记录生成{report}，请检查下方提示并补充文字部分。")
    else:
        messages.success(request, f"已按记录重新生成，{len(result.changed)}项数据发生变化。")
    return redirect("backoffice:report", report.pk)


# --- the report page -----------------------------------------------------------------------------------


def _available_actions(user, report: AnnualReport, office: Agency | None) -> list[str]:
    state = report.report_state
    editor = may_edit(user, report.agency)
    reviewer = may_review(user, report.agency, office)
    checks = [
        ("regenerate", editor and state in EDITABLE_STATES),
        ("submit", editor and office is not None and state in EDITABLE_STATES),
        ("withdraw", editor and state is ReportState.SUBMITTED),
        ("return", reviewer and state is ReportState.SUBMITTED),
        ("accept", reviewer and state is ReportState.SUBMITTED),
        ("reopen", editor and state is ReportState.ACCEPTED),
        (
            "publish",
            editor and (state is ReportState.ACCEPTED or (state is ReportState.DRAFT and office is None)),
        ),
    ]
    return [name for name, ok in checks if ok]


def _history(report: AnnualReport):
    return (
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(AnnualReport), target_id=str(report.pk))
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )


def _marked_cells_css(report: AnnualReport) -> str:
    """Highlight the hand-edited cells in the printed tables."""
    selectors = [f'[data-cell="{path_text(c.path)}"]' for c in hand_edited(report)]
    if not selectors:
        return ""
    return ", ".join(selectors) + " { background: #fff4d6; outline: 2px solid #d97706; }"


def _detail(request, report: AnnualReport, *, bound=None):
    user = request.user
    office = supervising_office(report.agency)
    actions = _available_actions(user, report, office)
    if bound is not None and bound.prefix not in actions:
        actions.insert(0, bound.prefix)
    forms = [
        (name, bound if bound is not None and bound.prefix == name else action_form(name, report, user))
        for name in actions
    ]
    today = timezone.localdate()
    findings = report.finding_list
    context = {
        "report": report,
        "office": office,
        "deadline": _deadline_text(report.agency, report.year, today),
        "rule": statutory_rule(ReporterKind(report.agency.kind)),
        "errors": [f for f in findings if f.severity is Severity.ERROR],
        "warnings": [f for f in findings if f.severity is Severity.WARNING],
        "body": report_body_html(report.data, signed_on=report.published_on),
        "marked_css": _marked_cells_css(report),
        "report_css": REPORT_CSS,
        "edited": hand_edited(report),
        "action_forms": forms,
        "bound": bound,
        "editable": may_edit(user, report.agency) and report.report_state in EDITABLE_STATES,
        "reviews": report.reviews.select_related("submitted_by", "decided_by", "reviewer_agency"),
        "history": _history(report),
        "formats": FORMATS,
    }
    return render(request, "backoffice/reports/detail.html", context)


@never_cache
@staff_required
def report_detail(request, report_id: int):
    return _detail(request, access_report(request.user, report_id))


@never_cache
@require_POST
@staff_required
def report_action(request, report_id: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404("未知操作")
    report = access_report(request.user, report_id)
    form = action_form(action, report, request.user, request.POST)
    message = form.submit() if form.is_valid() else None
    if message is None:
        return _detail(request, report, bound=form)
    messages.success(request, message)
    return redirect("backoffice:report", report.pk)


@never_cache
@staff_required
def report_download(request, report_id: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("未知格式")
    report = access_report(request.user, report_id)
    rendered = render_report(report.data, fmt, signed_on=report.published_on)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "inline" if fmt == "html" else "attachment"  # the HTML is a page to read; the rest are files
    response["Content-Disposition"] = _disposition(disposition, filename(report.data, rendered.extension))
    return response


def _disposition(kind: str, name: str) -> str:
    return f"{kind}; filename=\"annual-report.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"


# --- texts, cells, statistics ---------------------------------------------------------------------------


def _not_editable(request, report: AnnualReport):
    """``None`` when the user may edit the report now; otherwise the redirect back to it (with the reason)."""
    if not may_edit(request.user, report.agency):
        raise PermissionDenied("您没有编写该机构年度报告的权限。")
    if report.report_state not in EDITABLE_STATES:
        messages.error(request, f"年度报告当前状态为“{report.report_state.label}”，不能修改。")
        return redirect("backoffice:report", report.pk)
    return None


@never_cache
@staff_required
def report_texts(request, report_id: int):
    """Sections 一, 五 and 六 and the notes, with last year's texts beside them."""
    report = access_report(request.user, report_id)
    if (refused := _not_editable(request, report)) is not None:
        return refused
    initial = {
        "overview": section_text(report.data, "一") or "",
        "problems": report.problems,
        "other": report.other_matters,
        "notes_management": report.notes_management,
        "notes_platform": report.notes_platform,
        "notes_supervision": report.notes_supervision,
    }
    form = TextsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = report_texts_save(acting_user=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存：{'、'.join(changed)}。" if changed else "内容没有变化。")
            return redirect("backoffice:report", report.pk)
    last = previous_doc(report.agency, report.year)
    comparisons = []
    for number, field in (("一", "overview"), ("五", "problems"), ("六", "other")):
        mine = form[field].value() or ""
        theirs = section_text(last, number) if last else None
        comparisons.append(
            {
                "number": number,
                "field": form[field],
                "last": theirs,
                "similar": nearly_identical(mine, theirs),
                "percent": round(similarity(mine, theirs) * 100) if theirs and mine else None,
            }
        )
    context = {
        "report": report,
        "form": form,
        "comparisons": comparisons,
        "last_year": report.year - 1,
        "fee_sentence": report.fee_sentence,
    }
    return render(request, "backoffice/reports/texts.html", context)


@never_cache
@staff_required
def report_tables(request, report_id: int):
    """Every cell of tables 二–四, pre-filled; a changed value needs a reason."""
    report = access_report(request.user, report_id)
    if (refused := _not_editable(request, report)) is not None:
        return refused
    form = CellsForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            changed = report_cells_edit(
                acting_user=request.user, report=report, values=form.values(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.put_errors(exc)
        else:
            messages.success(request, f"已修改{len(changed)}项数据。" if changed else "数据没有变化。")
            return redirect("backoffice:report", report.pk)
    grids = [grid(report.data) for grid in GRIDS]
    fields = {name.removeprefix("cell-").replace("__", "/"): form[name] for name in form.cell_fields}
    context = {
        "report": report,
        "form": form,
        "grids": grids,
        "fields": fields,
        "computed": report.computed,
    }
    return render(request, "backoffice/reports/tables.html", context)


@never_cache
@staff_required
def report_statistics(request, agency_id: int, year: int):
    agency = agencies_reporting(request.user).filter(pk=agency_id).first()
    if agency is None:
        raise Http404("未找到该机构")
    if year not in year_choices():
        raise Http404("没有该年度")
    stored = statistics_of(agency, year)
    form = StatisticsForm(request.POST or None, year=year, stored=stored)
    if request.method == "POST" and form.is_valid():
        try:
            saved = statistics_save(acting_user=request.user, agency=agency, year=year, values=form.values())
        except ValidationError as exc:
            form.put_errors(exc)
        else:
            note = ""
            if saved.report_refreshed:
                note = "年度报告表二已随之更新。"
            elif saved.report_frozen:
                note = "年度报告已报送或发布，表二未更新；如需更新请撤回报送或重新修改。"
            messages.success(
                request, (f"已保存{len(saved.changed)}项统计数据。" if saved.changed else "数据没有变化。") + note
            )
            report = AnnualReport.objects.filter(agency=agency, year=year).first()
            if report is not None:
                return redirect("backoffice:report", report.pk)
            return redirect("backoffice:report_statistics", agency.pk, year)
    rows = [(c, form[value], form[source], stored.get(path_text(c.path))) for c, value, source in form.rows]
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    return render(
        request,
        "backoffice/reports/statistics.html",
        {"agency": agency, "year": year, "form": form, "rows": rows, "report": report},
    )


# --- the roll-up ----------------------------------------------------------------------------------------


@never_cache
@staff_required
def report_rollup(request):
    user = request.user
    offices = list(agencies_supervised(user))
    if not offices:
        raise PermissionDenied("只有政府信息公开工作主管部门（监督）可以查看下级机构的年度报告汇总。")
    chosen = request.GET.get("agency", "")
    office = next((a for a in offices if str(a.pk) == chosen), None)
    if chosen and office is None:
        raise Http404("未找到该机构")
    office = office or offices[0]
    year = _year(request)
    result = rollup(office, year)
    if request.GET.get("export") == "xlsx":
        rows = [
            {
                "agency": r.agency.name,
                "status": r.standing.label,
                "published_on": r.report.published_on.isoformat() if r.report and r.report.published_on else "",
                "errors": r.errors,
                "warnings": r.warnings,
            }
            for r in result.rows
        ]
        content = rollup_xlsx(rows, result.total, title=f"{office.name}所属机构{year}年度政府信息公开工作年度报告汇总")
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = _disposition("attachment", f"{office.name}{year}年度年报汇总.xlsx")
        return response
    counts = [(s, result.count(s)) for s in Standing if result.count(s)]
    context = {
        "office": office,
        "offices": offices,
        "year": year,
        "years": year_choices(),
        "result": result,
        "counts": counts,
        "total_grids": [grid(result.total) for grid in GRIDS],
        "reviewable": {r.agency.pk for r in result.rows if r.report is not None and may_review(user, r.agency)},
    }
    return render(request, "backoffice/reports/rollup.html", context)


urlpatterns = [
    path("", report_list, name="reports"),
    path("new/", report_new, name="report_new"),
    path("rollup/", report_rollup, name="report_rollup"),
    path("statistics/<int:agency_id>/<int:year>/", report_statistics, name="report_statistics"),
    path("<int:report_id>/", report_detail, name="report"),
    path("<int:report_id>/do/<slug:action>/", report_action, name="report_action"),
    path("<int:report_id>/texts/", report_texts, name="report_texts"),
    path("<int:report_id>/tables/", report_tables, name="report_tables"),
    path("<int:report_id>/download/<slug:fmt>/", report_download, name="report_download"),
]
