"""Benchmark: the public search (``gongkai.search``) over 1,000,000 items, on SQLite and on PostgreSQL.

A synthetic corpus of ``--items`` believable items (default 1,000,000) of a fictional 示范市 and its
education bureaus: bodies of 100–400 characters written with the words of jieba's own dictionary
(weighted by their frequency) mixed with education vocabulary (招生, 学区划分, 收费标准 …), with
numbers, dates and a few Latin words; titles such as 示范市教育局关于做好2025年普通高中招生工作的通知;
document numbers such as 示教基〔2025〕3号 on about half of them; published over 2016–2026 by eight
agencies (so filters on an agency's subtree and on a year can be searched), numbered in the order of
publication as a site's ids grow. Everything follows from ``--seed``.

For each database (a child process each, Django configured per process): the ``SearchDocument`` rows
are inserted with raw SQL, then the index is built with the backend's own ``add`` (tokenizing
included; on PostgreSQL the GIN index is dropped first and created again after, included), and a
fixed set of ``--queries`` queries (default 200) derived from the corpus is searched — substrings of
1–6 characters of real titles and bodies, substrings across jieba's word boundaries (区划 inside
学区划分), education terms, document numbers (``2025 3号``, ``〔2025〕3号``, the whole number), Latin and
numbers, several words, two with filters — three ways:

* ours: ``backend.page(cursor, parse_query(q), facets, None, 21)`` and ``backend.count(cursor, query,
  facets, 10001)``, what the portal's ``search_page`` asks the backend for page 1 (20 hits and one to
  know there is a next page; the count capped at 10,000 and one to know it is capped), timed together
  per query after one warm-up pass; also a keyset walk 50 pages deep, and ``search_page`` itself;
* the substring scan, the definition of a correct result: ``LIKE '%segment%'`` for every
  whitespace-separated segment, ANDed, over ``title || ' ' || number || ' ' || body`` (and the filter's
  facets). With ``--like-queries`` at least ``--queries`` (the default) every query is scanned once
  in SQL and that scan is both the truth and the timing; with fewer, the truth of every query is a
  substring scan in Python over the generated texts (with the database's LIKE semantics: ASCII
  case-insensitive on SQLite, case-sensitive on PostgreSQL), and LIKE is timed on that many queries
  spread over the mix, whose results must equal the Python truth;
* Whoosh with jieba's ``ChineseAnalyzer`` (the common pure-Python Chinese search) over title, number
  and body (``MultifieldParser``, AND), on the first ``--whoosh-items`` items, the oldest (default
  100,000: it indexes about 180 documents per second and core, so 1,000,000 would take over 1.5
  hours; ``--whoosh-items 1000000`` does the full size). A smaller index answers faster, so the
  latency comparison favours Whoosh. Its recall is against the substring scan's truth restricted to
  those items. The index is built once and reused by the second database.

Recall is every match of ours (all pages) against the truth, summed over the queries, and the lowest
of a query; precision is shown too (ours may find a document where only the punctuation between two
runs of letters and digits differs from the query, e.g. ``〔2025〕3号`` in ``2025]3号``; on PostgreSQL,
whose LIKE is case-sensitive, also another letter case). Targets (the issue), at 1,000,000 items on a
2-core machine: recall 100% against the substring scan; p95 under 50 ms on SQLite; at least 100 times
faster than the substring scan (its p50 / ours p50); faster than Whoosh+jieba (p50 and p95, Whoosh's
page of 20 keys without the count) at equal or better recall.

    python bench/search.py [--items 1000000] [--db sqlite|postgres|both] [--queries 200]
                           [--like-queries N] [--whoosh-items 100000] [--whoosh-procs 2] [--seed 7]
                           [--keep] [--data-dir DIR] [--postgres URL] [--pg-database gongkai_bench_search]

SQLite lives in a new temporary data folder (never ./var); PostgreSQL in a database
``gongkai_bench_search`` created on the server of ``--postgres`` (default
postgres://postgres@127.0.0.1:5432) and dropped at the end; skipped when the server is unreachable.
``--keep`` keeps them (and the Whoosh index); with ``--data-dir DIR`` the data folders and the Whoosh
index are made there (a Whoosh index of the same seed and size is reused by a later run).

At 1,000,000 items expect about 1¼ hours on a 2-core machine (estimated from 200,000 and 500,000):
SQLite ~26 min (index build ~10, LIKE scans ~6, the Whoosh index of 100,000 items ~6), PostgreSQL
~48 min (index build ~25 of which the GIN index ~13, LIKE scans ~11); ``--like-queries 50`` saves
about a quarter of an hour. A child needs about 4 GB of memory at 1,000,000 items.

Exit status: 1 when recall is under 100% or results are inconsistent (a document twice, out of order,
a count that disagrees, keyset pages that do not join up), 2 when another target is missed, else 0.
"""

# ruff: noqa: PLC0415 - the app is imported after django.setup(), which must see this run's database

import argparse
import datetime as dt
import gc
import json
import os
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from gongkai.search.plan import After, Filters, agency_facets, facet, sort_key  # pure: no Django
from gongkai.search.tokens import normalize, parse_query, runs

ROOT = Path(__file__).resolve().parent.parent
SEED = 7
TARGET_P95_MS = 50.0
TARGET_LIKE_RATIO = 100.0
VERDICTS = {True: "PASS", False: "FAIL"}
BATCH = 5000
ALL = 1_000_000_000  # a page limit no result set reaches: every match
DEEP_PAGES = 50
WHOOSH_MARKER = "bench-search.json"
GENERATOR_VERSION = 1  # bump when the corpus changes, so a kept Whoosh index is not reused

# ---------------------------------------------------------------------------------------------------
# The corpus

EDU_TERMS = (
    "招生", "学区划分", "收费标准", "教师资格", "义务教育", "学生资助", "普通高中", "学前教育", "民办学校",
    "校外培训", "课后服务", "营养改善计划", "教育督导", "职业教育", "特殊教育", "教师招聘", "随迁子女",
    "入学报名", "学籍管理", "校园安全", "教育经费", "助学金", "奖学金", "校车安全", "教材选用", "教师培训",
    "体育中考", "学位申请", "教育收费", "减免学费", "家庭经济困难学生", "控辍保学", "集团化办学", "校舍改造",
    "教育信息化", "师德师风", "幼儿园", "托育服务", "学业水平考试", "综合素质评价", "招生计划", "录取分数线",
    "教育质量监测", "民办教育", "中小学", "初中学业水平考试", "高中阶段学校", "教职工", "课程改革", "劳动教育",
)  # fmt: skip
EDU_SHARE = 0.06  # of the words of a body
LATIN = ("APP", "5G", "K12", "PM2.5", "QQ群", "12345热线", "WiFi", "PDF", "Excel", "OA系统", "STEM", "AI", "GDP")
DOCUMENTS = ("管理办法", "实施方案", "工作方案", "实施细则", "暂行办法", "工作要点", "实施意见", "考核办法")
GENRES = (("通知", 40), ("公告", 8), ("通报", 6), ("意见", 6), ("批复", 4), ("决定", 3), ("报告", 3), ("函", 4))
FIRST_DAY = dt.date(2016, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 12, 31).toordinal()


