"""Table 四 of a year from the case records: the counting rule, one test per part of it.

The rule (``counting.COUNTING_RULE``): a case is counted in the year its outcome falls in, in the column
its decision gives; a case filed by 31 December and not concluded by then is 尚未审结 of that year.
"""

import datetime as dt

import pytest

from gongkai.appeals.counting import COUNTING_RULE, CaseFacts, column_for, table4
from gongkai.appeals.kinds import DECISIONS, CaseKind, DecisionType, Result, decisions_for, result_of

D = dt.date
REVIEW, DIRECT, AFTER = CaseKind.REVIEW, CaseKind.LITIGATION_DIRECT, CaseKind.LITIGATION_AFTER_REVIEW
EMPTY = [0, 0, 0, 0, 0]


def decided(kind, filed, on, decision):
    return CaseFacts(kind=kind, filed_on=filed, decided_on=on, result=result_of(decision))


def test_a_case_decided_in_the_year_is_counted_in_its_result_column():
    case = decided(REVIEW, D(2025, 3, 2), D(2025, 5, 20), DecisionType.REVIEW_MAINTAIN)
    assert table4([case], 2025) == {
        "review": [1, 0, 0, 0, 1],
        "litigation_direct": EMPTY,
        "litigation_after_review": EMPTY,
    }


def test_a_case_pending_at_year_end_is_pending_that_year_and_counted_with_its_result_the_next():
    case = decided(REVIEW, D(2025, 12, 10), D(2026, 2, 24), DecisionType.REVIEW_REVOKE)
    assert column_for(case, 2025) is Result.PENDING
    assert table4([case], 2025)["review"] == [0, 0, 0, 1, 1]
    assert table4([case], 2026)["review"] == [0, 1, 0, 0, 1]


def test_a_case_still_undecided_is_pending_in_every_year_end_it_was_open():
    case = CaseFacts(kind=DIRECT, filed_on=D(2024, 11, 5))
    assert [column_for(case, year) for year in (2023, 2024, 2025, 2026)] == [None, *[Result.PENDING] * 3]


def test_a_case_open_over_two_year_ends_is_pending_in_both_and_decided_in_the_third():
    case = decided(AFTER, D(2024, 6, 1), D(2026, 1, 15), DecisionType.COURT_REJECT_CLAIMS)
    assert [column_for(case, y) for y in (2024, 2025, 2026, 2027)] == [
        Result.PENDING,
        Result.PENDING,
        Result.MAINTAINED,
        None,
    ]


def test_a_case_filed_and_decided_on_31_december_is_not_pending():
    case = decided(REVIEW, D(2025, 12, 31), D(2025, 12, 31), DecisionType.REVIEW_CONFIRM_ILLEGAL)
    assert column_for(case, 2025) is Result.CORRECTED


def test_a_case_filed_on_31_december_and_decided_later_is_pending_that_year():
    case = decided(REVIEW, D(2025, 12, 31), D(2026, 1, 4), DecisionType.REVIEW_MAINTAIN)
    assert column_for(case, 2025) is Result.PENDING


def test_a_case_filed_after_the_year_is_not_counted_in_it():
    assert column_for(CaseFacts(kind=REVIEW, filed_on=D(2026, 1, 2)), 2025) is None


def test_a_case_decided_in_an_earlier_year_is_not_counted_again():
    case = decided(REVIEW, D(2024, 3, 1), D(2024, 5, 1), DecisionType.REVIEW_MAINTAIN)
    assert column_for(case, 2025) is None


def test_withdrawn_counts_as_other_result():
    case = decided(DIRECT, D(2025, 4, 1), D(2025, 6, 3), DecisionType.WITHDRAWN)
    assert table4([case], 2025)["litigation_direct"] == [0, 0, 1, 0, 1]


def test_a_voided_case_is_never_counted():
    case = CaseFacts(kind=REVIEW, filed_on=D(2025, 4, 1), voided=True)
    assert table4([case], 2025)["review"] == EMPTY


def test_groups_are_counted_separately_and_total_is_the_sum_c5():
    cases = [
        decided(REVIEW, D(2025, 1, 5), D(2025, 3, 1), DecisionType.REVIEW_MAINTAIN),
        decided(REVIEW, D(2025, 2, 5), D(2025, 4, 1), DecisionType.REVIEW_CHANGE),
        decided(REVIEW, D(2025, 2, 6), D(2025, 4, 2), DecisionType.REVIEW_TERMINATE),
        CaseFacts(kind=REVIEW, filed_on=D(2025, 11, 1)),
        decided(DIRECT, D(2025, 5, 1), D(2025, 9, 1), DecisionType.COURT_ORDER_PERFORMANCE),
        decided(AFTER, D(2025, 6, 1), D(2025, 10, 1), DecisionType.COURT_DISMISS),
        CaseFacts(kind=AFTER, filed_on=D(2025, 12, 1)),
    ]
    result = table4(cases, 2025)
    assert result == {
        "review": [1, 1, 1, 1, 4],
        "litigation_direct": [0, 1, 0, 0, 1],
        "litigation_after_review": [0, 0, 1, 1, 2],
    }
    for cells in result.values():
        assert cells[4] == sum(cells[:4])


def test_a_decided_case_without_a_result_is_an_error():
    with pytest.raises(ValueError, match="缺少审理结果"):
        column_for(CaseFacts(kind=REVIEW, filed_on=D(2025, 1, 1), decided_on=D(2025, 2, 1)), 2025)


def test_every_decision_has_one_of_the_three_result_columns_never_pending():
    assert {spec.result for spec in DECISIONS.values()} == {Result.MAINTAINED, Result.CORRECTED, Result.OTHER}


@pytest.mark.parametrize(
    ("decision", "result"),
    [
        (DecisionType.REVIEW_MAINTAIN, Result.MAINTAINED),
        (DecisionType.REVIEW_REJECT_CLAIMS, Result.MAINTAINED),
        (DecisionType.COURT_REJECT_CLAIMS, Result.MAINTAINED),
        (DecisionType.REVIEW_REVOKE, Result.CORRECTED),
        (DecisionType.REVIEW_CHANGE, Result.CORRECTED),
        (DecisionType.REVIEW_CONFIRM_ILLEGAL, Result.CORRECTED),
        (DecisionType.REVIEW_ORDER_PERFORMANCE, Result.CORRECTED),
        (DecisionType.COURT_REVOKE, Result.CORRECTED),
        (DecisionType.COURT_ORDER_PERFORMANCE, Result.CORRECTED),
        (DecisionType.REVIEW_TERMINATE, Result.OTHER),
        (DecisionType.REVIEW_MEDIATION, Result.OTHER),
        (DecisionType.COURT_MEDIATION, Result.OTHER),
        (DecisionType.WITHDRAWN, Result.OTHER),
    ],
)
def test_typical_decisions_map_to_their_column(decision, result):
    assert result_of(decision) is result


def test_review_and_court_decisions_are_offered_for_their_own_kind_only():
    review = decisions_for(REVIEW)
    court = decisions_for(DIRECT)
    assert DecisionType.REVIEW_MAINTAIN in review
    assert DecisionType.COURT_REJECT_CLAIMS not in review
    assert DecisionType.COURT_REJECT_CLAIMS in court
    assert decisions_for(AFTER) == court
    assert DecisionType.WITHDRAWN not in review + court  # withdrawal has its own action


def test_the_rule_text_for_the_report_help_names_the_year_end_and_the_columns():
    for phrase in ("12月31日", "尚未审结", "结果维持", "其他结果", "撤诉", "总计"):
        assert phrase in COUNTING_RULE
