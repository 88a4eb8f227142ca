"""The public search API (django-ninja): ``GET /api/v1/search?q=…`` with the portal page's filters,
read-only and without authentication, since the index holds only public content.

Parameters are validated by the ``SearchParams`` schema (types, choices, the year's range, the cursor)
and against the database (an active agency, an active catalog node, a topic); a bad value is a 422
with ninja's ``detail`` list. A query that cannot be searched (too long, no letters or digits) is not a
bad request: it comes back with ``error`` set and no hits, as on the portal page. When nothing contains
the query as written, ``search_page`` searches its words instead: ``q`` is then those words and
``relaxed_from`` the query as typed.
"""

import datetime as dt
import html

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import field_validator

from gongkai.agencies.models import Agency
from gongkai.publications.choices import Genre, Validity
from gongkai.publications.models import CatalogNode, Topic
from gongkai.search.models import DocumentKind
from gongkai.search.plan import After, Filters
from gongkai.search.selectors import SearchHit, search_page

router = Router(tags=["检索"])


class SearchParams(Schema):
    q: str = Field("", description="检索词；多个检索词用空格分开，结果同时包含全部检索词")
    agency: int | None = Field(None, description="发布机构 id（含其下级机构）")
    node: int | None = Field(None, description="公开目录栏目 id（含其下级栏目）")
    topic: int | None = Field(None, description="主题分类 id")
    genre: Genre | None = Field(None, description="文种")
    year: int | None = Field(None, ge=2000, le=2100, description="发布年度")
    validity: Validity | None = Field(None, description="有效性")
    kind: DocumentKind | None = Field(None, description="类型：政府信息、年度报告、咨询答复")
    after: str = Field("", description="翻页：上一页结果的 next_after")

    @field_validator("agency", "node", "topic", "genre", "year", "validity", "kind", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("after")
    @classmethod
    def _cursor(cls, value: str) -> str:
        value = value.strip()
        if value and After.decode(value) is None:
            raise ValueError("翻页参数无效，请去掉 after 从第一页开始")
        return value


class HitOut(Schema):
    title: str = Field(description="标题（纯文本）")
    title_html: str = Field(description="标题，已转义的 HTML，检索词以 <mark> 标出")
    snippet_html: str = Field(description="摘要，已转义的 HTML，检索词以 <mark> 标出")
    url: str
    kind: DocumentKind
    kind_label: str
    agency_id: int
    agency_name: str
    number: str = Field(description="文号")
    published_on: dt.date
    rank: int = Field(description="匹配层级：1 标题匹配，2 标题包含全部检索词，3 正文匹配，4 正文包含全部检索词")


class SearchOut(Schema):
    q: str
    total: int = Field(description="结果数，最多数到 10000")
    total_capped: bool = Field(description="结果在 10000 条以上")
    next_after: str = Field(description="下一页的 after 参数；最后一页为空")
    suggestion: str = Field(description="检索词的简体写法（输入繁体时）")
    relaxed_from: str = Field(
        description="没有结果完整包含所输入的检索词时，为所输入的检索词，q 则为其分词（各词须同时出现）；否则为空"
    )
    error: str = Field(description="无法检索时的说明")
    hits: list[HitOut]


def _plain(marked: str) -> str:
    """The text of escaped HTML whose only tags are ``<mark>`` (a literal "<mark>" in a title is escaped)."""
    return html.unescape(marked.replace("<mark>", "").replace("</mark>", ""))


def _check_exists(params: SearchParams) -> None:
    checks = (
        ("agency", Agency.objects.filter(is_active=True), "机构不存在或已停用"),
        ("node", CatalogNode.objects.filter(is_active=True, agency__is_active=True), "公开目录栏目不存在或已停用"),
        ("topic", Topic.objects.all(), "主题分类不存在"),
    )
    errors = [
        {"type": "value_error", "loc": ["query", name], "msg": message}
        for name, queryset, message in checks
        if getattr(params, name) is not None and not queryset.filter(pk=getattr(params, name)).exists()
    ]
    if errors:
        raise ValidationError(errors)


def _hit(request: HttpRequest, hit: SearchHit) -> dict[str, object]:
    return {
        "title": _plain(hit.title_html),
        "title_html": hit.title_html,
        "snippet_html": hit.snippet_html,
        "url": request.build_absolute_uri(hit.url),
        "kind": hit.kind,
        "kind_label": hit.kind_label,
        "agency_id": hit.agency_id,
        "agency_name": hit.agency_name,
        "number": hit.number,
        "published_on": hit.published_on,
        "rank": hit.rank,
    }


@router.get("", response=SearchOut, url_name="search", summary="检索公开的政府信息、年度报告和咨询答复")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, object]:
    _check_exists(params)
    filters = Filters(
        agency=params.agency,
        catalog_node=params.node,
        topic=params.topic,
        genre=params.genre.value if params.genre else "",
        year=params.year,
        validity=params.validity.value if params.validity else "",
        kind=params.kind.value if params.kind else "",
    )
    result = search_page(params.q, filters, after=params.after)
    return {
        "q": result.q,
        "total": result.total,
        "total_capped": result.total_capped,
        "next_after": result.next_after,
        "suggestion": result.suggestion,
        "relaxed_from": result.relaxed_from,
        "error": result.error,
        "hits": [_hit(request, hit) for hit in result.hits],
    }