@dataclass(frozen=True)
class Org:
    id: int
    name: str
    path: str
    prefixes: tuple[str, ...]  # of its document numbers
    weight: int
    kind: str


ORGS = (
    Org(1, "示范市人民政府", "/1/", ("示政发", "示政办发", "示政函"), 8, "government"),
    Org(2, "示范市教育局", "/1/2/", ("示教基", "示教发", "示教办", "示教函", "示教职"), 40, "department"),
    Org(3, "示范市东城区教育局", "/1/2/3/", ("东教发", "东教基"), 15, "department"),
    Org(4, "示范市西城区教育局", "/1/2/4/", ("西教发", "西教基"), 15, "department"),
    Org(5, "示范市教育考试院", "/1/2/5/", ("示考院",), 8, "institution"),
    Org(6, "示范市第一中学", "/1/2/3/6/", ("示一中",), 5, "institution"),
    Org(7, "示范市实验小学", "/1/2/4/7/", ("西实小",), 4, "institution"),
    Org(8, "示范市人力资源和社会保障局", "/1/8/", ("示人社发",), 5, "department"),
)


@dataclass(slots=True)
class Item:
    serial: int
    org: Org
    title: str
    number: str
    body: str
    published_on: dt.date
    facets: str
    sort_key: int


def by_weight(pair: tuple[str, int]) -> tuple[int, str]:
    return -pair[1], pair[0]


