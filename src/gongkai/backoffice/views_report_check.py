"""Back office: the report checker — published annual reports uploaded (files, ZIP archives of a region's
reports) or pasted, read into the report data shape and checked (``reports.checker``), shown as a summary
table and, per report, the extracted tables beside the findings; the summary as CSV and every report as
JSON to download. A supervising office can hold the reports against its region's agencies for a year.

Checking changes nothing. The last results wait for their downloads in a file of the data folder
(``report-checks/``, a day at most) named by a random token the user's session holds: a region's JSON
runs to megabytes, too much to load with the session on every page.
Included from ``backoffice/urls.py`` under ``reports/check/``.
"""

import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.backoffice.forms_report_check import ReportCheckForm
from gongkai.backoffice.views import staff_required
from gongkai.reports.access import agencies_supervised, agencies_viewed
from gongkai.reports.checker.batch import Row, check_files, summary, summary_csv
from gongkai.reports.checker.prose import LABELS as PROSE_LABELS
from gongkai.reports.checker.region import match_region
from gongkai.reports.checks import Finding, Severity
from gongkai.reports.deadlines import ReporterKind
from gongkai.reports.document import ReportDoc, ordered
from gongkai.reports.layout import Grid, table2_grid, table3_grid, table4_grid
from gongkai.reports.selectors import agencies_below
from gongkai.rules.outcomes import COLUMN_LABELS

FIRST_CHECKED_YEAR = 2008  # the Regulations' first reporting year
DETAIL_LIMIT = 100  # reports shown in full on the page; the rest are in the summary, the CSV and the JSON
SESSION_KEY = "report_check"
KEPT_SECONDS = 24 * 60 * 60
PASTED_NAME = "粘贴的文字"


@dataclass
class Checked:
    """One report as the page shows it."""

    index: int
    doc: ReportDoc
    row: Row
    errors: list[Finding]
    warnings: list[Finding]
    grids: list[Grid] = field(default_factory=list)
    prose: list[tuple[str, Any]] = field(default_factory=list)
    single_row: list[tuple[str, Any]] | None = None


@dataclass
class RegionRow:
    name: str
    reports: list[Checked]
    required: bool  # under Art. 49 (a government or a department), not a public institution (Art. 55)


@dataclass
class RegionView:
    """The region's agencies with their checked reports, and the reports that are not of it or its year."""

    rows: list[RegionRow]
    other_year: list[Checked]
    unmatched: list[Checked]

    @property
    def missing(self) -> int:
        return sum(1 for row in self.rows if row.required and not row.reports)


def _checked(index: int, doc: ReportDoc, row: Row) -> Checked:
    findings = [Finding.from_json(f) for f in doc.get("findings") or []]
    item = Checked(
        index=index,
        doc=doc,
        row=row,
        errors=[f for f in findings if f.severity is Severity.ERROR],
        warnings=[f for f in findings if f.severity is not Severity.ERROR],
    )
    if doc.get("format") in {"2019", "2021"}:
        item.grids = [grid(doc) for grid in (table2_grid, table3_grid, table4_grid)]
        single = ((doc.get("applications") or {}).get("other") or {}).get("other_processing_single_row")
        item.single_row = list(zip(COLUMN_LABELS, single, strict=False)) if isinstance(single, list) else None
    numbers = doc.get("prose_numbers") or {}
    item.prose = [(label, numbers[key]) for key, label in PROSE_LABELS.items() if numbers.get(key) is not None]
    return item


def _region(office: Agency | None, checked: list[Checked], year: int | None) -> RegionView | None:
    if office is None:
        return None
    agencies = list(agencies_below(office).values_list("name", "kind"))
    match = match_region([name for name, _ in agencies], [c.doc for c in checked], year)
    return RegionView(
        rows=[
            RegionRow(row.name, [checked[i] for i in row.reports], ReporterKind(kind) is not ReporterKind.INSTITUTION)
            for row, (_, kind) in zip(match.rows, agencies, strict=True)
        ],
        other_year=[checked[i] for i in match.other_year],
        unmatched=[checked[i] for i in match.unmatched],
    )


