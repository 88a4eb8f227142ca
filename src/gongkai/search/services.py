"""Writes to the search index. ``search_sync(obj)`` is called by every service that changes what the
public may see (publishing, withdrawing, repealing or amending an item; publishing a report; publishing
or unpublishing an answer; deactivating an agency), inside that service's transaction, so the index
and the records commit or roll back together. ``search_rebuild`` rebuilds everything (the
``search_rebuild`` command). Index rows are derived data: the change that caused them is audited.
"""

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection, transaction

from gongkai.consultations.models import Enquiry
from gongkai.publications.models import InformationItem
from gongkai.publications.selectors import descendant_ids
from gongkai.publications.states import ItemState
from gongkai.reports.models import AnnualReport
from gongkai.reports.states import ReportState
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.search.backends import IndexRow, backend_for
from gongkai.search.documents import DocumentData, document_for
from gongkai.search.models import SearchDocument
from gongkai.search.plan import sort_key

FIELDS = ("kind", "agency_id", "title", "number", "body", "url", "published_on", "info")


def index_row(document: SearchDocument) -> IndexRow:
    if document.sort_key is None:
        raise ValueError(f"search document {document.key} has no sort key")
    return IndexRow(document.sort_key, document.title, document.number, document.body, document.facets)


def _apply(data: DocumentData, document: SearchDocument) -> None:
    for name in FIELDS:
        setattr(document, name, getattr(data, name))
    document.facets = " ".join(data.facets)
    document.title = document.title[:300]
    document.number = document.number[:100]


def _write(key: str, data: DocumentData | None) -> None:
    backend = backend_for(connection.vendor)
    with connection.cursor() as cursor:
        existing = SearchDocument.objects.select_for_update().filter(key=key).first()
        if existing is not None:
            backend.remove(cursor, [index_row(existing)])
            if data is None:
                existing.delete()
                return
            document = existing
        elif data is None:
            return
        else:
            document = SearchDocument(key=key)
        _apply(data, document)
        document.save()
        document.sort_key = sort_key(document.published_on.toordinal(), document.pk)
        SearchDocument.objects.filter(pk=document.pk).update(sort_key=document.sort_key)
        backend.add(cursor, [index_row(document)])


def search_sync(obj: Any) -> None:
    """Bring the index in line with ``obj`` as it is now: (re)index it when public, else forget it."""
    key, data = document_for(obj)
    with transaction.atomic():
        _write(key, data)


def search_sync_many(objects: Iterable[Any]) -> None:
    for obj in objects:
        search_sync(obj)


def search_sync_agency(agency: Any) -> None:
    """After an agency is deactivated, reactivated, renamed or moved: everything it published."""
    search_sync_many(_items().filter(agency__path__startswith=agency.path))
    search_sync_many(_reports().filter(agency__path__startswith=agency.path))
    search_sync_many(_answers().filter(agency__path__startswith=agency.path))


def search_sync_catalog_node(node: Any) -> None:
    """After a catalog node is renamed or moved: the items filed under it and the nodes below it (their
    catalog path is shown in results and their node filter follows the tree)."""
    search_sync_many(_items().filter(catalog_node__in=descendant_ids(node.agency, node)))


def _items() -> Any:
    return (
        InformationItem.objects.filter(state=ItemState.PUBLISHED, attribute=DisclosureAttribute.PROACTIVE)
        .select_related("agency", "catalog_node")
        .prefetch_related("attachments")
    )


def _reports() -> Any:
    return AnnualReport.objects.filter(state=ReportState.PUBLISHED).select_related("agency")


def _answers() -> Any:
    return Enquiry.objects.filter(published=True).select_related("agency")


def searchable_count() -> int:
    return _items().count() + _reports().count() + _answers().count()


def _public_documents() -> Iterator[tuple[str, DocumentData | None]]:
    """Every public document, oldest first (so sort keys, and FTS5 rowids, are written in ascending order)."""
    streams = (
        _items().order_by("published_at", "pk"),
        _reports().order_by("published_at", "pk"),
        _answers().order_by("published_at", "pk"),
    )

    def documents(queryset: Any) -> Iterator[tuple[dt.date, str, DocumentData | None]]:
        for obj in queryset.iterator(chunk_size=500):
            key, data = document_for(obj)
            yield (data.published_on if data else dt.date.min), key, data

    for _day, key, data in heapq.merge(*(documents(q) for q in streams), key=lambda entry: entry[0]):
        yield key, data


def _save_batch(pending: list[SearchDocument]) -> list[SearchDocument]:
    """Insert a batch and give each document its sort key (publication day, then its id)."""
    created = SearchDocument.objects.bulk_create(pending)
    if created and created[0].pk is None:  # databases without RETURNING
        by_key = dict(SearchDocument.objects.filter(key__in=[d.key for d in created]).values_list("key", "pk"))
        for doc in created:
            doc.pk = by_key[doc.key]
    for doc in created:
        doc.sort_key = sort_key(doc.published_on.toordinal(), doc.pk)
    SearchDocument.objects.bulk_update(created, ["sort_key"])
    return created


def search_rebuild(*, progress: Callable[[int], None] | None = None, batch: int = 500) -> int:
    """Empty the index and index every public document again, in one transaction; returns how many.
    ``progress`` is told how many source records each step has gone through."""
    backend = backend_for(connection.vendor)
    written, seen = 0, 0
    with transaction.atomic(), connection.cursor() as cursor:
        SearchDocument.objects.all().delete()
        backend.clear(cursor)
        pending: list[SearchDocument] = []
        for key, data in _public_documents():
            seen += 1
            if data is not None:
                document = SearchDocument(key=key)
                _apply(data, document)
                pending.append(document)
            if len(pending) >= batch or (seen % batch == 0 and not pending):
                backend.add(cursor, [index_row(doc) for doc in _save_batch(pending)])
                written += len(pending)
                pending.clear()
                if progress is not None:
                    progress(seen)
                seen = 0
        if pending:
            backend.add(cursor, [index_row(doc) for doc in _save_batch(pending)])
            written += len(pending)
        if progress is not None and seen:
            progress(seen)
    return written