class Writer:
    """Believable texts: jieba's dictionary words by frequency, education terms, numbers, dates."""

    def __init__(self) -> None:
        import jieba

        words: list[str] = []
        weights: list[int] = []
        with jieba.get_dict_file() as lines:  # "word freq [pos]" per line
            for line in lines:
                word, freq, *_ = line.decode("utf-8").split()
                if re.fullmatch(r"[\u4e00-\u9fff]{1,4}", word):
                    words.append(word)
                    weights.append(int(freq))
        total = sum(weights)
        self.dictionary = len(words)
        extra = round(total * EDU_SHARE / (1 - EDU_SHARE) / len(EDU_TERMS))
        pairs = sorted(zip(words + list(EDU_TERMS), weights + [extra] * len(EDU_TERMS), strict=True), key=by_weight)
        self.words = [word for word, _ in pairs]  # the frequent first: bisect then stays in the CPU's cache
        self.cum = list(accumulate(float(weight) for _, weight in pairs))  # floats: bisect compares faster
        self.genres = [g for g, _ in GENRES]
        self.genre_cum = list(accumulate(w for _, w in GENRES))
        self.org_cum = list(accumulate(o.weight for o in ORGS))

    FIGURES: tuple[Callable[[random.Random, int], str], ...] = (
        lambda rng, year: f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        lambda rng, _: f"{rng.randint(2, 300)}所",
        lambda rng, _: f"{rng.randint(10, 99999)}名学生",
        lambda rng, _: f"{rng.randint(0, 99)}.{rng.randint(1, 9)}%",
        lambda rng, _: f"第{rng.randint(1, 60)}条",
        lambda rng, _: f"{rng.randint(1, 9999)}万元",
        lambda _, year: f"{year}—{year + 1}学年",
        lambda rng, _: f"{rng.randint(1, 50)}个",
    )

    def choose(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def figure(self, rng: random.Random, year: int) -> str:
        return rng.choice(self.FIGURES)(rng, year)

    def sentence(self, rng: random.Random, year: int) -> str:
        n = rng.randint(6, 22)
        words = self.choose(rng, n)
        if rng.random() < 0.3:
            words.insert(rng.randrange(n), self.figure(rng, year))
        if rng.random() < 0.04:
            words.insert(rng.randrange(n), rng.choice(LATIN))
        if n > 10:
            words.insert(rng.randint(4, n - 4), rng.choice("，，，、；"))
        if rng.random() < 0.05:
            words.insert(rng.randrange(n), f"《示范市{rng.choice(EDU_TERMS)}{rng.choice(DOCUMENTS)}》")
        return "".join(words) + ("。" if rng.random() < 0.85 else "；")

    def body(self, rng: random.Random, year: int) -> str:
        target = rng.randint(100, 400)
        parts: list[str] = []
        length = 0
        while length < target:
            part = self.sentence(rng, year)
            if length and rng.random() < 0.15:
                part = "\n" + part
            parts.append(part)
            length += len(part)
        return "".join(parts)

    def title(self, rng: random.Random, org: Org, year: int) -> str:
        term = rng.choice(EDU_TERMS)
        genre = rng.choices(self.genres, cum_weights=self.genre_cum)[0]
        w1, w2 = self.choose(rng, 2)
        match rng.randrange(9):
            case 0 | 1:
                phrase, genre = f"做好{year}年{term}工作", "通知"
            case 2:
                phrase, genre = f"印发《示范市{term}{rng.choice(DOCUMENTS)}》", "通知"
            case 3:
                phrase, genre = f"公布{year}年{term}结果", "公告"
            case 4:
                phrase = f"开展{term}专项检查"
            case 5:
                phrase = f"{year}年{term}情况"
            case 6:
                phrase = f"进一步加强{term}管理"
            case 7:
                phrase = f"{w1}{w2}{term}"
            case _:
                return f"{org.name}{year}年{term}工作总结"
        agency = org.name if rng.random() < 0.9 else ""
        return f"{agency}关于{phrase}的{genre}"

    def item(self, rng: random.Random, serial: int, published_on: dt.date) -> Item:
        org = rng.choices(ORGS, cum_weights=self.org_cum)[0]
        year = published_on.year
        number = ""
        if rng.random() < 0.5:
            number = f"{rng.choice(org.prefixes)}〔{year}〕{1 + int(rng.expovariate(1 / 25))}号"
        facets = " ".join([facet("k", "item"), facet("y", year), *agency_facets(org.path)])
        title = self.title(rng, org, year)
        return Item(
            serial,
            org,
            title,
            number,
            self.body(rng, year),
            published_on,
            facets,
            sort_key(published_on.toordinal(), serial),
        )


def generate(writer: Writer, count: int, seed: int) -> list[Item]:
    """Serials in the order of publication, as a site's ids grow while it publishes: a rebuild in id
    order (``search_rebuild``) gives the backend ascending sort keys, as here."""
    rng = random.Random(seed)
    days = sorted(rng.randint(FIRST_DAY, LAST_DAY) for _ in range(count))
    return [writer.item(rng, serial, dt.date.fromordinal(day)) for serial, day in enumerate(days, 1)]


# ---------------------------------------------------------------------------------------------------
# The queries

MIX = (
    ("1 char", 18),
    ("2 chars", 28),
    ("3 chars", 22),
    ("4 chars", 22),
    ("5 chars", 14),
    ("6 chars", 14),
    ("across words", 20),
    ("education terms", 20),
    ("document numbers", 14),
    ("Latin, numbers", 10),
    ("several words", 16),
    ("filtered", 2),
)
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
ACROSS = ("区划", "务教", "生资", "费标", "校外培", "育收费")  # inside 学区划分, 义务教育, 学生资助, 收费标准 …


@dataclass(frozen=True)
class Probe:
    """One query of the benchmark."""

    kind: str
    text: str
    filters: Filters = field(default_factory=Filters)

    @property
    def facets(self) -> tuple[str, ...]:
        return self.filters.facets()

    def label(self) -> str:
        return self.text + (f"  [{' '.join(self.facets)}]" if self.facets else "")


def mix(count: int) -> list[tuple[str, int]]:
    """``MIX`` scaled to ``count`` queries (largest remainder)."""
    total = sum(n for _, n in MIX)
    exact = [(kind, n * count / total) for kind, n in MIX]
    sizes = {kind: int(share) for kind, share in exact}
    rest = sorted(exact, key=lambda pair: pair[1] - int(pair[1]), reverse=True)
    for kind, _ in rest[: count - sum(sizes.values())]:
        sizes[kind] += 1
    return [(kind, sizes[kind]) for kind, _ in MIX]


class Prober:
    """Queries drawn from the corpus, deterministically."""

    def __init__(self, items: Sequence[Item], seed: int) -> None:
        self.items = items
        self.rng = random.Random(seed + 1)

    def chars(self, n: int, i: int = 1, item: Item | None = None) -> str | None:
        """``n`` Chinese characters of a real title or body: every other one of 2–4 characters a word
        of jieba's segmentation there (as people type), the others anywhere."""
        import jieba

        item = item or self.rng.choice(self.items)
        text = item.title if self.rng.random() < 0.3 else item.body
        runs = [run for run in CJK_RUN.findall(text) if len(run) >= n]
        if not runs:
            return None
        run = self.rng.choice(runs)
        words = [word for word in jieba.lcut(run) if len(word) == n] if i % 2 == 0 and 2 <= n <= 4 else []
        if words:
            return self.rng.choice(words)
        start = self.rng.randrange(len(run) - n + 1)
        return run[start : start + n]

    def across(self, i: int) -> str | None:
        """A substring that crosses a boundary of jieba's segmentation of a real body."""
        import jieba

        if i < len(ACROSS):
            return ACROSS[i]
        item = self.rng.choice(self.items)
        sentence = self.rng.choice([s for s in CJK_RUN.findall(item.body) if len(s) >= 4] or [""])
        words = jieba.lcut(sentence)
        pairs = [(a, b) for a, b in pairwise(words) if len(a) + len(b) >= 3]
        if not pairs:
            return None
        a, b = self.rng.choice(pairs)
        cuts = [text for text in (a[-1] + b[0], a[-1] + b[:2], a[-2:] + b[0]) if len(text) > 1]
        cuts = [text for text in cuts if text not in {a, b, a + b}]
        return self.rng.choice(cuts) if cuts else None

    def number(self, i: int) -> str | None:
        item = self.rng.choice(self.items)
        found = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", item.number)
        if not found:
            return None
        prefix, year, n = found.groups()
        forms = (f"{year} {n}号", f"〔{year}〕{n}号", item.number, f"{prefix}〔{year}〕", f"{prefix}〔{year}〕{n}")
        return forms[i % len(forms)]

    def latin(self, i: int) -> str | None:
        fixed = ("APP", "5G", "k12", "PM2.5", "QQ群", "12345热线")
        if i < len(fixed):
            return fixed[i]
        item = self.rng.choice(self.items)
        found = re.findall(r"\d+\.\d%|第\d+条|\d{4}年\d{1,2}月|\d+万元", item.body)
        return self.rng.choice(found) if found else None

    def several(self, i: int) -> str | None:
        """Two or three words of one real item (the item matches; others may too)."""
        item = self.rng.choice(self.items)
        terms = [term for term in EDU_TERMS if term in item.title or term in item.body]
        if not terms:
            return None
        term = self.rng.choice(terms)
        match i % 4:
            case 0:
                other = self.chars(2, i, item)
                return f"{term} {other}" if other else None
            case 1:
                return f"{item.published_on.year}年 {term}"
            case 2:
                first, second = self.chars(2, i, item), self.chars(3, i + 1, item)
                return f"{first} {second}" if first and second else None
            case _:
                genre = item.title[-2:] if CJK_RUN.fullmatch(item.title[-2:]) else "通知"
                others = [other for other in terms if other not in term and term not in other]
                return f"{term} {self.rng.choice(others)} {genre}" if others else None

    def filtered(self, i: int) -> Probe:
        if i % 2 == 0:
            return Probe("filtered", "招生", Filters(agency=3))  # 东城区教育局 and its schools
        return Probe("filtered", "通知", Filters(year=2024))

    def one(self, kind: str, i: int) -> Probe | None:
        makers: dict[str, Callable[[], str | None]] = {
            "across words": lambda: self.across(i),
            "education terms": lambda: EDU_TERMS[i % len(EDU_TERMS)],
            "document numbers": lambda: self.number(i),
            "Latin, numbers": lambda: self.latin(i),
            "several words": lambda: self.several(i),
        }
        if kind == "filtered":
            return self.filtered(i)
        text = self.chars(int(kind[0]), i) if kind[0].isdigit() else makers[kind]()
        return Probe(kind, text) if text else None


def make_probes(items: Sequence[Item], count: int, seed: int) -> list[Probe]:
    prober = Prober(items, seed)
    probes: list[Probe] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for kind, size in mix(count):
        made, attempt = 0, 0
        while made < size and attempt < size * 50:
            probe = prober.one(kind, attempt)
            attempt += 1
            if probe is None or (probe.text, probe.facets) in seen:
                continue
            seen.add((probe.text, probe.facets))
            probes.append(probe)
            made += 1
    return probes


# ---------------------------------------------------------------------------------------------------
# Measuring


def percentiles(values: Sequence[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else float("nan")
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


@dataclass
class Recall:
    """Found against the truth, summed over the queries."""

    truth: int = 0
    found: int = 0
    hit: int = 0  # found and true
    lowest: float = 1.0
    lowest_query: str = ""
    misses: list[str] = field(default_factory=list)
    extra: list[tuple[Probe, int, int]] = field(default_factory=list)  # found, not true: how many, one

    def add(self, probe: Probe, found: set[int], truth: set[int]) -> float:
        hit = len(found & truth)
        self.truth += len(truth)
        self.found += len(found)
        self.hit += hit
        share = hit / len(truth) if truth else 1.0
        if share < self.lowest:
            self.lowest, self.lowest_query = share, probe.label()
        if hit < len(truth):
            self.misses.append(f"{probe.label()}: {len(truth) - hit} of {len(truth)} missed")
        if len(found) > hit:
            self.extra.append((probe, len(found) - hit, min(found - truth)))
        return share

    @property
    def recall(self) -> float:
        return self.hit / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else 1.0


@dataclass
class Timing:
    ms: list[float]

    def line(self) -> str:
        p50, p95, p99 = percentiles(self.ms)
        return f"{p50:9.2f} {p95:9.2f} {p99:9.2f} {statistics.fmean(self.ms):9.2f}"

    @property
    def p50(self) -> float:
        return percentiles(self.ms)[0]

    @property
    def p95(self) -> float:
        return percentiles(self.ms)[1]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.ms)


@dataclass
class WhooshResult:
    items: int
    build_seconds: float
    size: int
    page: Timing  # parse, search, the 20 keys
    counted: Timing  # and len(results): the exact count
    recall: Recall
    per_query: list[float]


@dataclass
class Outcome:
    vendor: str
    items: int
    build_seconds: float
    index_bytes: int
    file_bytes: int
    truth_how: str
    like: Timing
    like_probes: list[int]
    ours: Timing
    recall: Recall
    per_query_recall: list[float]
    errors: list[str]
    whoosh: WhooshResult | None = None
    portal: Timing | None = None


# ---------------------------------------------------------------------------------------------------
# The database


def create_agencies() -> None:
    from gongkai.agencies.models import Agency

    for org in ORGS:
        parent = int(org.path.strip("/").split("/")[-2]) if org.path.count("/") > 2 else None
        Agency.objects.create(
            id=org.id,
            name=org.name,
            kind=org.kind,
            credit_code=f"11{org.id:016d}",
            parent_id=parent,
            path=org.path,
        )


def load(items: Sequence[Item]) -> float:
    """The ``SearchDocument`` rows, in batches of raw SQL; seconds."""
    from django.db import connection, transaction

    ops = connection.ops
    now = ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
    sql = (
        "INSERT INTO search_searchdocument (key, kind, agency_id, sort_key, title, number, body, facets, url, "
        "published_on, info, indexed_at) VALUES (%s, 'item', %s, %s, %s, %s, %s, %s, %s, %s, '{}', %s)"
    )
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(items), BATCH):
            cursor.executemany(
                sql,
                [
                    (
                        f"item:{it.serial}",
                        it.org.id,
                        it.sort_key,
                        it.title,
                        it.number,
                        it.body,
                        it.facets,
                        f"/gk/item/{it.serial}/",
                        ops.adapt_datefield_value(it.published_on),
                        now,
                    )
                    for it in items[start : start + BATCH]
                ],
            )
    return time.perf_counter() - began


def build(backend: Any, items: Sequence[Item]) -> float:
    """The backend's index of every row (tokenizing included); seconds."""
    from django.db import connection, transaction

    from gongkai.search.backends import IndexRow

    postgres = connection.vendor == "postgresql"
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute("DROP INDEX IF EXISTS search_terms_gin")
        for start in range(0, len(items), BATCH):
            rows = [
                IndexRow(it.sort_key, it.title, it.number, it.body, it.facets) for it in items[start : start + BATCH]
            ]
            backend.add(cursor, rows)
            done = min(start + BATCH, len(items))
            if done % (BATCH * 40) == 0:
                print(f"  … {done:,} indexed, {time.perf_counter() - began:.0f} s", flush=True)
        if postgres:
            gin_began = time.perf_counter()
            cursor.execute(
                "CREATE INDEX search_terms_gin ON search_searchdocument USING gin (terms) WITH (fastupdate = off)"
            )
            print(f"  GIN index created in {time.perf_counter() - gin_began:.1f} s", flush=True)
    return time.perf_counter() - began


def settle() -> str:
    """After the bulk load: statistics and every page written, so the timings do not share the machine
    with background writes."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE search_searchdocument")
            cursor.execute("CHECKPOINT")
            return "VACUUM ANALYZE, CHECKPOINT"
    os.sync()
    return "sync"


def sizes(backend: Any) -> tuple[int, int]:
    """The index's bytes (the backend's own figure) and the database's."""
    from django.db import connection

    with connection.cursor() as cursor:
        index = backend.size_bytes(cursor)
        if connection.vendor == "sqlite":
            name = Path(connection.settings_dict["NAME"])
            return index, sum(p.stat().st_size for p in name.parent.glob(f"{name.name}*"))
        cursor.execute("SELECT pg_database_size(current_database())")
        return index, int(cursor.fetchone()[0])


