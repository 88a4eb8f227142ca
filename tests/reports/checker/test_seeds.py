"""The report checker on the project's seeds and on three real 2021-format reports whose figures were read
by hand (fixtures/: the texts as published or scraped, unchanged)."""

import json
from pathlib import Path

import pytest

from gongkai.reports.checker.parse import check_bytes
from gongkai.reports.document import cells, get

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> list[dict]:
    return check_bytes((FIXTURES / name).read_bytes(), name)


def rules(doc: dict) -> list[str]:
    return [f["rule"] for f in doc["findings"]]


def errors(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["severity"] == "error"]


# --- seed 004: a 2019-format report flattened one cell per line ---------------------------------------------


def test_seed_004_every_figure_of_its_tables_exactly_as_read_by_hand():
    (doc,) = read("004_228ab8e062f15c07.txt")
    expected = json.loads((FIXTURES / "004_expected.json").read_text(encoding="utf-8"))
    assert (doc["agency"], doc["year"], doc["format"], doc["published_date"]) == (
        expected["agency"],
        expected["year"],
        expected["format"],
        expected["published_date"],
    )
    for c in cells("2019"):
        assert get(doc, c.path) == get(expected, c.path), c.name
    assert doc["proactive"]["2019"] == expected["proactive"]["2019"]
    for key in ("regulations_new", "normative_docs_new", "licensing_decisions", "penalty_decisions"):
        assert doc["proactive"][key] == expected["proactive"][key]


def test_seed_004_says_what_the_scraped_page_lost_and_invents_nothing():
    (doc,) = read("004_228ab8e062f15c07.txt")
    lost = [f["message"] for f in doc["findings"] if f["rule"] == "unplaced"]
    assert "表三未找到“3.补正后申请内容仍不明确”行。" in lost
    assert "表三未找到“（七）总计”行。" in lost
    assert doc["applications"]["total_handled"] == [None] * 7
    assert errors(doc) == []  # what is there adds up; a 2019 report owes no 信息处理费 sentence


# --- seeds 000–003: prose reports ------------------------------------------------------------------------------


def test_seed_000_prose_figures():
    (doc,) = read("000_c0813aa5518df44c.txt")
    assert (doc["agency"], doc["year"], doc["format"], doc["published_date"]) == (
        "大连市教育局",
        2009,
        "prose",
        "2010-02-25",
    )
    prose = doc["prose_numbers"]
    assert prose["proactive_items_total"] == 104
    assert prose["applications_received"] == 31
    assert prose["consultations"] == 2563
    assert (prose["review_cases"], prose["litigation_cases"], prose["fees_collected_yuan"]) == (0, 0, 0)
    assert rules(doc) == []  # published 25 February 2010, by 31 March (2007 Regulations Art. 31)


def test_seed_001_two_summaries_on_one_page():
    first, second = read("001_bae9c344b5439f7a.txt")
    assert first["prose_numbers"]["consultations"] == 244
    assert second["prose_numbers"]["proactive_items_total"] == 2276
    assert first["year"] is None  # "20xx年": no year is invented


def test_seed_002_figures_and_zero_applications():
    (doc,) = read("002_b8557501b183c911.txt")
    assert (doc["agency"], doc["year"]) == ("湘桥区教育局", 2017)
    assert doc["prose_numbers"]["proactive_items_total"] == 68
    assert doc["prose_numbers"]["applications_received"] == 0


def test_seed_003_ten_reports_of_a_collection_page():
    reports = read("003_7ef76fd4a43235be.txt")
    assert len(reports) == 10
    assert (reports[1]["agency"], reports[1]["year"]) == ("青原区发改委", 2010)
    assert reports[1]["prose_numbers"]["proactive_items_total"] == 223
    assert (reports[5]["agency"], reports[5]["year"]) == ("XX镇", 2011)
    assert reports[2]["year"] == 2013
    assert reports[2]["prose_numbers"]["applications_received"] == 0
    # the page's own title repeated over several pieces is not taken for their agency
    assert reports[0]["agency"] is None


# --- three real 2021-format reports ----------------------------------------------------------------------------


def _same_tables(doc: dict, expected: dict) -> None:
    for c in cells("2021"):
        if (
            c.path[:2] == ("applications", "other")
            and "other_processing_single_row" in expected["applications"]["other"]
        ):
            continue
        assert get(doc, c.path) == get(expected, c.path), c.name
    single = expected["applications"]["other"].get("other_processing_single_row")
    if single is not None:
        assert doc["applications"]["other"]["other_processing_single_row"] == single


@pytest.mark.parametrize("name", ["16_huaian_2024", "17_hongze_2023", "18_hongze_2024"])
def test_real_reports_every_table_figure_as_read_by_hand(name):
    (doc,) = read(f"{name}.txt")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert (doc["year"], doc["format"]) == (expected["year"], "2021")
    _same_tables(doc, expected)


def test_huaian_2024_adds_up_and_its_text_agrees_with_its_tables():
    (doc,) = read("16_huaian_2024.txt")
    assert doc["agency"] == "淮安市人民政府"
    assert doc["findings"] == []
    prose = doc["prose_numbers"]
    assert (prose["applications_received"], prose["applications_answered"]) == (3119, 3050)
    assert (prose["review_cases"], prose["litigation_cases"]) == (351, 46)


def test_hongze_2023_table_four_totals_printed_as_0_are_caught():
    (doc,) = read("17_hongze_2023.txt")
    caught = [f["message"] for f in errors(doc)]
    assert caught == [
        "表四“行政复议”：总计为0，而结果维持（10）＋结果纠正（1）＋其他结果（0）＋尚未审结（0）＝11。",
        "表四“行政诉讼（复议后起诉）”：总计为0，而结果维持（5）＋结果纠正（0）＋其他结果（0）＋尚未审结（0）＝5。",
    ]


def test_hongze_2024_text_and_table_disagree_on_applications():
    (doc,) = read("18_hongze_2024.txt")
    assert errors(doc) == []
    (disagreement,) = [f for f in doc["findings"] if f["rule"] == "prose_tables"]
    assert "正文所述本年新收申请数量为17，表格中为95" in disagreement["message"]


def test_one_report_with_a_single_other_handling_row_is_read_as_printed():
    (doc,) = read("17_hongze_2023.txt")
    assert doc["applications"]["other"]["overdue_correction"] == [None] * 7
    assert "表三“（六）其他处理”只有一行，没有按2021年格式分列三个子项。" in [f["message"] for f in doc["findings"]]
