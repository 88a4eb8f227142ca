"""Benchmark: the public 学区查询 (``datalists.selectors.lookup_answer(agency, "school_district", q)``)
over a big city's school-district lists, on SQLite and on PostgreSQL.

A fictional 青禾市: the city government, its education bureau and ``--districts`` district bureaus below
it (default 10), each publishing one 学区划分 list, together ``--rows`` rows (default 1,000, 10,000 and
100,000, one database each). Everything goes through the real services: agencies, catalogs, an item in
招生范围与学区划分 (XQHF) per district, ``datalist_import`` of a generated CSV, submission and two
approvals. Roads and residential areas (解放路, 凤鸣北路, 金桂苑小区 …) are made of two characters of a
name pool and a suffix; each has 1–4 rows (全部 · 单号/双号 ranges · consecutive ranges · 120号及以上); a
few roads cross into the next district, a few are written with the city and district in front
(青禾市东湖区凤鸣路). Everything follows from ``--seed``.

``--queries`` queries (default 200), about 70% asked of the city bureau and 30% of a district bureau:
road + house number inside a range (also with 青禾市东湖区 in front, 18-2号, 3栋, full-width digits), road +
a number no range covers, road without number, part of a road name (similar names), an unknown road.

Two implementations, which must give the same answer (lists, rows, match kinds, messages, truncation)
for every query before anything is reported:

* before: the implementation before the road prefilter, kept below as ``lookup_answer_before``: every
  row of every current list loaded into Python for each query, then the pure matcher;
* after: ``lookup_answer`` as it is now (``selectors.district_candidates``: the rows whose road key is a
  substring of the query, found by an index, or when there are none the rows whose road name contains the
  query; then the pure matcher on those candidates only).

Before is timed on one pass (it is also the truth), after on one warm-up pass then ``--passes`` timed
passes. Target (the issue): p95 under 50 ms at 100,000 rows on SQLite.

    python bench/district_lookup.py [--rows 1000,10000,100000] [--districts 10] [--queries 200]
                                    [--db sqlite|postgres|both] [--passes 3] [--seed 11] [--keep]
                                    [--postgres postgres://postgres@127.0.0.1:5432/bench_lookup]

Each (database, size) runs in a child process of this script (Django is configured once per process)
with a database of its own: SQLite in a new temporary data folder (never ./var), PostgreSQL in the
database of ``--postgres``, created (dropped first when left over) and dropped at the end; skipped
when the server is unreachable. ``--keep`` keeps them. About 7 minutes per database for the three sizes
on a 2-core machine, nearly all of it the before pass at 100,000 rows (~1.3 s a query); importing
100,000 rows through the services takes ~20 s.

Exit status: 1 when the implementations disagree, 2 when the target is missed, else 0.
"""

# ruff: noqa: PLC0415 - the app is imported after django.setup(), which must see this run's database

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongkai.datalists.address import parse_ranges  # noqa: E402 - pure: no Django

SEED = 11
CITY = "青禾市"  # fictional
TARGET_P95_MS = 50.0
TARGET_ROWS = 100_000
VERDICTS = {True: "PASS", False: "FAIL"}
DISTRICTS = (
    "东湖区", "西山区", "南岸区", "北塘区", "新港区", "凤鸣区", "临江区", "青溪区",
    "云台区", "高桥区", "白石区", "长宁区", "松林区", "金沙区", "柳岸区", "河西区",
)  # fmt: skip
NAME_CHARS = (
    "解放人民建设和平胜利朝阳光明团结新城科技创业学府滨明珠天元青年文化幸福安中民主复兴振友谊繁荣富强华龙凤凰"
    "金银玉翠竹松柏桃李杏梅兰菊荷莲桂樱枫柳杨槐榆桐春夏秋冬晨曦星月彩虹锦绣碧水云霞紫荆丹霞红旗前进先锋育才"
    "书香墨香田园丰收永宁康乐长乐吉祥瑞泰嘉禾宝善德惠仁义礼智信诚忠孝勤俭启航远望腾飞开拓创新鸿福"
)
UNKNOWN_ROADS = ("长江路", "黄河大道", "泰山路", "珠江新村", "昆仑街", "洞庭湖路", "峨眉小区", "漓江花园")
SUFFIXES = (
    ("路", 30), ("北路", 5), ("南路", 5), ("东路", 4), ("西路", 4), ("中路", 2), ("街", 12), ("大道", 5),
    ("巷", 8), ("小区", 12), ("花园", 8), ("苑", 5),
)  # fmt: skip
HEADER = ["街道/镇", "道路或小区", "门牌号范围", "对口小学", "对口初中"]


