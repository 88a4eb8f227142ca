"""Reads for the annual report: the facts of any number of agencies' year in a fixed handful of
aggregate queries (never one query per agency or per cell), previous reports, the roll-up rows.

``facts_for_year`` is the only place the report's figures are read from the records; the pure
``reports.compute`` turns each agency's facts into its report.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.models import Agency, ReadingRoom
from gongkai.appeals.selectors import cases_of_year
from gongkai.consultations.models import EnquiryReminder
from gongkai.consultations.selectors import figures_by_agency
from gongkai.inforequests.clock import BreachKind, EventKind
from gongkai.inforequests.models import ClockBreach, ClockEntry, Reminder
from gongkai.inforequests.selectors import (
    applications_decided_between,
    applications_open_on,
    applications_received_between,
)
from gongkai.publications.choices import Channel, ReportKind
from gongkai.publications.models import (
    CatalogNode,
    DisclosureGuide,
    InformationItem,
    ScreeningFinding,
    TimelinessBreach,
)
from gongkai.publications.states import ItemState
from gongkai.reports import text
from gongkai.reports.checks import Finding, Severity, check
from gongkai.reports.compute import AgencyYear, ApplicationCounts, DocumentCounts, Fees, StaffTexts, compute
from gongkai.reports.deadlines import ReporterKind, Standing, standing, statutory_deadline
from gongkai.reports.document import ReportDoc, amount_number, cell, parse_path, section_text, sum_tables
from gongkai.reports.models import AnnualReport, StatisticEntry
from gongkai.reports.similarity import similar_pairs
from gongkai.reports.states import ReportState
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.rules.outcomes import report_format_for_year
from gongkai.rules.receipt import Channel as ApplicationChannel
from gongkai.rules.report_tables import CellKind
from gongkai.serviceguides.selectors import decision_counts


def _year_bounds(year: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tz = timezone.get_current_timezone()
    return first, last, dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _published_items(ids: list[int]):
    return InformationItem.objects.filter(
        agency_id__in=ids, state=ItemState.PUBLISHED.value, attribute=DisclosureAttribute.PROACTIVE.value
    )


# --- table 二 -------------------------------------------------------------------------------------------


def _document_counts(ids: list[int], year: int) -> dict[tuple[int, str], DocumentCounts]:
    first, last, start, end = _year_bounds(year)
    in_force = Q(issued_on__lte=last) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=last))
    rows = (
        _published_items(ids)
        .filter(report_kind__in=[ReportKind.REGULATION.value, ReportKind.NORMATIVE.value])  # the index, not NOT =
        .values("agency_id", "report_kind")
        .annotate(
            issued=Count("pk", filter=Q(issued_on__range=(first, last))),
            repealed=Count("pk", filter=Q(repealed_on__range=(first, last))),
            in_force=Count("pk", filter=in_force),
            published=Count("pk", filter=Q(published_at__gte=start, published_at__lt=end)),
            published_total=Count("pk", filter=Q(published_at__lt=end)),
        )
    )
    return {
        (r["agency_id"], r["report_kind"]): DocumentCounts(
            r["issued"], r["repealed"], r["in_force"], r["published"], r["published_total"]
        )
        for r in rows
    }


def statistic_value(fmt: str, key: str, value: Decimal) -> int | float:
    """A stored statistics value as the report writes it (whole numbers for counts, 万元 amounts)."""
    kind = cell(fmt, parse_path(fmt, key)).kind
    return amount_number(value) if kind is CellKind.AMOUNT else int(value)


def _statistics(ids: list[int], year: int) -> dict[int, dict[str, int | float]]:
    """The entered table 二 figures, and the 处理决定数量 cells counted from the decisions recorded on the
    platform (``serviceguides.selectors.decision_counts``) where no figure was entered: an entered figure,
    which names its source, wins."""
    fmt = report_format_for_year(year).value
    found: dict[int, dict[str, int | float]] = defaultdict(dict)
    for agency_id, key, value in StatisticEntry.objects.filter(agency_id__in=ids, year=year).values_list(
        "agency_id", "key", "value"
    ):
        try:
            found[agency_id][key] = statistic_value(fmt, key, value)
        except ValueError:
            continue  # an entry of the other format (the year's format decides which cells exist)
    for agency_id, counts in decision_counts(ids, year).items():
        for key, count in counts.items():
            found[agency_id].setdefault(key, count)
    return found


# --- table 三 -------------------------------------------------------------------------------------------


def _by_type(queryset) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for row in queryset.values("agency_id", "applicant_type").annotate(n=Count("pk")).order_by():
        found[row["agency_id"]][row["applicant_type"]] = row["n"]
    return found


@dataclass(frozen=True)
class _Received:
    """Applications received in the year, counted once both ways: by applicant type (table 三 一) and by
    channel (section 一)."""

    by_type: dict[int, dict[str, int]]
    by_channel: dict[int, dict[str, int]]


def _received(ids: list[int], year: int) -> _Received:
    labels = {c.value: c.label for c in ApplicationChannel}
    by_type: dict[int, dict[str, int]] = defaultdict(dict)
    by_channel: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        applications_received_between(ids, dt.date(year, 1, 1), dt.date(year, 12, 31))
        .values("agency_id", "applicant_type", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        agency_id, n = row["agency_id"], row["n"]
        kinds, channels = by_type[agency_id], by_channel[agency_id]
        kinds[row["applicant_type"]] = kinds.get(row["applicant_type"], 0) + n
        label = labels.get(row["channel"], row["channel"])
        channels[label] = channels.get(label, 0) + n
    return _Received(by_type, by_channel)


def _applications(ids: list[int], year: int, received: _Received) -> dict[int, ApplicationCounts]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    new = received.by_type
    over = _by_type(applications_open_on(ids, dt.date(year - 1, 12, 31)))
    onward = _by_type(applications_open_on(ids, last))
    decided: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for row in (
        applications_decided_between(ids, first, last)
        .values("agency_id", "applicant_type", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        decided[row["agency_id"]][(row["applicant_type"], row["outcome"])] = row["n"]
    return {
        agency_id: ApplicationCounts(
            new=new.get(agency_id, {}),
            carried_over=over.get(agency_id, {}),
            carried_next=onward.get(agency_id, {}),
            decided=decided.get(agency_id, {}),
        )
        for agency_id in set(new) | set(over) | set(onward) | set(decided)
    }


def _fees(ids: list[int], year: int) -> dict[int, Fees]:
    rows = (
        _in_agencies(ClockEntry.objects, "application__agency_id", ids)
        .filter(kind=EventKind.FEE_PAID.value, on__year=year)
        .values("application__agency_id")
        .annotate(yuan=Sum("application__fee_amount"), n=Count("application_id", distinct=True))
        .order_by()
    )
    return {r["application__agency_id"]: Fees(int(r["yuan"] or 0), r["n"]) for r in rows}


# --- section 一 -----------------------------------------------------------------------------------------


def _categories(ids: list[int]) -> dict[int, str]:
    """catalog node id → the category it is counted under: the node's top-level column, or the
    second-level column under a top-level column that has children (法定主动公开内容 › 招生管理)."""
    nodes = {
        pk: (parent, name)
        for pk, parent, name in CatalogNode.objects.filter(agency_id__in=ids).values_list("id", "parent_id", "name")
    }
    category: dict[int, str] = {}
    for pk in nodes:
        chain = [pk]
        while nodes[chain[-1]][0] is not None and nodes[chain[-1]][0] in nodes:
            chain.append(nodes[chain[-1]][0])
        chain.reverse()  # top-level first
        category[pk] = nodes[chain[1]][1] if len(chain) > 1 else nodes[chain[0]][1]
    return category


def _in_agencies(queryset, field: str, ids: list[int]):
    """Restrict to the agencies, unless they are many: a region's read then scans the year's rows in the
    order of an index made for it (``InformationItem``'s (state, agency, channels, published_at) and
    (catalog node, state, published_at)) and the caller drops other agencies' rows, instead of looking
    up a thousand agencies one by one."""
    return queryset if len(ids) >= MANY_AGENCIES else queryset.filter(**{f"{field}__in": ids})


MANY_AGENCIES = 100


def _items(ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    """Items published in the year by category and channel, and the interpretations among them.

    Published means ``state == published`` alone: only 主动公开 items ever reach it
    (``publications.states.transition``), so the count needs no other column than its index holds."""
    _first, _last, start, end = _year_bounds(year)
    published = InformationItem.objects.filter(
        state=ItemState.PUBLISHED.value, published_at__gte=start, published_at__lt=end
    )
    category = _categories(ids)
    node_agency = dict(CatalogNode.objects.filter(agency_id__in=ids).values_list("id", "agency_id"))
    found: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"total": 0, "categories": defaultdict(int), "channels": defaultdict(int), "interpretations": 0}
    )
    by_node = _in_agencies(published, "agency_id", ids)
    for node, n in (
        by_node.values("catalog_node_id").annotate(n=Count("pk")).values_list("catalog_node_id", "n").order_by()
    ):
        agency_id = node_agency.get(node)
        if agency_id is not None:
            entry = found[agency_id]
            entry["total"] += n
            entry["categories"][category.get(node, "其他")] += n
    labels = dict(Channel.choices)
    wanted = set(ids)
    by_channels = _in_agencies(published, "agency_id", ids).values("agency_id", "channels").annotate(n=Count("pk"))
    for row in by_channels.order_by():
        if row["agency_id"] in wanted:
            for channel in row["channels"] or []:
                found[row["agency_id"]]["channels"][labels.get(channel, channel)] += row["n"]
    # 政策解读: items published in the year that interpret a document (the link staff make, 解读的文件)
    links = _in_agencies(InformationItem.interprets.through.objects, "from_informationitem__agency_id", ids).filter(
        from_informationitem__state=ItemState.PUBLISHED.value,
        from_informationitem__published_at__gte=start,
        from_informationitem__published_at__lt=end,
    )
    for agency_id, n in (
        links.values("from_informationitem__agency_id")
        .annotate(n=Count("from_informationitem_id", distinct=True))
        .values_list("from_informationitem__agency_id", "n")
        .order_by()
    ):
        if agency_id in wanted:
            found[agency_id]["interpretations"] = n
    return found


def _counts(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    return dict(rows)


def _tally(queryset, agency_field: str, record_field: str) -> dict[int, int]:
    """Distinct records per agency, counted here rather than by ``GROUP BY``: the year's rows of these
    small tables (breaches, findings, reminders) are read straight from the table they are in, where a
    grouped query lets a planner without statistics walk every item or application the agencies have."""
    seen: dict[int, set[int]] = defaultdict(set)
    for agency_id, record_id in queryset.values_list(agency_field, record_field).order_by():
        seen[agency_id].add(record_id)
    return {agency_id: len(records) for agency_id, records in seen.items()}


def _overview(ids: list[int], year: int, received: _Received) -> dict[int, text.OverviewFacts]:
    first, last, start, end = _year_bounds(year)
    items = _items(ids, year)
    screening = _tally(
        _in_agencies(ScreeningFinding.objects, "run__item__agency_id", ids).filter(
            run__ran_at__gte=start, run__ran_at__lt=end
        ),
        "run__item__agency_id",
        "pk",
    )
    late_items = _tally(
        _in_agencies(TimelinessBreach.objects, "item__agency_id", ids).filter(due_on__range=(first, last)),
        "item__agency_id",
        "item_id",
    )
    guides = {
        r["agency_id"]: (r["updates"], r["version"])
        for r in DisclosureGuide.objects.filter(agency_id__in=ids, published_at__lt=end)
        .values("agency_id")
        .annotate(updates=Count("pk", filter=Q(published_at__gte=start)), version=Max("version"))
        .order_by()
    }
    rooms = _counts(
        ReadingRoom.objects.filter(agency_id__in=ids)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
        .order_by()
    )
    by_channel = received.by_channel
    replies_late = _tally(
        _in_agencies(ClockBreach.objects, "application__agency_id", ids).filter(
            kind=BreachKind.REPLY_LATE.value, due__range=(first, last)
        ),
        "application__agency_id",
        "application_id",
    )
    reminders: dict[int, int] = defaultdict(int)
    for model, field in ((Reminder, "application__agency_id"), (EnquiryReminder, "enquiry__agency_id")):
        for agency_id, n in _tally(
            _in_agencies(model.objects, field, ids).filter(sent_on__range=(first, last)), field, "pk"
        ).items():
            reminders[agency_id] += n
    enquiries = figures_by_agency(ids, first, last)

    def listed(counts: dict[str, int]) -> tuple[text.Count, ...]:
        return tuple(text.Count(label, n) for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    found = {}
    for agency_id in ids:
        item = items.get(agency_id, {"total": 0, "categories": {}, "channels": {}, "interpretations": 0})
        updates, version = guides.get(agency_id, (0, None))
        figures = [f for f in enquiries.get(agency_id, []) if f.received]
        found[agency_id] = text.OverviewFacts(
            items_published=item["total"],
            items_by_category=listed(dict(item["categories"])),
            items_by_channel=listed(dict(item["channels"])),
            interpretations=item["interpretations"],
            screening_findings=screening.get(agency_id, 0),
            publication_breaches=late_items.get(agency_id, 0),
            guide_updates=updates,
            guide_version=version,
            reading_rooms=rooms.get(agency_id, 0),
            applications_by_channel=listed(by_channel.get(agency_id, {})),
            replies_late=replies_late.get(agency_id, 0),
            enquiries_total=sum(f.received for f in figures),
            enquiries=tuple(
                text.EnquiryLine(f.source, f.received, f.reply_rate.text, f.satisfaction_rate.text) for f in figures
            ),
            reminders_sent=reminders.get(agency_id, 0),
        )
    return found


# --- all together ---------------------------------------------------------------------------------------


def contact_of(agency: Agency) -> text.Contact:
    return text.Contact(
        office_name=agency.office_name,
        address=agency.office_address,
        postcode=agency.postcode,
        phone=agency.phone,
        email=agency.email,
        website=agency.website,
    )


def facts_for_year(agencies: Sequence[Agency], year: int) -> dict[int, AgencyYear]:
    """The facts of each agency's year, {agency id: AgencyYear}, in a fixed number of queries."""
    ids = [a.pk for a in agencies]
    documents = _document_counts(ids, year)
    statistics = _statistics(ids, year)
    received = _received(ids, year)
    applications = _applications(ids, year, received)
    cases: dict[int, list[Any]] = defaultdict(list)
    for case in cases_of_year(ids, year).only("agency_id", "kind", "filed_on", "decided_on", "result", "state"):
        cases[case.agency_id].append(case.facts)
    fees = _fees(ids, year)
    overview = _overview(ids, year, received)
    saved = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=year)
        .order_by()
        .only(
            "agency_id",
            "problems",
            "other_matters",
            "notes_management",
            "notes_platform",
            "notes_supervision",
        )
    }
    found = {}
    for agency in agencies:
        report = saved.get(agency.pk)
        facts = overview[agency.pk]
        texts = StaffTexts()
        if report is not None:
            facts = replace(
                facts,
                notes=text.Notes(report.notes_management, report.notes_platform, report.notes_supervision),
            )
            texts = StaffTexts(report.problems, report.other_matters)
        found[agency.pk] = AgencyYear(
            agency=agency.name,
            year=year,
            kind=ReporterKind(agency.kind),
            contact=contact_of(agency),
            regulations=documents.get((agency.pk, "regulation"), DocumentCounts()),
            normative=documents.get((agency.pk, "normative"), DocumentCounts()),
            statistics=statistics.get(agency.pk, {}),
            applications=applications.get(agency.pk, ApplicationCounts()),
            cases=cases.get(agency.pk, []),
            fees=fees.get(agency.pk, Fees()),
            overview=facts,
            texts=texts,
        )
    return found


