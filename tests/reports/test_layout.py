"""The 2019 and 2021 layouts reproduce the national form's labels exactly (DESIGN.md "The annual report
tables"), and the printed grids merge their header cells as the form draws them."""

import pytest

from gongkai.reports.document import cells
from gongkai.reports.layout import printed, table2_grid, table3_grid, table4_grid
from gongkai.rules.outcomes import TABLE3_ROWS, ReportFormat
from gongkai.rules.report_tables import SECTION_NUMBERS, section_heading, table2
from tests.reports.helpers import valid_doc

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

TABLE2_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]
TABLE2_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
]

TABLE3_COMMON = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
]
TABLE3_2021 = [
    *TABLE3_COMMON,
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
TABLE3_2019 = [*TABLE3_COMMON, "（七）总计", "四、结转下年度继续办理"]
TABLE3_COLUMNS = ["自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
TABLE4_HEADERS = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
TABLE4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_section_titles_are_the_six_of_the_form():
    assert [section_heading(n) for n in SECTION_NUMBERS] == SECTIONS


@pytest.mark.parametrize(
    ("fmt", "expected"), [(ReportFormat.FORMAT_2021, TABLE2_2021), (ReportFormat.FORMAT_2019, TABLE2_2019)]
)
def test_table2_labels_match_the_form(fmt, expected):
    assert [(b.item, list(b.columns), [r.label for r in b.rows]) for b in table2(fmt)] == expected


@pytest.mark.parametrize(
    ("fmt", "expected"), [(ReportFormat.FORMAT_2021, TABLE3_2021), (ReportFormat.FORMAT_2019, TABLE3_2019)]
)
def test_table3_rows_match_the_form(fmt, expected):
    assert [r.label for r in TABLE3_ROWS[fmt]] == expected


@pytest.mark.parametrize("year", [2020, 2025])
def test_printed_tables_carry_every_label_in_order(year):
    doc = valid_doc(year)
    fmt = ReportFormat(doc["format"])
    grid2 = [c.text for c in table2_grid(doc).all_cells() if c.header]
    expected2 = []
    for item, columns, rows in TABLE2_2021 if fmt is ReportFormat.FORMAT_2021 else TABLE2_2019:
        expected2 += [item, "信息内容", *columns, *rows]
    assert [t.removesuffix("（单位：万元，保留四位小数）") for t in grid2] == expected2

    grid3 = [c.text for c in table3_grid(doc).all_cells() if c.header]
    assert grid3[:1] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    # printed row by row: 申请人情况; 自然人, 法人或其他组织, 总计; then the five organisation columns
    assert grid3[1:10] == ["申请人情况", "自然人", "法人或其他组织", "总计", *TABLE3_COLUMNS[2:7]]
    assert grid3[10:] == (TABLE3_2021 if fmt is ReportFormat.FORMAT_2021 else TABLE3_2019)

    grid4 = [c.text for c in table4_grid(doc).all_cells() if c.header]
    assert grid4 == ["行政复议", "行政诉讼", *TABLE4_COLUMNS, "未经复议直接起诉", "复议后起诉", *TABLE4_COLUMNS * 2]


def test_table3_merges_the_results_heading_and_the_groups_as_the_form_does():
    grid = table3_grid(valid_doc(2025))
    spans = {c.text: (c.rowspan, c.colspan) for c in grid.merges()}
    assert spans["三、本年度办理结果"] == (1 + 1 + 8 + 3 + 5 + 3 + 1, 1)  # every result row up to （七）总计
    assert spans["（三）不予公开"] == (8, 1)
    assert spans["（六）其他处理"] == (3, 1)
    assert spans["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert spans["法人或其他组织"] == (1, 5)
    assert spans["自然人"] == (2, 1)
    assert spans["（七）总计"] == (1, 2)


def test_table3_in_2019_prints_other_handling_as_one_row():
    grid = table3_grid(valid_doc(2020))
    spans = {c.text: (c.rowspan, c.colspan) for c in grid.merges()}
    assert spans["（六）其他处理"] == (1, 2)
    assert spans["三、本年度办理结果"] == (1 + 1 + 8 + 3 + 5 + 1 + 1, 1)


def test_table4_header_spans():
    spans = {(c.text, c.row): (c.rowspan, c.colspan) for c in table4_grid(valid_doc()).merges()}
    assert spans[("行政复议", 0)] == (1, 5)
    assert spans[("行政诉讼", 0)] == (1, 10)
    assert spans[("未经复议直接起诉", 1)] == (1, 5)
    assert spans[("结果维持", 1)] == (2, 1)


def test_every_cell_of_the_data_is_printed_once():
    for year in (2020, 2025):
        doc = valid_doc(year)
        printed_paths = [
            c.path
            for grid in (table2_grid(doc), table3_grid(doc), table4_grid(doc))
            for c in grid.all_cells()
            if c.path
        ]
        assert sorted(printed_paths) == sorted("/".join(map(str, c.path)) for c in cells(doc["format"]))
        assert len(printed_paths) == len(set(printed_paths))


def test_printed_report_has_title_sections_tables_and_signature():
    doc = valid_doc()
    doc["published_date"] = "2026-01-20"
    report = printed(doc)
    assert report.title == "测试市教育局2025年政府信息公开工作年度报告"
    assert [p.text for p in report.parts if p.kind == "heading"] == SECTIONS
    assert [p.section for p in report.parts if p.kind == "table"] == ["二", "三", "四"]
    assert report.signature == ("测试市教育局", "2026年1月20日")


def test_json_keys_come_out_in_the_documented_order_whatever_the_database_kept():
    import json

    from gongkai.reports.document import ordered

    doc = valid_doc(2020)
    shuffled = json.loads(json.dumps(doc, sort_keys=True))  # like PostgreSQL's jsonb
    again = ordered(shuffled)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(doc, ensure_ascii=False)
    assert list(again["sections"]) == ["一", "二", "三", "四", "五", "六"]
