"""Template helpers of the annual report pages.

``{{ fields|get_item:path }}``: the bound form field of a table cell, by the cell's path.
``{% report_status_card %}``: on the dashboard, last year's report of each agency the user writes, with
where it stands against its deadline."""

from typing import Any

from django import template
from django.utils import timezone

from gongkai.reports.access import agencies_reporting
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import standing_of

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.inclusion_tag("backoffice/reports/_status_card.html", takes_context=True)
def report_status_card(context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": []}
    today = timezone.localdate()
    year = today.year - 1
    agencies = [a for a in agencies_reporting(user)[:20] if a.kind != "institution"]
    saved = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    rows = []
    for agency in agencies:
        report = saved.get(agency.pk)
        stand, due = standing_of(agency, report, year, today)
        days_left = (due - today).days if due else None
        rows.append({"agency": agency, "report": report, "due": due, "days_left": days_left, "standing": stand})
    return {"rows": rows, "year": year}
