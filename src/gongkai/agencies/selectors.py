"""Reads of agency data for the public portal: only active agencies and public contact fields."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.models import Agency, ReadingRoom


def agency_list_public() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("path", "sort_order")


def agency_get_public(agency_id: int) -> Agency:
    queryset = (
        Agency.objects.filter(is_active=True)
        .prefetch_related(
            Prefetch("reading_rooms", queryset=ReadingRoom.objects.order_by("sort_order", "id")),
        )
        .select_related("parent")
    )
    return get_object_or_404(queryset, pk=agency_id)


def agency_children_public(agency: Agency) -> QuerySet[Agency]:
    return agency.children.filter(is_active=True).order_by("sort_order", "id")