def like_pattern(segment: str) -> str:
    escaped = segment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def like_scan(cursor: Any, probe: Probe) -> set[int]:
    """The substring scan: every whitespace-separated segment of the query, and the filter's facets."""
    where = ["(title || ' ' || number || ' ' || body) LIKE %s ESCAPE '\\'" for _ in probe.text.split()]
    where += ["(' ' || facets || ' ') LIKE %s" for _ in probe.facets]
    params = [like_pattern(s) for s in probe.text.split()] + [f"% {f} %" for f in probe.facets]
    cursor.execute(f"SELECT sort_key FROM search_searchdocument WHERE {' AND '.join(where)}", params)  # noqa: S608
    return {key for (key,) in cursor.fetchall()}


ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def python_truth(items: Sequence[Item], probes: Sequence[Probe], *, fold_ascii: bool) -> list[set[int]]:
    """The substring scan in Python over the generated texts, with the database's LIKE semantics."""
    hays = [f"{it.title} {it.number} {it.body}" for it in items]
    if fold_ascii:
        hays = [hay.translate(ASCII_LOWER) for hay in hays]
    facets = [set(it.facets.split()) for it in items]
    keys = [it.sort_key for it in items]
    out = []
    for probe in probes:
        segments = probe.text.split()
        if fold_ascii:
            segments = [s.translate(ASCII_LOWER) for s in segments]
        found: Sequence[int] = range(len(items))
        for segment in segments:
            found = [i for i in found if segment in hays[i]]
        found = [i for i in found if facets[i].issuperset(probe.facets)]
        out.append({keys[i] for i in found})
    return out


