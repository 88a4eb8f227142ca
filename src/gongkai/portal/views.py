"""Public pages. They read through selectors that only ever return published 主动公开 content."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.selectors import agency_children_public, agency_get_public, agency_list_public
from gongkai.publications.choices import Validity
from gongkai.publications.guide import guide_latest
from gongkai.publications.models import CatalogNode, Topic
from gongkai.publications.selectors import (
    PublicFilters,
    attachment_get_public,
    catalog_tree,
    item_get_public,
    item_related_public,
    items_public_for,
    years_with_items,
)

PAGE_SIZE = 20


def home(request):
    return render(request, "portal/home.html", {"agencies": agency_list_public()})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def agency_detail(request, agency_id: int):
    """The agency's 政府信息公开 column: standard sections, the catalog tree, latest items, contact data."""
    agency = agency_get_public(agency_id)
    latest = items_public_for(agency, PublicFilters())[:10]
    nodes = catalog_tree(agency)
    sections = {view.node.code: view for view in nodes}
    return render(
        request,
        "portal/agency_detail.html",
        {
            "agency": agency,
            "children": agency_children_public(agency),
            "tree": nodes,
            "sections": sections,
            "latest": latest,
        },
    )


def catalog(request, agency_id: int, node_id: int | None = None):
    """Browse the agency's catalog, by node, topic, year, department and validity."""
    agency = agency_get_public(agency_id)
    node = get_object_or_404(CatalogNode, agency=agency, pk=node_id, is_active=True) if node_id else None
    filters = PublicFilters(
        node=node,
        topic_id=_int(request.GET.get("topic")),
        year=_int(request.GET.get("year")),
        department_id=_int(request.GET.get("department")),
        validity=request.GET.get("validity", "") if request.GET.get("validity") in Validity.values else "",
        q=request.GET.get("q", "").strip()[:100],
    )
    page = Paginator(items_public_for(agency, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/catalog.html",
        {
            "agency": agency,
            "node": node,
            "tree": catalog_tree(agency),
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "topics": Topic.objects.filter(parent__isnull=True).order_by("sort_order"),
            "years": years_with_items(agency),
            "departments": agency.departments.filter(is_active=True),
            "validities": Validity.choices,
        },
    )


def guide(request, agency_id: int):
    agency = agency_get_public(agency_id)
    return render(request, "portal/guide.html", {"agency": agency, "guide": guide_latest(agency)})


def item_detail(request, agency_id: int, item_id: int):
    item = item_get_public(agency_id, item_id)
    return render(
        request,
        "portal/item_detail.html",
        {"agency": item.agency, "item": item, "attachments": item.attachments.all(), **item_related_public(item)},
    )


def attachment_download(request, agency_id: int, item_id: int, attachment_id: int):  # noqa: ARG001
    item = item_get_public(agency_id, item_id)
    attachment = attachment_get_public(item, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("附件文件缺失") from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