# ---------------------------------------------------------------------------------------------------
# The city (pure)


@dataclass
class District:
    name: str  # 东湖区
    rows: list[list[str]]


def _ranges(rng: random.Random) -> list[str]:
    a, b, c = rng.randrange(21, 199, 2), rng.randrange(20, 200, 2), rng.randrange(200, 400, 2)
    pattern = rng.choices(range(4), weights=(30, 35, 20, 15))[0]
    if pattern == 0:
        return ["全部"]
    if pattern == 1:
        return [f"单号1-{a}号", f"双号2-{b}号"]
    if pattern == 2:
        return [f"1-{a}号", f"{a + 1}-{c}号", f"{c + 1}号及以上"]
    return [f"单号1-{a}号", f"单号{a + 2}-{c + 1}号", f"双号2-{b}号", f"双号{b + 2}号及以上"]


def city(total: int, districts: int, seed: int) -> list[District]:
    """``districts`` districts with ``total`` rows between them."""
    rng = random.Random(seed)
    names = DISTRICTS[:districts]
    suffixes, weights = zip(*SUFFIXES, strict=True)
    used: set[str] = set()
    result: list[District] = []
    for index, district in enumerate(names):
        want = total // districts + (1 if index < total % districts else 0)
        rows: list[list[str]] = []
        street = ""
        border = [r[1] for r in result[-1].rows[:200]] if result else []
        while len(rows) < want:
            if len(rows) % 150 == 0:
                street = f"{rng.choice(NAME_CHARS)}{rng.choice(NAME_CHARS)}街道"
            if border and rng.random() < 0.01:  # a road that crosses from the district before
                road = rng.choice(border)
            else:
                road = ""
                while not road or road in used:
                    road = "".join(rng.sample(NAME_CHARS, 2)) + rng.choices(suffixes, weights)[0]
                used.add(road)
                if rng.random() < 0.02:  # written with the city and district in front
                    road = f"{CITY}{district}{road}"
            n = len(rows)
            primary, middle = f"{CITY}{district}第{n % 97 + 1}小学", f"{CITY}{district}第{n % 31 + 1}中学"
            rows.extend([street, road, ranges, primary, middle] for ranges in _ranges(rng)[: want - len(rows)])
        result.append(District(district, rows))
    return result


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    district: int | None  # None: asked of the city bureau


def _inside(rng: random.Random, ranges: str) -> int:
    parsed = parse_ranges(ranges)
    for _ in range(200):
        number = rng.randint(1, 450)
        if parsed.contains(number):
            return number
    return 1


def _short(road: str) -> str:
    return road.removeprefix(CITY).split("区", 1)[-1] if road.startswith(CITY) else road