def spread(count: int, chosen: int) -> list[int]:
    """``chosen`` indexes evenly over ``range(count)``."""
    if chosen >= count:
        return list(range(count))
    return sorted({round(i * (count - 1) / max(1, chosen - 1)) for i in range(chosen)})


def truth_and_like(
    args: argparse.Namespace, items: Sequence[Item], probes: Sequence[Probe]
) -> tuple[list[set[int]], Timing, list[int], str, list[str]]:
    from django.db import connection

    errors: list[str] = []
    with connection.cursor() as cursor:
        if args.like_queries >= len(probes):
            print(f"substring scan: LIKE over all {len(probes)} queries (truth and timing) …", flush=True)
            truth, ms = [], []
            for probe in probes:
                seconds, keys = timed(lambda p=probe: like_scan(cursor, p))
                truth.append(keys)
                ms.append(seconds * 1000)
            how = f"truth: one SQL LIKE scan per query, all {len(probes)} timed"
            return truth, Timing(ms), list(range(len(probes))), how, errors
        seconds, truth = timed(
            lambda: python_truth(items, probes, fold_ascii=connection.vendor == "sqlite"),
        )
        print(f"substring scan in Python over the generated texts: {seconds:.1f} s", flush=True)
        chosen = spread(len(probes), args.like_queries)
        ms = []
        for i in chosen:
            seconds, keys = timed(lambda p=probes[i]: like_scan(cursor, p))
            ms.append(seconds * 1000)
            if keys != truth[i]:
                errors.append(f"LIKE and the Python scan disagree on {probes[i].label()!r}")
        how = (
            f"truth: a substring scan in Python over the generated texts (LIKE semantics), all {len(probes)} "
            f"queries; LIKE timed on {len(chosen)} of them, spread over the mix (same results)"
        )
        return truth, Timing(ms), chosen, how, errors


def count_cap() -> int:
    """What ``search_page`` counts to: one beyond ``COUNT_CAP``, to know that there are more."""
    from gongkai.search.selectors import COUNT_CAP

    return COUNT_CAP + 1


def ours_timing(backend: Any, probes: Sequence[Probe]) -> Timing:
    """Page 1 and the count, as the portal does; one warm-up pass first."""
    from django.db import connection

    from gongkai.search.selectors import PER_PAGE

    def once(cursor: Any, probe: Probe) -> None:
        query = parse_query(probe.text)
        backend.page(cursor, query, probe.facets, None, PER_PAGE + 1)
        backend.count(cursor, query, probe.facets, count_cap())

    with connection.cursor() as cursor:
        for probe in probes:
            once(cursor, probe)
        return Timing([timed(lambda p=probe: once(cursor, p))[0] * 1000 for probe in probes])


def check_hits(probe: Probe, hits: Sequence[Any], count: int) -> list[str]:
    """A document once, tiers in order, newest first within a tier, the count agreeing."""
    errors = []
    keys = [hit.sort_key for hit in hits]
    if len(set(keys)) != len(keys):
        errors.append(f"{probe.label()!r}: {len(keys) - len(set(keys))} documents returned twice")
    order = [(hit.rank, -hit.sort_key) for hit in hits]
    if order != sorted(order):
        errors.append(f"{probe.label()!r}: hits out of order (tier, then newest first)")
    if count != min(len(set(keys)), count_cap()):
        errors.append(f"{probe.label()!r}: count {count} but {len(set(keys))} found (cap {count_cap()})")
    return errors


def ours_recall(
    backend: Any, probes: Sequence[Probe], truth: Sequence[set[int]]
) -> tuple[Recall, list[float], list[str], list[list[Any]]]:
    """Every match of ours (one page of unlimited size) against the truth."""
    from django.db import connection

    from gongkai.search.selectors import PER_PAGE

    recall, per_query, errors, every = Recall(), [], [], []
    with connection.cursor() as cursor:
        for probe, true in zip(probes, truth, strict=True):
            query = parse_query(probe.text)
            hits = backend.page(cursor, query, probe.facets, None, ALL)
            errors += check_hits(probe, hits, backend.count(cursor, query, probe.facets, count_cap()))
            per_query.append(recall.add(probe, {hit.sort_key for hit in hits}, true))
            every.append(hits[: PER_PAGE * DEEP_PAGES + 1])  # enough for the keyset walk, not millions
    return recall, per_query, errors, every


def deep_pages(
    backend: Any, probes: Sequence[Probe], every: Sequence[list[Any]]
) -> tuple[list[tuple[Probe, list[float]]], list[str]]:
    """The keyset cursor 50 pages deep for a few common queries: per-page latency (page and count, as
    the portal does per page), and the pages must join up to the first 1,000 of all matches."""
    from django.db import connection

    from gongkai.search.selectors import PER_PAGE

    wanted = PER_PAGE * DEEP_PAGES
    chosen: list[int] = []
    for kinds in (("1 char",), ("2 chars", "education terms"), ("several words",), ("3 chars", "across words")):
        candidates = [i for i, p in enumerate(probes) if p.kind in kinds and len(every[i]) > wanted]
        if candidates:
            chosen.append(max(candidates, key=lambda i: len(every[i])) if kinds == ("1 char",) else candidates[0])
    results, errors = [], []
    with connection.cursor() as cursor:
        for i in chosen:
            probe = probes[i]
            query = parse_query(probe.text)
            for attempt in range(2):  # the first walk warms up
                after, shown, ms = None, [], []
                for _ in range(DEEP_PAGES):
                    began = time.perf_counter()
                    hits = backend.page(cursor, query, probe.facets, after, PER_PAGE + 1)
                    backend.count(cursor, query, probe.facets, count_cap())
                    ms.append((time.perf_counter() - began) * 1000)
                    shown += hits[:PER_PAGE]
                    after = After(hits[PER_PAGE - 1].rank, hits[PER_PAGE - 1].sort_key)
                if attempt and shown != every[i][:wanted]:
                    errors.append(f"{probe.label()!r}: the {DEEP_PAGES} keyset pages differ from all matches")
            results.append((probe, ms))
    return results, errors


def portal_timing(probes: Sequence[Probe]) -> Timing:
    """``search_page``: page 1 with titles, snippets and agencies, as the portal renders it (for
    information)."""
    from gongkai.search.selectors import search_page

    def once(probe: Probe) -> None:
        search_page(probe.text, probe.filters)

    for probe in probes:
        once(probe)
    return Timing([timed(lambda p=probe: once(p))[0] * 1000 for probe in probes])


# ---------------------------------------------------------------------------------------------------
# Whoosh with jieba


def whoosh_schema() -> Any:
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, KEYWORD, TEXT, Schema

    analyzer = ChineseAnalyzer()
    return Schema(
        key=ID(stored=True, unique=False),
        title=TEXT(analyzer=analyzer),
        number=TEXT(analyzer=analyzer),
        body=TEXT(analyzer=analyzer),
        facets=KEYWORD,
    )


