"""The 政府信息公开年报 column: an agency's published annual reports by year, each as an accessible web
page reproducing the national tables, and as DOCX, PDF, XLSX and JSON downloads. Drafts and reports
under review are never shown (``reports.selectors.published_report`` answers 404)."""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import render

from gongkai.agencies.selectors import agency_get_public
from gongkai.reports.render import FORMATS, filename
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import CSS, report_body_html
from gongkai.reports.selectors import published_report, published_reports

DOWNLOADS = tuple(f for f in FORMATS if f != "html")


def reports(request, agency_id: int):
    agency = agency_get_public(agency_id)
    return render(
        request,
        "portal/reports.html",
        {"agency": agency, "reports": published_reports(agency), "downloads": DOWNLOADS},
    )


def report(request, agency_id: int, year: int):
    agency = agency_get_public(agency_id)
    found = published_report(agency, year)
    context = {
        "agency": agency,
        "report": found,
        "body": report_body_html(found.data),
        "report_css": CSS,
        "downloads": DOWNLOADS,
        "others": published_reports(agency).exclude(pk=found.pk).only("year"),
    }
    return render(request, "portal/report.html", context)


def report_download(request, agency_id: int, year: int, fmt: str):  # noqa: ARG001 (Django's view signature)
    if fmt not in DOWNLOADS:
        raise Http404("未知格式")
    agency = agency_get_public(agency_id)
    found = published_report(agency, year)
    rendered = render_report(found.data, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    name = filename(found.data, rendered.extension)
    response["Content-Disposition"] = (
        f"attachment; filename=\"annual-report-{year}.{rendered.extension}\"; filename*=UTF-8''{quote(name)}"
    )
    return response
