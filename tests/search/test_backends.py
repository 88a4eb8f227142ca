"""The backend of the database in use (SQLite FTS5 or PostgreSQL) against a plain substring scan of the
same documents: the same results, ranked by the tiers of ``search.plan``, filtered by facets, paged by
keyset without overlap. Runs on both databases (``.ci/run``)."""

import datetime as dt
import random

import pytest
from django.db import connection, transaction

from gongkai.search.backends import backend_for
from gongkai.search.models import SearchDocument
from gongkai.search.plan import After, Filters, facet
from gongkai.search.services import _write
from gongkai.search.tokens import match_text, parse_query
from tests.search.factories import index_document

WORDS = (  # noqa: SIM905 (a line of words reads better than a list)
    "学区划分 招生考试 高中招生 收费标准 教师资格 义务教育 学生资助 营养午餐 示范市 教育局 关于 做好 工作 通知 公示 "
    "名单 政策 解读 2025年 2026年 第3号 区划 划分 招生 考试 资格 认定 ABC pdf 一 二 三"
).split()
PUNCT = "，。；、 "


def add(agency, n, title, *, body="", number="", day=dt.date(2025, 3, 1), **facets):
    index_document(agency, title, key=f"test:{n}", body=body, number=number, published_on=day, **facets)
    return SearchDocument.objects.get(key=f"test:{n}")


def results(q, filters=None, per_page=500):
    filters = filters or Filters()
    backend = backend_for(connection.vendor)
    out, after = [], None
    with connection.cursor() as cursor:
        while True:
            page = backend.page(cursor, parse_query(q), filters.facets(), after, per_page)
            out.extend(page)
            if len(page) < per_page:
                return out
            after = After(page[-1].rank, page[-1].sort_key)


def keys(q, filters=None):
    by_sort = dict(SearchDocument.objects.values_list("sort_key", "key"))
    return [by_sort[hit.sort_key] for hit in results(q, filters)]


def scan(q, docs):
    """The reference: documents whose normalised text contains every segment (a LIKE scan per segment)."""
    segments = parse_query(q).segments
    return {
        d.key
        for d in docs
        if all(any(s.text in match_text(text) for text in (d.title, d.number, d.body)) for s in segments)
    }


@pytest.fixture
def corpus(tree):
    rng = random.Random(24)  # noqa: S311 (test data)
    docs = []
    for n in range(150):
        agency = rng.choice([tree["bureau"], tree["east"], tree["west"], tree["school"]])

        def text(k, rng=rng):
            return "".join(rng.choice(WORDS) + (rng.choice(PUNCT) if rng.random() < 0.3 else "") for _ in range(k))

        number = f"示教基〔{rng.choice([2024, 2025])}〕{rng.randint(1, 15)}号" if n % 3 == 0 else ""
        docs.append(
            add(
                agency,
                n,
                text(4),
                body=text(25),
                number=number,
                day=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000)),
            )
        )
    return docs


QUERIES = (
    "招",
    "区",
    "号",
    "3",
    "招生",
    "区划",
    "学区划分",
    "划分招生",
    "收费 标准",
    "2025 3号",
    "〔2025〕3号",
    "教基〔2024〕1",
    "abc",
    "ABC pdf",
    "生考试高",
    "示范市教育局",
    "资格认定",
    "午餐",
    "2026年第3号",
)


@pytest.mark.parametrize("q", QUERIES)
def test_recall_and_precision_equal_a_substring_scan(corpus, q):
    assert set(keys(q)) == scan(q, corpus)


def test_count_is_exact_below_the_cap_and_stops_at_it(corpus):
    backend = backend_for(connection.vendor)
    with connection.cursor() as cursor:
        assert backend.count(cursor, parse_query("招生"), (), 10_000) == len(scan("招生", corpus))
        assert backend.count(cursor, parse_query("区"), (), 5) == 5


def test_keyset_pages_do_not_overlap_and_cover_every_match(corpus):
    everything = [hit.sort_key for hit in results("区", per_page=1000)]
    paged = [hit.sort_key for hit in results("区", per_page=7)]
    assert paged == everything
    assert len(set(paged)) == len(paged) == len(scan("区", corpus))


def test_title_before_body_and_newer_before_older(tree):
    old_title = add(tree["bureau"], 1, "学区划分公示", day=dt.date(2024, 5, 1))
    new_body = add(tree["bureau"], 2, "公告", body="本区学区划分如下", day=dt.date(2026, 5, 1))
    new_title = add(tree["bureau"], 3, "2026年学区划分方案", day=dt.date(2026, 4, 1))
    number = add(tree["bureau"], 4, "通知", number="示教〔2025〕学区划分1号", day=dt.date(2023, 1, 1))
    assert keys("学区划分") == [new_title.key, old_title.key, number.key, new_body.key]


def test_exact_phrase_before_scattered_terms(tree):
    scattered_title = add(tree["bureau"], 1, "收费项目与招生标准", day=dt.date(2026, 6, 1))
    phrase_title = add(tree["bureau"], 2, "招生收费标准", day=dt.date(2024, 1, 1))
    phrase_body = add(tree["bureau"], 3, "公告", body="严格执行招生 收费标准", day=dt.date(2026, 7, 1))
    scattered_body = add(tree["bureau"], 4, "公告", body="招生工作……收费", day=dt.date(2026, 8, 1))
    ranked = results("招生 收费")
    assert [hit.rank for hit in ranked] == [1, 2, 3, 4]
    assert keys("招生 收费") == [phrase_title.key, scattered_title.key, phrase_body.key, scattered_body.key]


def test_filters_agency_subtree_year_and_any_facet(tree):
    add(tree["bureau"], 1, "招生通知", day=dt.date(2025, 1, 1), genre="notice")
    add(tree["east"], 2, "招生公告", day=dt.date(2026, 1, 1), genre="announcement")
    add(tree["school"], 3, "招生简章", day=dt.date(2026, 2, 1), validity="repealed")
    add(tree["west"], 4, "招生计划", day=dt.date(2025, 2, 1), extra=[facet("c", 7), facet("t", 9)])
    assert sorted(keys("招生", Filters(agency=tree["east"].pk))) == ["test:2", "test:3"]  # the school is below
    assert sorted(keys("招生", Filters(agency=tree["bureau"].pk))) == ["test:1", "test:2", "test:3", "test:4"]
    assert sorted(keys("招生", Filters(year=2025))) == ["test:1", "test:4"]
    assert keys("招生", Filters(genre="notice", validity="repealed")) == ["test:3"]
    assert keys("招生", Filters(catalog_node=7, topic=9)) == ["test:4"]
    assert keys("招生", Filters(agency=tree["west"].pk, year=2026)) == []


def test_reindexing_replaces_and_removing_forgets(tree):
    doc = add(tree["bureau"], 1, "招生通知", body="旧的正文")
    assert keys("旧的") == [doc.key]
    add(tree["bureau"], 1, "招生通知", body="新的正文")
    assert keys("旧的") == []
    assert keys("新的") == [doc.key]
    with transaction.atomic():
        _write(doc.key, None)
    assert keys("招生") == []
    assert not SearchDocument.objects.exists()
