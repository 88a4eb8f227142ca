"""Information processing fees: 《条例》第四十二条 and 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.fees import (
    PAYMENT_PERIOD_WORKDAYS,
    FeeBasis,
    fee_for_application,
    fee_per_application,
    fee_per_volume,
    fees_for_month,
    validate_one_basis,
)

# --- 第四条 按件计收 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ordinal", "yuan"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_measures_art4_per_application_tiers(ordinal, yuan):
    assert fee_for_application(ordinal) == yuan
    computation = fee_per_application(ordinal)
    assert computation.amount == yuan
    assert computation.basis is FeeBasis.PER_APPLICATION
    assert computation.quantity == ordinal
    assert sum(line.subtotal for line in computation.lines) == yuan


def test_measures_art4_35th_application_of_a_month_costs_200_and_35_together_3000():
    assert fee_per_application(35).amount == 200
    month = fees_for_month(35)
    assert month.amount == 3000
    assert [(line.label, line.count, line.unit_price, line.subtotal) for line in month.lines] == [
        ("第1—10件", 10, 0, 0),
        ("第11—30件", 20, 100, 2000),
        ("第31—40件", 5, 200, 1000),
    ]


def test_measures_art4_explanation_lists_the_tiers_up_to_the_application():
    assert fee_per_application(35).text == (
        "按件计收：本月第35件申请。第1—10件免费；第11—30件每件100元；第31—40件每件200元。本件收费200元。"
    )
    assert fee_per_application(3).text == "按件计收：本月第3件申请。第1—10件免费。本件不收费。"
    assert "第41—50件每件300元" in fee_per_application(41).text
    text = fees_for_month(35).text
    for part in (
        "本月共35件申请",
        "第1—10件免费",
        "第11—30件每件100元，20件计2000元",
        "第31—40件每件200元，5件计1000元",
    ):
        assert part in text
    assert text.endswith("合计收费3000元。")
    assert "第四条" in fee_per_application(35).legal_basis


def test_measures_art4_free_month_is_free():
    assert fees_for_month(10).amount == 0
    assert fees_for_month(10).text.endswith("合计不收费。")


# --- 第五条 按量计收 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (150, 1700), (200, 2700), (201, 2740), (250, 4700)],
)
def test_measures_art5_per_volume_progressive_on_the_excess(pages, yuan):
    computation = fee_per_volume(pages)
    assert computation.amount == yuan
    assert computation.basis is FeeBasis.PER_VOLUME
    assert sum(line.count for line in computation.lines) == pages


def test_measures_art5_150_page_paper_copy_costs_1700():
    computation = fee_per_volume(150)
    assert computation.amount == 1700
    assert [(line.label, line.count, line.unit_price, line.subtotal) for line in computation.lines] == [
        ("第1—30页", 30, 0, 0),
        ("第31—100页", 70, 10, 700),
        ("第101—200页", 50, 20, 1000),
    ]
    assert computation.text == (
        "按量计收：共150页。第1—30页免费（30页）；第31—100页每页10元，70页计700元；"
        "第101—200页每页20元，50页计1000元。合计收费1700元。"
    )
    assert "第五条" in computation.legal_basis


def test_measures_art5_open_ended_top_tier_is_labelled():
    assert "第201页及以上每页40元，1页计40元" in fee_per_volume(201).text


# --- 第三条 one basis per application ------------------------------------------------------------


def test_measures_art3_one_basis_only():
    with pytest.raises(ValueError, match="同一申请只能选择一种计费方式"):
        validate_one_basis(per_application=True, per_volume=True)
    assert validate_one_basis(per_application=True, per_volume=False) is FeeBasis.PER_APPLICATION
    assert validate_one_basis(per_application=False, per_volume=True) is FeeBasis.PER_VOLUME
    assert validate_one_basis(per_application=False, per_volume=False) is None


def test_fee_basis_labels():
    assert FeeBasis.PER_APPLICATION.label == "按件计收"
    assert FeeBasis.PER_VOLUME.label == "按量计收"


def test_payment_period_is_20_working_days():
    assert PAYMENT_PERIOD_WORKDAYS == 20


@pytest.mark.parametrize("bad", [0, -1, -30, 1.5, "3", None, True])
@pytest.mark.parametrize("function", [fee_for_application, fee_per_application, fees_for_month, fee_per_volume])
def test_bad_input_refused_in_chinese(function, bad):
    with pytest.raises(ValueError, match="正整数"):
        function(bad)


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=400))
def test_measures_art4_month_total_is_the_sum_of_each_application(n):
    assert fees_for_month(n).amount == sum(fee_for_application(k) for k in range(1, n + 1))


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=400))
def test_measures_art4_price_never_decreases_within_a_month(n):
    assert fee_for_application(n + 1) >= fee_for_application(n)


@settings(max_examples=200, deadline=None)
@given(pages=st.integers(min_value=1, max_value=2000))
def test_measures_art5_volume_fee_is_monotonic_with_non_decreasing_marginal_price(pages):
    here, next_page, after = fee_per_volume(pages), fee_per_volume(pages + 1), fee_per_volume(pages + 2)
    assert next_page.amount >= here.amount
    assert after.amount - next_page.amount >= next_page.amount - here.amount