def whoosh_build(items: Sequence[Item], directory: Path, procs: int, seed: int, corpus: int) -> tuple[float, bool]:
    """The Whoosh index of ``items`` (reused when built earlier with the same seed and size); the
    seconds it took to build and whether it was built now."""
    from whoosh import index

    marker = directory / WHOOSH_MARKER
    wanted = {"seed": seed, "corpus": corpus, "items": len(items), "version": GENERATOR_VERSION}
    if marker.exists():
        kept = json.loads(marker.read_text(encoding="utf-8"))
        if {k: kept.get(k) for k in wanted} == wanted:
            return float(kept["seconds"]), False
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    began = time.perf_counter()
    ix = index.create_in(str(directory), whoosh_schema())
    writer = ix.writer(procs=procs, limitmb=256) if procs > 1 else ix.writer(limitmb=256)
    for it in items:
        writer.add_document(key=str(it.sort_key), title=it.title, number=it.number, body=it.body, facets=it.facets)
    writer.commit()
    seconds = time.perf_counter() - began
    marker.write_text(json.dumps({**wanted, "seconds": seconds, "procs": procs}), encoding="utf-8")
    return seconds, True


def whoosh_compare(
    args: argparse.Namespace,
    items: Sequence[Item],
    probes: Sequence[Probe],
    truth: Sequence[set[int]],
    directory: Path,
) -> WhooshResult:
    import jieba
    from whoosh import index
    from whoosh.qparser import AndGroup, MultifieldParser
    from whoosh.query import And, Term

    jieba.setLogLevel(60)
    subset = items[: args.whoosh_items]
    print(f"Whoosh+jieba: indexing the first {len(subset):,} items with {args.whoosh_procs} processes …", flush=True)
    seconds, built = whoosh_build(subset, directory, args.whoosh_procs, args.seed, len(items))
    print(
        f"  {'built' if built else 'reused, built earlier'} in {seconds:.1f} s ({len(subset) / seconds:,.0f} docs/s)",
        flush=True,
    )
    size = sum(p.stat().st_size for p in directory.iterdir() if p.name != WHOOSH_MARKER)
    ix = index.open_dir(str(directory))
    parser = MultifieldParser(["title", "number", "body"], ix.schema, group=AndGroup)
    keys_of_subset = {it.sort_key for it in subset}

    def parsed(probe: Probe) -> Any:
        query = parser.parse(probe.text)
        return And([query, *[Term("facets", f) for f in probe.facets]]) if probe.facets else query

    with ix.searcher() as searcher:

        def page(probe: Probe) -> list[str]:
            return [hit["key"] for hit in searcher.search(parsed(probe), limit=20)]

        def counted(probe: Probe) -> tuple[list[str], int]:
            results = searcher.search(parsed(probe), limit=20)
            return [hit["key"] for hit in results], len(results)

        for probe in probes:
            counted(probe)
        page_ms = [timed(lambda p=probe: page(p))[0] * 1000 for probe in probes]
        counted_ms = [timed(lambda p=probe: counted(p))[0] * 1000 for probe in probes]
        key_of = {docnum: int(fields["key"]) for docnum, fields in searcher.iter_docs()}
        recall, per_query = Recall(), []
        for probe, true in zip(probes, truth, strict=True):
            found = {key_of[docnum] for docnum in searcher.docs_for_query(parsed(probe))}
            per_query.append(recall.add(probe, found, true & keys_of_subset))
    return WhooshResult(len(subset), seconds, size, Timing(page_ms), Timing(counted_ms), recall, per_query)


# ---------------------------------------------------------------------------------------------------
# The report


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def print_mix(probes: Sequence[Probe]) -> None:
    kinds = Counter(p.kind for p in probes)
    print(f"queries: {len(probes)} — " + ", ".join(f"{kinds[k]} {k}" for k, _ in MIX if kinds[k]))
    for kind, _ in MIX:
        shown = [p.label() for p in probes if p.kind == kind][:8]
        if shown:
            print(f"  {kind:<17} {' | '.join(shown)}{' …' if kinds[kind] > len(shown) else ''}")


def print_kinds(outcome: Outcome, probes: Sequence[Probe], truth: Sequence[set[int]]) -> None:
    whoosh = outcome.whoosh
    print(f"\nby kind of query:  {'n':>3} {'hits p50':>9} {'ours p50':>9} {'ours p95':>9} {'ours rec':>9}", end="")
    print(f" {'Whoosh p50':>10} {'Whoosh rec':>10}" if whoosh else "")
    for kind, _ in MIX:
        index = [i for i, p in enumerate(probes) if p.kind == kind]
        if not index:
            continue
        ours = Timing([outcome.ours.ms[i] for i in index])
        hits = statistics.median(len(truth[i]) for i in index)
        rec = min(outcome.per_query_recall[i] for i in index)
        line = f"  {kind:<17} {len(index):>3} {hits:>9,.0f} {ours.p50:>9.2f} {ours.p95:>9.2f} {rec:>9.1%}"
        if whoosh:
            w_ms = Timing([whoosh.page.ms[i] for i in index])
            w_rec = statistics.fmean(whoosh.per_query[i] for i in index)
            line += f" {w_ms.p50:>10.2f} {w_rec:>10.1%}"
        print(line)
    if whoosh:
        print("  (ours rec: the lowest of the kind; Whoosh rec: the mean of the kind)")


