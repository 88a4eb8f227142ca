"""Reads of the public search: one page of results with highlighted titles and snippets, the count
(exact up to ``COUNT_CAP``), the keyset cursor of the next page and a 繁体 suggestion. A query that no
document contains as written is searched once more as its words (``search.words``), and says so.

The portal page and the API both call ``search_page``; the backend follows the database in use.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection

from gongkai.search.backends import backend_for
from gongkai.search.models import DocumentKind, SearchDocument
from gongkai.search.plan import After, Filters
from gongkai.search.snippets import highlight, snippet
from gongkai.search.tokens import QueryError, parse_query
from gongkai.search.variants import simplified
from gongkai.search.words import relaxed_query

PER_PAGE = 20
MAX_PER_PAGE = 50
COUNT_CAP = 10_000
RANK_LABELS = {1: "标题匹配", 2: "标题包含全部检索词", 3: "正文匹配", 4: "正文包含全部检索词"}


@dataclass
class SearchHit:
    title_html: str
    snippet_html: str
    url: str
    kind: str
    kind_label: str
    agency_id: int
    agency_name: str
    number: str
    published_on: dt.date
    rank: int
    info: dict[str, object]


@dataclass
class SearchPage:
    q: str
    filters: Filters
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False  # there are more than COUNT_CAP results
    next_after: str = ""  # cursor of the next page, "" on the last
    error: str = ""
    suggestion: str = ""  # the query in simplified characters
    relaxed_from: str = ""  # nothing contained this query as written; ``q`` is then its words (jieba)


def search_page(q: str, filters: Filters | None = None, *, after: str = "", per_page: int = PER_PAGE) -> SearchPage:
    filters = filters or Filters()
    result = SearchPage(q=" ".join(q.split()), filters=filters)
    if not result.q:
        return result
    result.suggestion = simplified(result.q) or ""
    try:
        query = parse_query(result.q)
    except QueryError as error:
        result.error = str(error)
        return result
    cursor_after = After.decode(after) if after else None
    if after and cursor_after is None:
        result.error = "翻页参数无效，请回到第一页重新检索。"
        return result
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    backend = backend_for(connection.vendor)
    facets = filters.facets()
    with connection.cursor() as cursor:
        found = backend.page(cursor, query, facets, cursor_after, per_page + 1)
        total = backend.count(cursor, query, facets, COUNT_CAP + 1)
        relaxed = relaxed_query(result.q) if not found and not after else None
        if relaxed:
            query = parse_query(relaxed)
            found = backend.page(cursor, query, facets, None, per_page + 1)
            if found:
                result.relaxed_from, result.q = result.q, relaxed
                total = backend.count(cursor, query, facets, COUNT_CAP + 1)
    result.total, result.total_capped = min(total, COUNT_CAP), total > COUNT_CAP
    page = found[:per_page]
    if len(found) > per_page:
        result.next_after = After(page[-1].rank, page[-1].sort_key).encode()
    documents = SearchDocument.objects.filter(sort_key__in=[hit.sort_key for hit in page]).select_related("agency")
    by_key = {doc.sort_key: doc for doc in documents}
    terms = query.terms
    kinds = dict(DocumentKind.choices)
    for hit in page:
        doc = by_key.get(hit.sort_key)
        if doc is None:  # removed between the two reads
            continue
        result.hits.append(
            SearchHit(
                title_html=highlight(doc.title, terms),
                snippet_html=snippet(doc.body, terms),
                url=doc.url,
                kind=doc.kind,
                kind_label=kinds.get(doc.kind, doc.kind),
                agency_id=doc.agency_id,
                agency_name=doc.agency.name,
                number=doc.number,
                published_on=doc.published_on,
                rank=hit.rank,
                info=doc.info,
            )
        )
    return result
