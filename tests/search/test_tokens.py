"""The tokenizer's promise (Art. 24: the platform offers search): a query finds every text that contains
it as a substring. Checked here on the pure token streams with a positional matcher that mirrors what
the backends do (tests/search/test_backends.py checks the backends against a substring scan)."""

import subprocess
import sys

import jieba
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.tokens import (
    MAX_QUERY_CHARS,
    QueryError,
    Segment,
    document_tokens,
    match_text,
    parse_query,
)


def occurs(segment: Segment, text: str) -> bool:
    """Does the segment's token phrase occur at consecutive positions of the text's token stream?"""
    tokens = document_tokens(text)
    wanted = segment.tokens()
    for start in range(len(tokens) - len(wanted) + 1):
        if all(
            tokens[start + i].startswith(w.text) if w.prefix else tokens[start + i] == w.text
            for i, w in enumerate(wanted)
        ):
            return True
    return False


def found(query: str, text: str) -> bool:
    return all(occurs(segment, text) for segment in parse_query(query).segments)


def test_two_character_query_finds_longer_words_that_contain_it():
    assert found("招生", "关于做好招生考试工作的通知")
    assert found("招生", "2026年高中招生")
    assert not found("招生", "招聘考生")


def test_query_that_segmentation_splits_is_still_found_quhua_in_xuequhuafen():
    # jieba cuts 学区划分 into 学区 / 划分, so an index of its words would never find 区划.
    assert "区划" not in jieba.lcut("各区完成学区划分工作")
    assert found("区划", "各区完成学区划分工作")
    assert found("学区划分", "各区完成学区划分工作")


def test_one_character_query_finds_the_character_anywhere_in_a_run():
    for text in ("教育", "文教", "办学教研"):
        assert found("教", text)
    assert not found("教", "学习")


def test_document_number_found_by_its_year_and_serial_or_in_full():
    number = "示教基〔2025〕3号"
    for query in ("2025 3号", "〔2025〕3号", "教基〔2025〕3号", "示教基〔2025〕3号", "教基", "3号"):
        assert found(query, number), query
    assert not found("2025 4号", number)
    assert not found("〔2025〕13号", number)
    assert found("3号", "示教基〔2025〕13号")  # a substring, as a scan would say
    assert found("〔2025〕3", "示教基〔2025〕31号")


def test_full_width_digits_and_latin_case_are_normalised():
    assert found("2025", "示教基〔２０２５〕３号")
    assert found("PDF", "附件.pdf")
    assert found("ab12", "编号AB12-3")


def test_punctuation_between_runs_matches_any_punctuation_and_whitespace_separates_segments():
    assert found("教基〔2025〕", "教基[2025]3号")
    assert found("学区 收费", "收费标准……学区划分")  # both segments, in any order
    assert not found("学区 收费", "学区划分")


@given(
    text=st.text(alphabet="学区划分招生考试教育2025号ab，。〔〕 \n", max_size=40),
    data=st.data(),
)
def test_every_substring_without_whitespace_is_found(text, data):
    """Recall: any substring of a text (normalised, no whitespace inside) is found in it."""
    norm = text
    start = data.draw(st.integers(0, max(0, len(norm) - 1)))
    end = data.draw(st.integers(start, len(norm)))
    query = norm[start:end]
    if not query.strip() or " " in query or "\n" in query or not any(ch.isalnum() for ch in query):
        return
    assert found(query, text), (query, text)


@given(
    text=st.text(alphabet="学区划分招生考试2025号，〔〕 ", max_size=30),
    query=st.text(alphabet="学区划分招生2号〔", min_size=1, max_size=4),
)
def test_everything_found_contains_the_query_up_to_punctuation(text, query):
    """Precision: a found text contains each segment's runs one after the other (match text)."""
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    if all(occurs(segment, text) for segment in parsed.segments):
        assert all(segment.text in match_text(text) for segment in parsed.segments)
    else:
        assert not all(segment.text in match_text(text) for segment in parsed.segments)


def test_queries_without_anything_to_search_are_refused_in_chinese():
    for query, message in (
        ("", "请输入检索词"),
        ("  ", "请输入检索词"),
        ("〔〕，。", "没有可检索"),
        ("字" * (MAX_QUERY_CHARS + 1), "过长"),
    ):
        with pytest.raises(QueryError, match=message):
            parse_query(query)


def test_query_segments_are_deduplicated_and_phrase_joins_them():
    query = parse_query("  2025  3号 2025 ")
    assert [s.text for s in query.segments] == ["2025", "3号"]
    assert query.phrase.text == "2025 3号"


def test_the_pure_search_core_imports_no_django():
    code = (
        "import sys, gongkai.search.tokens, gongkai.search.plan, gongkai.search.snippets, gongkai.search.variants, "
        "gongkai.search.words; "
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0  # noqa: S603 (our own code)