def print_outcome(outcome: Outcome, probes: Sequence[Probe]) -> None:
    print(f"\n===== results: {outcome.vendor}, {outcome.items:,} items, {len(probes)} queries =====")
    rate = outcome.items / outcome.build_seconds
    print(f"index build              {outcome.build_seconds:,.1f} s ({rate:,.0f} docs/s, tokenizing included)")
    print(
        f"index size               {mib(outcome.index_bytes)} (backend.size_bytes); database {mib(outcome.file_bytes)}"
    )
    print(outcome.truth_how)
    print(f"\n{'milliseconds':<34} {'p50':>9} {'p95':>9} {'p99':>9} {'mean':>9}   recall    precision")
    r = outcome.recall
    print(f"{'ours: page 1 + count':<34} {outcome.ours.line()}   {r.recall:8.4%}  {r.precision:8.4%}")
    if outcome.portal:
        print(f"{'  portal search_page (info)':<34} {outcome.portal.line()}")
    all_like = len(outcome.like_probes) == len(probes)
    like_label = f"LIKE '%q%' scan ({len(outcome.like_probes)} queries)"
    print(f"{like_label:<34} {outcome.like.line()}   ({'the truth' if all_like else 'as the truth'})")
    w = outcome.whoosh
    if w:
        print(f"{f'Whoosh+jieba, {w.items:,} items:':<34}")
        wr = w.recall
        print(f"{'  search, 20 keys':<34} {w.page.line()}   {wr.recall:8.4%}  {wr.precision:8.4%}")
        print(f"{'  + exact count (len(results))':<34} {w.counted.line()}")
        print(
            f"  Whoosh index: {w.items:,} items built in {w.build_seconds:,.1f} s "
            f"({w.items / w.build_seconds:,.0f} docs/s), {mib(w.size)} on disk; its latency is at "
            f"{w.items:,} items against ours at {outcome.items:,}, which favours Whoosh"
        )
    ours_like = Timing([outcome.ours.ms[i] for i in outcome.like_probes])
    print(
        f"\nspeed-up over LIKE: p50/p50 {outcome.like.p50 / outcome.ours.p50:,.0f}x (the target's measure), "
        f"mean/mean {outcome.like.mean / ours_like.mean:,.0f}x (on the same queries)"
    )
    if w:
        print(
            f"speed-up over Whoosh (search, 20 keys): p50 {w.page.p50 / outcome.ours.p50:,.1f}x, "
            f"p95 {w.page.p95 / outcome.ours.p95:,.1f}x; with the exact count: "
            f"p50 {w.counted.p50 / outcome.ours.p50:,.1f}x, p95 {w.counted.p95 / outcome.ours.p95:,.1f}x"
        )
    print(f"recall: lowest of a query {r.lowest:.2%}" + (f" ({r.lowest_query})" if r.lowest < 1 else ""))
    for miss in r.misses[:20]:
        print(f"  MISSED {miss}")


def print_extra(recall: Recall, items: Sequence[Item]) -> None:
    """Where ours finds more than the substring scan, and why (an example each)."""
    if not recall.extra:
        return
    by_key = {it.sort_key: it for it in items}
    print(f"found beyond the substring scan ({recall.found - recall.hit:,} in {len(recall.extra)} queries), e.g.:")
    for probe, extra, key in sorted(recall.extra, key=lambda e: -e[1])[:6]:
        item = by_key[key]
        text = f"{item.title} {item.number} {item.body}"
        normalized = normalize(text)
        shown = text if len(normalized) == len(text) else normalized
        at = max(0, normalized.find(runs(probe.text)[0]) - 4)
        print(f"  {probe.label()!r} +{extra:,}: …{shown[at : at + len(probe.text) + 12]!r}…")


def print_slowest(outcome: Outcome, probes: Sequence[Probe], truth: Sequence[set[int]]) -> None:
    slow = sorted(range(len(probes)), key=lambda i: outcome.ours.ms[i], reverse=True)[:5]
    print("slowest of ours: " + ", ".join(f"{probes[i].label()} {outcome.ours.ms[i]:.1f} ms" for i in slow))
    print("  (their matches: " + ", ".join(f"{len(truth[i]):,}" for i in slow) + ")")


def print_deep(results: Sequence[tuple[Probe, list[float]]]) -> None:
    if not results:
        print(f"\nkeyset pages: no query has more than {20 * DEEP_PAGES:,} matches at this size")
        return
    print(f"\nkeyset pages (page + count per page, ms): page 1, median of 2–{DEEP_PAGES}, page {DEEP_PAGES}")
    for probe, ms in results:
        print(f"  {probe.label():<24} {ms[0]:8.2f} {statistics.median(ms[1:]):8.2f} {ms[-1]:8.2f}")


def verdict(outcome: Outcome) -> int:
    print()
    status = 0
    r = outcome.recall
    complete = r.recall == 1.0 and not outcome.errors
    print(
        f"target: recall 100% against the substring scan: {VERDICTS[complete]} "
        f"({r.hit:,} of {r.truth:,} matches; lowest of a query {r.lowest:.2%})"
    )
    for error in outcome.errors[:20]:
        print(f"  ERROR {error}")
    if outcome.vendor == "sqlite":
        fast = outcome.ours.p95 < TARGET_P95_MS
        print(f"target: p95 under {TARGET_P95_MS:.0f} ms on SQLite: {VERDICTS[fast]} ({outcome.ours.p95:.2f} ms)")
        status = status if fast else 2
    else:
        print(f"target: p95 under {TARGET_P95_MS:.0f} ms applies to SQLite; here {outcome.ours.p95:.2f} ms")
    ratio = outcome.like.p50 / outcome.ours.p50
    enough = ratio >= TARGET_LIKE_RATIO
    print(
        f"target: at least {TARGET_LIKE_RATIO:.0f}x faster than the substring scan: {VERDICTS[enough]} "
        f"(LIKE p50 / ours p50 = {ratio:,.0f}x)"
    )
    status = status if enough else 2
    w = outcome.whoosh
    if w:
        faster = outcome.ours.p50 < w.page.p50 and outcome.ours.p95 < w.page.p95
        better = r.recall >= w.recall.recall
        print(
            f"target: faster than Whoosh+jieba at equal or better recall: {VERDICTS[faster and better]} "
            f"(p50 {outcome.ours.p50:.2f} vs {w.page.p50:.2f} ms, p95 {outcome.ours.p95:.2f} vs {w.page.p95:.2f} ms; "
            f"recall {r.recall:.2%} vs {w.recall.recall:.2%}; Whoosh at {w.items:,} items)"
        )
        status = status if faster and better else 2
    else:
        print("target: faster than Whoosh+jieba: not measured (--whoosh-items 0)")
    return 1 if not complete else status


# ---------------------------------------------------------------------------------------------------
# One database per process