def facts_for(agency: Agency, year: int) -> AgencyYear:
    return facts_for_year([agency], year)[agency.pk]


def previous_doc(agency: Agency, year: int) -> ReportDoc | None:
    """Last year's report of the agency as written (for C6, C7 and 内容雷同), or ``None``."""
    data = AnnualReport.objects.filter(agency=agency, year=year - 1).values_list("data", flat=True).first()
    return data or None


def previous_docs(ids: Iterable[int], year: int) -> dict[int, ReportDoc]:
    rows = (
        AnnualReport.objects.filter(agency_id__in=list(ids), year=year - 1).order_by().values_list("agency_id", "data")
    )
    return {agency_id: data for agency_id, data in rows if data}


def statistics_of(agency: Agency, year: int) -> dict[str, StatisticEntry]:
    """The statistics entered for the agency's year, by cell path."""
    return {e.key: e for e in StatisticEntry.objects.filter(agency=agency, year=year).select_related("updated_by")}


@dataclass(frozen=True)
class YearReport:
    """One agency's report of a year as the platform knows it: the saved report (as written), or
    computed from the records when there is none yet; checked either way."""

    agency: Agency
    doc: ReportDoc
    findings: list[Finding]
    saved: AnnualReport | None


def year_reports(agencies: Sequence[Agency], year: int, *, from_records: bool = False) -> list[YearReport]:
    """The reports of ``year`` of every agency, checked, in a fixed number of queries (the roll-up, the
    command line's ``--all``, the benchmark). ``from_records`` computes every one from the records
    even where a saved report exists."""
    saved = (
        {} if from_records else {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    )
    missing = [a for a in agencies if a.pk not in saved]
    facts = facts_for_year(missing, year) if missing else {}
    previous = previous_docs([a.pk for a in agencies], year)
    found = []
    for agency in agencies:
        report = saved.get(agency.pk)
        deadline = statutory_deadline(year, ReporterKind(agency.kind))
        if report is not None:
            doc = report.data
            extra = [Finding.from_json(f) for f in report.record_findings]
        else:
            computed = compute(facts[agency.pk])
            doc, extra = computed.doc, list(computed.findings)
        findings = check(doc, previous=previous.get(agency.pk), deadline=deadline, extra=extra)
        doc = {**doc, "findings": [f.to_json() for f in findings]}
        found.append(YearReport(agency, doc, findings, report))
    return found


# --- the supervisor's roll-up -----------------------------------------------------------------------------


def standing_of(
    agency: Agency, report: AnnualReport | None, year: int, today: dt.date
) -> tuple[Standing, dt.date | None]:
    """Where the agency's report of ``year`` stands on ``today``, and its statutory date (None: not under Art. 49)."""
    due = statutory_deadline(year, ReporterKind(agency.kind))
    stand = standing(
        state=report.state if report is not None else None,
        published_on=report.published_on if report is not None else None,
        deadline=due,
        today=today,
    )
    return stand, due


@dataclass(frozen=True)
class RollupRow:
    agency: Agency
    standing: Standing
    deadline: dt.date | None
    report: AnnualReport | None
    errors: int
    warnings: int
    findings: list[Finding]
    doc: ReportDoc | None  # None: an institution without a report (not under Art. 49)


@dataclass(frozen=True)
class Rollup:
    office: Agency
    year: int
    rows: list[RollupRow]
    total: ReportDoc  # every cell summed over the rows
    similar: list[tuple[Agency, Agency, str, float]]  # (a, b, section, score): 内容雷同 across agencies

    def count(self, standing: Standing) -> int:
        return sum(1 for r in self.rows if r.standing is standing)


SIMILARITY_SECTIONS = ("一", "五")


def agencies_below(office: Agency):
    """The active agencies below ``office`` (its region), in tree order."""
    return Agency.objects.filter(path__startswith=office.path, is_active=True).exclude(pk=office.pk).order_by("path")


def rollup(office: Agency, year: int, *, today: dt.date | None = None) -> Rollup:
    """Every active agency below ``office`` for ``year``: where its report stands against its deadline,
    its findings, the consolidated tables (sums of tables 二–四 over the reports of the agencies under
    Art. 49, computed from the records where none is saved yet, and of any institution that wrote one)
    and the sections that are near copies across agencies."""
    today = today or timezone.localdate()
    agencies = list(agencies_below(office))
    with_report = set(AnnualReport.objects.filter(agency__in=agencies, year=year).values_list("agency_id", flat=True))
    counted = [a for a in agencies if a.pk in with_report or ReporterKind(a.kind) is not ReporterKind.INSTITUTION]
    entries = {entry.agency.pk: entry for entry in year_reports(counted, year)}
    rows = []
    for agency in agencies:
        entry = entries.get(agency.pk)
        report = entry.saved if entry is not None else None
        stand, deadline = standing_of(agency, report, year, today)
        findings = entry.findings if entry is not None else []
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        doc = entry.doc if entry is not None else None
        rows.append(RollupRow(agency, stand, deadline, report, errors, len(findings) - errors, findings, doc))
    fmt = report_format_for_year(year)
    total = sum_tables(
        (r.doc for r in rows if r.doc is not None), fmt=fmt, year=year, label=f"{office.name}所属机构合计"
    )
    by_pk = {r.agency.pk: r.agency for r in rows}
    similar = []
    for number in SIMILARITY_SECTIONS:
        texts = {r.agency.pk: section_text(r.doc, number) or "" for r in rows if r.report is not None and r.doc}
        for first, second, score in similar_pairs(texts):
            similar.append((by_pk[first], by_pk[second], number, score))
    return Rollup(office, year, rows, total, similar)


# --- the public column ------------------------------------------------------------------------------------


def all_published_reports():
    """Every published report of an active agency (the sitemap)."""
    return AnnualReport.objects.filter(state=ReportState.PUBLISHED.value, agency__is_active=True)


def published_reports(agency: Agency):
    """The agency's published reports, newest year first (the 政府信息公开年报 column)."""
    return all_published_reports().filter(agency=agency).order_by("-year")


def published_report(agency: Agency, year: int) -> AnnualReport:
    """The agency's published report of ``year``; ``Http404`` when there is none (drafts are never public)."""
    report = published_reports(agency).filter(year=year).first()
    if report is None:
        raise Http404("未找到该年度报告")
    return report
