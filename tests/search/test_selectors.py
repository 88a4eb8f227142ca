"""The public search page's read: count, keyset pages, highlights, 繁体 suggestion, the words fallback."""

import datetime as dt

from gongkai.search.selectors import search_page
from gongkai.search.snippets import highlight, snippet
from tests.search.factories import index_document


def add(agency, n, title, body="", day=dt.date(2025, 3, 1)):
    return index_document(agency, title, key=f"test:{n}", body=body, published_on=day).url


def test_pages_follow_the_cursor_without_overlap_and_the_count_is_exact(tree):
    urls = [
        add(tree["bureau"], n, f"第{n}号招生公告", day=dt.date(2025, 1, 1) + dt.timedelta(days=n)) for n in range(45)
    ]
    first = search_page("招生", per_page=20)
    assert first.total == 45
    assert not first.total_capped
    second = search_page("招生", after=first.next_after, per_page=20)
    third = search_page("招生", after=second.next_after, per_page=20)
    found = [hit.url for page in (first, second, third) for hit in page.hits]
    assert found == urls[::-1]  # newest first, each once
    assert third.next_after == ""


def test_nothing_contains_the_query_as_written_so_its_words_are_searched(tree):
    url = add(tree["bureau"], 1, "高中阶段学校招生政策解读")
    page = search_page("高中招生政策")
    assert page.relaxed_from == "高中招生政策"
    assert page.q == "高中 招生 政策"
    assert [hit.url for hit in page.hits] == [url]
    assert search_page("高中阶段").relaxed_from == ""


def test_traditional_characters_get_a_simplified_suggestion(tree):
    add(tree["bureau"], 1, "学区划分公示")
    page = search_page("學區劃分")
    assert page.suggestion == "学区划分"
    assert search_page("学区划分").suggestion == ""


def test_a_query_without_text_gives_a_chinese_error_not_results(tree):
    add(tree["bureau"], 1, "学区划分公示")
    assert search_page("〔〕").error == "检索词中没有可检索的文字或数字。"
    assert search_page("").hits == []


def test_marks_are_escaped_html_on_the_original_characters():
    assert highlight("<b>学区</b>划分", ["学区"]) == "&lt;b&gt;<mark>学区</mark>&lt;/b&gt;划分"
    assert highlight("示教基〔２０２５〕３号", ["2025"]) == "示教基〔<mark>２０２５</mark>〕３号"
    text = "甲" * 300 + "学区划分" + "乙" * 300
    cut = snippet(text, ["区划"])
    assert "<mark>区划</mark>" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")
