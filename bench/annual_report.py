"""Benchmark: every agency's annual report of a year for a whole region, on SQLite and on PostgreSQL.

A synthetic region, 青禾市 (fictional): the city government with its departments, districts with
theirs, and schools; by default 1,000 agencies with 2,000,000 information items, 200,000
applications, 2,000 review and litigation cases and 30,000 enquiries over three years (year − 2 …
year), with their catalogs, clock ledgers, deadline records, guides, reading rooms, table 二
statistics and last year's published reports. It is loaded into a database of its own, then the
reports of every agency for the year are computed and checked two ways:

* ours: ``reports.selectors.year_reports(agencies, year, from_records=True)``, a fixed handful of
  aggregate queries for all agencies (``facts_for_year``), then the pure ``compute`` and ``check``;
* per cell: the straightforward implementation, for each agency one ORM ``count()`` per figure (every
  cell of tables 二, 三 and 四, every count section 一 is drafted from), then the same document and
  the same ``reports.checks.check``.

Both must agree on every cell, text and finding of a sample of agencies before anything is timed.
Ours is timed best of three; the per-cell implementation once on all agencies, or on a random sample
extrapolated linearly when all would take longer than ``--baseline-budget`` seconds (printed so).
Targets (the issue): all 1,000 reports in under 10 s on SQLite, at least 20 times faster than per cell.

    python bench/annual_report.py [--agencies 1000] [--applications 200000] [--items 2000000]
                                  [--appeals 2000] [--enquiries 30000] [--year 2025]
                                  [--db sqlite|postgres|both] [--keep] [--data-dir DIR] [--analyze]

Takes minutes (loading 2,000,000 items dominates). Each database runs in a child process of this
script (Django is configured once per process). SQLite lives in a new temporary data folder, never
./var; PostgreSQL in a database ``gongkai_bench`` created on the server of ``--postgres`` (default
postgres://postgres@127.0.0.1:5432) and dropped at the end; skipped when the server is unreachable.
``--keep`` keeps both; with ``--keep --data-dir DIR`` a later run with the same sizes and ``--data-dir
DIR`` reuses the loaded databases. SQLite is benchmarked without statistics, as before the daily job
``database_statistics`` first runs (``--analyze`` runs ANALYZE after loading); PostgreSQL after VACUUM
ANALYZE (what autovacuum does after a bulk load). Before timing, the load's writes are flushed
(CHECKPOINT, sync): right after a 1 GB load, background writes slow PostgreSQL's reports by a quarter.

Exit status: 1 when the two implementations disagree, 2 when a target is missed, else 0.
"""

# ruff: noqa: PLC0415 - the app is imported after django.setup(), which must see this run's database

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEED = 20260131
CITY = "青禾市"  # fictional
REGION_CODE = "990200"  # not a real administrative division code
TARGET_SECONDS = 10.0  # all reports, SQLite
TARGET_RATIO = 20.0
VERDICTS = {True: "PASS", False: "FAIL"}
MARKER = "bench-load.json"  # in the data folder: the sizes a kept database was loaded with
PROBLEMS = (
    "政府信息公开工作仍存在主动公开内容不够全面、政策解读形式较为单一等问题。"
    "下一步将加强培训，完善公开目录，提升解读质量。"
)


def words(text: str) -> tuple[str, ...]:
    """Names written as one line of words (column lists, districts)."""
    return tuple(text.split())


CITY_DEPARTMENTS: tuple[tuple[str, float], ...] = (  # name, weight of applications
    ("教育局", 5),
    ("自然资源和规划局", 14),
    ("住房和城乡建设局", 12),
    ("公安局", 9),
    ("人力资源和社会保障局", 6),
    ("市场监督管理局", 6),
    ("发展和改革委员会", 3),
    ("财政局", 3),
    ("民政局", 4),
    ("生态环境局", 4),
    ("交通运输局", 3),
    ("卫生健康委员会", 4),
    ("农业农村局", 3),
    ("城市管理局", 4),
    ("司法局", 2),
    ("工业和信息化局", 2),
    ("商务局", 2),
    ("水利局", 2),
    ("应急管理局", 2),
    ("医疗保障局", 2),
    ("科学技术局", 1),
    ("文化广电旅游局", 1),
    ("退役军人事务局", 1),
    ("审计局", 1),
    ("统计局", 1),
    ("林业局", 1),
    ("体育局", 1),
    ("信访局", 1),
    ("数据资源管理局", 1),
    ("机关事务管理局", 1),
)
DISTRICTS = words(
    "东湖区 西山区 南岸区 北塘区 新港区 凤鸣区 临江区 青溪区 云台区 高桥区 白石区 长宁区 松林区 金沙区 柳岸区 河西区"
)
SCHOOL_KINDS = (("小学", 50), ("中学", 25), ("幼儿园", 20), ("九年一贯制学校", 5))

# Where items go in each catalog (node name → weight); report-kind items go to the policy column,
# interpretations to the interpretation column.
NODE_WEIGHTS = {
    "bureau": {
        "政府信息公开指南": 0.2,
        "政府信息公开制度": 0.3,
        "法定主动公开内容": 0.5,
        "政策文件": 2,
        "机构职能": 1,
        "规划计划": 2,
        "统计信息": 3,
        "行政许可": 8,
        "行政处罚与行政强制": 6,
        "财务信息": 3,
        "收费信息": 1,
        "政府采购": 5,
        "教育概况": 2,
        "招生管理": 3,
        "学生资助": 3,
        "民办教育": 1,
        "督导评估": 1,
        "应急管理": 2,
        "人事信息": 4,
        "政策解读": 0,
        "政府信息公开年报": 0.2,
        "依申请公开": 0.1,
    },
    "school": {
        "信息公开指南": 0.3,
        "主动公开内容": 0.5,
        "学校概况": 3,
        "招生入学": 4,
        "收费信息": 2,
        "学生资助": 3,
        "财务信息": 2,
        "规章制度": 1,
        "信息公开年报": 0.2,
    },
}
POLICY_NODE = {"bureau": "政策文件", "school": "规章制度"}
INTERPRETATION_NODE = {"bureau": "政策解读", "school": None}

