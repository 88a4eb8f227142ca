"""The steps the plan services share: the catalog around an entry's column, generating an entry's yearly
tasks, and completing a task by the completion rule of ``keyareas.schedule``."""

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import audit_record
from gongkai.keyareas import schedule
from gongkai.keyareas.models import PlanEntry, PlanTask
from gongkai.publications.models import CatalogNode, InformationItem
from gongkai.publications.selectors import descendant_ids
from gongkai.publications.states import ItemState
from gongkai.rules.disclosure import DisclosureAttribute

logger = logging.getLogger(__name__)


def acting(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def published_on(item: InformationItem) -> dt.date:
    return timezone.localdate(item.published_at)


def is_public(item: InformationItem) -> bool:
    """Published and 主动公开: the only items that count for a plan."""
    return (
        item.state == ItemState.PUBLISHED
        and item.attribute == DisclosureAttribute.PROACTIVE
        and item.published_at is not None
    )


def lineage_ids(node_id: int, agency_id: int) -> list[int]:
    """``node_id`` and its ancestors, nearest first (one query over the agency's catalog)."""
    parents = dict(CatalogNode.objects.filter(agency_id=agency_id).values_list("id", "parent_id"))
    found: list[int] = []
    current: int | None = node_id
    while current is not None and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def tasks_ensure(entry: PlanEntry, today: dt.date) -> list[PlanTask]:
    """Create the tasks of every year whose window has opened since the entry started; returns the new
    ones. Idempotent (unique per entry and year), audited per task."""
    if not entry.is_active:
        return []
    years = schedule.years_to_generate(entry.due_month, entry.due_day, entry.starts_on, today)
    existing = set(PlanTask.objects.filter(entry=entry, year__in=years).values_list("year", flat=True))
    created = []
    for year in years:
        if year in existing:
            continue
        opened, due = schedule.window(entry.due_month, entry.due_day, year)
        try:
            with transaction.atomic():
                task = PlanTask.objects.create(entry=entry, year=year, due_on=due, opened_on=opened)
                audit_record(
                    acting_user=None,
                    action="plan_task.create",
                    target=task,
                    agency=entry.plan.agency,
                    summary=f"生成年度公开任务：{entry.title}（{year}年，{due:%Y-%m-%d}前）",
                    after={"year": year, "due_on": due, "opened_on": opened},
                )
        except IntegrityError:  # created concurrently
            continue
        created.append(task)
    return created


def complete(task: PlanTask, item: InformationItem, *, acting_user: Any, by: Any, how: str) -> PlanTask:
    """Record ``item`` as what completed ``task`` (``by`` None = automatically on publication)."""
    task.completed_item = item
    task.completed_on = published_on(item)
    task.completed_by = acting(by)
    task.save(update_fields=["completed_item", "completed_on", "completed_by"])
    stand = task.standing_on(task.completed_on)
    audit_record(
        acting_user=acting_user,
        action="plan_task.complete",
        target=task,
        agency=task.entry.plan.agency,
        summary=f"{how}：{task.entry.title}（{task.year}年）由《{item.title}》完成（{stand.label}）",
        after={"item": item.pk, "item_title": item.title, "completed_on": task.completed_on, "standing": stand},
    )
    return task


def apply_publication(entry: PlanEntry, item: InformationItem, *, acting_user: Any) -> PlanTask | None:
    """Complete the task of ``entry`` that ``item``'s publication fills by the completion rule, if any."""
    if not entry.matches_title(item.title):
        return None
    day = published_on(item)
    tasks = {t.year: t for t in PlanTask.objects.select_for_update().filter(entry=entry).select_related("entry")}
    if any(t.completed_item_id == item.pk for t in tasks.values()):
        return None  # this item already completed a task of the entry
    open_years = {year for year, t in tasks.items() if t.is_open and t.opened_on <= day}
    year = schedule.completing_year(entry.due_month, entry.due_day, day, open_years)
    if year is None:
        return None
    return complete(tasks[year], item, acting_user=acting_user, by=None, how="发布信息自动完成年度公开任务")


def backfill(entry: PlanEntry, *, acting_user: Any) -> int:
    """Complete the entry's open tasks from items already published in its column (or below), oldest
    publication first, by the completion rule. Returns how many tasks were completed."""
    first = PlanTask.objects.filter(entry=entry).order_by("opened_on").values_list("opened_on", flat=True).first()
    if first is None:
        return 0
    items = column_items(entry, since=first).order_by("published_at", "pk")
    return sum(apply_publication(entry, item, acting_user=acting_user) is not None for item in items)


def column_items(entry: PlanEntry, *, since: dt.date):
    """The published 主动公开 items of the entry's column (or below it) published on or after ``since``."""
    start = dt.datetime.combine(since, dt.time.min, tzinfo=timezone.get_current_timezone())
    return InformationItem.objects.filter(
        agency_id=entry.catalog_node.agency_id,
        catalog_node_id__in=descendant_ids(entry.catalog_node.agency, entry.catalog_node),
        state=ItemState.PUBLISHED,
        attribute=DisclosureAttribute.PROACTIVE,
        published_at__gte=start,
    )
