"""Public side of service guides (办事指南): an agency's guides grouped by kind, the guide page, its
one-page print (HTML and PDF) and the decisions (办理结果) published against it.

Only the published version in force of an active matter is shown (``serviceguides.selectors``); anything
else is a 404. Applicants who are natural persons appear masked (张**), organisations by name.
"""

import csv
import io

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from gongkai.agencies.selectors import agency_get_public
from gongkai.serviceguides import content as guide_content
from gongkai.serviceguides.selectors import decision_years, decisions_public, guide_public, guides_by_kind

DECISIONS_PER_PAGE = 20
CSV_LIMIT = 10000


def _version(guide) -> str:
    published = guide.item.published_at
    return f"{published:%Y年%-m月%-d日}发布" if published else ""


def guides(request, agency_id: int):
    agency = agency_get_public(agency_id)
    q = request.GET.get("q", "").strip()[:50]
    groups = guides_by_kind(agency, q)
    return render(
        request,
        "portal/service_guides.html",
        {"agency": agency, "groups": groups, "q": q, "total": sum(len(g.guides) for g in groups)},
    )


def guide(request, agency_id: int, matter_id: int):
    found = guide_public(agency_id, matter_id)
    header, content = found.header(), found.content()
    return render(
        request,
        "portal/service_guide.html",
        {
            "agency": found.matter.agency,
            "guide": found,
            "item": found.item,
            "sections": guide_content.sections(header, content),
            "content": content,
            "decisions": decisions_public(found.matter)[:5],
        },
    )


def _print_context(found) -> dict:
    layout = guide_content.print_layout(found.header(), found.content(), version=_version(found))
    return {"agency": found.matter.agency, "guide": found, "layout": layout}


def guide_print(request, agency_id: int, matter_id: int):
    found = guide_public(agency_id, matter_id)
    return render(request, "portal/service_guide_print.html", {**_print_context(found), "for_pdf": False})


def guide_pdf(request, agency_id: int, matter_id: int):
    found = guide_public(agency_id, matter_id)
    html = render_to_string("portal/service_guide_print.html", {**_print_context(found), "for_pdf": True}, request)
    # weasyprint ships no type information; a heavy import (Pango, fonts), made only when a PDF is produced
    import weasyprint  # type: ignore[import-untyped]  # noqa: PLC0415

    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{found.matter.name}办事指南.pdf"
    )
    return response


def _year(request, years: list[int]) -> int | None:
    text = request.GET.get("year", "")
    if not text:
        return None
    if not text.isdigit() or int(text) not in years:
        raise Http404("该年度没有公开的办理结果")
    return int(text)


def decisions(request, agency_id: int, matter_id: int):
    found = guide_public(agency_id, matter_id)
    matter = found.matter
    rows = decisions_public(matter)
    years = decision_years(rows)
    year = _year(request, years)
    if year is not None:
        rows = rows.filter(decided_on__year=year)
    if request.GET.get("format") == "csv":
        return _csv(matter, rows, year)
    page = Paginator(rows, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/service_guide_decisions.html",
        {"agency": matter.agency, "guide": found, "matter": matter, "page": page, "years": years, "year": year},
    )


def _csv(matter, rows, year: int | None) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["事项名称", "决定文书号", "决定日期", "申请人", "申请人类型", "办理结果", "内容摘要"])
    for d in rows[:CSV_LIMIT]:
        writer.writerow(
            [
                matter.name,
                d.number,
                d.decided_on.isoformat(),
                d.applicant_public,
                d.get_applicant_kind_display(),
                d.get_result_display(),
                d.summary,
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{matter.name}办理结果{f'（{year}年）' if year else ''}.csv"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
