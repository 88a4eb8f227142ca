"""学区查询: reading 门牌号范围 cells and matching what a parent types."""

import pytest

from gongkai.datalists.address import (
    DistrictRow,
    MatchKind,
    NumberRange,
    Parity,
    RangeError,
    chinese_number,
    house_number_after,
    lookup,
    name_forms,
    normalise,
    parse_ranges,
)


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("全部", [1, 2, 999], []),
        ("1-99号", [1, 50, 99], [100, 0]),
        ("1—99号", [1, 99], [100]),
        ("１－９９号", [1, 99], [100]),
        ("单号1-99号", [1, 17, 99], [2, 18, 101]),
        ("双号2-58号", [2, 18, 58], [1, 19, 60]),
        ("1-99号单号", [1, 99], [2]),
        ("1-99号（双号）", [2, 98], [1, 99]),
        ("18号", [18], [17, 19]),
        ("120号及以上", [120, 5000], [119]),
        ("30号以下", [1, 30], [31]),
        ("单号", [1, 3, 1001], [2]),
        ("单号1-99号、双号2-58号", [1, 99, 2, 58], [60, 101]),
        ("1-9号，20-30号", [5, 25], [10, 31]),
    ],
)
def test_parse_ranges_reads_the_usual_forms(text, inside, outside):
    ranges = parse_ranges(text)
    assert all(ranges.contains(n) for n in inside), text
    assert not any(ranges.contains(n) for n in outside), text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "不能为空"),
        ("99-1号", "大于"),
        ("单号18号", "歧义"),
        ("东边一片", "无法识别"),
        ("全部、1-9号", "已有“全部”"),
        ("0-5号", "不合理"),
    ],
)
def test_parse_ranges_refuses_what_it_cannot_read_with_a_chinese_message(text, words):
    with pytest.raises(RangeError, match=words):
        parse_ranges(text)


def test_ranges_print_back_in_the_standard_form():
    assert str(parse_ranges("单号1－99号、120号以上")) == "单号1-99号、120号及以上"
    assert str(parse_ranges("全部")) == "全部"
    assert NumberRange(2, 58, Parity.EVEN).contains(18)


def test_chinese_numbers_are_read():
    assert chinese_number("十八") == 18
    assert chinese_number("一百零三") == 103
    assert chinese_number("二〇五") == 205
    assert chinese_number("十") == 10
    assert chinese_number("路") is None


def test_house_number_is_the_number_right_after_the_road():
    text = normalise("解放路18-2号")
    assert house_number_after(text, len("解放路")) == 18
    assert house_number_after(normalise("解放路第18号"), 3) == 18
    assert house_number_after(normalise("解放路十八号"), 3) == 18
    assert house_number_after(normalise("解放路东段"), 3) is None


def test_road_names_match_without_their_city_and_district_prefix():
    assert name_forms("示范市东城区解放路") == ("示范市东城区解放路", "解放路")
    assert name_forms("解放路") == ("解放路",)
    assert name_forms("新区大道") == ("新区大道",)


ROWS = [
    DistrictRow(1, "解放路", "单号1-99号"),
    DistrictRow(2, "解放路", "双号2-58号"),
    DistrictRow(3, "解放路", "双号60-200号"),
    DistrictRow(4, "人民路", "全部"),
    DistrictRow(5, "新人民路", "1-50号"),
    DistrictRow(6, "阳光花园小区", "全部"),
    DistrictRow(7, "解放北路", "1-30号"),
]


def test_address_with_a_number_in_range_matches_exactly_that_row():
    result = lookup("解放路18号", ROWS)
    assert result.keys == (2,)
    assert result.matches[0].kind == MatchKind.EXACT
    assert result.house_number == 18
    assert "解放路18号" in result.messages[0]


def test_odd_numbers_go_to_the_odd_row():
    assert lookup("解放路17号", ROWS).keys == (1,)


def test_city_and_district_prefix_and_full_width_digits_are_tolerated():
    assert lookup("示范省示范市东城区解放路１８号", ROWS).keys == (2,)
    assert lookup(" 解放路 18-2号 ", ROWS).keys == (2,)


def test_road_without_number_returns_all_rows_of_the_road_and_says_so():
    result = lookup("解放路", ROWS)
    assert result.keys == (1, 2, 3)
    assert {m.kind for m in result.matches} == {MatchKind.ROAD}
    assert "未输入门牌号" in result.messages[0]


def test_number_outside_every_range_returns_the_road_with_a_clear_message():
    result = lookup("解放路201号", ROWS, contact="0999-86120000")
    assert result.keys == (1, 2, 3)
    assert all(m.kind == MatchKind.OUTSIDE for m in result.matches)
    assert "不含201号" in result.messages[0]
    assert "0999-86120000" in result.messages[0]
    assert not result.exact


def test_whole_road_rows_match_any_number():
    assert lookup("人民路1000号", ROWS).keys == (4,)


def test_longer_road_name_wins_over_the_name_inside_it():
    assert lookup("新人民路5号", ROWS).keys == (5,)
    assert lookup("解放北路5号", ROWS).keys == (7,)


def test_residential_area_without_number():
    result = lookup("示范市阳光花园小区3栋", ROWS)
    assert result.keys == (6,)
    assert result.exact


def test_part_of_a_road_name_lists_similar_names():
    result = lookup("解放", ROWS)
    assert set(result.keys) == {1, 2, 3, 7}
    assert all(m.kind == MatchKind.PARTIAL for m in result.matches)
    assert "包含“解放”" in result.messages[0]


def test_nothing_found_says_so_with_advice_and_the_phone():
    result = lookup("长江路5号", ROWS, contact="0999-86120000")
    assert not result.found
    assert "未找到“长江路5号”对应的学区" in result.messages[0]
    assert "请核对道路或小区名称" in result.messages[0]
    assert "0999-86120000" in result.messages[0]
    assert "招生办" in lookup("长江路5号", ROWS).messages[0]


def test_empty_query_asks_for_an_address():
    assert lookup("  ", ROWS).messages == ("请输入要查询的地址。",)


def test_exact_rows_rank_before_other_rows_when_two_roads_are_named():
    result = lookup("解放路18号与人民路交叉口", ROWS)
    assert result.keys[0] == 2
    assert set(result.keys) == {2, 4}
