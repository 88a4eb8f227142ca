"""The cross-checks of the annual report (勾稽关系, DESIGN.md C1–C8) and the report-level rules: each one
passes on a generated report and catches a hand-broken one, naming the cells in Chinese."""

import datetime as dt
from dataclasses import replace

import pytest

from gongkai.reports.checks import Finding, Severity, check, errors, warnings
from gongkai.reports.compute import Fees, compute
from gongkai.reports.document import copy_doc, get, put
from tests.reports.helpers import facts, valid_doc


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


@pytest.mark.parametrize("year", [2020, 2025])
def test_a_generated_report_passes_every_check(year):
    assert check(valid_doc(year)) == []


# --- C1: 一 + 二 = 三（七）+ 四, per column -----------------------------------------------------------------


def test_c1_catches_a_carry_over_that_does_not_add_up():
    doc = valid_doc()
    put(doc, ("applications", "carried_to_next_year", 0), 5)
    put(doc, ("applications", "carried_to_next_year", 6), 6)  # keep C3 (the row's total) right
    found = only(check(doc), "C1")
    assert [f.severity for f in found] == [Severity.ERROR, Severity.ERROR]
    assert "表三“自然人”列" in found[0].message
    assert "＝32" in found[0].message  # 30 new + 2 carried over
    assert "表三“四、结转下年度继续办理”行“自然人”列" in found[0].where


def test_c1_skips_a_column_with_a_blank_cell():
    doc = valid_doc()
    put(doc, ("applications", "new", 1), None)
    put(doc, ("applications", "carried_to_next_year", 1), 9)
    assert not [f for f in only(check(doc), "C1") if "商业企业" in f.message]


# --- C2: each application in exactly one result row ---------------------------------------------------------


def test_c2_catches_an_application_counted_in_two_result_rows():
    doc = valid_doc()
    # a partial disclosure counted again under 不予公开 (区分处理的只计“部分公开”), totals adjusted to match
    put(doc, ("applications", "refused", "process_info", 0), 3 + 30)
    put(doc, ("applications", "refused", "process_info", 6), 3 + 30)
    put(doc, ("applications", "total_handled", 0), 29 + 30)
    put(doc, ("applications", "total_handled", 6), 34 + 30)
    found = only(check(doc), "C2")
    assert found
    assert "重复计入" in found[0].message
    assert found[0].severity is Severity.ERROR


def test_c2_names_records_that_fit_no_row():
    base = facts()
    decided = {**base.applications.decided, ("natural_person", "no_such_outcome"): 1}
    computed = compute(facts(applications=replace(base.applications, decided=decided)))
    assert "C2" in rules(list(computed.findings))
    assert "no_such_outcome" in computed.findings[0].message


# --- C3: 总计 = the six applicant columns ------------------------------------------------------------------


def test_c3_catches_a_row_total_that_is_not_the_sum_of_its_columns():
    doc = valid_doc()
    put(doc, ("applications", "granted", 6), 99)
    found = only(check(doc), "C3")
    assert len(found) == 1
    assert "表三“（一）予以公开”行：总计为99" in found[0].message
    assert found[0].where == "表三“（一）予以公开”行“总计”列"


def test_c3_names_a_sub_row_with_its_group():
    doc = valid_doc()
    put(doc, ("applications", "refused", "state_secret", 6), 1)
    (finding,) = only(check(doc), "C3")
    assert "（三）不予公开 1.属于国家秘密" in finding.message


# --- C4: （七）总计 = the result rows ----------------------------------------------------------------------


def test_c4_catches_a_total_that_is_not_the_sum_of_the_results():
    doc = valid_doc()
    put(doc, ("applications", "granted", 1), 3)  # commercial 予以公开 2 → 3
    put(doc, ("applications", "granted", 6), 18)
    found = only(check(doc), "C4")
    assert [f.where for f in found] == ["表三“（七）总计”行“商业企业”列", "表三“（七）总计”行“总计”列"]


def test_c4_checks_printed_group_totals_against_their_sub_rows():
    doc = valid_doc()
    doc["applications"]["group_totals"] = {"refused": [2, 1, 0, 0, 0, 0, 4]}  # really 2, 1 … 3
    found = only(check(doc), "C4")
    assert len(found) == 1
    assert "（三）不予公开" in found[0].message


def test_c4_in_the_2019_format_has_one_other_handling_row():
    doc = valid_doc(2020)
    assert get(doc, ("applications", "other", "other", 0)) == 3  # 逾期不补正 + 未缴费 + 撤回
    put(doc, ("applications", "other", "other", 0), 2)
    put(doc, ("applications", "other", "other", 6), 2)
    assert only(check(doc), "C4")


# --- C5: table 四 totals -----------------------------------------------------------------------------------


def test_c5_catches_a_table4_total_printed_as_0_although_cases_exist():
    # like 淮安市洪泽区 2023: 总计 0 with a case in the columns
    doc = valid_doc()
    put(doc, ("review_litigation", "review", 4), 0)
    (finding,) = only(check(doc), "C5")
    assert "表四“行政复议”：总计为0" in finding.message
    assert finding.severity is Severity.ERROR


