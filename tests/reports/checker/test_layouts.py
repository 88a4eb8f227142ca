"""Reports constructed from known figures, in every input format and in the layouts real websites give:
read back exactly, correct ones not flagged, broken totals caught."""

import pytest

from gongkai.reports.checker.parse import check_bytes
from gongkai.reports.document import cells, get, put
from gongkai.reports.render import render
from tests.reports.checker.variants import report_text
from tests.reports.helpers import valid_doc

STYLES = ["rows", "cells", "tabs", "layout", "fullwidth", "dash_zero", "furniture"]


def published(year: int) -> dict:
    doc = valid_doc(year)
    doc["published_date"] = f"{year + 1}-01-20"
    return doc


def differences(expected: dict, found: dict) -> list[str]:
    return [c.name for c in cells(expected["format"]) if get(expected, c.path) != get(found, c.path)]


@pytest.mark.parametrize("year", [2020, 2025])
@pytest.mark.parametrize("style", STYLES)
def test_text_layouts_read_back_exactly_without_a_finding(year, style):
    doc = published(year)
    (found,) = check_bytes(report_text(doc, style).encode())
    assert differences(doc, found) == []
    assert (found["agency"], found["year"], found["format"], found["published_date"]) == (
        "测试市教育局",
        year,
        doc["format"],
        doc["published_date"],
    )
    assert found["findings"] == []


def test_a_title_over_two_lines():
    (found,) = check_bytes(report_text(published(2025), two_line_title=True).encode())
    assert (found["agency"], found["year"]) == ("测试市教育局", 2025)
    assert found["title"] == "测试市教育局2025年政府信息公开工作年度报告"


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
@pytest.mark.parametrize("year", [2020, 2025])
def test_html_docx_and_pdf_read_back_exactly(fmt, year):
    doc = published(year)
    (found,) = check_bytes(render(doc, fmt).content, f"report.{fmt}")
    assert differences(doc, found) == []
    assert found["findings"] == []
    assert found["source"]["kind"] == fmt


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings(encoding):
    doc = published(2025)
    (found,) = check_bytes(report_text(doc).encode(encoding))
    assert differences(doc, found) == []


def test_several_reports_in_one_file_each_read():
    first, second = published(2024), published(2025)
    second["agency"] = "测试市西区教育局"
    second["title"] = "测试市西区教育局2025年政府信息公开工作年度报告"
    text = "网站首页 > 信息公开 > 年报\n" + report_text(first) + "\n上一篇 下一篇\n" + report_text(second)
    found = check_bytes(text.encode())
    assert [(d["agency"], d["year"]) for d in found] == [("测试市教育局", 2024), ("测试市西区教育局", 2025)]
    assert all(differences(d, f) == [] for d, f in zip((first, second), found, strict=True))


def test_a_title_repeated_by_the_page_is_one_report():
    doc = published(2025)
    text = doc["title"] + "\n日期：2026-01-20 来源：\n" + report_text(doc)
    assert len(check_bytes(text.encode())) == 1


@pytest.mark.parametrize(
    ("path", "value", "rule"),
    [
        (("applications", "carried_to_next_year", 0), 9, "C1"),
        (("applications", "granted", 6), 99, "C3"),
        (("applications", "total_handled", 1), 9, "C4"),
        (("review_litigation", "litigation_direct", 4), 0, "C5"),
    ],
)
@pytest.mark.parametrize("style", ["rows", "cells", "layout"])
def test_broken_totals_are_caught(path, value, rule, style):
    doc = published(2025)
    put(doc, path, value)
    (found,) = check_bytes(report_text(doc, style).encode())
    assert get(found, path) == value
    assert rule in {f["rule"] for f in found["findings"] if f["severity"] == "error"}


def test_a_row_missing_a_number_is_left_blank_and_said():
    doc = published(2025)
    text = report_text(doc).replace(
        "(一)予以公开   15   2   0   0   0   0   17", "(一)予以公开   15   2   0   0   0   17"
    )
    text = text.replace("（一）予以公开   15   2   0   0   0   0   17", "（一）予以公开   15   2   0   0   0   17")
    (found,) = check_bytes(text.encode())
    assert get(found, ("applications", "granted", 0)) is None
    assert any("予以公开" in f["message"] and "找到6个数字" in f["message"] for f in found["findings"])


def test_year_and_format_that_do_not_match():
    doc = published(2020)  # 2019 tables
    text = report_text(doc).replace("2020年", "2022年")
    (found,) = check_bytes(text.encode())
    assert found["year"] == 2022
    assert "format_year" in {f["rule"] for f in found["findings"]}


def test_previous_year_gives_c6_c7_and_similarity():
    last, this = published(2024), published(2025)
    (previous,) = check_bytes(report_text(last).encode())
    put(previous, ("applications", "carried_to_next_year"), [9, 0, 0, 0, 0, 0, 9])
    (found,) = check_bytes(report_text(this).encode(), previous=[previous])
    found_rules = {f["rule"] for f in found["findings"]}
    assert {"C6", "C7", "similarity"} <= found_rules
