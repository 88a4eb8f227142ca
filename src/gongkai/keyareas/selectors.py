"""Reads of key-area plans: an agency's board (each entry with its current task and the last years'),
the tasks needing attention, a supervisor's roll-up, and the items a task may be linked to by hand.
Standing is derived here with ``keyareas.schedule`` on the day asked, never stored."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from gongkai import playback
from gongkai.agencies.models import Agency
from gongkai.keyareas import schedule
from gongkai.keyareas.models import DisclosurePlan, PlanEntry, PlanReminder, PlanTask
from gongkai.keyareas.schedule import Standing
from gongkai.publications.models import InformationItem
from gongkai.publications.selectors import descendant_ids
from gongkai.publications.states import ItemState
from gongkai.rules.disclosure import DisclosureAttribute

HISTORY_YEARS = 3  # tasks of earlier cycles shown beside the current one
CANDIDATE_LIMIT = 100


@dataclass(frozen=True)
class TaskView:
    task: PlanTask
    standing: Standing
    today: dt.date

    @property
    def due_text(self) -> str:
        if self.standing.is_done:
            return f"{self.task.completed_on:%Y-%m-%d}完成"
        return schedule.due_text(self.task.due_on, self.today)

    @property
    def reminders(self) -> list[PlanReminder]:
        return list(self.task.reminders.all())


@dataclass
class EntryRow:
    entry: PlanEntry
    current: TaskView | None = None
    history: list[TaskView] = field(default_factory=list)

    @property
    def headline(self) -> TaskView | None:
        """The task the entry is counted by: an earlier task still open and late, else the current one."""
        late = [v for v in self.history if v.standing is Standing.LATE]
        return late[-1] if late else self.current


@dataclass
class Board:
    agency: Agency
    plan: DisclosurePlan | None
    rows: list[EntryRow]
    today: dt.date

    @property
    def counts(self) -> dict[str, int]:
        return standing_counts(self.rows)


def standing_counts(rows: list[EntryRow]) -> dict[str, int]:
    """{"done", "due", "late", "upcoming"}: the active entries by their headline task."""
    counter: Counter[str] = Counter()
    for row in rows:
        if not row.entry.is_active or row.headline is None:
            continue
        stand = row.headline.standing
        counter["done" if stand.is_done else stand.value] += 1
    return {key: counter.get(key, 0) for key in ("done", "due", "late", "upcoming")}


def _rows(entries: list[PlanEntry], tasks: list[PlanTask], today: dt.date) -> list[EntryRow]:
    by_entry: dict[int, list[PlanTask]] = defaultdict(list)
    for task in tasks:
        by_entry[task.entry_id].append(task)
    rows = []
    for entry in entries:
        row = EntryRow(entry)
        current_year = entry.current_year(today)
        for task in sorted(by_entry.get(entry.pk, []), key=lambda t: -t.year):
            task.entry = entry  # standing reads the entry's reminder days
            view = TaskView(task, task.standing_on(today), today)
            if task.year == current_year:
                row.current = view
            elif task.year < current_year and len(row.history) < HISTORY_YEARS:
                row.history.append(view)
        rows.append(row)
    return rows


def _today(today: dt.date | None) -> dt.date:
    return today or playback.today()


def plan_board(agency: Agency, *, today: dt.date | None = None) -> Board:
    """The agency's plan: every entry (active first) with its current task and the last years' tasks."""
    today = _today(today)
    plan = DisclosurePlan.objects.filter(agency=agency).first()
    if plan is None:
        return Board(agency, None, [], today)
    entries = list(plan.entries.select_related("catalog_node", "department").order_by("-is_active", "sort_order", "pk"))
    tasks = list(
        PlanTask.objects.filter(entry__plan=plan)
        .select_related("completed_item", "completed_by")
        .prefetch_related(Prefetch("reminders", queryset=PlanReminder.objects.order_by("-stage")))
    )
    return Board(agency, plan, _rows(entries, tasks, today), today)


@dataclass(frozen=True)
class RollupRow:
    agency: Agency
    has_plan: bool
    counts: dict[str, int]
    late_titles: list[str]


def plan_rollup(agencies: list[Agency], *, today: dt.date | None = None) -> list[RollupRow]:
    """Each agency's active entries counted by their headline task (three queries for all agencies)."""
    today = _today(today)
    ids = [a.pk for a in agencies]
    with_plan = set(DisclosurePlan.objects.filter(agency_id__in=ids).values_list("agency_id", flat=True))
    entries = list(
        PlanEntry.objects.filter(plan__agency_id__in=ids, is_active=True)
        .select_related("plan")
        .order_by("sort_order", "pk")
    )
    tasks = list(PlanTask.objects.filter(entry__in=entries).only("id", "entry_id", "year", "due_on", "completed_on"))
    rows_by_agency: dict[int, list[EntryRow]] = defaultdict(list)
    for row in _rows(entries, tasks, today):
        rows_by_agency[row.entry.plan.agency_id].append(row)
    result = []
    for agency in agencies:
        rows = rows_by_agency.get(agency.pk, [])
        late = [
            f"{r.entry.title}（{r.headline.task.year}年）"
            for r in rows
            if r.headline is not None and r.headline.standing is Standing.LATE
        ]
        result.append(RollupRow(agency, agency.pk in with_plan, standing_counts(rows), late))
    return result


def task_candidates(task: PlanTask) -> list[InformationItem]:
    """Published 主动公开 items of the agency the task may be linked to by hand: published in the task's
    cycle or the next one, those in the entry's column (or below) first, newest first."""
    entry = task.entry
    opened = schedule.opens_on(entry.due_month, entry.due_day, task.year)
    last = schedule.due_on(entry.due_month, entry.due_day, task.year + 1)
    zone = timezone.get_current_timezone()
    items = (
        InformationItem.objects.filter(
            agency_id=entry.plan.agency_id,
            state=ItemState.PUBLISHED,
            attribute=DisclosureAttribute.PROACTIVE,
            published_at__gte=dt.datetime.combine(opened, dt.time.min, tzinfo=zone),
            published_at__lt=dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        )
        .exclude(plan_tasks__entry=entry)
        .select_related("catalog_node")
    )
    in_column = set(descendant_ids(entry.catalog_node.agency, entry.catalog_node))
    ordered = list(items.filter(catalog_node_id__in=in_column).order_by("-published_at")[:CANDIDATE_LIMIT])
    rest = CANDIDATE_LIMIT - len(ordered)
    if rest > 0:
        ordered += list(items.exclude(catalog_node_id__in=in_column).order_by("-published_at")[:rest])
    return ordered
