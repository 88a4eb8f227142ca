"""The plan itself: install an education bureau's default plan, add, change, deactivate and reactivate
entries. Each write validates first (nothing written on error) and is audited in its transaction."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai import playback
from gongkai.agencies.models import Agency, Department
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record, instance_save
from gongkai.audit.snapshots import changed, snapshot
from gongkai.keyareas import schedule
from gongkai.keyareas.access import require
from gongkai.keyareas.defaults import EDUCATION_BUREAU_PLAN, EntrySpec
from gongkai.keyareas.models import DisclosurePlan, PlanEntry, PlanTask
from gongkai.keyareas.services.common import acting, backfill, column_items, tasks_ensure
from gongkai.publications.defaults import EDUCATION_BUREAU_CATALOG, NodeSpec
from gongkai.publications.models import CatalogNode
from gongkai.workdays.explain import chinese_date

ENTRY_FIELDS = (
    "title",
    "catalog_node",
    "department",
    "due_month",
    "due_day",
    "keywords",
    "legal_basis",
    "remind_days",
    "sort_order",
)


def _catalog_specs() -> dict[str, tuple[NodeSpec, str | None]]:
    """{code: (spec, parent code)} of the default education-bureau catalog."""
    found: dict[str, tuple[NodeSpec, str | None]] = {}

    def walk(specs: tuple[NodeSpec, ...], parent: str | None) -> None:
        for spec in specs:
            found[spec.code] = (spec, parent)
            walk(spec.children, spec.code)

    walk(EDUCATION_BUREAU_CATALOG, None)
    return found


def node_ensure(acting_user: Any, agency: Agency, code: str) -> CatalogNode:
    """The agency's catalog column with ``code``; created (with any missing parents, through the audited
    ``instance_save``) where the agency's catalog predates it."""
    node = CatalogNode.objects.filter(agency=agency, code=code).order_by("-is_active", "pk").first()
    if node is not None:
        return node
    specs = _catalog_specs()
    if code not in specs:
        raise ValidationError(f"默认目录中没有代码为“{code}”的栏目。")
    spec, parent_code = specs[code]
    parent = node_ensure(acting_user, agency, parent_code) if parent_code else None
    same_name = CatalogNode.objects.filter(agency=agency, parent=parent, name=spec.name).first()
    if same_name is not None:  # the agency has the column under its own code
        return same_name
    order = CatalogNode.objects.filter(agency=agency, parent=parent).count()
    node = CatalogNode(
        agency=agency, parent=parent, name=spec.name, code=spec.code, description=spec.description, sort_order=order
    )
    instance_save(acting_user=acting_user, instance=node)
    return node


def _department(agency: Agency, names: tuple[str, ...]) -> Department | None:
    departments = {d.name: d for d in Department.objects.filter(agency=agency, is_active=True, name__in=names)}
    return next((departments[n] for n in names if n in departments), None)


def _create_entry(acting_user: Any, entry: PlanEntry) -> PlanEntry:
    entry.full_clean()
    entry.save()
    audit_record(
        acting_user=acting_user,
        action="plan_entry.create",
        target=entry,
        agency=entry.plan.agency,
        summary=f"新增公开计划事项：{entry.title}（{entry.due_text}）",
        after=snapshot(entry),
    )
    return entry


@transaction.atomic
def plan_install_default(*, acting_user: Any, agency: Agency, today: dt.date | None = None) -> DisclosurePlan:
    """Idempotent: the agency's plan with the default entries it lacks (by title), their catalog columns
    (created where missing), the tasks of the current and the previous cycle, and completion backfilled
    from items already published there. Entries the agency changed or deactivated are left as they are."""
    require(acting_user, Action.MANAGE_PLANS, agency)
    today = today or playback.today()
    plan = DisclosurePlan.objects.filter(agency=agency).first()
    if plan is None:
        plan = DisclosurePlan.objects.create(agency=agency, created_by=acting(acting_user))
        audit_record(
            acting_user=acting_user,
            action="plan.create",
            target=plan,
            agency=agency,
            summary=f"制定重点领域公开计划：{agency.name}",
        )
    titles = set(plan.entries.values_list("title", flat=True))
    order = plan.entries.count()
    for spec in EDUCATION_BUREAU_PLAN:
        if spec.title in titles:
            continue
        entry = _create_entry(acting_user, _entry_from_spec(acting_user, plan, spec, order, today))
        order += 1
        tasks_ensure(entry, today)
        backfill(entry, acting_user=acting_user)
    return plan


def _default_start(entry: PlanEntry, today: dt.date) -> dt.date:
    """Where a default entry starts: with the previous cycle when its column already holds a matching
    publication since that cycle opened (the board then shows it completed, as history), otherwise today:
    a plan installed today never shows last cycle's obligations as 已逾期 for a time it did not exist."""
    earliest = schedule.earliest_start(entry.due_month, entry.due_day, today)
    titles = column_items(entry, since=earliest).values_list("title", flat=True)
    return earliest if any(entry.matches_title(title) for title in titles) else today


def _entry_from_spec(acting_user: Any, plan: DisclosurePlan, spec: EntrySpec, order: int, today: dt.date) -> PlanEntry:
    entry = PlanEntry(
        plan=plan,
        title=spec.title,
        catalog_node=node_ensure(acting_user, plan.agency, spec.node_code),
        department=_department(plan.agency, spec.departments),
        due_month=spec.month,
        due_day=spec.day,
        keywords=spec.keywords,
        legal_basis=spec.legal_basis,
        remind_days=list(spec.remind_days),
        sort_order=order,
    )
    entry.starts_on = _default_start(entry, today)
    return entry


