"""The report computed from plain facts: each table from its records, carry-over both ways, the fee
sentence, and — for any records — tables that pass C1–C5 and C8 by construction."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.appeals.counting import CaseFacts
from gongkai.appeals.kinds import CaseKind, Result
from gongkai.reports.checks import check
from gongkai.reports.compute import AgencyYear, ApplicationCounts, DocumentCounts, compute
from gongkai.reports.document import get
from gongkai.rules.outcomes import ApplicantType, Outcome
from tests.reports.helpers import facts, valid_doc


def test_table2_2021_counts_documents_and_takes_the_statistics():
    doc = valid_doc(2025)
    assert doc["format"] == "2021"
    assert [
        doc["proactive"][k] for k in ("normative_docs_new", "normative_docs_repealed", "normative_docs_in_force")
    ] == [
        3,
        1,
        20,
    ]
    assert doc["proactive"]["licensing_decisions"] == 126
    assert doc["proactive"]["fees_amount_wan"] == 12.3456


def test_table2_2019_counts_made_published_and_in_total_and_mirrors_the_flat_keys():
    doc = valid_doc(2020)
    assert doc["format"] == "2019"
    assert doc["proactive"]["2019"]["规范性文件"] == {"本年新制作数量": 3, "本年新公开数量": 3, "对外公开总数量": 25}
    assert doc["proactive"]["normative_docs_new"] == 3
    assert doc["proactive"]["licensing_decisions"] == 7  # 行政许可 处理决定数量
    assert doc["proactive"]["normative_docs_in_force"] is None  # 对外公开总数量 is not 现行有效件数


def test_table2_a_figure_not_entered_stays_blank():
    doc = valid_doc(statistics={})
    assert doc["proactive"]["licensing_decisions"] is None


def test_table3_each_outcome_in_its_row_and_column():
    doc = valid_doc()
    apps = doc["applications"]
    assert apps["granted"] == [15, 2, 0, 0, 0, 0, 17]  # 予以公开 and 已主动公开（告知获取途径）
    assert apps["unable_to_provide"]["not_held"] == [4, 0, 0, 0, 0, 0, 4]  # 不掌握 and 不属于本机关
    assert apps["unable_to_provide"]["needs_creation"] == [0, 0, 0, 0, 2, 0, 2]
    assert apps["other"] == {
        "overdue_correction": [1, 0, 0, 0, 0, 0, 1],
        "fee_not_paid": [1, 0, 0, 0, 0, 0, 1],
        "other": [1, 0, 0, 0, 0, 0, 1],  # withdrawn
    }
    assert apps["total_handled"] == [29, 3, 0, 0, 2, 0, 34]


def test_table3_carry_over_from_last_year_and_to_next_year():
    doc = valid_doc()
    assert doc["applications"]["carried_over_from_last_year"] == [2, 0, 0, 0, 0, 0, 2]
    assert doc["applications"]["carried_to_next_year"] == [3, 1, 0, 0, 0, 0, 4]


def test_table4_counts_cases_in_the_year_of_their_result_and_pending_at_year_end():
    doc = valid_doc()
    assert doc["review_litigation"]["review"] == [1, 1, 0, 1, 3]
    assert doc["review_litigation"]["litigation_direct"] == [0, 0, 1, 0, 1]
    assert doc["review_litigation"]["litigation_after_review"] == [0, 0, 0, 1, 1]


def test_title_preamble_and_prose_numbers():
    doc = valid_doc()
    assert doc["title"] == "测试市教育局2025年政府信息公开工作年度报告"
    assert "2025年1月1日起至2025年12月31日止" in doc["preamble"]
    assert doc["prose_numbers"] == {
        "proactive_items_total": 0,
        "applications_received": 36,
        "applications_answered": 34,
        "consultations": 0,
        "review_cases": 3,
        "litigation_cases": 2,
        "fees_collected_yuan": 1700,
    }


def test_overview_is_drafted_in_five_parts_from_the_figures():
    text = valid_doc()["sections"]["一"]["text"]
    parts = text.split("\n")
    assert [p[:5] for p in parts] == ["（一）主动", "（二）依申", "（三）政府", "（四）政府", "（五）监督"]
    assert "新收政府信息公开申请36件" in parts[1]
    assert "结转下年度继续办理4件" in parts[1]
    assert "【请填写" not in text


def test_the_2019_format_for_report_years_2019_and_2020_and_2021_from_2021():
    assert compute(AgencyYear(agency="甲", year=2019)).doc["format"] == "2019"
    assert compute(AgencyYear(agency="甲", year=2020)).doc["format"] == "2019"
    assert compute(AgencyYear(agency="甲", year=2021)).doc["format"] == "2021"


def test_carry_over_across_years_is_the_same_applications():
    """What a year carries to the next is what the next year takes over: C6 holds between two reports
    computed from the same records."""
    this_year = valid_doc(2025)
    next_year = compute(
        facts(
            2026,
            applications=ApplicationCounts(
                new={"natural_person": 5},
                carried_over={"natural_person": 3, "commercial": 1},
                carried_next={},
                decided={("natural_person", "granted"): 8, ("commercial", "granted"): 1},
            ),
        )
    ).doc
    assert next_year["applications"]["carried_over_from_last_year"] == this_year["applications"]["carried_to_next_year"]
    assert not [f for f in check(next_year, previous=this_year) if f.rule == "C6"]


# --- by construction ---------------------------------------------------------------------------------------

TYPES = [t.value for t in ApplicantType]
OUTCOMES = [o.value for o in Outcome]


@st.composite
def year_of_records(draw):
    """Applications as (type, received in the year?, open at the start?, decided in the year → outcome or
    None = still open at year end), and cases with any dates — like the records a year really has."""
    year = draw(st.sampled_from([2020, 2024]))
    apps = draw(
        st.lists(
            st.tuples(st.sampled_from(TYPES), st.booleans(), st.one_of(st.none(), st.sampled_from(OUTCOMES))),
            max_size=60,
        )
    )
    new: dict[str, int] = {}
    over: dict[str, int] = {}
    onward: dict[str, int] = {}
    decided: dict[tuple[str, str], int] = {}
    for applicant, received_this_year, outcome in apps:
        target = new if received_this_year else over
        target[applicant] = target.get(applicant, 0) + 1
        if outcome is None:
            onward[applicant] = onward.get(applicant, 0) + 1
        else:
            decided[(applicant, outcome)] = decided.get((applicant, outcome), 0) + 1
    days = st.dates(dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31))
    cases = draw(
        st.lists(
            st.tuples(
                st.sampled_from(list(CaseKind)),
                days,
                st.one_of(st.none(), days),
                st.sampled_from([Result.MAINTAINED, Result.CORRECTED, Result.OTHER]),
            ),
            max_size=12,
        )
    )
    facts_cases = [
        CaseFacts(kind, filed, decided_on if decided_on and decided_on >= filed else None, result)
        for kind, filed, decided_on, result in cases
    ]
    return AgencyYear(
        agency="测试局",
        year=year,
        normative=DocumentCounts(issued=draw(st.integers(0, 9)), in_force=draw(st.integers(0, 50))),
        applications=ApplicationCounts(new=new, carried_over=over, carried_next=onward, decided=decided),
        cases=facts_cases,
    )


@settings(max_examples=150, deadline=None)
@given(year_of_records())
def test_a_report_computed_from_any_records_passes_c1_to_c5_and_c8(facts_of_year):
    computed = compute(facts_of_year)
    table_rules = {"C1", "C2", "C3", "C4", "C5", "C8", "format_year"}
    assert [f for f in check(computed.doc, extra=computed.findings) if f.rule in table_rules] == []
    assert get(computed.doc, ("applications", "total_handled", 6)) == sum(facts_of_year.applications.decided.values())