def queries(plan: list[District], count: int, seed: int) -> list[Query]:
    rng = random.Random(seed + 1)
    kinds = ("inside", "outside", "road", "partial", "unknown")
    made: list[Query] = []
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    for kind in rng.choices(kinds, weights=(45, 10, 20, 10, 15), k=count):
        district = rng.randrange(len(plan))
        asked = district if rng.random() < 0.3 else None
        _, road, ranges, *_ = rng.choice(plan[district].rows)
        name = _short(road)
        prefix = f"{CITY}{plan[district].name}" if rng.random() < 0.25 else ""
        if kind == "inside":
            number = _inside(rng, ranges)
            text = rng.choice(
                (f"{name}{number}号", f"{prefix}{name}{number}号", f"{name}{number}-{rng.randint(1, 9)}号",
                 f"{name}{number}号{rng.randint(1, 30)}栋", f"{name}{number}号".translate(wide))
            )  # fmt: skip
        elif kind == "outside":
            text = f"{prefix}{name}{rng.randint(2000, 9000)}号"
        elif kind == "road":
            text = f"{prefix}{name}"
        elif kind == "partial":
            text = name[:2]
        else:
            text = f"{prefix}{rng.choice(UNKNOWN_ROADS)}{rng.randint(1, 300)}号"
        made.append(Query(kind, text, asked))
    return made


# ---------------------------------------------------------------------------------------------------
# Loading through the services


def load(plan: list[District]) -> tuple[Any, list[Any]]:
    """The city bureau and the district bureaus, each district's list published."""
    from stdnum.cn import uscc

    from gongkai.accounts.models import User
    from gongkai.agencies.models import Agency, AgencyKind
    from gongkai.agencies.roles import Role
    from gongkai.agencies.services import agency_save, membership_grant
    from gongkai.datalists import files
    from gongkai.datalists.services import datalist_import
    from gongkai.publications.models import CatalogNode
    from gongkai.publications.services.items import item_create
    from gongkai.publications.services.setup import disclosure_setup
    from gongkai.publications.services.workflow import item_approve, item_submit

    serial = iter(range(1, 1000))

    def agency(name: str, short: str, kind: str, parent: Any) -> Any:
        body = f"11990300{next(serial):09d}"
        fields = {"name": name, "short_name": short, "kind": kind, "parent": parent, "phone": "0999-86120000"}
        return agency_save(acting_user=None, agency=Agency(credit_code=body + uscc.calc_check_digit(body), **fields))

    government = agency(f"{CITY}人民政府", "市政府", AgencyKind.GOVERNMENT, None)
    bureau = agency(f"{CITY}教育局", "市教育局", AgencyKind.DEPARTMENT, government)
    users = {role: User.objects.create(username=role.value, full_name=role.label, is_staff=True) for role in Role}
    below = []
    for district in plan:
        office = agency(f"{CITY}{district.name}教育局", f"{district.name}教育局", AgencyKind.DEPARTMENT, bureau)
        disclosure_setup(acting_user=None, agency=office)
        for role in (Role.OFFICER, Role.REVIEWER, Role.APPROVER):
            membership_grant(acting_user=None, user=users[role], agency=office, role=role)
        title = f"2026年{district.name}义务教育学校招生范围（学区划分）"
        item = item_create(
            acting_user=users[Role.OFFICER],
            agency=office,
            catalog_node=CatalogNode.objects.get(agency=office, code="XQHF"),
            title=title,
            summary=f"公布{title}。",
            body=f"<p>现将{title}予以公布。</p>",
            formed_on=dt.date(2026, 5, 6),
        )
        data = files.to_csv(HEADER, district.rows)
        officer = users[Role.OFFICER]
        datalist_import(acting_user=officer, item=item, kind="school_district", filename="学区.csv", data=data)
        item_submit(acting_user=users[Role.OFFICER], item=item)
        item_approve(acting_user=users[Role.REVIEWER], item=item, comment="数据已核对")
        item_approve(acting_user=users[Role.APPROVER], item=item, comment="同意公开", override_reason="已核实")
        below.append(office)
    return bureau, below


# ---------------------------------------------------------------------------------------------------
# BEFORE: the implementation before the road prefilter (selectors._district_lookup as it was), the baseline


