"""Reply outcomes (《条例》第三十至三十九条) ↔ rows of table 三 of the annual report ↔ applicant columns."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.disclosure import GROUNDS_BY_CODE, WITHHOLDING_GROUNDS
from gongkai.rules.outcomes import (
    COLUMN_KEYS,
    COLUMN_LABELS,
    OUTCOME_SPECS,
    TABLE3_ROWS,
    TOTAL_COLUMN,
    ApplicantType,
    Outcome,
    ReportFormat,
    RowKind,
    outcome_for_ground,
    outcomes_for_row,
    report_format_for_year,
    result_rows,
    row,
    spec,
    sub_rows,
    tally,
)

FORMATS = list(ReportFormat)
OTHER_OUTCOMES = (Outcome.OVERDUE_CORRECTION, Outcome.FEE_NOT_PAID, Outcome.WITHDRAWN, Outcome.OTHER_HANDLING)
REFUSALS = [o for o in Outcome if spec(o).group == "refused"]

# --- applicant columns (DESIGN.md "Report data") ---------------------------------------------------


def test_applicant_columns_in_design_order():
    assert [t.value for t in ApplicantType] == [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other",
    ]
    assert [t.column for t in ApplicantType] == [0, 1, 2, 3, 4, 5]
    assert TOTAL_COLUMN == 6
    assert list(COLUMN_KEYS) == [*(t.value for t in ApplicantType), "total"]
    assert COLUMN_LABELS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def test_only_natural_persons_are_not_organisations():
    assert [t for t in ApplicantType if not t.is_organisation] == [ApplicantType.NATURAL_PERSON]


# --- report formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "fmt"),
    [
        (2019, ReportFormat.FORMAT_2019),
        (2020, ReportFormat.FORMAT_2019),
        (2021, ReportFormat.FORMAT_2021),
        (2030, "2021"),
    ],
)
def test_report_format_for_year_boundaries(year, fmt):
    assert report_format_for_year(year) == fmt


def test_report_format_before_2019_refused():
    with pytest.raises(ValueError, match="2018年度没有全国统一"):
        report_format_for_year(2018)


# --- outcome ↔ row ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_outcome_maps_to_exactly_one_result_row(fmt):
    leaves = result_rows(fmt)
    for outcome in Outcome:
        matching = [r for r in leaves if r == spec(outcome).report_row(fmt)]
        assert len(matching) == 1, outcome
        assert matching[0].kind is RowKind.RESULT
        assert spec(outcome).row_label(fmt) == matching[0].label


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_result_row_is_reachable_from_an_outcome(fmt):
    for r in TABLE3_ROWS[fmt]:
        if r.kind is RowKind.RESULT:
            assert outcomes_for_row(fmt, r.key), r.label


def test_row_labels_stored_on_the_spec_match_the_table():
    for s in OUTCOME_SPECS.values():
        assert s.row_label_2021 == s.row_label(ReportFormat.FORMAT_2021)
        assert s.row_label_2019 == s.row_label(ReportFormat.FORMAT_2019)
        assert s.label == s.code.label
        assert s.code == Outcome(s.code.value)


def test_2019_format_folds_the_four_other_handling_outcomes_into_one_row():
    fmt = ReportFormat.FORMAT_2019
    assert {spec(o).row_label(fmt) for o in OTHER_OUTCOMES} == {"（六）其他处理"}
    assert {spec(o).json_path(fmt) for o in OTHER_OUTCOMES} == {("other", "other")}
    assert sub_rows(fmt, "other") == ()
    assert set(outcomes_for_row(fmt, "other")) == set(OTHER_OUTCOMES)


def test_2021_format_splits_other_handling_into_three_sub_rows():
    fmt = ReportFormat.FORMAT_2021
    assert spec(Outcome.OVERDUE_CORRECTION).row_label_2021 == (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    assert spec(Outcome.FEE_NOT_PAID).row_label_2021 == (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    assert spec(Outcome.WITHDRAWN).row_label_2021 == spec(Outcome.OTHER_HANDLING).row_label_2021 == "3.其他"
    assert [r.key for r in sub_rows(fmt, "other")] == ["other.overdue_correction", "other.fee_not_paid", "other.other"]


def test_art36_already_public_and_granted_share_the_granted_row():
    assert outcomes_for_row(ReportFormat.FORMAT_2021, "granted") == (Outcome.GRANTED, Outcome.GRANTED_ALREADY_PUBLIC)
    assert spec(Outcome.GRANTED).article == "《条例》第三十六条第（二）项"
    assert spec(Outcome.GRANTED_ALREADY_PUBLIC).article == "《条例》第三十六条第（一）项"


def test_art36_5_not_this_agency_counts_as_not_held_and_names_the_responsible_agency():
    s = spec(Outcome.NOT_THIS_AGENCY)
    assert s.row_label_2021 == "1.本机关不掌握相关政府信息"
    assert s.requires_responsible_agency
    assert s.article == "《条例》第三十六条第（五）项"
    assert [o for o in Outcome if spec(o).requires_responsible_agency] == [Outcome.NOT_THIS_AGENCY]


def test_art37_partial_disclosure_has_its_own_row_and_gives_reasons():
    s = spec(Outcome.PARTIALLY_GRANTED)
    assert s.row_label_2019 == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert s.requires_reasons
    assert s.grants_information


def test_grants_information_only_for_disclosure_outcomes():
    assert {o for o in Outcome if spec(o).grants_information} == {
        Outcome.GRANTED,
        Outcome.GRANTED_ALREADY_PUBLIC,
        Outcome.PARTIALLY_GRANTED,
    }


def test_arts_14_to_16_refusals_give_reasons():
    assert all(spec(o).requires_reasons for o in REFUSALS)
    assert not spec(Outcome.GRANTED).requires_reasons


def test_every_outcome_gets_a_reply_letter_and_only_deadlines_are_decided_by_the_system():
    assert not any(s.closes_without_reply_letter for s in OUTCOME_SPECS.values())
    assert {o for o in Outcome if spec(o).decided_by_system} == {Outcome.OVERDUE_CORRECTION, Outcome.FEE_NOT_PAID}
    assert {o for o in Outcome if spec(o).decided_by_applicant} == {Outcome.WITHDRAWN}


def test_every_outcome_has_a_label_and_a_legal_basis():
    for s in OUTCOME_SPECS.values():
        assert s.label
        assert s.article
    assert spec(Outcome.FEE_NOT_PAID).article == (
        "《条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    )
    assert "第二条" in spec(Outcome.CONFIRMATION_REQUEST).article
    assert spec(Outcome.EXCESSIVE).article == "《条例》第三十五条"


def test_spec_accepts_codes_and_refuses_unknown_ones_in_chinese():
    assert spec("refused_state_secret").code is Outcome.REFUSED_STATE_SECRET
    with pytest.raises(ValueError, match="未知的答复结果代码"):
        spec("approved")


# --- one truth with rules.disclosure (Arts. 14–16) -------------------------------------------------


def test_arts_14_to_16_refused_outcomes_and_withholding_grounds_agree():
    refusal_grounds = [g for g in WITHHOLDING_GROUNDS if g.report_row]
    assert len(refusal_grounds) == 7
    for ground in refusal_grounds:
        outcome = outcome_for_ground(ground.code)
        s = spec(outcome)
        assert s.withholding_ground == ground.code
        assert s.key == ground.code
        assert s.row_label_2021 == s.row_label_2019 == ground.report_row
        assert s.article.startswith(f"《条例》{ground.article}")
        assert s.article.endswith("第三十六条第（三）项")
    linked = {spec(o).withholding_ground for o in REFUSALS} - {None}
    assert linked == {g.code for g in refusal_grounds}
    assert spec(Outcome.REFUSED_ADMINISTRATIVE_QUERY).withholding_ground is None
    assert spec(Outcome.REFUSED_ADMINISTRATIVE_QUERY).article == "《条例》第三十六条第（七）项"


def test_request_only_is_not_a_refusal():
    assert GROUNDS_BY_CODE["request_only"].report_row == ""
    with pytest.raises(ValueError, match="没有对应的答复结果"):
        outcome_for_ground("request_only")


# --- the rows of table 三 --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_table3_rows_are_ordered_and_nested(fmt):
    rows = TABLE3_ROWS[fmt]
    assert rows[0].label == "一、本年新收政府信息公开申请数量"
    assert rows[1].label == "二、上年结转政府信息公开申请数量"
    assert rows[2].label == "三、本年度办理结果"
    assert rows[-2].label == "（七）总计"
    assert rows[-1].label == "四、结转下年度继续办理"
    keys = [r.key for r in rows]
    assert len(keys) == len(set(keys))
    paths = [r.path for r in rows if r.path is not None]
    assert len(paths) == len(set(paths))
    for r in rows:
        if r.parent is not None:
            assert keys.index(r.parent) < keys.index(r.key)
            assert row(fmt, r.parent).kind in {RowKind.HEADING, RowKind.GROUP}
        if r.kind is RowKind.GROUP:
            assert sub_rows(fmt, r.key)
            assert r.path is None
    assert [r.label for r in sub_rows(fmt, "refused")] == [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ]
    assert [r.label for r in sub_rows(fmt, "not_processed")] == [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ]


def test_unknown_row_refused():
    with pytest.raises(ValueError, match=re.escape("没有“other.fee_not_paid”这一行")):
        row(ReportFormat.FORMAT_2019, "other.fee_not_paid")
    with pytest.raises(ValueError, match="未知的年度报告格式"):
        result_rows("2020")


# --- tally: C1, C3, C4 -----------------------------------------------------------------------------

RECORDS = st.lists(st.tuples(st.sampled_from(list(ApplicantType)), st.sampled_from(list(Outcome))), max_size=120)
SIX = st.lists(st.integers(min_value=0, max_value=20), min_size=6, max_size=6)


def consistent_inputs(records, carried_over, carried_to_next):
    """Choose 新收 per column so that 一 + 二 = 三（七）+ 四; raise 二 where it would go negative."""
    handled = [0] * 6
    for applicant, _ in records:
        handled[applicant.column] += 1
    over = [min(carried_over[i], handled[i] + carried_to_next[i]) for i in range(6)]
    new = [handled[i] + carried_to_next[i] - over[i] for i in range(6)]
    return new, over


def check_c3_c4(table, fmt):
    for key, numbers in table.cells.items():
        assert len(numbers) == 7
        assert numbers[TOTAL_COLUMN] == sum(numbers[:TOTAL_COLUMN]), f"C3 {key}"
        assert all(n >= 0 for n in numbers)
    for column in range(7):
        leaves = sum(table.cells[r.key][column] for r in result_rows(fmt))
        assert table.cells["total_handled"][column] == leaves, "C4 （七）"
        for r in TABLE3_ROWS[fmt]:
            if r.kind is RowKind.GROUP:
                assert table.cells[r.key][column] == sum(table.cells[c.key][column] for c in sub_rows(fmt, r.key))


@settings(max_examples=150, deadline=None)
@given(records=RECORDS, carried_over=SIX, carried_to_next=SIX, fmt=st.sampled_from(FORMATS))
def test_tally_satisfies_c1_c3_c4_on_a_random_mix(records, carried_over, carried_to_next, fmt):
    new, over = consistent_inputs(records, carried_over, carried_to_next)
    table = tally(records, fmt, new=new, carried_over_from_last_year=over, carried_to_next_year=carried_to_next)
    for column in range(7):
        assert (
            table.cells["new"][column] + table.cells["carried_over_from_last_year"][column]
            == table.cells["total_handled"][column] + table.cells["carried_to_next_year"][column]
        ), "C1"
    check_c3_c4(table, fmt)
    assert table.cells["total_handled"][TOTAL_COLUMN] == len(records)
    for outcome in Outcome:  # C2: each application in exactly its outcome's row
        counted = sum(1 for applicant, o in records if spec(o).report_row(fmt) == spec(outcome).report_row(fmt))
        assert table.cells[spec(outcome).report_row(fmt).key][TOTAL_COLUMN] == counted


@settings(max_examples=100, deadline=None)
@given(
    records=RECORDS,
    carried_over=SIX,
    carried_to_next=SIX,
    fmt=st.sampled_from(FORMATS),
    column=st.sampled_from(list(ApplicantType)),
)
def test_tally_refuses_inputs_that_break_c1(records, carried_over, carried_to_next, fmt, column):
    new, over = consistent_inputs(records, carried_over, carried_to_next)
    new[column.column] += 1
    with pytest.raises(ValueError, match=f"C1.*{column.label}：新收{new[column.column]}"):
        tally(records, fmt, new=new, carried_over_from_last_year=over, carried_to_next_year=carried_to_next)


def test_tally_example_and_json_shape_2021():
    records = [
        ("natural_person", "granted"),
        ("natural_person", "granted_already_public"),
        ("commercial", "refused_state_secret"),
        ("legal_service", "fee_not_paid"),
        ("natural_person", "withdrawn"),
    ]
    table = tally(
        records,
        ReportFormat.FORMAT_2021,
        new={ApplicantType.NATURAL_PERSON: 3, ApplicantType.COMMERCIAL: 1, ApplicantType.LEGAL_SERVICE: 2},
        carried_over_from_last_year=[1, 0, 0, 0, 0, 0],
        carried_to_next_year={"natural_person": 1, "legal_service": 1},
    )
    data = table.to_json()
    assert data["columns"] == list(COLUMN_KEYS)
    assert data["granted"] == [2, 0, 0, 0, 0, 0, 2]
    assert data["refused"]["state_secret"] == [0, 1, 0, 0, 0, 0, 1]
    assert set(data["refused"]) == {r.path[1] for r in sub_rows(ReportFormat.FORMAT_2021, "refused")}
    assert data["other"] == {
        "overdue_correction": [0] * 7,
        "fee_not_paid": [0, 0, 0, 0, 1, 0, 1],
        "other": [1, 0, 0, 0, 0, 0, 1],
    }
    assert data["total_handled"] == [3, 1, 0, 0, 1, 0, 5]
    assert data["new"] == [3, 1, 0, 0, 2, 0, 6]
    assert data["carried_to_next_year"] == [1, 0, 0, 0, 1, 0, 2]
    assert table.numbers("refused") == (0, 1, 0, 0, 0, 0, 1)  # group total, not stored in the JSON shape
    assert "refused" not in {k for k, v in data.items() if isinstance(v, list)}


def test_tally_2019_json_has_only_the_single_other_row():
    table = tally(
        [("research", "overdue_correction"), ("research", "fee_not_paid")],
        "2019",
        new=[0, 0, 2, 0, 0, 0],
        carried_over_from_last_year=[0] * 6,
        carried_to_next_year=[0] * 6,
    )
    assert table.to_json()["other"] == {"other": [0, 0, 2, 0, 0, 0, 2]}


def test_tally_refuses_bad_counts_and_codes_in_chinese():
    zeros = [0] * 6
    with pytest.raises(ValueError, match="六类申请人"):
        tally([], "2021", new=[0] * 7, carried_over_from_last_year=zeros, carried_to_next_year=zeros)
    with pytest.raises(ValueError, match="非负整数"):
        tally([], "2021", new=[-1, 0, 0, 0, 0, 1], carried_over_from_last_year=zeros, carried_to_next_year=zeros)
    with pytest.raises(ValueError, match="未知的申请人类型"):
        tally(
            [("citizen", "granted")], "2021", new=zeros, carried_over_from_last_year=zeros, carried_to_next_year=zeros
        )
    with pytest.raises(ValueError, match="C1"):
        tally(
            [("natural_person", "granted")],
            "2021",
            new=zeros,
            carried_over_from_last_year=zeros,
            carried_to_next_year=zeros,
        )