def _run(form: ReportCheckForm) -> tuple[list[ReportDoc], list[Row]]:
    data = form.cleaned_data
    previous = check_files((u.name, u.read()) for u in data["previous"])
    files = [(u.name, u.read()) for u in data["files"]]
    if data["text"].strip():
        files.append((PASTED_NAME, data["text"].encode("utf-8")))
    docs = check_files(files, previous=previous)
    return docs, summary(docs)


def _results_dir() -> Path:
    return Path(settings.DATA_DIR) / "report-checks"


def _keep(request, csv: str, payload: str) -> None:
    """The results for the downloads; older results of anyone are removed."""
    folder = _results_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEPT_SECONDS
    for old in folder.glob("*.json"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink(missing_ok=True)
        except OSError:  # removed meanwhile by another request's clean-up
            continue
    previous = request.session.get(SESSION_KEY)
    if isinstance(previous, str) and previous.isalnum():
        (folder / f"{previous}.json").unlink(missing_ok=True)
    token = secrets.token_hex(16)
    content = {"user": request.user.pk, "csv": csv, "json": payload}
    (folder / f"{token}.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    request.session[SESSION_KEY] = token


def _kept(request) -> dict[str, Any]:
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token.isalnum():
        return {}
    try:
        content = json.loads((_results_dir() / f"{token}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return content if content.get("user") == request.user.pk else {}


def _require_viewer(user) -> None:
    """Checking is for whoever may see annual reports (the disclosure office, approvers, supervisors)."""
    if not agencies_viewed(user).exists():
        raise PermissionDenied("您没有查看年度报告的权限。")


def _years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_CHECKED_YEAR - 1, -1))


@never_cache
@staff_required
def report_check(request):
    user = request.user
    _require_viewer(user)
    offices = agencies_supervised(user)
    initial = {key: request.GET[key] for key in ("office", "year") if request.GET.get(key, "").isdigit()}
    form = ReportCheckForm(
        request.POST or None, request.FILES or None, offices=offices, years=_years(), initial=initial
    )
    context: dict[str, Any] = {
        "form": form,
        "supervisor": offices.exists(),
        "detail_limit": DETAIL_LIMIT,
        "checked": None,
    }
    if request.method == "POST" and form.is_valid():
        docs, rows = _run(form)
        checked = [_checked(i, doc, row) for i, (doc, row) in enumerate(zip(docs, rows, strict=True))]
        region = _region(form.cleaned_data.get("office"), checked, form.cleaned_data["year"])
        _keep(request, summary_csv(rows), json.dumps([ordered(d) for d in docs], ensure_ascii=False, indent=1))
        context.update(
            {
                "checked": checked,
                "shown": checked[:DETAIL_LIMIT],
                "errors": sum(r.errors for r in rows),
                "with_errors": sum(1 for r in rows if r.errors),
                "region": region,
                "region_office": form.cleaned_data.get("office"),
                "region_year": form.cleaned_data["year"],
            }
        )
    return render(request, "backoffice/reports/check.html", context)


@never_cache
@staff_required
def report_check_download(request, fmt: str):
    _require_viewer(request.user)
    stored = _kept(request)
    if fmt == "csv" and stored.get("csv"):
        content, kind, name = stored["csv"], "text/csv; charset=utf-8", "年度报告检查汇总.csv"
    elif fmt == "json" and stored.get("json"):
        content, kind, name = stored["json"], "application/json; charset=utf-8", "年度报告检查结果.json"
    else:
        raise Http404("没有可下载的检查结果，请先检查报告。")
    response = HttpResponse(content.encode("utf-8"), content_type=kind)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


urlpatterns = [
    path("", report_check, name="report_check"),
    path("download/<slug:fmt>/", report_check_download, name="report_check_download"),
]