def _check_start(entry: PlanEntry, today: dt.date) -> None:
    if entry.due_month is None or entry.due_day is None or schedule.month_day_error(entry.due_month, entry.due_day):
        return  # the date's own message comes from full_clean
    earliest = schedule.earliest_start(entry.due_month, entry.due_day, today)
    if entry.starts_on is None:
        entry.starts_on = today
    elif entry.starts_on < earliest:
        raise ValidationError(
            {"starts_on": f"开始日期最早为{chinese_date(earliest)}（上一周期开始之日），不能补建更早的任务。"}
        )


@transaction.atomic
def plan_entry_create(*, acting_user: Any, agency: Agency, today: dt.date | None = None, **fields: Any) -> PlanEntry:
    """Add an entry to the agency's plan (created if the agency has none yet). ``fields``: title,
    catalog_node, department, due_month, due_day, keywords, legal_basis, remind_days, sort_order, starts_on
    (default today: the current cycle's task). Generates its tasks and completes them from items already
    published in its column."""
    require(acting_user, Action.MANAGE_PLANS, agency)
    today = today or playback.today()
    unknown = set(fields) - {*ENTRY_FIELDS, "starts_on"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    plan = DisclosurePlan.objects.filter(agency=agency).first()
    entry = PlanEntry(**fields)
    if "sort_order" not in fields:
        entry.sort_order = plan.entries.count() if plan is not None else 0
    _check_start(entry, today)
    if plan is None:  # rolled back with everything else if the entry is refused
        plan = DisclosurePlan.objects.create(agency=agency, created_by=acting(acting_user))
        audit_record(
            acting_user=acting_user,
            action="plan.create",
            target=plan,
            agency=agency,
            summary=f"制定重点领域公开计划：{agency.name}",
        )
    entry.plan = plan
    _validate_title_unique(plan, entry)
    _create_entry(acting_user, entry)
    tasks_ensure(entry, today)
    backfill(entry, acting_user=acting_user)
    return entry


def _validate_title_unique(plan: DisclosurePlan, entry: PlanEntry) -> None:
    same = PlanEntry.objects.filter(plan=plan, title=entry.title)
    if entry.pk is not None:
        same = same.exclude(pk=entry.pk)
    if same.exists():
        raise ValidationError({"title": f"计划中已有“{entry.title}”事项。"})


@transaction.atomic
def plan_entry_update(*, acting_user: Any, entry: PlanEntry, **fields: Any) -> PlanEntry:
    """Change an entry. A new due date moves the open tasks (completed ones keep their date); a new
    column or keywords complete open tasks from items already published there."""
    require(acting_user, Action.MANAGE_PLANS, entry.plan.agency)
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    entry = PlanEntry.objects.select_for_update().select_related("plan__agency").get(pk=entry.pk)
    old = snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    _validate_title_unique(entry.plan, entry)
    entry.full_clean()
    before, after = changed(old, snapshot(entry))
    if not after:
        return entry
    entry.save()
    moved = 0
    if "due_month" in after or "due_day" in after:
        for task in PlanTask.objects.filter(entry=entry, completed_on__isnull=True):
            task.opened_on, task.due_on = schedule.window(entry.due_month, entry.due_day, task.year)
            task.save(update_fields=["opened_on", "due_on"])
            moved += 1
    audit_record(
        acting_user=acting_user,
        action="plan_entry.update",
        target=entry,
        agency=entry.plan.agency,
        summary=f"修改公开计划事项：{entry.title}" + (f"（{moved}个未完成任务的期限随之调整）" if moved else ""),
        before=before,
        after=after,
    )
    if {"catalog_node", "keywords"} & set(after):
        backfill(entry, acting_user=acting_user)
    return entry


@transaction.atomic
def plan_entry_set_active(*, acting_user: Any, entry: PlanEntry, active: bool, reason: str = "") -> PlanEntry:
    """Deactivate an entry (no new tasks, no reminders; its tasks stay as history) or reactivate it
    (tasks of the cycles missed meanwhile are not created: it starts again with the current cycle)."""
    require(acting_user, Action.MANAGE_PLANS, entry.plan.agency)
    entry = PlanEntry.objects.select_for_update().select_related("plan__agency").get(pk=entry.pk)
    if entry.is_active == active:
        raise ValidationError("该事项已经停用。" if not active else "该事项已经启用。")
    if not active and not reason.strip():
        raise ValidationError({"reason": "停用时必须说明理由。"})
    today = playback.today()
    entry.is_active = active
    fields = ["is_active", "updated_at"]
    if active:
        start = today
        last = PlanTask.objects.filter(entry=entry).order_by("-year").first()
        if last is not None and last.due_on >= today:
            start = last.opened_on  # the current cycle's task exists already
        entry.starts_on = max(entry.starts_on, start)
        fields.append("starts_on")
    entry.save(update_fields=fields)
    audit_record(
        acting_user=acting_user,
        action="plan_entry.activate" if active else "plan_entry.deactivate",
        target=entry,
        agency=entry.plan.agency,
        summary=f"{'启用' if active else '停用'}公开计划事项：{entry.title}",
        before={"is_active": not active},
        after={"is_active": active, "reason": reason.strip()},
    )
    if active:
        tasks_ensure(entry, today)
    return entry