def test_c5_names_the_litigation_group():
    doc = valid_doc()
    put(doc, ("review_litigation", "litigation_after_review", 4), 5)
    (finding,) = only(check(doc), "C5")
    assert "行政诉讼（复议后起诉）" in finding.message


# --- C6, C7: year on year (warnings) -------------------------------------------------------------------------


def test_c6_warns_when_the_carry_over_differs_from_last_years_report():
    last = valid_doc(2024)
    this = valid_doc(2025)
    put(last, ("applications", "carried_to_next_year"), [4, 0, 0, 0, 0, 0, 2])  # 4 natural persons; now 2
    found = only(check(this, previous=last), "C6")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "上年报告“四、结转下年度继续办理”为4" in found[0].message


def test_c6_holds_when_last_years_carry_over_is_this_years():
    last = valid_doc(2024)
    this = valid_doc(2025)
    put(
        last, ("applications", "carried_to_next_year"), list(get(this, ("applications", "carried_over_from_last_year")))
    )
    assert not only(check(this, previous=last), "C6")


def test_c7_warns_when_documents_in_force_do_not_follow_from_last_year():
    last, this = valid_doc(2024), valid_doc(2025)
    put(last, ("proactive", "normative_docs_in_force"), 18)  # 18 + 3 − 1 = 20 ✓
    assert not only(check(this, previous=last), "C7")
    put(last, ("proactive", "normative_docs_in_force"), 10)
    (finding,) = only(check(this, previous=last), "C7")
    assert finding.severity is Severity.WARNING
    assert "上年现行有效10件＋本年制发3件－本年废止1件＝12件" in finding.message


def test_c7_does_not_apply_to_the_2019_format():
    assert not only(check(valid_doc(2020), previous=valid_doc(2019)), "C7")


# --- C8: non-negative whole numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("applications", "new", 0), -1),
        (("applications", "granted", 2), 1.5),
        (("review_litigation", "review", 0), "3"),
        (("proactive", "licensing_decisions"), True),
        (("proactive", "fees_amount_wan"), -0.5),
        (("proactive", "fees_amount_wan"), 1.23456),  # 万元 with at most four decimals
    ],
)
def test_c8_catches_a_cell_that_is_not_a_non_negative_whole_number(path, value):
    doc = valid_doc()
    put(doc, path, value)
    found = only(check(doc), "C8")
    assert len(found) == 1
    assert f"“{value}”" in found[0].message


def test_c8_allows_amounts_with_decimals_and_signed_changes_in_the_2019_form():
    doc = valid_doc(2020)
    assert get(doc, ("proactive", "2019", "行政许可", "本年增/减")) == -2
    assert get(doc, ("proactive", "2019", "政府集中采购", "采购总金额")) == 885.1737
    assert not only(check(doc), "C8")
    put(doc, ("proactive", "2019", "行政许可", "上一年项目数量"), -2)  # only 本年增/减 may be negative
    assert only(check(doc), "C8")


# --- format and year ------------------------------------------------------------------------------------------


def test_format_year_2019_tables_are_only_for_2019_and_2020():
    doc = valid_doc(2020)
    doc["year"] = 2021
    (finding,) = only(check(doc), "format_year")
    assert "2021年格式" in finding.message
    assert finding.severity is Severity.ERROR


def test_format_year_2021_tables_are_not_for_2020():
    doc = valid_doc(2025)
    doc["year"] = 2020
    assert only(check(doc), "format_year")


def test_format_year_a_prose_report_after_2019_lacks_the_tables():
    assert only(check({"year": 2022, "format": "prose"}), "format_year")
    assert not only(check({"year": 2012, "format": "prose"}), "format_year")


# --- sections, fee sentence, blank cells ------------------------------------------------------------------------


def test_sections_a_missing_section_is_an_error_naming_it():
    doc = valid_doc()
    doc["sections"]["五"]["text"] = None
    (finding,) = only(check(doc), "sections")
    assert "“五、存在的主要问题及改进情况”" in finding.message


def test_sections_a_missing_table_is_a_missing_section():
    doc = valid_doc()
    for value in doc["review_litigation"].values():
        if isinstance(value, list) and len(value) == 5:
            value[:] = [None] * 5
    assert "四、政府信息公开行政复议、行政诉讼情况" in only(check(doc), "sections")[0].message


def test_sections_a_placeholder_left_in_the_text_is_an_error():
    doc = valid_doc()
    doc["sections"]["五"]["text"] += "【请填写改进措施】"
    (finding,) = only(check(doc), "sections")
    assert "第五部分" in finding.where or "五、" in finding.message


def test_fee_sentence_section_six_must_state_the_fees_even_when_none():
    doc = valid_doc()
    assert "信息处理费1700元" in doc["sections"]["六"]["text"]
    doc["sections"]["六"]["text"] = "无。"
    (finding,) = only(check(doc), "fee_sentence")
    assert finding.severity is Severity.ERROR


