"""Reads for the public column and the back office. Public reads never see anything but published
主动公开 items of active agencies."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.publications.models import Attachment, CatalogNode, InformationItem
from gongkai.publications.states import ItemState
from gongkai.rules.disclosure import DisclosureAttribute


def items_public() -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(
        state=ItemState.PUBLISHED, attribute=DisclosureAttribute.PROACTIVE, agency__is_active=True
    )


@dataclass
class NodeView:
    node: CatalogNode
    children: list["NodeView"] = field(default_factory=list)
    count: int = 0  # public items in this node and below


def catalog_tree(agency: Agency, *, counts: bool = True) -> list[NodeView]:
    """The agency's active catalog as a tree, with public item counts (one query for nodes, one for counts)."""
    nodes = list(CatalogNode.objects.filter(agency=agency, is_active=True).order_by("sort_order", "id"))
    direct: dict[int, int] = {}
    if counts:
        direct = dict(
            items_public().filter(agency=agency).values_list("catalog_node").annotate(n=Count("id")).order_by()
        )
    views = {n.pk: NodeView(n, count=direct.get(n.pk, 0)) for n in nodes}
    roots: list[NodeView] = []
    for node in nodes:
        parent = views.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(views[node.pk])

    def total(view: NodeView) -> int:
        view.count += sum(total(child) for child in view.children)
        return view.count

    for root in roots:
        total(root)
    return roots


def descendant_ids(agency: Agency, node: CatalogNode) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in CatalogNode.objects.filter(agency=agency).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    result, stack = [], [node.pk]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(children.get(current, []))
    return result


@dataclass(frozen=True)
class PublicFilters:
    node: CatalogNode | None = None
    topic_id: int | None = None
    year: int | None = None
    department_id: int | None = None
    validity: str = ""
    q: str = ""


def items_public_for(agency: Agency, filters: PublicFilters) -> QuerySet[InformationItem]:
    items = items_public().filter(agency=agency)
    if filters.node is not None:
        items = items.filter(catalog_node_id__in=descendant_ids(agency, filters.node))
    if filters.topic_id:
        items = items.filter(Q(topic_id=filters.topic_id) | Q(topic__parent_id=filters.topic_id))
    if filters.year:
        start = dt.date(filters.year, 1, 1)
        items = items.filter(formed_on__gte=start, formed_on__lt=start.replace(year=filters.year + 1))
    if filters.department_id:
        items = items.filter(department_id=filters.department_id)
    if filters.validity:
        items = items.filter(validity=filters.validity)
    if filters.q:
        items = items.filter(Q(title__icontains=filters.q) | Q(document_number__icontains=filters.q))
    return items.select_related("catalog_node", "department").order_by("-published_at", "-id")


def item_get_public(agency_id: int, item_id: int) -> InformationItem:
    item = (
        items_public()
        .filter(agency_id=agency_id, pk=item_id)
        .select_related("agency", "catalog_node", "topic__parent", "department", "replaced_by", "amends")
        .first()
    )
    if item is None:
        raise Http404("未找到该信息")
    return item


def item_related_public(item: InformationItem) -> dict[str, list[InformationItem]]:
    """Interpretations of the item and documents it interprets, public ones only."""
    public = items_public()
    return {
        "interpretations": list(public.filter(interprets=item).order_by("-published_at")),
        "interprets": list(public.filter(interpretations=item).order_by("-published_at")),
        "replaces": list(public.filter(replaced_by=item)),
    }


def attachment_get_public(item: InformationItem, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.filter(item=item, pk=attachment_id).first()
    if attachment is None or not item.is_public:
        raise Http404("未找到该附件")
    return attachment


def years_with_items(agency: Agency) -> list[int]:
    dates = items_public().filter(agency=agency).dates("formed_on", "year", order="DESC")
    return [d.year for d in dates]
