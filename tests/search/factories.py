"""Index documents written by hand, with the facets ``search.documents`` would give them."""

import datetime as dt

from django.db import transaction

from gongkai.publications.choices import Genre, Validity
from gongkai.search.documents import DocumentData
from gongkai.search.models import DocumentKind, SearchDocument
from gongkai.search.plan import agency_facets, facet
from gongkai.search.services import _write

DAY = dt.date(2025, 6, 2)


def index_document(
    agency,
    title: str,
    *,
    key: str = "",
    body: str = "",
    number: str = "",
    published_on: dt.date = DAY,
    kind: str = DocumentKind.ITEM,
    genre: str = Genre.NOTICE,
    validity: str = Validity.VALID,
    extra: tuple[str, ...] | list[str] = (),
) -> DocumentData:
    serial = SearchDocument.objects.count() + 1
    key = key or f"{kind}:{9000 + serial}"
    facets = [facet("k", kind), facet("y", published_on.year), *agency_facets(agency.path), *extra]
    info: dict[str, object] = {}
    if kind == DocumentKind.ITEM:
        facets += [facet("g", genre), facet("v", validity)]
        info = {
            "catalog": "法定主动公开内容 › 政策文件",
            "validity": Validity(validity).label,
            "validity_code": validity,
        }
    data = DocumentData(
        key=key,
        kind=kind,
        agency_id=agency.pk,
        title=title,
        number=number,
        body=body,
        url=f"/agencies/{agency.pk}/items/{9000 + serial}/",
        published_on=published_on,
        facets=facets,
        info=info,
    )
    with transaction.atomic():
        _write(key, data)
    return data
