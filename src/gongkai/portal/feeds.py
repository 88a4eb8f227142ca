"""Atom feeds of newly published items, per agency and per catalog node."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.selectors import agency_get_public
from gongkai.publications.models import CatalogNode
from gongkai.publications.selectors import PublicFilters, items_public_for

FEED_SIZE = 30


class AgencyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, agency_id: int, node_id: int | None = None):
        agency = agency_get_public(agency_id)
        node = get_object_or_404(CatalogNode, agency=agency, pk=node_id, is_active=True) if node_id else None
        return agency, node

    def title(self, obj):
        agency, node = obj
        return f"{agency.name} · {node.name if node else '政府信息公开'}"

    def link(self, obj):
        agency, node = obj
        if node:
            return reverse("portal:catalog_node", args=[agency.pk, node.pk])
        return reverse("portal:agency", args=[agency.pk])

    def subtitle(self, obj):
        return f"{obj[0].name}最新主动公开的政府信息"

    def items(self, obj):
        agency, node = obj
        return items_public_for(agency, PublicFilters(node=node))[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [f"索引号：{item.index_number}"]
        if item.document_number:
            parts.append(f"文号：{item.document_number}")
        if item.summary:
            parts.append(item.summary)
        return "；".join(parts)

    def item_link(self, item):
        return reverse("portal:item", args=[item.agency_id, item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