def lookup_answer_before(agency: Any, query: str) -> Any:
    """BASELINE — ``lookup_answer(agency, "school_district", query)`` before the prefilter: every row of
    every current list is loaded and given to the pure matcher, for every query."""
    from gongkai.datalists.address import DistrictRow, lookup
    from gongkai.datalists.kinds import KINDS
    from gongkai.datalists.models import DataRow
    from gongkai.datalists.selectors import LOOKUP_LIMIT, FoundRow, LookupAnswer, _group, current_lists

    kind = KINDS["school_district"]
    lists = list(current_lists(agency, "school_district"))
    if not lists:
        return LookupAnswer(kind, query, [], [], [f"{agency.name}及下级单位暂未公开{kind.label}清单。"])
    rows: list[DistrictRow] = []
    for data_list in lists:
        road, numbers = data_list.index_of("road"), data_list.index_of("numbers")
        if road is None or numbers is None:
            continue
        rows.extend(
            DistrictRow(pk, values[road], values[numbers])
            for pk, values in data_list.rows.order_by("position").values_list("pk", "values")
        )
    result = lookup(query, rows, contact=agency.phone)
    keys = result.keys[:LOOKUP_LIMIT]
    found = DataRow.objects.in_bulk(keys)
    kinds = {m.key: m.kind for m in result.matches}
    hits = [FoundRow(found[key], kinds[key]) for key in keys]
    messages, truncated = list(result.messages), len(result.keys) > len(keys)
    if truncated:
        messages.append(f"结果较多，只显示前{LOOKUP_LIMIT}条，请输入更完整的内容。")
    return LookupAnswer(kind, query, lists, _group(lists, hits), messages, truncated)


def lookup_answer_after(agency: Any, query: str) -> Any:
    from gongkai.datalists.selectors import lookup_answer

    return lookup_answer(agency, "school_district", query)


def signature(answer: Any) -> tuple:
    """Everything the lookup page shows of an answer."""
    hits = tuple((h.data_list.pk, tuple((f.row.pk, f.row.values, f.match) for f in h.rows)) for h in answer.hits)
    return tuple(d.pk for d in answer.lists), hits, tuple(answer.messages), answer.truncated


# ---------------------------------------------------------------------------------------------------
# Timing