def test_fee_sentence_says_so_when_no_fee_was_charged():
    doc = valid_doc(fees=Fees())
    assert "未收取政府信息公开信息处理费" in doc["sections"]["六"]["text"]
    assert not only(check(doc), "fee_sentence")


def test_fee_sentence_wrapped_mid_word_by_a_printed_page_still_counts():
    doc = valid_doc(fees=Fees())
    doc["sections"]["六"]["text"] = "2025年，测试市教育局未收取政府信息公开信息处\n理费。"
    assert not only(check(doc), "fee_sentence")


def test_blank_cells_in_a_filled_table_are_named():
    doc = valid_doc()
    put(doc, ("proactive", "licensing_decisions"), None)
    (finding,) = only(check(doc), "blank_cells")
    assert finding.severity is Severity.WARNING
    assert "表二“第二十条第（五）项 行政许可”行“本年处理决定数量”列" in finding.message


# --- timeliness (Art. 49) --------------------------------------------------------------------------------------


def test_timeliness_art49_a_department_publishes_by_31_january():
    doc = valid_doc()
    doc["published_date"] = "2026-01-31"
    assert not only(check(doc), "timeliness")
    doc["published_date"] = "2026-02-03"
    (finding,) = only(check(doc), "timeliness")
    assert "逾期3天" in finding.message
    assert finding.severity is Severity.WARNING


def test_timeliness_art49_a_government_publishes_by_31_march():
    doc = valid_doc(agency="测试市人民政府")
    doc["published_date"] = "2026-03-31"
    assert not only(check(doc), "timeliness")
    doc["published_date"] = "2026-04-01"
    assert only(check(doc), "timeliness")


def test_timeliness_art31_of_2007_a_prose_report_of_2009_was_due_by_31_march():
    doc = {"agency": "大连市教育局", "year": 2009, "format": "prose", "published_date": "2010-02-25"}
    assert not only(check(doc), "timeliness")
    doc["published_date"] = "2010-04-02"
    (finding,) = only(check(doc), "timeliness")
    assert "行政机关的公布期限2010年3月31日（2007年《条例》第三十一条），逾期2天" in finding.message


def test_timeliness_uses_the_deadline_the_caller_knows():
    doc = valid_doc()
    doc["published_date"] = "2026-02-10"
    assert not only(check(doc, deadline=dt.date(2026, 3, 31)), "timeliness")


# --- 内容雷同 -----------------------------------------------------------------------------------------------------


def test_similarity_warns_when_section_five_copies_last_years():
    last, this = valid_doc(2024), valid_doc(2025)
    found = only(check(this, previous=last), "similarity")
    # the same problems text both years; section 一 drafted from the same figures is "only the numbers
    # changed" — what assessors call 照搬上年报告 — and is flagged as well
    assert {f.where for f in found} == {"第一部分", "第五部分"}
    assert {f.severity for f in found} == {Severity.WARNING}


def test_similarity_ignores_a_changed_year_but_not_a_rewritten_text():
    last, this = valid_doc(2024), valid_doc(2025)
    this["sections"]["五"]["text"] = (
        "本年度发现的主要问题是政务新媒体与门户网站信息不同步，以及农村学校兼职人员业务不熟。"
        "我们将建立同步发布机制，开展送培到校，并对答复书逐件审核不予公开理由的说明是否具体。"
    )
    assert "第五部分" not in {f.where for f in only(check(this, previous=last), "similarity")}


# --- ordering and helpers ----------------------------------------------------------------------------------------


def test_errors_come_before_warnings():
    doc = valid_doc()
    put(doc, ("proactive", "penalty_decisions"), None)  # a warning
    put(doc, ("applications", "granted", 6), 99)  # an error
    found = check(doc)
    assert found[0].severity is Severity.ERROR
    assert errors(found)
    assert warnings(found)
    assert copy_doc(doc) == doc


def test_findings_round_trip_through_json():
    finding = Finding("C1", Severity.ERROR, "消息", "表三")
    assert Finding.from_json(finding.to_json()) == finding


# --- text against tables ---------------------------------------------------------------------------------------


def test_prose_tables_a_figure_stated_in_the_text_differs_from_the_table():
    doc = valid_doc()
    doc["prose_numbers"]["applications_received"] = 17
    (finding,) = only(check(doc), "prose_tables")
    assert (
        finding.message
        == f"正文所述本年新收申请数量为17，表格中为{doc['applications']['new'][6]}，两者不一致，请核实。"
    )
    assert finding.severity is Severity.WARNING


def test_prose_tables_litigation_is_both_litigation_groups_together():
    doc = valid_doc()
    doc["prose_numbers"]["litigation_cases"] = 9
    (finding,) = only(check(doc), "prose_tables")
    assert finding.where.endswith("之和")
    assert "行政诉讼案件数量为9，表格中为2" in finding.message


def test_prose_tables_nothing_stated_nothing_compared():
    doc = valid_doc()
    doc["prose_numbers"] = dict.fromkeys(doc["prose_numbers"])
    assert not only(check(doc), "prose_tables")
