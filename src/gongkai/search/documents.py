"""What the public may find, as index documents: published 主动公开 items of active agencies (with
their attachments' text), published annual reports, published questions and answers.

Each ``*_document`` returns ``None`` for anything that is not public right now (a draft, an item under
review, filed as 不予公开 or 依申请公开, withdrawn, an agency deactivated, an unpublished answer), so the
index never holds it. This is the one place deciding what search may show.
"""

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from gongkai.consultations.models import Enquiry
from gongkai.publications.models import CatalogNode, InformationItem
from gongkai.publications.states import ItemState
from gongkai.reports.models import AnnualReport
from gongkai.reports.states import ReportState
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.search.models import DocumentKind
from gongkai.search.plan import agency_facets, facet

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|tr|h[1-6]|table|blockquote)>")


@dataclass
class DocumentData:
    key: str
    kind: str
    agency_id: int
    title: str
    number: str
    body: str
    url: str
    published_on: dt.date
    facets: list[str]
    info: dict[str, Any] = field(default_factory=dict)


def html_text(markup: str) -> str:
    """Plain text of sanitised HTML, block ends as line breaks."""
    return html.unescape(strip_tags(_BLOCK_END.sub("\n", markup))).strip()


def _common_facets(kind: str, agency: Any, published_on: dt.date) -> list[str]:
    return [facet("k", kind), facet("y", published_on.year), *agency_facets(agency.path)]


def _node_chain(node: CatalogNode) -> list[CatalogNode]:
    chain, seen = [], set()
    current: CatalogNode | None = node
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = current.parent
    return chain


def item_document(item: InformationItem) -> DocumentData | None:
    if not (
        item.state == ItemState.PUBLISHED
        and item.attribute == DisclosureAttribute.PROACTIVE
        and item.agency.is_active
        and item.published_at is not None
    ):
        return None
    published_on = timezone.localdate(item.published_at)
    facets = _common_facets(DocumentKind.ITEM, item.agency, published_on)
    chain = _node_chain(item.catalog_node)
    facets += [facet("c", node.pk) for node in chain]
    if item.topic_id:
        facets.append(facet("t", item.topic_id))
    facets += [facet("g", item.genre), facet("v", item.validity)]
    parts = [item.summary, html_text(item.body), item.keywords, item.issuer]
    parts += [f"{a.original_name}\n{a.text}" for a in item.attachments.all()]
    return DocumentData(
        key=f"item:{item.pk}",
        kind=DocumentKind.ITEM,
        agency_id=item.agency_id,
        title=item.title,
        number=item.document_number,
        body="\n".join(part for part in parts if part),
        url=reverse("portal:item", args=[item.agency_id, item.pk]),
        published_on=published_on,
        facets=facets,
        info={
            "index_number": item.index_number or "",
            "catalog": " › ".join(node.name for node in reversed(chain)),
            "genre": item.get_genre_display(),
            "validity": item.get_validity_display(),
            "validity_code": item.validity,
        },
    )


def report_document(report: AnnualReport) -> DocumentData | None:
    from gongkai.reports.render.html import report_body_html  # noqa: PLC0415 (WeasyPrint-free, but heavy)

    if not (report.state == ReportState.PUBLISHED and report.published_on and report.agency.is_active):
        return None
    title = f"{report.agency.name}{report.year}年政府信息公开工作年度报告"
    return DocumentData(
        key=f"report:{report.pk}",
        kind=DocumentKind.REPORT,
        agency_id=report.agency_id,
        title=title,
        number="",
        body=html_text(report_body_html(report.data)),
        url=reverse("portal:report", args=[report.agency_id, report.year]),
        published_on=report.published_on,
        facets=_common_facets(DocumentKind.REPORT, report.agency, report.published_on),
        info={"year": report.year},
    )


def answer_document(enquiry: Enquiry) -> DocumentData | None:
    if not (enquiry.published and enquiry.published_at and enquiry.agency.is_active):
        return None
    published_on = timezone.localdate(enquiry.published_at)
    return DocumentData(
        key=f"answer:{enquiry.pk}",
        kind=DocumentKind.ANSWER,
        agency_id=enquiry.agency_id,
        title=enquiry.public_subject or enquiry.subject,
        number="",
        body=f"{enquiry.public_question}\n{enquiry.public_answer}",
        url=reverse("portal:answer", args=[enquiry.agency_id, enquiry.pk]),
        published_on=published_on,
        facets=_common_facets(DocumentKind.ANSWER, enquiry.agency, published_on),
    )


def document_for(obj: Any) -> tuple[str, DocumentData | None]:
    """The index key of ``obj`` and its document, ``None`` when it is not public."""
    if isinstance(obj, InformationItem):
        return f"item:{obj.pk}", item_document(obj)
    if isinstance(obj, AnnualReport):
        return f"report:{obj.pk}", report_document(obj)
    if isinstance(obj, Enquiry):
        return f"answer:{obj.pk}", answer_document(obj)
    raise TypeError(f"not searchable: {type(obj).__name__}")