def percentiles(samples: Sequence[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def timed_pass(function: Callable[[Any, str], Any], asked: list[tuple[Any, Query]]) -> tuple[list[float], list[Any]]:
    seconds, answers = [], []
    for agency, query in asked:
        began = time.perf_counter()
        answer = function(agency, query.text)
        seconds.append((time.perf_counter() - began) * 1000)
        answers.append(answer)
    return seconds, answers


def line(label: str, samples: Sequence[float]) -> str:
    p50, p95, p99 = percentiles(samples)
    return f"  {label:<28} p50 {p50:9.2f}  p95 {p95:9.2f}  p99 {p99:9.2f}  max {max(samples):9.2f} ms"


def measure(args: argparse.Namespace) -> int:
    """Load the city, check that before and after agree on every query, time them, print the figures."""
    from django.db import connection

    plan = city(args.rows, args.districts, args.seed)
    began = time.perf_counter()
    bureau, below = load(plan)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    seconds = time.perf_counter() - began
    print(
        f"{connection.vendor}, {args.rows:,} rows in {len(plan)} lists: loaded through the services in {seconds:.1f} s"
    )
    made = queries(plan, args.queries, args.seed)
    asked = [(bureau if q.district is None else below[q.district], q) for q in made]
    timed_pass(lookup_answer_before, asked[:5])  # warm-up
    before, truth = timed_pass(lookup_answer_before, asked)
    timed_pass(lookup_answer_after, asked)  # warm-up
    after: list[float] = []
    for _ in range(args.passes):
        seconds_after, answers = timed_pass(lookup_answer_after, asked)
        after += seconds_after
    wrong = [
        q.text for q, mine, theirs in zip(made, answers, truth, strict=True) if signature(mine) != signature(theirs)
    ]
    print(
        f"  {len(made)} queries ({sum(q.district is None for q in made)} of the city bureau), "
        f"{sum(1 for answer in truth if answer.hits)} with rows found; "
        f"answers after == before: {len(made) - len(wrong)}/{len(made)}"
    )
    for text in wrong[:10]:
        print(f"    DIFFERENT: {text}")
    print(line("before (full scan, 1 pass)", before))
    print(line(f"after ({args.passes} passes)", after))
    for kind in ("inside", "outside", "road", "partial", "unknown"):
        samples = [s for s, q in zip(after, made * args.passes, strict=True) if q.kind == kind]
        if len(samples) > 1:
            print(line(f"  after: {kind}", samples))
    print(f"  p95 before / after: {percentiles(before)[1] / percentiles(after)[1]:,.1f}x", flush=True)
    if wrong:
        return 1
    if connection.vendor == "sqlite" and args.rows >= TARGET_ROWS:
        fast = percentiles(after)[1] < TARGET_P95_MS
        print(f"  target: p95 under {TARGET_P95_MS:.0f} ms at {args.rows:,} rows on SQLite: {VERDICTS[fast]}")
        return 0 if fast else 2
    return 0


def run(args: argparse.Namespace) -> int:
    """One size on one database, in this process, in a database of its own."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"gongkai-bench-lookup-{args.db}-"))
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["GONGKAI_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings"
    os.environ.pop("DATABASE_URL", None)
    server, name = postgres_parts(args.postgres)
    if args.db == "postgres":
        try:
            postgres_recreate(server, name)
        except Exception as exc:  # noqa: BLE001 - any failure to reach the server means: skip
            print(f"PostgreSQL at {args.postgres} not reachable ({str(exc).strip()}): skipped.")
            shutil.rmtree(data_dir, ignore_errors=True)
            return 0
        os.environ["DATABASE_URL"] = args.postgres
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("migrate", verbosity=0)
        return measure(args)
    finally:
        connections.close_all()
        if args.keep:
            print(f"  kept: {data_dir}" + (f" and {args.postgres}" if args.db == "postgres" else ""))
        else:
            if args.db == "postgres":
                postgres_drop(server, name)
            shutil.rmtree(data_dir, ignore_errors=True)


def postgres_parts(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.strip("/")
    if not name or name in {"postgres", "template0", "template1"}:
        sys.exit(f"refusing to use the database {name!r}")
    return urlunsplit((parts.scheme, parts.netloc, "", "", "")), name


def postgres_recreate(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        maintenance.execute(f'CREATE DATABASE "{name}"')


def postgres_drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="1000,10000,100000", help="total rows; several sizes separated by commas")
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--passes", type=int, default=3, help="timed passes of the current implementation")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/bench_lookup")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the database(s) and print where")
    args = parser.parse_args()
    args.sizes = [int(size.replace("_", "")) for size in str(args.rows).split(",")]
    if not 1 <= args.districts <= len(DISTRICTS):
        parser.error(f"--districts must be 1 to {len(DISTRICTS)}")
    if min(args.sizes) < args.districts:
        parser.error("--rows must be at least --districts")
    return args


def main() -> None:
    args = arguments()
    if args.db != "both" and len(args.sizes) == 1:
        args.rows = args.sizes[0]
        sys.exit(run(args))
    codes = []
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        for size in args.sizes:
            print(f"\n===== {db}, {size:,} rows =====", flush=True)
            forwarded = ["--db", db, "--rows", str(size), "--districts", str(args.districts), "--queries",
                         str(args.queries), "--passes", str(args.passes), "--postgres", args.postgres,
                         "--seed", str(args.seed), *(["--keep"] if args.keep else [])]  # fmt: skip
            command = [sys.executable, str(Path(__file__).resolve()), *forwarded]
            codes.append(subprocess.run(command, check=False).returncode)  # noqa: S603 - this script, our arguments
    sys.exit(max(codes))


if __name__ == "__main__":
    main()
