"""The pure catalog reader: XLSX and CSV files into rows, with every parse problem by row and column."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from gongkai.publications import catalog_import as reader
from gongkai.publications.catalog_import import build_template, parse_date, read_catalog

HEADER = ["标题", "成文日期", "发布日期", "公开目录"]


def make_xlsx(rows, *, first_sheet=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if first_sheet is not None:
        sheet.title = "说明"
        for row in first_sheet:
            sheet.append(row)
        sheet = workbook.create_sheet("目录")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_csv(rows, encoding="utf-8-sig", delimiter=",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def problems(sheet):
    return [(p.row, p.column, p.message) for p in sheet.problems]


def test_xlsx_with_date_cells_text_dates_and_blank_rows():
    data = make_xlsx(
        [
            [*HEADER, "索引号", "公开渠道", "正文"],
            [
                "关于A的通知",
                dt.datetime(2024, 3, 5),  # noqa: DTZ001 - Excel date cells are naive by nature
                "2024/3/8",
                "政策文件",
                "ＡＢ/2024-００１",
                "政府网站、政府公报；查阅场所",
                "第一段\n\n第二段",
            ],
            [None, None, None, None],
            ["  关于B的公告 ", dt.date(2023, 12, 1), "2023年12月４日", "ZCWJ", None, None, None],
        ]
    )
    sheet = read_catalog("目录.xlsx", data)
    assert problems(sheet) == []
    assert sheet.warnings == ()
    first, second = sheet.rows
    assert first.number == 2
    assert first.date("formed_on") == dt.date(2024, 3, 5)
    assert first.date("published_on") == dt.date(2024, 3, 8)
    assert first.get("index_number") == "AB/2024-001"
    assert first.items("channels") == ("政府网站", "政府公报", "查阅场所")
    assert first.get("body") == "第一段\n\n第二段"
    assert second.number == 4  # the blank row is skipped, numbers stay those of the spreadsheet
    assert second.get("title") == "关于B的公告"
    assert second.date("published_on") == dt.date(2023, 12, 4)
    assert second.get("catalog") == "ZCWJ"


def test_only_the_first_sheet_is_read():
    data = make_xlsx(
        [HEADER, ["不读", "2024-01-01", "2024-01-02", "x"]],
        first_sheet=[HEADER, ["读", "2024-01-01", "2024-01-02", "x"]],
    )
    sheet = read_catalog("a.xlsx", data)
    assert [r.get("title") for r in sheet.rows] == ["读"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_encodings(encoding):
    data = make_csv(
        [HEADER, ["关于做好招生工作的通知（第二批）", "2024-03-05", "2024-03-08", "法定主动公开内容/政策文件"]],
        encoding,
    )
    sheet = read_catalog("目录.csv", data)
    assert problems(sheet) == []
    (row,) = sheet.rows
    assert row.get("title") == "关于做好招生工作的通知（第二批）"
    assert row.get("catalog") == "法定主动公开内容/政策文件"


def test_csv_tab_separated_and_quoted_multiline_cells():
    data = make_csv(
        [[*HEADER, "内容概述"], ["标题一", "2024-03-05", "2024-03-08", "政策文件", "第一行\n第二行"]], delimiter="\t"
    )
    sheet = read_catalog("目录.csv", data)
    assert sheet.rows[0].get("summary") == "第一行\n第二行"


def test_utf8_csv_longer_than_4096_bytes_is_read():
    rows = [HEADER] + [[f"关于做好第{n}批招生工作的通知", "2024-03-05", "2024-03-08", "政策文件"] for n in range(300)]
    sheet = read_catalog("目录.csv", make_csv(rows, "utf-8"))
    assert problems(sheet) == []
    assert len(sheet.rows) == 300


def test_header_synonyms_notes_and_a_title_row_above_the_header():
    data = make_xlsx(
        [
            ["测试市教育局政府信息公开目录"],
            [],
            [
                "信息名称",
                "形成日期（必填）",
                "公开日期",
                "所属栏目",
                "摘要",
                "发布机构",
                "发文字号",
                "主题词",
                "印发日期",
                "承办处室",
                " 序号 ",
                "备注",
            ],
            [
                "关于A的通知",
                "2024-03-05",
                "2024-03-08",
                "政策文件",
                "概述",
                "测试市教育局",
                "测教〔2024〕1号",
                "招生，入学、学籍",
                "2024-03-04",
                "基础教育科",
                1,
                "",
            ],
        ]
    )
    sheet = read_catalog("a.xlsx", data)
    assert problems(sheet) == []
    assert sheet.header_row == 3
    assert sheet.label("formed_on") == "形成日期（必填）"
    assert sheet.label("issued_on") == "印发日期"
    assert sheet.label("genre") == "文种"  # not in the file: the standard name
    assert sheet.warnings == ("以下列无法识别，已忽略：序号、备注。",)
    row = sheet.rows[0]
    assert row.number == 4
    assert row.get("summary") == "概述"
    assert row.get("issuer") == "测试市教育局"
    assert row.get("document_number") == "测教〔2024〕1号"
    assert row.items("keywords") == ("招生", "入学", "学籍")
    assert row.date("issued_on") == dt.date(2024, 3, 4)
    assert row.get("department") == "基础教育科"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024/3/5", dt.date(2024, 3, 5)),
        ("2024.3.5", dt.date(2024, 3, 5)),
        ("2024年3月5日", dt.date(2024, 3, 5)),
        ("２０２４年３月５日", dt.date(2024, 3, 5)),
        ("２０２４－０３－０５", dt.date(2024, 3, 5)),
        (" 2024-03-05 09:30 ", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        (20240305, dt.date(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 0, 0), dt.date(2024, 3, 5)),  # noqa: DTZ001 - an Excel date cell
        (dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
        ("", None),
        (None, None),
    ],
)
def test_date_formats(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["2024-3/5", "2024-02-30", "3/5/2024", "45356", 45356.5, "0024-03-05", "明年", "2024年3月"]
)
def test_dates_that_do_not_parse_are_refused(value):
    with pytest.raises(ValueError, match="日期"):
        parse_date(value)


def test_excel_date_cell_round_trip():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["标题", 45356, 45359, "政策文件"])
    sheet["B2"].number_format = "yyyy-mm-dd"  # a date cell stored as a serial number
    sheet["C2"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    workbook.save(out)
    row = read_catalog("a.xlsx", out.getvalue()).rows[0]
    assert row.date("formed_on") == dt.date(2024, 3, 5)
    assert row.date("published_on") == dt.date(2024, 3, 8)


def test_unparsable_values_are_reported_with_row_and_column_and_not_guessed():
    data = make_csv(
        [
            ["标题", "生成日期", "发布日期", "公开目录", "废止日期"],
            ["好的一行", "2024-03-05", "2024-03-08", "政策文件", ""],
            ["坏日期", "2024-13-01", "下周", "政策文件", "2024/02/30"],
            ["", "2024-03-05", "", "", ""],
        ]
    )
    sheet = read_catalog("a.csv", data)
    assert problems(sheet) == [
        (3, "生成日期", "日期“2024-13-01”不存在。"),
        (3, "发布日期", "“下周”不是日期：请填写如 2024-03-05 的日期，或将单元格设为日期格式。"),
        (3, "废止日期", "日期“2024/02/30”不存在。"),
        (4, "标题", "必填，不能为空。"),
        (4, "发布日期", "必填，不能为空。"),
        (4, "公开目录", "必填，不能为空。"),
    ]
    bad = sheet.rows[1]
    assert bad.date("formed_on") is None
    assert bad.failed == {"formed_on", "published_on", "repealed_on"}
    assert str(sheet.problems[0]) == "第3行 [生成日期] 日期“2024-13-01”不存在。"


def test_missing_required_column():
    sheet = read_catalog("a.csv", make_csv([["标题", "发布日期", "文号"], ["x", "2024-03-05", ""]]))
    assert sheet.rows == ()
    assert problems(sheet) == [
        (1, "成文日期", "缺少必填列“成文日期”（也可用列名：生成日期、形成日期）。"),
        (1, "公开目录", "缺少必填列“公开目录”（也可用列名：栏目、所属栏目、目录、栏目名称）。"),
    ]


def test_two_columns_with_the_same_meaning_are_refused():
    sheet = read_catalog("a.csv", make_csv([[*HEADER, "名称"], ["x", "2024-03-05", "2024-03-06", "y", "z"]]))
    assert problems(sheet) == [(1, "名称", "与列“标题”含义相同（均为“标题”），请只保留一列。")]


def test_no_header_found():
    sheet = read_catalog("a.csv", make_csv([["甲", "乙"], ["1", "2"]]))
    assert sheet.rows == ()
    assert "未找到表头" in sheet.problems[0].message
    assert sheet.problems[0].row is None


def test_row_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    rows = [HEADER] + [[f"标题{n}", "2024-03-05", "2024-03-08", "政策文件"] for n in range(4)]
    sheet = read_catalog("a.csv", make_csv(rows))
    assert sheet.rows == ()
    assert problems(sheet) == [(None, "", "数据超过3行的上限，请拆分为多个文件分批导入。")]
    assert len(read_catalog("a.csv", make_csv(rows[:4])).rows) == 3


def test_the_real_row_limit_is_ten_thousand():
    assert reader.MAX_ROWS == 10_000


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"", "文件是空的。"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "不支持旧版 Excel"),
        ("a.xlsx", "标题,成文日期\n".encode(), "内容不是 Excel 表格"),
        ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是 XLSX 或 CSV"),
        ("a.csv", b"\xff\xff\xff\xfe\x81", "无法识别 CSV 文件的文字编码"),
        ("a.csv", make_csv([HEADER]), "表头下面没有数据行"),
    ],
)
def test_files_that_cannot_be_read(name, data, message):
    sheet = read_catalog(name, data)
    assert sheet.rows == ()
    assert message in sheet.problems[0].message


def test_size_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    sheet = read_catalog("a.csv", make_csv([HEADER, ["x" * 50, "2024-03-05", "2024-03-08", "y"]]))
    assert sheet.rows == ()
    assert sheet.problems[0].message.startswith("文件超过")


def test_template_header_is_accepted_and_its_example_row_must_be_removed():
    data = build_template(choices={"genre": ("通知", "公告")}, catalog=[("ZCWJ", "法定主动公开内容/政策文件")])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["信息目录", "填写说明", "公开目录"]
    sheet = read_catalog("模板.xlsx", data)
    assert sheet.warnings == ()
    assert set(sheet.headers) == {c.key for c in reader.COLUMNS}
    assert problems(sheet) == [(2, "标题", "这是模板中的示例行，请删除后再导入。")]
    assert sheet.rows[0].date("formed_on") == dt.date(2024, 3, 5)
