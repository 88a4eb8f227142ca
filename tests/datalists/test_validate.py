"""Reading and checking a data list file: headers, cells, masking, duplicates, the safety net."""

import io

import openpyxl
from stdnum.cn import ric

from gongkai.datalists.kinds import AID_RECIPIENTS, FEE_SCHEDULE, SCHOOL_DISTRICT, SCHOOL_LIST, SCHOOL_LUNCH
from gongkai.datalists.validate import CellError, read_table


def csv_bytes(*rows: list[str], encoding: str = "utf-8-sig") -> bytes:
    return "\n".join(",".join(row) for row in rows).encode(encoding)


def xlsx_bytes(*rows: list[object]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def valid_id(body: str = "11010520100101001") -> str:
    return body + ric.calc_check_digit(body + "0")


DISTRICT_HEADER = ["街道/镇", "道路或小区", "门牌号范围", "对口小学", "对口初中", "备注"]


def test_district_list_is_read_from_csv_with_values_in_schema_order():
    table = read_table(
        SCHOOL_DISTRICT,
        "学区.csv",
        csv_bytes(DISTRICT_HEADER, ["解放街道", "解放路", "单号1-99号", "解放路小学", "第一中学", ""]),
    )
    assert table.ok, table.errors
    assert [c.key for c in table.columns] == ["street", "road", "numbers", "primary", "middle", "note"]
    assert table.rows[0].values == ("解放街道", "解放路", "单号1-99号", "解放路小学", "第一中学", "")
    assert table.rows[0].number == 2


def test_headers_match_in_any_order_full_width_and_with_spaces_optional_columns_may_be_absent():
    table = read_table(
        SCHOOL_DISTRICT,
        "学区.xlsx",
        xlsx_bytes(["门牌号 范围", "道路或小区", "街道／镇"], ["全部", "人民路", "人民街道"]),
    )
    assert table.ok, table.errors
    assert [c.key for c in table.columns] == ["street", "road", "numbers"]
    assert table.rows[0].values == ("人民街道", "人民路", "全部")


def test_header_is_found_below_a_title_row():
    table = read_table(
        FEE_SCHEDULE,
        "收费.xlsx",
        xlsx_bytes(["2025年收费标准公示"], ["收费项目", "收费标准", "收费依据"], ["学费", "800元", "示价〔2024〕12号"]),
    )
    assert table.ok, table.errors
    assert table.rows[0].number == 3


def test_unknown_column_is_an_error():
    table = read_table(
        SCHOOL_DISTRICT,
        "学区.csv",
        csv_bytes([*DISTRICT_HEADER, "家长电话"], ["解放街道", "解放路", "全部", "", "", "", "x"]),
    )
    assert not table.ok
    assert table.errors[0].column == "家长电话"
    assert "无法识别的列" in table.errors[0].message
    assert table.rows == ()


def test_missing_required_column_and_duplicate_column_are_errors():
    table = read_table(SCHOOL_DISTRICT, "学区.csv", csv_bytes(["街道/镇", "道路或小区", "道路"], ["a", "b", "c"]))
    messages = " ".join(e.message for e in table.errors)
    assert "缺少必填列“门牌号范围”" in messages
    assert "重复" in messages


def test_no_header_at_all():
    table = read_table(SCHOOL_DISTRICT, "x.csv", csv_bytes(["甲", "乙"], ["1", "2"]))
    assert "未找到表头" in table.errors[0].message


def test_every_bad_cell_is_reported_with_row_and_column_and_no_row_is_kept():
    table = read_table(
        AID_RECIPIENTS,
        "资助.csv",
        csv_bytes(
            ["姓名", "学校", "年级", "资助项目", "资助金额（元）"],
            ["张三", "解放路小学", "三年级", "生活补助", "625"],
            ["李四", "解放路小学", "三年级", "生活补助", "一百"],
            ["", "解放路小学", "四年级", "生活补助", "12.345"],
        ),
    )
    assert not table.ok
    assert table.rows == ()
    shown = [str(e) for e in table.errors]
    assert "第3行“资助金额（元）”：“一百”不是金额（请填写数字，如 625 或 625.50）。" in shown
    assert "第4行“姓名”：必填，不能为空。" in shown
    assert any(s.startswith("第4行“资助金额（元）”") and "两位小数" in s for s in shown)


def test_money_is_two_decimal_places_and_tolerates_currency_marks():
    table = read_table(
        AID_RECIPIENTS,
        "资助.xlsx",
        xlsx_bytes(
            ["姓名", "学校", "年级", "资助项目", "资助金额"],
            ["张三", "解放路小学", "三年级", "生活补助", 625],
            ["李四", "解放路小学", "三年级", "生活补助", "￥1,250.5元"],
            ["王五", "解放路小学", "三年级", "生活补助", 0.1],
        ),
    )
    assert table.ok, table.errors
    assert [r.values[-1] for r in table.rows] == ["625.00", "1250.50", "0.10"]


def test_aid_list_is_masked_and_withheld_columns_are_dropped():
    number = valid_id()
    table = read_table(
        AID_RECIPIENTS,
        "资助.csv",
        csv_bytes(
            ["姓名", "身份证号", "学校", "年级", "资助项目", "资助金额（元）", "联系电话", "家庭住址", "银行卡号"],
            [
                "张三丰",
                number,
                "解放路小学",
                "三年级",
                "生活补助",
                "625",
                "13912345678",
                "解放路1号",
                "6222020200112233446",
            ],
            ["欧阳娜娜", "", "解放路小学", "五年级", "生活补助", "625", "", "", ""],
        ),
    )
    assert table.ok, table.errors
    assert [c.label for c in table.columns] == ["姓名", "身份证号", "学校", "年级", "资助项目", "资助金额（元）"]
    assert table.rows[0].values[:2] == ("张*丰", number[:6] + "********" + number[-4:])
    assert table.rows[1].values[:2] == ("欧**娜", "")
    assert table.masked_count == 3
    assert table.withheld == ("联系电话", "家庭住址", "银行卡号")
    stored = " ".join(v for row in table.rows for v in row.values)
    for secret in ("13912345678", "解放路1号", "6222020200112233446", number, "张三丰"):
        assert secret not in stored


def test_invalid_id_number_is_an_error_that_does_not_echo_the_number():
    bad = valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1")
    table = read_table(
        AID_RECIPIENTS,
        "资助.csv",
        csv_bytes(
            ["姓名", "身份证号", "学校", "年级", "资助项目", "资助金额（元）"], ["张三", bad, "a", "b", "c", "1"]
        ),
    )
    assert not table.ok
    assert "校验位" in table.errors[0].message
    assert bad not in str(table.errors[0])


def test_safety_net_refuses_unmasked_personal_data_in_a_shown_column():
    table = read_table(
        AID_RECIPIENTS,
        "资助.csv",
        csv_bytes(
            ["姓名", "学校", "年级", "资助项目", "资助金额（元）"],
            ["张三", "解放路小学", "三年级 11010519491231002X", "生活补助", "625"],
            ["李四", "解放路小学", "三年级", "补助 电话13912345678", "625"],
        ),
    )
    assert [(e.row, e.column) for e in table.errors] == [(2, "年级"), (3, "资助项目")]
    assert "居民身份证号码" in table.errors[0].message
    assert "手机号码" in table.errors[1].message
    assert "11010519491231002X" not in " ".join(map(str, table.errors))


def test_school_list_office_phone_is_published():
    table = read_table(
        SCHOOL_LIST,
        "学校.csv",
        csv_bytes(
            ["学校名称", "学段", "办学性质", "地址", "联系电话"],
            ["解放路小学", "小学", "公办", "解放路20号", "0999-86120001"],
        ),
    )
    assert table.ok, table.errors
    assert table.rows[0].values[-1] == "0999-86120001"
    bad = read_table(
        SCHOOL_LIST,
        "学校.csv",
        csv_bytes(["学校名称", "学段", "办学性质", "地址", "联系电话"], ["a", "小学", "公办", "b", "问门卫"]),
    )
    assert "不是电话号码" in bad.errors[0].message


def test_bad_address_range_is_an_import_error():
    table = read_table(SCHOOL_DISTRICT, "学区.csv", csv_bytes(DISTRICT_HEADER[:3], ["解放街道", "解放路", "99-1号"]))
    assert str(table.errors[0]).startswith("第2行“门牌号范围”：门牌号范围“99-1号”的起始号99大于终止号1")


def test_duplicates_of_the_key_are_refused():
    table = read_table(
        SCHOOL_DISTRICT,
        "学区.csv",
        csv_bytes(DISTRICT_HEADER[:3], ["解放街道", "解放路", "全部"], ["解放街道", "解放路 ", "全部"]),
    )
    assert str(table.errors[0]) == "第3行：与第2行重复（街道/镇、道路或小区、门牌号范围相同）。"


def test_dates_are_read_and_normalised():
    table = read_table(
        SCHOOL_LUNCH,
        "午餐.csv",
        csv_bytes(
            ["学校", "日期", "餐次/菜品"], ["解放路小学", "2025年9月1日", "午餐"], ["解放路小学", "2025-02-30", "午餐"]
        ),
    )
    assert "不存在" in str(table.errors[0])
    ok = read_table(
        SCHOOL_LUNCH, "午餐.csv", csv_bytes(["学校", "日期", "餐次/菜品"], ["解放路小学", "2025/9/1", "午餐"])
    )
    assert ok.rows[0].values[1] == "2025-09-01"


def test_template_example_row_must_be_deleted():
    table = read_table(
        SCHOOL_DISTRICT, "学区.csv", csv_bytes(DISTRICT_HEADER[:3], ["【示例】解放街道", "解放路", "全部"])
    )
    assert "示例行" in table.errors[0].message


def test_empty_file_header_only_and_not_a_spreadsheet():
    assert read_table(SCHOOL_DISTRICT, "a.csv", b"").errors[0].message == "文件是空的。"
    assert "没有数据行" in read_table(SCHOOL_DISTRICT, "a.csv", csv_bytes(DISTRICT_HEADER)).errors[0].message
    assert "不是 Excel" in read_table(SCHOOL_DISTRICT, "a.xlsx", b"PK\x03\x04garbage").errors[0].message
    assert read_table(SCHOOL_DISTRICT, "a.xlsx", b"not a spreadsheet at all").errors


def test_gb18030_csv_is_read():
    table = read_table(
        SCHOOL_DISTRICT, "学区.csv", csv_bytes(DISTRICT_HEADER[:3], ["解放街道", "解放路", "全部"], encoding="gb18030")
    )
    assert table.ok


def test_cell_error_texts():
    assert str(CellError(5, "资助金额（元）", "“一百”不是金额")) == "第5行“资助金额（元）”：“一百”不是金额"
    assert str(CellError(None, "", "文件是空的。")) == "文件是空的。"
    assert str(CellError(3, "", "与第2行重复。")) == "第3行：与第2行重复。"