def environment(args: argparse.Namespace) -> Path | None:
    """The data folder; the settings' environment for Django. ``None`` when PostgreSQL is not reachable."""
    data_dir = args.data_dir.resolve() if args.data_dir else Path(tempfile.mkdtemp(prefix=f"gongkai-search-{args.db}-"))
    if data_dir in {(ROOT / "var").resolve(), (Path.cwd() / "var").resolve()}:
        sys.exit("refusing to use the app's own data folder ./var")
    data_dir.mkdir(parents=True, exist_ok=True)
    for stale in data_dir.glob("gongkai.sqlite3*"):
        stale.unlink()
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["GONGKAI_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings"
    os.environ.pop("DATABASE_URL", None)
    if args.db == "postgres":
        if args.pg_database in {"postgres", "test", "template0", "template1", "gongkai", "gongkai_bench"}:
            sys.exit(f"refusing to use the database {args.pg_database!r}")
        try:
            postgres_create(args.postgres, args.pg_database)
        except Exception as exc:  # noqa: BLE001 - any failure to reach the server means: skip
            print(f"PostgreSQL at {args.postgres} not reachable ({str(exc).strip()}): skipped.")
            if not args.data_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
            return None
        os.environ["DATABASE_URL"] = f"{args.postgres}/{args.pg_database}"
    return data_dir


def postgres_create(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        maintenance.execute(f'CREATE DATABASE "{name}"')


def postgres_drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cleanup(args: argparse.Namespace, data_dir: Path, whoosh_dir: Path) -> None:
    from django.db import connections

    connections.close_all()
    if args.keep:
        kept = f"\nkept: {data_dir}" + (f" and database {args.pg_database}" if args.db == "postgres" else "")
        print(kept + (f"; Whoosh index {whoosh_dir}" if args.whoosh_items else ""))
        return
    if args.db == "postgres":
        postgres_drop(args.postgres, args.pg_database)
    if args.data_dir:
        for loaded in data_dir.glob("gongkai.sqlite3*"):
            loaded.unlink()
    else:
        shutil.rmtree(data_dir, ignore_errors=True)


def step(label: str, function: Callable[[], Any]) -> Any:
    print(f"{label} …", flush=True)
    seconds, result = timed(function)
    print(f"  {label}: {seconds:,.1f} s", flush=True)
    return result


def measure(args: argparse.Namespace, items: Sequence[Item], probes: Sequence[Probe], whoosh_dir: Path) -> Outcome:
    from django.core.management import call_command
    from django.db import connection

    from gongkai.search.backends import backend_for

    backend = backend_for(connection.vendor)
    step("schema by migrations", lambda: call_command("migrate", verbosity=0))
    create_agencies()
    seconds = load(items)
    print(f"  {len(items):,} SearchDocument rows inserted in {seconds:,.1f} s", flush=True)
    print(f"index build ({backend.name}) …", flush=True)
    build_seconds = build(backend, items)
    print(f"  built in {build_seconds:,.1f} s", flush=True)
    print(f"  {step('settling after the load', settle)}")
    index_bytes, file_bytes = sizes(backend)
    truth, like, like_probes, how, errors = truth_and_like(args, items, probes)
    print(f"  LIKE p50 {like.p50:,.1f} ms", flush=True)
    ours = step("ours: warm-up pass, then timed pass", lambda: ours_timing(backend, probes))
    recall, per_query, more, every = step(
        "ours: every match of every query", lambda: ours_recall(backend, probes, truth)
    )
    errors += more
    deep, more = step("ours: keyset pages", lambda: deep_pages(backend, probes, every))
    errors += more
    portal = step("portal search_page", lambda: portal_timing(probes))
    outcome = Outcome(
        connection.vendor,
        len(items),
        build_seconds,
        index_bytes,
        file_bytes,
        how,
        like,
        like_probes,
        ours,
        recall,
        per_query,
        errors,
        portal=portal,
    )
    if args.whoosh_items:
        outcome.whoosh = whoosh_compare(args, items, probes, truth, whoosh_dir)
    print_outcome(outcome, probes)
    print_extra(outcome.recall, items)
    print_slowest(outcome, probes, truth)
    print_kinds(outcome, probes, truth)
    print_deep(deep)
    return outcome


def run(args: argparse.Namespace) -> int:
    """The benchmark on one database (``--db sqlite`` or ``--db postgres``), in this process."""
    data_dir = environment(args)
    if data_dir is None:
        return 0
    whoosh_dir = args.whoosh_dir or data_dir / "whoosh"
    import django

    django.setup()
    from django.db import connection

    name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} {name if connection.vendor == 'sqlite' else f'{args.postgres}/{name}'}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            shown = []
            for setting in ("server_version", "shared_buffers", "work_mem", "maintenance_work_mem"):
                cursor.execute(f"SHOW {setting}")
                shown.append(f"{setting} {cursor.fetchone()[0]}")
        print(f"  {', '.join(shown)} (the server's own settings)")
    try:
        writer = step("jieba's dictionary", Writer)
        print(f"  {writer.dictionary:,} words of 1–4 Chinese characters, and {len(EDU_TERMS)} education terms")
        items = step(
            f"generating {args.items:,} items (seed {args.seed})", lambda: generate(writer, args.items, args.seed)
        )
        mean = statistics.fmean(len(it.body) for it in items[:10000])
        print(f"  e.g. {items[0].title} {items[0].number}; bodies ~{mean:.0f} characters")
        probes = make_probes(items, args.queries, args.seed)
        print_mix(probes)
        gc.collect()
        gc.freeze()  # a million items: no collection pauses inside the timings
        return verdict(measure(args, items, probes, whoosh_dir))
    finally:
        cleanup(args, data_dir, whoosh_dir)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--like-queries",
        type=int,
        help="queries whose LIKE scan is timed (default: all, and the scans are the truth); with fewer, "
        "the truth of every query comes from a substring scan in Python",
    )
    parser.add_argument("--whoosh-items", type=int, default=100_000, help="the first N items; 0: no Whoosh")
    parser.add_argument("--whoosh-procs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the databases and the Whoosh index")
    parser.add_argument("--data-dir", type=Path, help="data folders and the Whoosh index here (reused)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--pg-database", default="gongkai_bench_search")
    parser.add_argument("--whoosh-dir", type=Path, help=argparse.SUPPRESS)  # shared by the two databases
    args = parser.parse_args()
    args.postgres = args.postgres.rstrip("/")
    if args.items < 100:
        parser.error("--items must be at least 100")
    if args.queries < len(MIX):
        parser.error(f"--queries must be at least {len(MIX)}")
    if args.like_queries is None:
        args.like_queries = args.queries
    if args.like_queries < 2:
        parser.error("--like-queries must be at least 2")
    args.whoosh_items = min(args.whoosh_items, args.items)
    return args


def child_argv(args: argparse.Namespace, db: str, whoosh_dir: Path) -> Iterator[str]:
    yield from ("--db", db, "--whoosh-dir", str(whoosh_dir))
    for name in ("items", "queries", "like_queries", "whoosh_items", "whoosh_procs", "seed", "postgres", "pg_database"):
        yield from (f"--{name.replace('_', '-')}", str(getattr(args, name)))
    if args.keep:
        yield "--keep"
    if args.data_dir:
        yield from ("--data-dir", str(args.data_dir / db))


def main() -> None:
    args = arguments()
    if args.db != "both":
        sys.exit(run(args))
    shared = args.data_dir.resolve() / "whoosh" if args.data_dir else Path(tempfile.mkdtemp(prefix="gongkai-whoosh-"))
    codes = []
    try:
        for db in ("sqlite", "postgres"):
            print(f"\n===== {db} =====", flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), *child_argv(args, db, shared)]
            codes.append(subprocess.run(command, check=False).returncode)  # noqa: S603 - this script, our arguments
    finally:
        if not args.keep and not args.data_dir:
            shutil.rmtree(shared, ignore_errors=True)
    sys.exit(max(codes))


if __name__ == "__main__":
    main()
