"""Demo key-area disclosure plans: the education bureaus adopted the default plan a year ago (installed
on that played day through the real service, then the daily task generation run up to today), and some
of their 招生 lists were published on time in each of the last two cycles — so that the boards show every
standing on the real date: done (the lists published on time), due (学校名录 by 31 December, and whatever
the calendar brings within its reminder window), and late (the bureau never published last cycle's
招生结果, due while its plan existed). Idempotent."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.keyareas import schedule
from gongkai.keyareas.defaults import EDUCATION_BUREAU_PLAN
from gongkai.keyareas.models import PlanEntry
from gongkai.keyareas.services.plans import node_ensure, plan_install_default
from gongkai.keyareas.services.tasks import plan_tasks_generate, plan_tasks_on_publish
from gongkai.publications.choices import Genre, Origin
from gongkai.publications.models import InformationItem
from gongkai.publications.selectors import descendant_ids
from gongkai.publications.services.imports import item_import_published
from gongkai.publications.states import ItemState

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Per bureau: the entries whose last two cycles were published on time (by title), with the item's title.
PUBLISHED: dict[str, dict[str, str]] = {
    "bureau": {
        "招生政策": "关于做好{y}年义务教育学校招生入学工作的实施意见",
        "招生计划": "{y}年市直属学校小学一年级、初中一年级招生计划",
        "招生范围与学区划分": "{y}年市直属小学、初中招生范围（学区划分）公示",
        "学校名录": "{a}{y}年学校名录",
    },
    "dongcheng": {
        "招生范围与学区划分": "{y}年东城区义务教育学校招生范围（学区划分）公示",
        "学校名录": "{a}{y}年学校名录",
    },
    "xihu": {
        "招生政策": "西湖区{y}年义务教育招生入学政策",
        "招生范围与学区划分": "{y}年西湖区小学、初中学区划分公示",
    },
}
DAYS_EARLY = 9  # published this many days before the due date


def _year_before(today: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February): within every entry's last cycle, so each
    entry has the task of its last cycle, due while the plan existed, and the current one."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def _record(agency: Agency, key: str, officer: User, today: dt.date) -> None:
    """Record, as published in the old catalog system, each listed entry's publications of its last two
    cycles: the one before last precedes the plan (so the install starts the entry with that cycle), the
    last one completes the cycle the plan was installed in."""
    specs = {spec.title: spec for spec in EDUCATION_BUREAU_PLAN}
    now = timezone.now()
    for entry_title, template in PUBLISHED.get(key, {}).items():
        spec = specs[entry_title]
        current = schedule.current_year(spec.month, spec.day, today)
        for year in (current - 2, current - 1):
            day = schedule.due_on(spec.month, spec.day, year) - dt.timedelta(days=DAYS_EARLY)
            published_at = dt.datetime.combine(day, dt.time(10, 0), SHANGHAI)
            title = template.format(y=year, a=agency.short_name or agency.name)
            if published_at > now or InformationItem.objects.filter(agency=agency, title=title).exists():
                continue
            item_import_published(
                acting_user=None,
                created_by=officer,
                agency=agency,
                published_at=published_at,
                source="原政府信息公开目录系统",
                catalog_node=node_ensure(None, agency, spec.node_code),
                title=title,
                summary=f"{agency.name}公开{entry_title}。",
                body=f"<p>根据{spec.legal_basis.split('：')[0]}，现将{title}予以公开。</p>",
                formed_on=day - dt.timedelta(days=3),
                genre=Genre.PUBLICITY,
                origin=Origin.OWN_DOCUMENT,
            )


def _catch_up(agency: Agency, installed_on: dt.date) -> None:
    """Let each item published in a plan column since the install complete what its publication would
    have completed then (``plan_tasks_on_publish``, in publication order): the install's backfill only saw
    the tasks of the cycles opened by that day, not those the daily generation created since. Items that
    already completed a task of an entry are skipped by the service, so this is idempotent."""
    columns: set[int] = set()
    for entry in PlanEntry.objects.filter(plan__agency=agency).select_related("catalog_node"):
        columns |= set(descendant_ids(entry.catalog_node.agency, entry.catalog_node))
    items = InformationItem.objects.filter(
        agency=agency,
        catalog_node_id__in=columns,
        state=ItemState.PUBLISHED,
        published_at__gte=dt.datetime.combine(installed_on, dt.time.min, SHANGHAI),
    ).order_by("published_at", "pk")
    for item in items:
        plan_tasks_on_publish(acting_user=None, item=item)


def load_plans(agencies: dict[str, Agency], users: dict[str, User]) -> int:
    """Install the default plan of each demo education bureau on the same day a year ago (played), run the
    daily task generation up to today and catch up the completions since; returns how many bureaus have a
    plan.

    The publications are recorded before the install: a played install counts every matching item already
    in the catalog (the other demo loaders' too, some dated after the played day), and its backfill then
    completes the tasks in publication order, as the publications would have one by one."""
    today = timezone.localdate()
    installed_on = _year_before(today)
    planned = []
    for key in PUBLISHED:
        agency = agencies.get(key)
        if agency is None:
            continue
        officer = users["officer"] if key == "bureau" else users["admin"]
        _record(agency, key, officer, today)
        plan_install_default(acting_user=None, agency=agency, today=installed_on)
        planned.append(agency)
    plan_tasks_generate(today=today)
    for agency in planned:
        _catch_up(agency, installed_on)
    return len(planned)
