"""Reads: the public guides and decisions of an agency, the back office's matters with their versions, and
the yearly decision counts table 二 of the annual report takes (``decision_counts``)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.publications.choices import Validity
from gongkai.publications.selectors import items_public
from gongkai.publications.states import ItemState
from gongkai.reports.document import path_text
from gongkai.rules.outcomes import report_format_for_year
from gongkai.rules.report_tables import table2
from gongkai.serviceguides.models import MatterKind, ServiceDecision, ServiceGuide, ServiceMatter

TABLE2_ITEM = "第二十条第（五）项"
DECISIONS_COLUMN = "处理决定数量"
_ROW_KINDS = {MatterKind.LICENSING.label: MatterKind.LICENSING.value, MatterKind.OTHER.label: MatterKind.OTHER.value}

COUNTING_RULE = (
    "表二“第二十条第（五）项”的处理决定数量，按决定日期所在年度统计本机关在本平台登记、未撤回的办理结果"
    "（2021年起的格式只有“行政许可”一行；2019年格式另有“其他对外管理服务事项”）。"
    "已在“年报统计数据”中录入该单元格的（注明数据来源），以录入的数字为准。"
)


# --- table 二 --------------------------------------------------------------------------------------


def decision_cells(year: int) -> dict[str, str]:
    """{matter kind: the stored key (``path_text``) of its 处理决定数量 cell} in the year's report format."""
    cells: dict[str, str] = {}
    for block in table2(report_format_for_year(year)):
        if block.item != TABLE2_ITEM:
            continue
        column = next((n for n, label in enumerate(block.columns) if DECISIONS_COLUMN in label), None)
        if column is None:
            continue
        for row in block.rows:
            kind = _ROW_KINDS.get(row.label)
            if kind is not None:
                cells[kind] = path_text(row.paths[column])
    return cells


def decision_counts(ids: Iterable[int], year: int) -> dict[int, dict[str, int]]:
    """{agency id: {cell key: decisions}} of ``year`` for the agencies ``ids``, in one aggregate query.

    A decision counts in the year of its ``decided_on`` unless withdrawn. An agency that has matters of a
    kind (created by the end of the year, or with decisions in it) gets that kind's cell, 0 included; one
    without matters of the kind gets none, so the figure stays to be entered from other systems.
    """
    cells = decision_cells(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_end = timezone.make_aware(dt.datetime(year + 1, 1, 1))  # noqa: DTZ001 - made aware here
    rows = (
        ServiceMatter.objects.filter(agency_id__in=list(ids), kind__in=list(cells))
        .values("agency_id", "kind")
        .annotate(
            n=Count(
                "decisions",
                filter=Q(decisions__decided_on__range=(first, last), decisions__withdrawn_at__isnull=True),
            ),
            first_created=Min("created_at"),
        )
        .order_by()
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row["n"] or row["first_created"] < year_end:
            key = cells[row["kind"]]
            found[row["agency_id"]][key] = found[row["agency_id"]].get(key, 0) + row["n"]
    return dict(found)


# --- public reads ----------------------------------------------------------------------------------


def guides_public() -> QuerySet[ServiceGuide]:
    """Guide versions in force on the public site: published 主动公开 items not replaced by a revision."""
    return ServiceGuide.objects.filter(
        item__in=items_public(), item__validity=Validity.VALID.value, matter__is_active=True
    ).select_related("item", "matter", "matter__department")


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    guides: list[ServiceGuide]


def guides_by_kind(agency: Agency, q: str = "") -> list[KindGroup]:
    """The agency's current guides grouped by kind (行政许可 first), filtered by name or code."""
    guides = guides_public().filter(matter__agency=agency)
    if q:
        guides = guides.filter(Q(matter__name__icontains=q) | Q(matter__code__icontains=q))
    by_kind: dict[str, list[ServiceGuide]] = defaultdict(list)
    for guide in guides.order_by("matter__sort_order", "matter__name", "matter_id"):
        by_kind[guide.matter.kind].append(guide)
    return [KindGroup(kind.value, kind.label, by_kind.get(kind.value, [])) for kind in MatterKind]


def guide_public(agency_id: int, matter_id: int) -> ServiceGuide:
    """The matter's guide in force, or ``Http404`` (no published version, inactive agency or matter)."""
    guide = (
        guides_public()
        .filter(matter__agency_id=agency_id, matter__agency__is_active=True, matter_id=matter_id)
        .select_related("item__agency")
        .order_by("-item__published_at", "-item_id")
        .first()
    )
    if guide is None:
        raise Http404("未找到该办事指南")
    return guide


def decisions_public(matter: ServiceMatter) -> QuerySet[ServiceDecision]:
    """The published, not withdrawn decisions of a matter, newest first (names as the public sees them)."""
    return ServiceDecision.objects.filter(matter=matter, is_published=True, withdrawn_at__isnull=True).order_by(
        "-decided_on", "-id"
    )


def decision_years(decisions: QuerySet[ServiceDecision]) -> list[int]:
    return [d.year for d in decisions.dates("decided_on", "year", order="DESC")]


# --- back office -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    matter: ServiceMatter
    current: ServiceGuide | None  # the published version in force
    pending: ServiceGuide | None  # a version in draft or review
    versions: int


def matter_rows(matters: QuerySet[ServiceMatter]) -> list[MatterRow]:
    """Each matter with its current published guide and its version in progress (two queries)."""
    matters = list(matters.select_related("agency", "department"))
    guides = (
        ServiceGuide.objects.filter(matter__in=matters)
        .select_related("item")
        .order_by("matter_id", "-item__published_at", "-item_id")
    )
    current: dict[int, ServiceGuide] = {}
    pending: dict[int, ServiceGuide] = {}
    versions: dict[int, int] = defaultdict(int)
    for guide in guides:
        versions[guide.matter_id] += 1
        state = guide.item.state
        if state in {ItemState.DRAFT.value, ItemState.IN_REVIEW.value}:
            pending.setdefault(guide.matter_id, guide)
        elif state == ItemState.PUBLISHED.value and guide.item.validity == Validity.VALID.value:
            current.setdefault(guide.matter_id, guide)
    return [MatterRow(m, current.get(m.pk), pending.get(m.pk), versions[m.pk]) for m in matters]


def matter_versions(matter: ServiceMatter) -> QuerySet[ServiceGuide]:
    return ServiceGuide.objects.filter(matter=matter).select_related("item").order_by("-item_id")


@dataclass(frozen=True)
class Table2Row:
    """One 处理决定数量 cell of table 二 for the decisions page: what was counted here, what was entered
    from other systems (with its source), and what the report will show (the entered figure wins)."""

    kind_label: str
    key: str
    counted: int | None
    entered: int | None
    source: str

    @property
    def shown(self) -> int | None:
        return self.entered if self.entered is not None else self.counted


def table2_preview(agency: Agency, year: int) -> list[Table2Row]:
    from gongkai.reports.models import StatisticEntry  # noqa: PLC0415 - reports.selectors imports this module

    cells = decision_cells(year)
    counted = decision_counts([agency.pk], year).get(agency.pk, {})
    entries = {e.key: e for e in StatisticEntry.objects.filter(agency=agency, year=year, key__in=list(cells.values()))}
    rows = []
    for kind, key in cells.items():
        entry = entries.get(key)
        rows.append(
            Table2Row(
                kind_label=MatterKind(kind).label,
                key=key,
                counted=counted.get(key),
                entered=int(entry.value) if entry is not None else None,
                source=entry.source if entry is not None else "",
            )
        )
    return rows