# Outcome code → weight (every code occurs, so every result row of table 三 is exercised).
OUTCOME_WEIGHTS = {
    "granted": 300,
    "granted_already_public": 60,
    "partially_granted": 80,
    "refused_state_secret": 3,
    "refused_prohibited_by_law": 4,
    "refused_three_safeties_one_stability": 3,
    "refused_third_party_rights": 12,
    "refused_internal_affairs": 10,
    "refused_process_info": 15,
    "refused_enforcement_files": 6,
    "refused_administrative_query": 8,
    "not_held": 220,
    "not_this_agency": 30,
    "needs_creation": 30,
    "unclear_after_correction": 15,
    "petition_complaint": 20,
    "repeated": 25,
    "publications": 3,
    "excessive": 5,
    "confirmation_request": 6,
    "overdue_correction": 20,
    "fee_not_paid": 3,
    "withdrawn": 50,
    "other_handling": 20,
}
APPLICANT_WEIGHTS = {
    "natural_person": 850,
    "commercial": 70,
    "research": 10,
    "social_welfare": 10,
    "legal_service": 40,
    "other": 20,
}
CHANNEL_WEIGHTS = {
    "online": 600,
    "in_person": 120,
    "registered_post": 150,
    "ordinary_post": 50,
    "fax": 10,
    "email": 40,
    "oral": 30,
}
ITEM_CHANNELS = (  # (channels list, weight for agencies, weight for schools)
    (["website"], 45, 40),
    (["website", "new_media"], 30, 25),
    (["website", "gazette"], 6, 0),
    (["website", "new_media", "press"], 4, 1),
    (["website", "reading_room"], 6, 2),
    (["notice_board", "website"], 2, 20),
    (["new_media"], 2, 5),
    (["website", "gazette", "new_media", "reading_room"], 2, 0),
    ([], 1, 2),
    (["notice_board"], 0, 5),
)
GENRES = ("notice", "announcement", "public_notice", "plan", "report", "bulletin", "publicity", "other", "opinion")
DOCUMENT_GENRES = ("measures", "rules", "opinion", "notice", "decision")
TOPICS = (
    "年度工作要点",
    "专项资金安排",
    "行政许可事项办理结果",
    "政府采购项目",
    "招生工作",
    "学生资助名单",
    "安全生产检查",
    "重点项目建设",
    "人员招聘",
    "财政预算",
    "应急预案",
    "督查情况",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华")
COMPANIES = ("科技有限公司", "建设工程有限公司", "律师事务所", "环保协会", "研究院", "贸易有限公司", "物业服务有限公司")


def weighted(pairs: Iterable[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values, weights = zip(*pairs, strict=True)
    return list(values), list(accumulate(weights))


def pick(rnd: Callable[[], float], values: Sequence[Any], cumulative: Sequence[float]) -> Any:
    return values[bisect(cumulative, rnd() * cumulative[-1])]


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; sums exactly)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


# ----------------------------------------------------------------------------------------------------
# The region (plain data, no database)
# ----------------------------------------------------------------------------------------------------


@dataclass
class Org:
    id: int
    name: str
    short: str
    kind: str  # agencies.AgencyKind
    role: str  # city / city_department / district / district_department / school
    parent: "Org | None"
    district: str
    items: float  # share of the items
    applications: float  # share of the applications (0: none at all)
    catalog: str  # bureau / school

    @property
    def path(self) -> str:
        return f"{self.parent.path if self.parent else '/'}{self.id}/"


def shape(size: int) -> tuple[int, int, int]:
    """How many city departments, districts and departments per district a region of ``size`` has
    (1,000: 30, 10 and 27, and 689 schools)."""
    city_departments = min(len(CITY_DEPARTMENTS), size // 33)
    districts = max(1, min(len(DISTRICTS), size // 100))
    per_district = min(len(CITY_DEPARTMENTS) - 3, size // 36)
    while 1 + city_departments + districts * (1 + per_district) > size:
        if per_district:
            per_district -= 1
        elif city_departments:
            city_departments -= 1
        else:
            districts -= 1
    return city_departments, districts, per_district


def region(size: int, rng: random.Random) -> list[Org]:
    """The agencies: the city government, its departments, districts with theirs, then schools."""
    city_departments, districts, per_district = shape(size)
    orgs: list[Org] = []

    def add(name: str, short: str, kind: str, role: str, *, parent: Org | None, district: str, apps: float) -> Org:
        items = {"city": 8, "district": 6, "school": 1}.get(role, 4) * rng.uniform(0.6, 1.4)
        catalog = "school" if role == "school" else "bureau"
        org = Org(len(orgs) + 1, name, short, kind, role, parent, district, items, apps, catalog)
        orgs.append(org)
        return org

    city = add(f"{CITY}人民政府", "市政府", "government", "city", parent=None, district="", apps=25)
    bureaus = []  # who the schools report to: the city's education bureau, then each district's
    for name, weight in CITY_DEPARTMENTS[:city_departments]:
        org = add(f"{CITY}{name}", f"市{name}", "department", "city_department", parent=city, district="", apps=weight)
        if name == "教育局":
            bureaus.append(org)
    for district in DISTRICTS[:districts]:
        bureau = government = add(
            f"{CITY}{district}人民政府",
            f"{district}政府",
            "government",
            "district",
            parent=city,
            district=district,
            apps=12,
        )
        for name, weight in CITY_DEPARTMENTS[:per_district]:
            org = add(
                f"{CITY}{district}{name}",
                f"{district}{name}",
                "department",
                "district_department",
                parent=government,
                district=district,
                apps=weight * 0.4,
            )
            if name == "教育局":
                bureau = org
        bureaus.append(bureau)
    schools = size - len(orgs)
    city_share = round(schools * 0.06) if len(bureaus) > districts else 0
    owners = bureaus if city_share else bureaus[-districts:]
    shares = ([city_share] if city_share else []) + allocate(schools - city_share, [1] * districts)
    kinds, cumulative = weighted(SCHOOL_KINDS)
    for owner, count in zip(owners, shares, strict=True):
        numbers: dict[str, int] = {}
        for _ in range(count):
            kind = pick(rng.random, kinds, cumulative)
            numbers[kind] = numbers.get(kind, 0) + 1
            name = f"{CITY}{owner.district}第{numbers[kind]}{kind}"
            apps = 0.0 if rng.random() < 0.08 else 0.15 * rng.uniform(0.3, 2)  # some schools never get one
            add(
                name, name.removeprefix(CITY), "institution", "school", parent=owner, district=owner.district, apps=apps
            )
    return orgs


def catalog_nodes(catalog: str) -> list[tuple[str, str, str, int | None]]:
    """The catalog template flattened: (name, code, description, index of the parent or None)."""
    from gongkai.publications.defaults import EDUCATION_BUREAU_CATALOG, SCHOOL_CATALOG

    flat: list[tuple[str, str, str, int | None]] = []

    def walk(specs: Sequence[Any], parent: int | None) -> None:
        for spec in specs:
            flat.append((spec.name, spec.code, spec.description, parent))
            walk(spec.children, len(flat) - 1)

    walk(EDUCATION_BUREAU_CATALOG if catalog == "bureau" else SCHOOL_CATALOG, None)
    return flat


# ----------------------------------------------------------------------------------------------------
# Loading: rows as tuples, inserted with executemany (SQLite) or COPY (PostgreSQL)
# ----------------------------------------------------------------------------------------------------


class Loader:
    """Inserts rows of a model given as tuples of its ``varying`` columns; every other column gets
    its default (or an override), converted once by the field itself."""

    def __init__(self, connection: Any, now: dt.datetime) -> None:
        self.connection = connection
        self.sqlite = connection.vendor == "sqlite"
        self.now = now
        self.loaded: list[tuple[str, int, float]] = []

    def _constants(self, model: Any, varying: Sequence[str], overrides: dict[str, Any]) -> tuple[list[str], tuple]:
        from django.db.models import JSONField

        names, values = [], []
        for f in model._meta.concrete_fields:  # noqa: SLF001
            if f.attname in varying:
                continue
            if f.attname in overrides:
                value = overrides[f.attname]
            elif f.primary_key:
                continue
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = self.now
            elif f.has_default() or f.null or f.empty_strings_allowed:
                value = f.get_default()
            else:
                raise ValueError(f"{model.__name__}.{f.name} needs a value")
            names.append(f.column)
            if isinstance(f, JSONField):
                values.append(json.dumps(value, ensure_ascii=False))
            else:
                values.append(f.get_db_prep_save(value, self.connection))
        return names, tuple(values)

    def insert(self, model: Any, varying: Sequence[str], rows: Iterable[tuple], **overrides: Any) -> int:
        from django.db import transaction

        meta = model._meta  # noqa: SLF001
        columns = [meta.get_field(name).column for name in varying]
        names, constants = self._constants(model, varying, overrides)
        quoted = ", ".join(f'"{c}"' for c in [*columns, *names])
        began = time.perf_counter()
        count = 0
        self.connection.ensure_connection()
        raw = self.connection.connection
        with transaction.atomic():
            if self.sqlite:
                marks = ", ".join("?" * (len(columns) + len(names)))
                sql = f'INSERT INTO "{meta.db_table}" ({quoted}) VALUES ({marks})'  # noqa: S608 - names from the models
                cursor = raw.cursor()
                for chunk in chunks(rows, 20_000):
                    cursor.executemany(sql, [row + constants for row in chunk])
                    count += len(chunk)
            else:
                with raw.cursor() as cursor, cursor.copy(f'COPY "{meta.db_table}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row + constants)
                        count += 1
        seconds = time.perf_counter() - began
        self.loaded.append((meta.db_table, count, seconds))
        print(f"  {meta.db_table:<34} {count:>10,} rows {seconds:7.1f} s", flush=True)
        return count


class Synth:
    """The synthetic records of the region, generated with a fixed seed, as rows for ``Loader``."""

    def __init__(self, orgs: list[Org], args: argparse.Namespace, *, sqlite: bool) -> None:
        self.orgs = orgs
        self.args = args
        self.year = args.year
        self.sqlite = sqlite
        self.first_year = self.year - 2
        self.day0 = dt.date(self.first_year - 2, 1, 1)  # day index 0
        self.snapshot = self.index(dt.date(self.year + 1, 3, 31))  # the records as of this day
        self.window = (self.index(dt.date(self.first_year, 1, 1)), self.index(dt.date(self.year, 12, 31)))
        self.dates = [self.day0 + dt.timedelta(days=i) for i in range(self.snapshot + 400)]
        self.days = [d.isoformat() for d in self.dates] if sqlite else self.dates
        # midnight (Asia/Shanghai) of each day in UTC: published_at of the day = this + seconds
        self.midnight = [dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC) - dt.timedelta(hours=8) for d in self.dates]
        self.published_samples: list[tuple[int, int, dt.datetime]] = []  # (item id, day, published_at)
        self.interprets: list[tuple[int, int]] = []  # (interpretation, the document it interprets)
        self.ledger: list[tuple] = []
        self.breaches: list[tuple] = []
        self.reminders: list[tuple] = []
        self.nodes: dict[int, list[int]] = {}  # agency id → its catalog node ids in template order
        self.sources: dict[int, list[int]] = {}

    def index(self, day: dt.date) -> int:
        return (day - self.day0).days

    def ts(self, value: dt.datetime) -> Any:
        return value.strftime("%Y-%m-%d %H:%M:%S") if self.sqlite else value

    def year_days(self, year: int) -> tuple[int, int]:
        start = self.index(dt.date(year, 1, 1))
        return start, self.index(dt.date(year, 12, 31)) - start + 1

    # --- agencies ------------------------------------------------------------------------------------

    def agencies(self) -> Iterator[tuple]:
        from stdnum.cn import uscc

        rng = random.Random(SEED + 1)
        for org in self.orgs:
            body = f"1{'2' if org.kind == 'institution' else '1'}{REGION_CODE}{org.id:09d}"
            office = {"government": "人民政府办公室", "department": "办公室", "institution": "校长办公室"}[org.kind]
            website = (
                "" if org.kind == "institution" and rng.random() < 0.5 else f"https://gk{org.id}.qinghe.example.gov.cn/"
            )
            yield (
                org.id,
                org.name,
                org.short[:40],
                org.kind,
                body + uscc.calc_check_digit(body),
                org.parent.id if org.parent else None,
                org.path,
                org.id,
                office,
                f"{CITY}{org.district}人民路{org.id}号",
                "999100",
                "工作日 上午8:30-12:00，下午14:30-17:30",
                f"0999-{8000000 + org.id}",
                f"gk{org.id}@qinghe.example.gov.cn",
                website,
            )

    AGENCY_COLUMNS = words(
        "id name short_name kind credit_code parent_id path sort_order office_name office_address postcode "
        "office_hours phone email website"
    )

    def reading_rooms(self) -> Iterator[tuple]:
        rng = random.Random(SEED + 2)
        for org in self.orgs:
            count = {"city": 2, "district": 2, "city_department": 1}.get(org.role, 1 if rng.random() < 0.5 else 0)
            if org.role == "school":
                count = 0
            for n in range(count):
                yield (org.id, f"{org.short}政府信息公开查阅点{n + 1}", f"{CITY}{org.district}人民路{org.id}号", n)

    def catalog(self) -> Iterator[tuple]:
        node_id = 0
        for org in self.orgs:
            ids: list[int] = []
            for order, (name, code, description, parent) in enumerate(catalog_nodes(org.catalog)):
                node_id += 1
                ids.append(node_id)
                yield (
                    node_id,
                    org.id,
                    ids[parent] if parent is not None else None,
                    name,
                    code,
                    description[:300],
                    order,
                )
            self.nodes[org.id] = ids

    def guides(self) -> Iterator[tuple]:
        rng = random.Random(SEED + 3)
        for org in self.orgs:
            days = [self.window[0] - rng.randrange(30, 300)]
            for year in range(self.first_year, self.year + 1):
                if rng.random() < 0.35:
                    start, length = self.year_days(year)
                    days.append(start + rng.randrange(length))
            for version, day in enumerate(sorted(days), start=1):
                content = f"{org.name}政府信息公开指南（第{version}版）"
                stamp = self.midnight[day] + dt.timedelta(seconds=rng.randrange(86400))
                yield (org.id, version, content, hashlib.sha256(content.encode()).hexdigest(), self.ts(stamp))

    def statistics(self) -> Iterator[tuple]:
        from gongkai.reports.document import cell, path_text
        from gongkai.rules.outcomes import report_format_for_year
        from gongkai.rules.report_tables import CellKind, statistic_rows

        rng = random.Random(SEED + 4)
        for year in (self.year - 1, self.year):
            fmt = report_format_for_year(year)
            paths = [p for _block, row in statistic_rows(fmt) for p in row.paths]
            for org in self.orgs:
                for path in paths:
                    kind = cell(fmt, path).kind
                    if org.role == "school" and (kind is not CellKind.AMOUNT or rng.random() < 0.7):
                        continue
                    if rng.random() < 0.08:
                        continue  # not entered: the cell stays null and the checks ask for it
                    if kind is CellKind.AMOUNT:
                        value = Decimal(rng.randrange(0, 9_000_000)) / 10_000
                    elif kind is CellKind.SIGNED:
                        value = Decimal(rng.randrange(-20, 60))
                    else:
                        value = Decimal(int(rng.paretovariate(1.2) * 30) - 30)
                    yield (org.id, year, path_text(path), value, "部门业务系统年度统计")
                if rng.random() < 0.02 and fmt.value == "2021":  # a stale entry of the other format: ignored
                    yield (org.id, year, "proactive/2019/行政许可/处理决定数量", Decimal(7), "旧格式")

    # --- information items ---------------------------------------------------------------------------

    ITEM_COLUMNS = words(
        "id agency_id catalog_node_id title formed_on published_at document_number genre attribute "
        "withholding_ground channels validity validity_changed_on report_kind issued_on repealed_on state "
        "submission_no"
    )

    def items(self) -> Iterator[tuple]:  # noqa: C901, PLR0915 - one loop over an item's fields, kept flat for speed
        rng = random.Random(SEED + 5)
        rnd = rng.random
        randrange = rng.randrange
        days, midnight, ts = self.days, self.midnight, self.ts
        years = [self.year_days(y) for y in range(self.first_year, self.year + 1)]
        window_end = self.window[1]
        counts = allocate(self.args.items, [o.items for o in self.orgs])
        channel_sets = {
            catalog: weighted(
                (json.dumps(c, ensure_ascii=False), w_school if catalog == "school" else w)
                for c, w, w_school in ITEM_CHANNELS
            )
            for catalog in ("bureau", "school")
        }
        templates = {
            catalog: [name for name, _code, _description, _parent in catalog_nodes(catalog)] for catalog in NODE_WEIGHTS
        }
        node_weights = {
            catalog: list(accumulate(NODE_WEIGHTS[catalog].get(name, 0) for name in names))
            for catalog, names in templates.items()
        }
        from gongkai.publications.choices import Genre
        from gongkai.rules.disclosure import WITHHOLDING_GROUNDS

        genre_labels = dict(Genre.choices)
        grounds = [g.code for g in WITHHOLDING_GROUNDS]
        item_id = 0
        for org, count in zip(self.orgs, counts, strict=True):
            nodes = self.nodes[org.id]
            names = templates[org.catalog]
            cumulative = node_weights[org.catalog]
            total_weight = cumulative[-1]
            policy = nodes[names.index(POLICY_NODE[org.catalog])]
            interpretation_name = INTERPRETATION_NODE[org.catalog]
            interpretation = nodes[names.index(interpretation_name)] if interpretation_name else None
            channel_values, channel_cumulative = channel_sets[org.catalog]
            makes_documents = org.kind != "institution"
            regulations = org.role == "city"
            prefix = org.short[:2]
            last_document = 0  # the agency's latest normative document or regulation, for interpretations
            for serial in range(count):
                item_id += 1
                u = rnd()
                start, length = years[0 if u < 0.3 else 1 if u < 0.63 else 2]
                day = start + int(rnd() * length)
                u = rnd()
                state = (
                    "published"
                    if u < 0.92
                    else "withdrawn"
                    if u < 0.935
                    else "draft"
                    if u < 0.955
                    else "in_review"
                    if u < 0.97
                    else "filed"
                )
                formed = day - int(rnd() * 8)
                report_kind, issued, repealed, validity, document_number = "", None, None, "valid", ""
                if makes_documents and rnd() < 0.028:
                    report_kind = "regulation" if regulations and rnd() < 0.3 else "normative"
                    node = policy
                    genre = DOCUMENT_GENRES[randrange(len(DOCUMENT_GENRES))]
                    issued = days[formed]
                    year = self.dates[formed].year
                    document_number = (
                        f"青{prefix}{'令' if report_kind == 'regulation' else '规'}〔{year}〕{serial % 97 + 1}号"
                    )
                    if rnd() < 0.12:
                        repeal = day + randrange(60, 1000)
                        if repeal <= window_end:
                            repealed, validity = days[repeal], "repealed"
                    last_document = item_id
                elif interpretation is not None and makes_documents and rnd() < 0.03:
                    node, genre = interpretation, "interpretation"
                    if last_document:  # most interpretations are linked to the document they explain (解读的文件)
                        self.interprets.append((item_id, last_document))
                else:
                    node = nodes[bisect(cumulative, rnd() * total_weight)]
                    genre = GENRES[randrange(len(GENRES))]
                attribute, ground = "proactive", ""
                published_at = None
                if state in ("published", "withdrawn"):
                    published_at = ts(midnight[day] + dt.timedelta(seconds=randrange(86400)))
                    if state == "published" and rnd() < 0.02:
                        self.published_samples.append((item_id, day, midnight[day]))
                elif state == "filed":
                    attribute = "on_request" if rnd() < 0.6 else "withheld"
                    ground = grounds[randrange(len(grounds))]
                yield (
                    item_id,
                    org.id,
                    node,
                    f"{org.short}关于{TOPICS[serial % len(TOPICS)]}的{genre_labels[genre]}（{serial + 1}）",
                    days[formed],
                    published_at,
                    document_number,
                    genre,
                    attribute,
                    ground,
                    channel_values[bisect(channel_cumulative, rnd() * channel_cumulative[-1])],
                    validity,
                    repealed,
                    report_kind,
                    issued,
                    repealed,
                    state,
                    0 if state == "draft" else 1,
                )

    def screening(self) -> tuple[list[tuple], list[tuple]]:
        rng = random.Random(SEED + 6)
        runs, findings = [], []
        for run_id, (item_id, _day, midnight) in enumerate(self.published_samples[::2], start=1):
            ran_at = midnight - dt.timedelta(seconds=rng.randrange(0, 3 * 86400))
            runs.append((run_id, item_id, "publish", self.ts(ran_at)))
            for _ in range(rng.choice((1, 1, 2, 3))):
                kind = rng.choice(("id_number", "mobile", "landline", "email", "sensitive_term"))
                findings.append((run_id, kind, "***", "……***……", "正文"))
        return runs, findings

    def late_items(self) -> Iterator[tuple]:
        rng = random.Random(SEED + 7)
        for item_id, day, _midnight in self.published_samples[1::4]:
            due = day - rng.randrange(1, 12)
            kinds = ("internal", "statutory") if rng.random() < 0.3 else (rng.choice(("internal", "statutory")),)
            for kind in kinds:
                yield (item_id, kind, self.days[due], self.days[due + 1])

    # --- applications ---------------------------------------------------------------------------------

    APPLICATION_COLUMNS = words(
        "id agency_id tracking_code state channel submitted_at received_on receipt_rule applicant_type name "
        "id_type id_number credit_code legal_representative phone address postcode description form_wanted "
        "delivery_wanted outcome decided_on closed_on fee_basis fee_quantity fee_amount fee_text "
        "delivery_method delivered_on closing_note"
    )

    def applications(self) -> Iterator[tuple]:  # noqa: C901, PLR0912, PLR0915 - one application's life, step by step
        from stdnum.cn import uscc

        from gongkai.inforequests.models import Application

        rng = random.Random(SEED + 8)
        rnd = rng.random
        randrange = rng.randrange
        days, snapshot = self.days, self.snapshot
        agencies, cumulative = weighted((o.id, o.applications) for o in self.orgs if o.applications > 0)
        outcomes, outcome_cumulative = weighted(OUTCOME_WEIGHTS.items())
        types, type_cumulative = weighted(APPLICANT_WEIGHTS.items())
        channels, channel_cumulative = weighted(CHANNEL_WEIGHTS.items())
        encrypt = Application._meta.get_field("phone").get_prep_value  # noqa: SLF001
        phones = [encrypt(f"139{rng.randrange(10**8):08d}") for _ in range(200)]
        ids = [encrypt(f"99020019{rng.randrange(10**10):010d}") for _ in range(200)]
        addresses = [encrypt(f"{CITY}{rng.choice(DISTRICTS)}幸福路{n}号") for n in range(200)]
        codes = []
        for n in range(200):
            body = f"91{REGION_CODE}MA{n:07d}"
            codes.append(body + uscc.calc_check_digit(body))
        first, last = self.window
        for app_id in range(1, self.args.applications + 1):
            agency = agencies[bisect(cumulative, rnd() * cumulative[-1])]
            applicant = types[bisect(type_cumulative, rnd() * type_cumulative[-1])]
            channel = channels[bisect(channel_cumulative, rnd() * channel_cumulative[-1])]
            person = applicant == "natural_person"
            k = randrange(200)
            name = (
                f"{SURNAMES[k % 20]}{GIVEN[k % len(GIVEN)]}"
                if person
                else f"{CITY}{GIVEN[k % len(GIVEN)]}{COMPANIES[k % len(COMPANIES)]}"
            )
            u = rnd()
            received = first + randrange(last - first + 1)
            submitted = received - (randrange(3) if channel == "online" else 0)
            state, outcome, decided, closed, delivered = "closed", "", None, None, None
            fee_basis, fee_quantity, fee_amount, fee_text, delivery_method, note = "", None, None, "", "", ""
            ledger = self.ledger
            if u < 0.003:  # submitted online at the end, not yet confirmed: no receipt, not counted
                state, received, submitted = "pending", None, snapshot - randrange(3)
            elif u < 0.007:  # not an application: voided before receipt
                state, received, note = "voided", None, "空白申请，作废"
                closed = submitted + 1
            else:
                ledger.append((app_id, "received", days[received], None))
                outcome = outcomes[bisect(outcome_cumulative, rnd() * outcome_cumulative[-1])]
                duration = int(rng.triangular(1, 32, 10))
                if rnd() < 0.06:
                    ledger.append((app_id, "extension_granted", days[received + min(18, duration)], 20))
                    duration += randrange(15, 60)
                if rnd() < 0.01 or outcome in ("overdue_correction", "unclear_after_correction"):
                    ledger.append((app_id, "correction_requested", days[received + 3], None))
                    if outcome != "overdue_correction":
                        ledger.append((app_id, "correction_received", days[received + 9], None))
                    duration += 20
                if rnd() < 0.006:
                    duration += randrange(60, 400)  # long-running: carried over more than once
                paid = outcome in ("granted", "partially_granted") and rnd() < 0.012
                if paid:
                    duration = max(duration, 12)  # paid between the notice (day 5) and the reply
                if paid or outcome == "fee_not_paid":
                    fee_basis, fee_quantity = "per_application", 1 + randrange(3)
                    fee_amount = (100, 200, 500)[fee_quantity - 1]
                    fee_text = f"按件计收{fee_amount}元"
                    ledger.append((app_id, "fee_notice_sent", days[received + 5], None))
                decided = received + duration
                if decided > snapshot or rnd() < 0.0015:  # still open when the records were taken
                    decided, outcome = None, ""
                    state = "awaiting_payment" if fee_basis else "awaiting_correction" if rnd() < 0.2 else "handling"
                elif outcome == "withdrawn":
                    state, closed, note = "withdrawn", decided, "申请人书面撤回"
                    ledger.append((app_id, "withdrawn", days[decided], None))
                elif outcome in ("overdue_correction", "fee_not_paid"):
                    state, closed = "abandoned", decided
                    ledger.append((app_id, "abandoned", days[decided], None))
                else:
                    if paid:
                        ledger.append((app_id, "fee_paid", days[received + 5 + randrange(1, duration - 5)], None))
                    ledger.append((app_id, "replied", days[decided], None))
                    delivered = decided + randrange(0, 8)
                    if delivered > snapshot:
                        state, delivered = "replied", None
                    else:
                        closed, delivery_method = delivered, "online" if channel == "online" else "post"
                        ledger.append((app_id, "delivered", days[delivered], None))
                due = received + 28
                if (decided is None or decided > due) and due < snapshot and rnd() < 0.3:
                    self.breaches.append((app_id, "reply_late", days[due], days[due + 1]))
                if rnd() < 0.12 and due - 3 < snapshot:
                    self.reminders.append((app_id, "reply_due", days[due], days[due - 3]))
            yield (
                app_id,
                agency,
                f"YS{self.dates[submitted].year}-{app_id:08X}",
                state,
                channel,
                self.ts(self.midnight[submitted] + dt.timedelta(seconds=36000 + randrange(20000))),
                days[received] if received is not None else None,
                "",
                applicant,
                name,
                "resident_id" if person else "",
                ids[k] if person else "",
                "" if person else codes[k],
                "" if person else f"{SURNAMES[(k + 3) % 20]}{GIVEN[(k + 5) % len(GIVEN)]}",
                phones[k],
                addresses[k] if rnd() < 0.5 else "",
                "999100",
                f"申请公开{TOPICS[k % len(TOPICS)]}的相关信息",
                ("paper", "electronic", "either")[k % 3],
                ("post", "email", "collect", "online")[k % 4],
                outcome,
                days[decided] if decided is not None else None,
                days[closed] if closed is not None else None,
                fee_basis,
                fee_quantity,
                fee_amount,
                fee_text,
                delivery_method,
                days[delivered] if delivered is not None else None,
                note,
            )

    # --- appeals ----------------------------------------------------------------------------------------

    APPEAL_COLUMNS = words(
        "id agency_id kind state reference body_name party_name party_is_organisation filed_on "
        "copy_received_on accepted_on defence_submitted_on decided_on decision_received_on decision_type "
        "result"
    )

    def appeals(self) -> Iterator[tuple]:
        from gongkai.appeals.kinds import CaseKind, decisions_for, result_of

        rng = random.Random(SEED + 9)
        days, snapshot = self.days, self.snapshot
        agencies, cumulative = weighted((o, o.applications) for o in self.orgs if o.applications > 0)
        kinds, kind_cumulative = weighted((("review", 65), ("litigation_direct", 25), ("litigation_after_review", 10)))
        by_result = {
            kind: {
                r: [d for d in decisions_for(CaseKind(kind)) if result_of(d).value == r]
                for r in ("maintained", "corrected", "other")
            }
            for kind in kinds
        }
        first, last = self.window
        for case_id in range(1, self.args.appeals + 1):
            org = pick(rng.random, agencies, cumulative)
            kind = pick(rng.random, kinds, kind_cumulative)
            litigation = kind != "review"
            filed = first + rng.randrange(last - first + 1)
            decided = filed + (rng.randrange(60, 420) if litigation else rng.randrange(30, 100))
            state, decision, result, received = "decided", "", "", None
            u = rng.random()
            if u < 0.03:
                state, decided = "voided", None
            elif decided > snapshot or u < 0.05:
                state, decided = rng.choice(("registered", "accepted", "accepted", "hearing")), None
            elif u < 0.13:
                state, decision, result, received = "withdrawn", "withdrawn", "other", decided + 2
            else:
                result = rng.choices(("maintained", "corrected", "other"), (60, 22, 18))[0]
                decision = rng.choice(by_result[kind][result]).value
                received = decided + 3
            body = f"{CITY}{org.district}人民法院" if litigation and org.district else f"{CITY}中级人民法院"
            defence = filed + 15
            yield (
                case_id,
                org.id,
                kind,
                state,
                f"（{self.dates[filed].year}）青{'行初' if litigation else '复'}{case_id}号",
                body if litigation else f"{CITY}人民政府",
                f"{SURNAMES[case_id % 20]}{GIVEN[case_id % len(GIVEN)]}",
                False,
                days[filed],
                days[filed + 5],
                days[filed + 3],
                days[defence] if defence <= snapshot else None,
                days[decided] if decided is not None else None,
                days[received] if received is not None and received <= snapshot + 10 else None,
                decision,
                result,
            )

    # --- enquiries --------------------------------------------------------------------------------------

    def enquiry_sources(self) -> Iterator[tuple]:
        rng = random.Random(SEED + 10)
        source_id = 0
        for org in self.orgs:
            if org.role == "school":
                specs = [("校长信箱", "public", 10)]
            else:
                mailbox = {"city": "市长信箱", "district": "区长信箱"}.get(org.role, "局长信箱")
                specs = [(mailbox, "public", 10), ("12345热线交办", "assigned", 5), ("来电咨询", "registered", 3)]
            ids = []
            inactive = org.role != "school" and rng.random() < 0.04  # retired, with older enquiries
            for order, (name, kind, deadline) in enumerate(specs):
                source_id += 1
                ids.append(source_id)
                active = not (inactive and order == len(specs) - 1)
                yield (
                    source_id,
                    org.id,
                    name,
                    kind,
                    deadline,
                    "12345热线" if kind == "assigned" else "",
                    active,
                    order,
                )
            self.sources[org.id] = ids

    ENQUIRY_COLUMNS = words(
        "id agency_id source_id tracking_code state subject question submitted_at received_on due_on "
        "first_replied_on replied_on reply_count closed_on rating rated_on rated_reply"
    )

    def enquiries(self) -> Iterator[tuple]:
        rng = random.Random(SEED + 11)
        days, snapshot = self.days, self.snapshot
        agencies, cumulative = weighted((o.id, max(o.applications, 0.1)) for o in self.orgs)
        ratings, rating_cumulative = weighted((("satisfied", 70), ("basically_satisfied", 20), ("dissatisfied", 10)))
        first, last = self.window
        for enquiry_id in range(1, self.args.enquiries + 1):
            agency = pick(rng.random, agencies, cumulative)
            sources = self.sources[agency]
            source = sources[min(int(rng.paretovariate(1.5)) - 1, len(sources) - 1)]
            received = first + rng.randrange(last - first + 1)
            state, first_reply, closed, rating, rated = "closed", None, None, "", None
            u = rng.random()
            if u < 0.04:
                state, closed = "voided", received + 1
            elif u < 0.07:
                state = "withdrawn"
            elif u < 0.09:
                state = "converted"
            else:
                first_reply = received + rng.randrange(0, 15)
                if first_reply > snapshot:
                    state, first_reply = "handling", None
                else:
                    closed = first_reply + rng.randrange(0, 10)
                    if closed > snapshot or rng.random() < 0.1:
                        state, closed = "replied", None
                    if rng.random() < 0.55:
                        rating = pick(rng.random, ratings, rating_cumulative)
                        rated = first_reply + rng.randrange(0, 6)
            due = received + 14
            if rng.random() < 0.05 and due - 2 <= snapshot:
                self.reminders.append((enquiry_id, "due_soon", days[due], days[due - 2]))
            yield (
                enquiry_id,
                agency,
                source,
                f"ZX{self.dates[received].year}-{enquiry_id:08X}",
                state,
                f"关于{TOPICS[enquiry_id % len(TOPICS)]}的咨询",
                "请问相关政策如何办理？",
                self.ts(self.midnight[received] + dt.timedelta(seconds=30000 + rng.randrange(30000))),
                days[received],
                days[due],
                days[first_reply] if first_reply is not None else None,
                days[first_reply] if first_reply is not None else None,
                1 if first_reply is not None else 0,
                days[closed] if closed is not None else None,
                rating,
                days[rated] if rated is not None else None,
                1 if rating else 0,
            )


def load(args: argparse.Namespace, orgs: list[Org]) -> dict[str, int]:  # noqa: PLR0915 - one table after another
    """Every table of the region, then last year's published reports and this year's drafts."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    from gongkai.accounts.models import User
    from gongkai.agencies.models import Agency, ReadingRoom
    from gongkai.appeals.models import AppealCase
    from gongkai.consultations.models import Enquiry, EnquiryReminder, Source
    from gongkai.inforequests.models import Application, ClockBreach, ClockEntry, Reminder
    from gongkai.publications.models import (
        CatalogNode,
        DisclosureGuide,
        InformationItem,
        ScreeningFinding,
        ScreeningRun,
        TimelinessBreach,
    )
    from gongkai.reports.models import StatisticEntry

    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:  # for the load only; the benchmark reconnects with the app's own
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000", "temp_store=MEMORY"):
                cursor.execute(f"PRAGMA {pragma}")
    now = dt.datetime(args.year + 1, 3, 31, 12, tzinfo=dt.UTC)
    loader = Loader(connection, now)
    synth = Synth(orgs, args, sqlite=sqlite)
    user = User.objects.create(username="bench-loader", full_name="基准测试数据")
    loader.insert(Agency, Synth.AGENCY_COLUMNS, synth.agencies())
    loader.insert(ReadingRoom, ("agency_id", "name", "address", "sort_order"), synth.reading_rooms())
    loader.insert(
        CatalogNode, ("id", "agency_id", "parent_id", "name", "code", "description", "sort_order"), synth.catalog()
    )
    loader.insert(
        DisclosureGuide, ("agency_id", "version", "content", "content_sha256", "published_at"), synth.guides()
    )
    loader.insert(StatisticEntry, ("agency_id", "year", "key", "value", "source"), synth.statistics())
    loader.insert(InformationItem, Synth.ITEM_COLUMNS, synth.items(), created_by_id=user.pk)
    loader.insert(
        InformationItem.interprets.through, ("from_informationitem_id", "to_informationitem_id"), synth.interprets
    )
    runs, findings = synth.screening()
    loader.insert(ScreeningRun, ("id", "item_id", "trigger", "ran_at"), runs)
    loader.insert(ScreeningFinding, ("run_id", "kind", "masked", "context", "place"), findings)
    loader.insert(TimelinessBreach, ("item_id", "kind", "due_on", "detected_on"), synth.late_items())
    loader.insert(
        Application, Synth.APPLICATION_COLUMNS, synth.applications(), access_secret_hash="0" * 64, withheld_grounds=[]
    )
    loader.insert(ClockEntry, ("application_id", "kind", "on", "workdays"), synth.ledger)
    loader.insert(ClockBreach, ("application_id", "kind", "due", "recorded_on"), synth.breaches)
    loader.insert(Reminder, ("application_id", "kind", "due", "sent_on"), synth.reminders)
    synth.reminders = []
    loader.insert(AppealCase, Synth.APPEAL_COLUMNS, synth.appeals())
    loader.insert(
        Source,
        ("id", "agency_id", "name", "kind", "deadline_workdays", "assigner_name", "is_active", "sort_order"),
        synth.enquiry_sources(),
    )
    loader.insert(Enquiry, Synth.ENQUIRY_COLUMNS, synth.enquiries(), access_secret_hash="0" * 64)
    loader.insert(EnquiryReminder, ("enquiry_id", "kind", "due", "sent_on"), synth.reminders)
    if not sqlite:
        loaded = ("agencies", "publications", "inforequests", "appeals", "consultations")
        models = [m for m in apps.get_models() if m._meta.app_label in loaded]  # noqa: SLF001
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    began = time.perf_counter()
    saved = save_reports(args.year, orgs)
    seconds = time.perf_counter() - began
    print(f"  {'reports_annualreport':<34} {saved:>10,} rows {seconds:7.1f} s (last year's published reports")
    print("    computed by year_reports, and this year's drafts with the staff's texts)", flush=True)
    counts = {table: rows for table, rows, _seconds in loader.loaded}
    counts["reports_annualreport"] = saved
    counts["accounts_user"] = 1
    return counts


def save_reports(year: int, orgs: list[Org]) -> int:
    """Last year's reports as published (C6, C7 and 内容雷同 compare with them) and this year's drafts
    with the texts staff wrote for about a third of the agencies."""
    from gongkai.agencies.models import Agency
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.selectors import year_reports

    rng = random.Random(SEED + 12)
    agencies = list(Agency.objects.order_by("path", "sort_order"))
    rows = []
    for report in year_reports(agencies, year - 1, from_records=True):
        agency = report.agency
        published = dt.date(year, 3 if agency.kind == "government" else 1, rng.randrange(10, 29))
        doc = {**report.doc, "published_date": published.isoformat()}
        errors = sum(1 for f in report.findings if f.severity.value == "error")
        rows.append(
            AnnualReport(
                agency=agency,
                year=year - 1,
                format=doc["format"],
                state="published",
                data=doc,
                computed=report.doc,
                findings=doc["findings"],
                error_count=errors,
                warning_count=len(report.findings) - errors,
                fee_sentence=doc["sections"]["六"]["text"] or "",
                published_on=published,
                published_at=dt.datetime(published.year, published.month, published.day, 2, tzinfo=dt.UTC),
            )
        )
    names = {o.id: o.short for o in orgs}
    drafting = [agency for agency in agencies if rng.random() < 0.33]
    rows.extend(
        AnnualReport(
            agency=agency,
            year=year,
            format="2021" if year >= 2021 else "2019",
            state="draft",
            problems=f"{names.get(agency.pk, agency.name)}{PROBLEMS}",
            other_matters="无。" if rng.random() < 0.5 else "本年度未发生因政府信息公开工作被责任追究的情况。",
            notes_management="健全公开属性源头认定机制" if rng.random() < 0.5 else "",
            notes_platform="完善政府网站信息公开专栏" if rng.random() < 0.5 else "",
            notes_supervision="组织全员培训两次" if rng.random() < 0.5 else "",
        )
        for agency in drafting
    )
    AnnualReport.objects.bulk_create(rows, batch_size=200)
    return len(rows)


# ----------------------------------------------------------------------------------------------------
# The straightforward implementation: one query per figure
# ----------------------------------------------------------------------------------------------------


class PerCell:
    """Each agency on its own, each figure of its report with its own ORM ``count()`` (or one value),
    then the same document shape and the same checks as ``year_reports``."""

    def __init__(self, year: int) -> None:
        from gongkai.rules.outcomes import report_format_for_year

        self.year = year
        self.fmt = report_format_for_year(year)
        self.last = dt.date(year, 12, 31)
        self.before = dt.date(year - 1, 12, 31)

    def report(self, agency: Any) -> dict[str, Any]:
        from gongkai.reports import text
        from gongkai.reports.checks import check
        from gongkai.reports.deadlines import ReporterKind, statutory_deadline
        from gongkai.reports.document import empty, mirror_2019, put
        from gongkai.reports.models import AnnualReport
        from gongkai.reports.selectors import contact_of

        year, name = self.year, agency.name
        doc = empty(fmt=self.fmt, year=year, agency=name)
        contact = contact_of(agency)  # the agency's contact data as printed (no figure of the report)
        doc["title"] = text.title(name, year)
        doc["preamble"] = text.preamble(name, year, contact)
        self.table2(doc, agency.pk)
        mirror_2019(doc)
        self.table3(doc, agency.pk)
        self.table4(doc, agency.pk)
        saved = (
            AnnualReport.objects.filter(agency_id=agency.pk, year=year)
            .values("problems", "other_matters", "notes_management", "notes_platform", "notes_supervision")
            .first()
        )
        facts = self.overview(agency.pk, saved)
        yuan, paying = self.fees(agency.pk)
        sections = doc["sections"]
        sections["一"]["text"] = text.overview(doc, agency=name, year=year, facts=facts)
        sections["五"]["text"] = (saved["problems"] if saved else "").strip() or None
        fee = text.fee_sentence(name, year, yuan=yuan, applications=paying)
        sections["六"]["text"] = text.other_matters(fee, saved["other_matters"] if saved else "")
        review = doc["review_litigation"]
        doc["prose_numbers"] = {
            "proactive_items_total": facts.items_published,
            "applications_received": doc["applications"]["new"][-1],
            "applications_answered": doc["applications"]["total_handled"][-1],
            "consultations": facts.enquiries_total,
            "review_cases": review["review"][-1],
            "litigation_cases": review["litigation_direct"][-1] + review["litigation_after_review"][-1],
            "fees_collected_yuan": yuan,
        }
        previous = (
            AnnualReport.objects.filter(agency_id=agency.pk, year=year - 1).values_list("data", flat=True).first()
        )
        deadline = statutory_deadline(year, ReporterKind(agency.kind))
        findings = check(doc, previous=previous or None, deadline=deadline, extra=[])
        put(doc, ("findings",), [f.to_json() for f in findings])
        return doc

    # --- table 二 ---------------------------------------------------------------------------------------

    def public_items(self, agency_id: int) -> Any:
        from gongkai.publications.models import InformationItem

        return InformationItem.objects.filter(agency_id=agency_id, state="published", attribute="proactive")

    def table2(self, doc: dict[str, Any], agency_id: int) -> None:
        from django.db.models import Q

        from gongkai.reports.document import amount_number, cell, path_text, put
        from gongkai.reports.models import StatisticEntry
        from gongkai.rules.report_tables import TABLE2_2019, CellKind, statistic_rows

        year, last = self.year, self.last
        in_force = Q(issued_on__lte=last) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=last))
        for kind, prefix, row in (
            ("regulation", "regulations", TABLE2_2019[0].rows[0]),
            ("normative", "normative_docs", TABLE2_2019[0].rows[1]),
        ):
            documents = self.public_items(agency_id).filter(report_kind=kind)
            if self.fmt.value == "2021":
                put(doc, ("proactive", f"{prefix}_new"), documents.filter(issued_on__year=year).count())
                put(doc, ("proactive", f"{prefix}_repealed"), documents.filter(repealed_on__year=year).count())
                put(doc, ("proactive", f"{prefix}_in_force"), documents.filter(in_force).count())
            else:
                made, published, total = row.paths
                put(doc, made, documents.filter(issued_on__year=year).count())
                put(doc, published, documents.filter(published_at__year=year).count())
                put(doc, total, documents.filter(published_at__year__lte=year).count())
        for _block, row in statistic_rows(self.fmt):
            for path in row.paths:
                value = (
                    StatisticEntry.objects.filter(agency_id=agency_id, year=year, key=path_text(path))
                    .values_list("value", flat=True)
                    .first()
                )
                if value is not None:
                    value = amount_number(value) if cell(self.fmt, path).kind is CellKind.AMOUNT else int(value)
                put(doc, path, value)

    # --- table 三 ---------------------------------------------------------------------------------------

    def table3(self, doc: dict[str, Any], agency_id: int) -> None:
        from django.db.models import Q

        from gongkai.inforequests.models import Application
        from gongkai.reports.document import put
        from gongkai.rules.outcomes import TABLE3_ROWS, ApplicantType, outcomes_for_row

        received = Application.objects.filter(agency_id=agency_id, received_on__isnull=False).exclude(state="voided")

        def open_on(day: dt.date) -> Any:
            return received.filter(received_on__lte=day).filter(Q(decided_on__isnull=True) | Q(decided_on__gt=day))

        decided = received.filter(decided_on__year=self.year)
        rows = {
            "new": received.filter(received_on__year=self.year),
            "carried_over_from_last_year": open_on(self.before),
            "carried_to_next_year": open_on(self.last),
            "total_handled": decided.exclude(outcome=""),
        }
        for row in TABLE3_ROWS[self.fmt]:
            if row.path is None:
                continue
            counted = rows.get(row.key)
            if counted is None:
                counted = decided.filter(outcome__in=[o.value for o in outcomes_for_row(self.fmt, row.key)])
            values = [counted.filter(applicant_type=t.value).count() for t in ApplicantType]
            put(doc, ("applications", *row.path), [*values, counted.count()])

    # --- table 四 ---------------------------------------------------------------------------------------

    def table4(self, doc: dict[str, Any], agency_id: int) -> None:
        from django.db.models import Q

        from gongkai.appeals.models import AppealCase
        from gongkai.reports.document import put
        from gongkai.rules.report_tables import TABLE4_GROUPS

        cases = AppealCase.objects.filter(agency_id=agency_id).exclude(state="voided")
        pending = Q(filed_on__lte=self.last) & (Q(decided_on__isnull=True) | Q(decided_on__gt=self.last))
        concluded = Q(decided_on__year=self.year)
        for group in TABLE4_GROUPS:
            of_kind = cases.filter(kind=group.key)
            values = [
                of_kind.filter(concluded, result=result).count() for result in ("maintained", "corrected", "other")
            ]
            values.append(of_kind.filter(pending).count())
            values.append(of_kind.filter(concluded | pending).count())
            put(doc, ("review_litigation", group.key), values)

    # --- section 一 and the fee sentence ----------------------------------------------------------------

    def categories(self, agency_id: int) -> dict[str, list[int]]:
        """The category each item is counted under, as printed: a top-level column with the items filed
        directly in it; a second-level column with the items in it and in its sub-columns."""
        from gongkai.publications.models import CatalogNode

        nodes = list(CatalogNode.objects.filter(agency_id=agency_id).values_list("id", "parent_id", "name"))
        children: dict[int | None, list[int]] = {}
        for pk, parent, _name in nodes:
            children.setdefault(parent, []).append(pk)

        def subtree(pk: int) -> list[int]:
            found = [pk]
            for child in children.get(pk, []):
                found += subtree(child)
            return found

        groups: dict[str, list[int]] = {}
        for pk, parent, name in nodes:
            if parent is None:
                groups.setdefault(name, []).append(pk)
            elif parent in {p for p, q, _n in nodes if q is None}:
                groups.setdefault(name, []).extend(subtree(pk))
        return groups

    def overview(self, agency_id: int, saved: dict[str, Any] | None) -> Any:
        from gongkai.agencies.models import ReadingRoom
        from gongkai.consultations.figures import Rate
        from gongkai.consultations.models import Enquiry, EnquiryReminder, Source
        from gongkai.inforequests.models import Application, ClockBreach, Reminder
        from gongkai.publications.choices import Channel
        from gongkai.publications.models import DisclosureGuide, ScreeningFinding, TimelinessBreach
        from gongkai.reports import text
        from gongkai.rules.receipt import Channel as ApplicationChannel

        year = self.year
        in_year = self.public_items(agency_id).filter(published_at__year=year)

        def listed(counts: dict[str, int]) -> tuple[Any, ...]:
            shown = {label: n for label, n in counts.items() if n}
            return tuple(text.Count(label, n) for label, n in sorted(shown.items(), key=lambda kv: (-kv[1], kv[0])))

        by_category = {
            label: in_year.filter(catalog_node_id__in=nodes).count()
            for label, nodes in self.categories(agency_id).items()
        }
        by_channel = {label: in_year.filter(self.has_channel(code)).count() for code, label in Channel.choices}
        received = Application.objects.filter(agency_id=agency_id, received_on__year=year).exclude(state="voided")
        applications = {c.label: received.filter(channel=c.value).count() for c in ApplicationChannel}
        guides = DisclosureGuide.objects.filter(agency_id=agency_id)
        counted = Enquiry.objects.filter(agency_id=agency_id, received_on__year=year).exclude(
            state__in=("voided", "withdrawn", "converted")
        )
        names = list(
            Source.objects.filter(agency_id=agency_id, is_active=True)
            .order_by("sort_order", "id")
            .values_list("name", flat=True)
        )
        names += sorted(set(counted.exclude(source__name__in=names).values_list("source__name", flat=True)))
        lines = []
        for source in names:
            of_source = counted.filter(source__name=source)
            number = of_source.count()
            if number:
                replied = of_source.filter(first_replied_on__isnull=False).count()
                rated = of_source.exclude(rating="").count()
                content = of_source.filter(rating__in=("satisfied", "basically_satisfied")).count()
                lines.append(text.EnquiryLine(source, number, Rate(replied, number).text, Rate(content, rated).text))
        notes = text.Notes()
        if saved is not None:
            notes = text.Notes(saved["notes_management"], saved["notes_platform"], saved["notes_supervision"])
        return text.OverviewFacts(
            items_published=in_year.count(),
            items_by_category=listed(by_category),
            items_by_channel=listed(by_channel),
            interpretations=in_year.filter(interprets__isnull=False).distinct().count(),
            screening_findings=ScreeningFinding.objects.filter(
                run__item__agency_id=agency_id, run__ran_at__year=year
            ).count(),
            publication_breaches=TimelinessBreach.objects.filter(item__agency_id=agency_id, due_on__year=year)
            .values("item_id")
            .distinct()
            .count(),
            guide_updates=guides.filter(published_at__year=year).count(),
            guide_version=guides.filter(published_at__year__lte=year)
            .order_by("-version")
            .values_list("version", flat=True)
            .first(),
            reading_rooms=ReadingRoom.objects.filter(agency_id=agency_id).count(),
            applications_by_channel=listed(applications),
            replies_late=ClockBreach.objects.filter(application__agency_id=agency_id, kind="reply_late", due__year=year)
            .values("application_id")
            .distinct()
            .count(),
            enquiries_total=sum(line.received for line in lines),
            enquiries=tuple(lines),
            reminders_sent=Reminder.objects.filter(application__agency_id=agency_id, sent_on__year=year).count()
            + EnquiryReminder.objects.filter(enquiry__agency_id=agency_id, sent_on__year=year).count(),
            notes=notes,
        )

    def has_channel(self, code: str) -> Any:
        from django.db import connection
        from django.db.models import Q

        if connection.features.supports_json_field_contains:
            return Q(channels__contains=[code])
        return Q(channels__icontains=f'"{code}"')  # SQLite cannot do JSON contains: the quoted code in the list

    def fees(self, agency_id: int) -> tuple[int, int]:
        from django.db.models import Sum

        from gongkai.inforequests.models import Application, ClockEntry

        paid = ClockEntry.objects.filter(kind="fee_paid", on__year=self.year).values("application_id")
        paying = Application.objects.filter(agency_id=agency_id, pk__in=paid)
        return int(paying.aggregate(s=Sum("fee_amount"))["s"] or 0), paying.count()


# ----------------------------------------------------------------------------------------------------
# The run of one database
# ----------------------------------------------------------------------------------------------------


def ours(year: int) -> list[Any]:
    from gongkai.agencies.models import Agency
    from gongkai.reports.selectors import year_reports

    return year_reports(list(Agency.objects.order_by("path", "sort_order")), year, from_records=True)


def differences(agency: Any, mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Every cell that differs, then any other part of the document (texts shown around the first
    character that differs)."""
    from gongkai.reports.document import cells, get

    found = [
        f"{agency.name}: {c.name}: year_reports {get(mine, c.path)!r} ≠ per cell {get(theirs, c.path)!r}"
        for c in cells(mine["format"])
        if get(mine, c.path) != get(theirs, c.path)
    ]
    for key in ("title", "preamble", "proactive", "prose_numbers", "sections", "findings"):
        a, b = mine.get(key), theirs.get(key)
        if a == b:
            continue
        if key == "findings":
            only_mine = [f["message"] for f in a if f not in b]
            only_theirs = [f["message"] for f in b if f not in a]
            found.append(f"{agency.name}: findings only in year_reports {only_mine}; only per cell {only_theirs}")
            continue
        pairs = [(f"{key}.{k}", a.get(k), b.get(k)) for k in a | b] if isinstance(a, dict) else [(key, a, b)]
        for where, x, y in pairs:
            if x != y:
                found.append(f"{agency.name}: {where}: year_reports {excerpt(x, y)!r} ≠ per cell {excerpt(y, x)!r}")
    return found


def excerpt(value: Any, other: Any) -> Any:
    """A text (or a section's text) around the first character where it differs from ``other``."""
    if isinstance(value, dict) and isinstance(other, dict):
        value, other = value.get("text"), other.get("text")
    if not (isinstance(value, str) and isinstance(other, str)):
        return value
    at = next((i for i, (p, q) in enumerate(zip(value, other, strict=False)) if p != q), min(len(value), len(other)))
    return f"…{value[max(0, at - 30) : at + 30]}…"


def summary(year: int, docs: Iterable[dict[str, Any]]) -> str:
    """The region's year as the reports count it (to judge whether the data is believable)."""
    total: dict[str, int] = {}
    for doc in docs:
        figures = dict(doc["prose_numbers"])
        figures["carried_over"] = doc["applications"]["carried_over_from_last_year"][-1]
        figures["carried_next"] = doc["applications"]["carried_to_next_year"][-1]
        for finding in doc["findings"]:
            figures[finding["severity"]] = figures.get(finding["severity"], 0) + 1
        for key, value in figures.items():
            total[key] = total.get(key, 0) + (value or 0)
    return (
        f"{year} across the region: {total['proactive_items_total']:,} items published; "
        f"{total['applications_received']:,} applications received, {total['carried_over']:,} carried over, "
        f"{total['applications_answered']:,} answered, {total['carried_next']:,} carried to next year; "
        f"{total['review_cases']:,} review and {total['litigation_cases']:,} litigation cases; "
        f"{total['consultations']:,} enquiries; fees {total['fees_collected_yuan']:,} yuan; "
        f"findings: {total.get('error', 0):,} errors, {total.get('warning', 0):,} warnings"
    )


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


def profile(year: int) -> None:
    """Where ours spends its time: the query helpers of ``facts_for_year`` one by one, then compute
    and check; and the slowest queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency
    from gongkai.appeals.selectors import cases_of_year
    from gongkai.reports import selectors
    from gongkai.reports.checks import check
    from gongkai.reports.compute import compute
    from gongkai.reports.deadlines import ReporterKind, statutory_deadline

    agencies = list(Agency.objects.order_by("path", "sort_order"))
    ids = [a.pk for a in agencies]
    parts = [
        ("_document_counts (table 二 items)", lambda: selectors._document_counts(ids, year)),  # noqa: SLF001
        ("_statistics (table 二 entries)", lambda: selectors._statistics(ids, year)),  # noqa: SLF001
        ("_received (table 三 一, by type and channel)", lambda: selectors._received(ids, year)),  # noqa: SLF001
        (
            "_applications (table 三, with _received)",
            lambda: selectors._applications(ids, year, selectors._received(ids, year)),  # noqa: SLF001
        ),
        ("cases_of_year (table 四)", lambda: [c.facts for c in cases_of_year(ids, year)]),
        ("_fees", lambda: selectors._fees(ids, year)),  # noqa: SLF001
        ("_items (section 一: items by category, channel)", lambda: selectors._items(ids, year)),  # noqa: SLF001
        (
            "_overview (section 一, includes _items and _received)",
            lambda: selectors._overview(ids, year, selectors._received(ids, year)),  # noqa: SLF001
        ),
    ]
    print("  where ours spends its time (separate runs of its parts):")
    for label, part in parts:
        seconds, _ = timed(part)
        print(f"    {label:<50} {seconds:7.3f} s")
    facts_seconds, facts = timed(lambda: selectors.facts_for_year(agencies, year))
    previous_seconds, previous = timed(lambda: selectors.previous_docs(ids, year))
    compute_seconds, computed = timed(lambda: {a.pk: compute(facts[a.pk]) for a in agencies})

    def check_all() -> None:
        for a in agencies:
            deadline = statutory_deadline(year, ReporterKind(a.kind))
            done = computed[a.pk]
            check(done.doc, previous=previous.get(a.pk), deadline=deadline, extra=list(done.findings))

    check_seconds, _ = timed(check_all)
    print(f"    {'facts_for_year (all of the above)':<50} {facts_seconds:7.3f} s")
    print(f"    {'previous_docs (last year’s reports, JSON)':<50} {previous_seconds:7.3f} s")
    print(f"    {'compute (pure, 1 per agency)':<50} {compute_seconds:7.3f} s")
    print(f"    {'check (pure, 1 per agency)':<50} {check_seconds:7.3f} s")
    with CaptureQueriesContext(connection) as captured:
        ours(year)
    queries = [q["sql"] for q in captured.captured_queries]

    # Django times execute() only, and SQLite streams grouped rows: time each query again with its fetch.
    def fetched(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    timings = [(timed(lambda sql=sql: fetched(sql))[0], sql) for sql in queries]
    total = sum(seconds for seconds, _ in timings)
    print(f"  ours issues {len(queries)} SQL queries for all {len(agencies)} agencies, {total:.2f} s in the")
    print("  database when run again one by one with their rows fetched; the slowest:")
    for seconds, sql in sorted(timings, key=lambda t: -t[0])[:6]:
        print(f"    {seconds:7.3f} s  {sql[:150]}…")


def environment(args: argparse.Namespace) -> tuple[Path, bool] | None:
    """The data folder and whether its database can be reused; the settings' environment for Django.
    ``None`` when PostgreSQL is not reachable."""
    data_dir = args.data_dir.resolve() if args.data_dir else Path(tempfile.mkdtemp(prefix=f"gongkai-bench-{args.db}-"))
    if data_dir in {(ROOT / "var").resolve(), (Path.cwd() / "var").resolve()}:
        sys.exit("refusing to use the app's own data folder ./var")
    data_dir.mkdir(parents=True, exist_ok=True)
    marker = data_dir / MARKER
    reuse = marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == sizes(args)
    if not reuse:
        marker.unlink(missing_ok=True)
        for stale in data_dir.glob("gongkai.sqlite3*"):  # an earlier load with other sizes
            stale.unlink()
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["GONGKAI_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings"
    os.environ.pop("DATABASE_URL", None)
    if args.db == "postgres":
        if args.pg_database in {"postgres", "test", "template0", "template1"}:
            sys.exit(f"refusing to use the database {args.pg_database!r}")
        try:
            reuse = postgres_prepare(args.postgres, args.pg_database, reuse=reuse)
        except Exception as exc:  # noqa: BLE001 - any failure to reach the server means: skip
            print(f"PostgreSQL at {args.postgres} not reachable ({str(exc).strip()}): skipped.")
            if not args.data_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
            return None
        os.environ["DATABASE_URL"] = f"{args.postgres}/{args.pg_database}"
    return data_dir, reuse


def sizes(args: argparse.Namespace) -> dict[str, Any]:
    names = ("agencies", "applications", "items", "appeals", "enquiries", "year", "db")
    return {name: getattr(args, name) for name in names}


def load_or_reuse(args: argparse.Namespace, orgs: list[Org], data_dir: Path, *, reuse: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    marker = data_dir / MARKER
    if reuse:
        print(f"loading: reusing the database loaded earlier with the same sizes ({marker})")
        for table, rows in table_counts(connection):
            print(f"  {table:<34} {rows:>10,} rows")
    else:
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"loading: schema by migrations {time.perf_counter() - began:.1f} s", flush=True)
        counts = load(args, orgs)
        seconds, done = timed(lambda: settle(connection, analyze=args.analyze))
        print(f"  {done} {seconds:.1f} s")
        load_seconds = time.perf_counter() - began
        print(f"loaded {sum(counts.values()):,} rows in {load_seconds:.1f} s ({load_seconds / 60:.1f} min)")
        marker.write_text(json.dumps(sizes(args)), encoding="utf-8")
    connection.close()  # the benchmark runs on a fresh connection with the app's own settings
    print(f"database size: {database_size(connection) / 2**20:,.0f} MiB")


@dataclass
class Verified:
    mismatches: list[str]
    agencies: int
    seconds: float  # the per-cell implementation on the sample
    queries: float  # per agency, per cell


def verify(args: argparse.Namespace, orgs: list[Org], agencies: list[Any], rng: random.Random) -> Verified:
    """Ours once for all agencies, then the per-cell implementation on a sample: every cell, text
    and finding must be the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.reports.document import cells

    seconds, reports = timed(lambda: ours(args.year))
    print(f"\nours, first run (new connection, first use of the code): {seconds:.2f} s")
    print(summary(args.year, [r.doc for r in reports]))
    specials = [agencies[0].pk]  # the city government
    specials += [o.id for o in orgs if o.role == "school" and o.applications == 0][:1]
    specials += [o.id for o in orgs if o.role == "district"][:1]
    rest = [a.pk for a in agencies if a.pk not in specials]
    sample = specials + rng.sample(rest, min(len(rest), max(0, args.sample - len(specials))))
    docs = {r.agency.pk: r.doc for r in reports if r.agency.pk in sample}
    del reports  # the timed runs do not carry a thousand earlier documents around
    by_id = {a.pk: a for a in agencies}
    per_cell = PerCell(args.year)
    mismatches: list[str] = []
    began = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        for pk in sample:
            mismatches += differences(by_id[pk], docs[pk], per_cell.report(by_id[pk]))
    verified = Verified(
        mismatches, len(sample), time.perf_counter() - began, len(captured.captured_queries) / len(sample)
    )
    if mismatches:
        print(f"MISMATCH between year_reports and the per-cell implementation ({len(mismatches)} differences):")
        for line in mismatches[:60]:
            print(f"  {line}")
    else:
        roles = sorted({o.role for o in orgs if o.id in sample})
        print(
            f"verified: {len(sample)} agencies ({', '.join(roles)}) × {len(cells(docs[sample[0]]['format']))} "
            "cells, and every text, prose number and finding: year_reports and the per-cell implementation agree"
        )
    return verified


def time_ours(args: argparse.Namespace, agencies: list[Any]) -> float:
    runs = [timed(lambda: ours(args.year))[0] for _ in range(args.runs)]
    best = min(runs)
    print(
        f"\nours: year_reports(all {len(agencies):,} agencies, {args.year}, from_records=True), "
        f"best of {args.runs}: {best:.2f} s = {best / len(agencies) * 1000:.2f} ms per agency "
        f"(runs: {', '.join(f'{s:.2f}' for s in runs)} s)"
    )
    return best


def time_per_cell(args: argparse.Namespace, agencies: list[Any], verified: Verified, rng: random.Random) -> float:
    """All agencies, or a random sample extrapolated linearly when all would exceed the budget."""
    per_cell = PerCell(args.year)
    estimate = verified.seconds / verified.agencies * len(agencies)
    print(
        f"\nper cell: ~{verified.queries:.0f} queries per agency; the verification sample took "
        f"{verified.seconds:.1f} s → ~{estimate:.0f} s for all {len(agencies):,}"
    )
    if estimate <= args.baseline_budget:
        seconds, _ = timed(lambda: [per_cell.report(a) for a in agencies])
        print(
            f"per cell, all {len(agencies):,} agencies, measured: {seconds:.1f} s "
            f"= {seconds / len(agencies) * 1000:.1f} ms per agency"
        )
        return seconds
    size = max(50, min(len(agencies), int(args.baseline_budget / estimate * len(agencies))))
    chosen = rng.sample(agencies, size)
    measured, _ = timed(lambda: [per_cell.report(a) for a in chosen])
    seconds = measured / size * len(agencies)
    print(
        f"per cell, MEASURED ON A RANDOM SAMPLE of {size} agencies: {measured:.1f} s "
        f"= {measured / size * 1000:.1f} ms per agency → EXTRAPOLATED linearly to all "
        f"{len(agencies):,}: {seconds:.1f} s"
    )
    return seconds


def verdict(vendor: str, best: float, ratio: float) -> int:
    status = 0
    print()
    if vendor == "sqlite":
        fast = best < TARGET_SECONDS
        print(f"target: all reports in under {TARGET_SECONDS:.0f} s on SQLite: {VERDICTS[fast]} ({best:.2f} s)")
        status = 0 if fast else 2
    else:
        print(f"target: under {TARGET_SECONDS:.0f} s applies to SQLite; here {best:.2f} s")
    enough = ratio >= TARGET_RATIO
    print(f"target: at least {TARGET_RATIO:.0f}x faster than per cell: {VERDICTS[enough]} ({ratio:,.1f}x)")
    return status if enough else 2


def cleanup(args: argparse.Namespace, data_dir: Path) -> None:
    from django.db import connections

    connections.close_all()
    if args.keep:
        print(f"\nkept: {data_dir}" + (f" and database {args.pg_database}" if args.db == "postgres" else ""))
        return
    if args.db == "postgres":
        postgres_drop(args.postgres, args.pg_database)
    if not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
        return
    (data_dir / MARKER).unlink(missing_ok=True)
    for loaded in data_dir.glob("gongkai.sqlite3*"):
        loaded.unlink()


def run(args: argparse.Namespace) -> int:
    """The benchmark on one database (``--db sqlite`` or ``--db postgres``), in this process."""
    prepared = environment(args)
    if prepared is None:
        return 0
    data_dir, reuse = prepared
    import django

    django.setup()
    from django.db import connection

    from gongkai.agencies.models import Agency

    name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} {name if connection.vendor == 'sqlite' else f'{args.postgres}/{name}'}")
    print(
        f"region: {args.agencies:,} agencies, {args.items:,} items, {args.applications:,} applications, "
        f"{args.appeals:,} cases, {args.enquiries:,} enquiries over {args.year - 2}–{args.year}; "
        f"report year {args.year}"
    )
    orgs = region(args.agencies, random.Random(SEED))
    rng = random.Random(SEED + 13)
    try:
        load_or_reuse(args, orgs, data_dir, reuse=reuse)
        agencies = list(Agency.objects.order_by("path", "sort_order"))
        verified = verify(args, orgs, agencies, rng)
        if verified.mismatches:
            return 1
        best = time_ours(args, agencies)
        profile(args.year)
        ratio = time_per_cell(args, agencies, verified, rng) / best
        print(f"ratio per cell / ours: {ratio:,.1f}x")
        return verdict(connection.vendor, best, ratio)
    finally:
        cleanup(args, data_dir)


def settle(connection: Any, *, analyze: bool) -> str:
    """After the bulk load: statistics as the database would have them, and every page written, so
    that the timings do not share the machine with the load's background writes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
            cursor.execute("CHECKPOINT")
            return "VACUUM ANALYZE, CHECKPOINT"
        if analyze:
            cursor.execute("ANALYZE")
    os.sync()
    return "ANALYZE, sync" if analyze else "sync (no ANALYZE: as before the daily job first refreshes statistics)"


def table_counts(connection: Any) -> list[tuple[str, int]]:
    """Rows of every table of the app that holds any."""
    counts = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - the app's own table names
            rows = cursor.fetchone()[0]
            if rows and not table.startswith(("django_", "auth_")):
                counts.append((table, rows))
    return counts


def database_size(connection: Any) -> int:
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        return sum(p.stat().st_size for p in name.parent.glob(f"{name.name}*"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def postgres_prepare(server: str, name: str, *, reuse: bool) -> bool:
    """Create the benchmark's own database (dropping a leftover one); ``True`` when a kept database
    loaded with the same sizes can be reused."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        exists = maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if reuse and exists:
            return True
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        maintenance.execute(f'CREATE DATABASE "{name}"')
    return False


def postgres_drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--items", type=int, default=2_000_000)
    parser.add_argument("--appeals", type=int, default=2000)
    parser.add_argument("--enquiries", type=int, default=30_000)
    parser.add_argument("--year", type=int, default=2025, help="the report year (data covers year − 2 … year)")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--keep", action="store_true", help="keep the loaded database(s) and print where")
    parser.add_argument("--data-dir", type=Path, help="data folder (reused when loaded earlier with the same sizes)")
    parser.add_argument("--analyze", action="store_true", help="SQLite: run ANALYZE after loading")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--pg-database", default="gongkai_bench")
    parser.add_argument("--sample", type=int, default=20, help="agencies compared cell by cell before timing")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-budget", type=float, default=300.0, help="seconds; beyond, sample and extrapolate")
    args = parser.parse_args()
    args.postgres = args.postgres.rstrip("/")
    if args.year < 2020:
        parser.error("--year must be 2020 or later (last year's report needs a national format too)")
    if args.agencies < 3:
        parser.error("--agencies must be at least 3")
    return args


def child_argv(args: argparse.Namespace, db: str) -> list[str]:
    argv = ["--db", db]
    forwarded = ("agencies", "applications", "items", "appeals", "enquiries", "year", "postgres", "pg_database")
    for name in (*forwarded, "sample", "runs", "baseline_budget"):
        argv += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    if args.keep:
        argv.append("--keep")
    if args.analyze:
        argv.append("--analyze")
    if args.data_dir:
        argv += ["--data-dir", str(args.data_dir / db)]
    return argv


def main() -> None:
    args = arguments()
    if args.db != "both":
        sys.exit(run(args))
    codes = []
    for db in ("sqlite", "postgres"):
        print(f"\n===== {db} =====", flush=True)
        command = [sys.executable, str(Path(__file__).resolve()), *child_argv(args, db)]
        codes.append(subprocess.run(command, check=False).returncode)  # noqa: S603 - this script, our arguments
    sys.exit(max(codes))


if __name__ == "__main__":
    main()
