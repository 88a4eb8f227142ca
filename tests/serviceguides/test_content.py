"""The pure rules of a service guide, each test named after the rule it checks."""

from dataclasses import replace

import pytest

from gongkai.serviceguides.content import (
    FEE_FREE,
    PHONES_ELSEWHERE,
    PRINT_DENSE,
    PRINT_NORMAL,
    GuideContent,
    GuideHeader,
    LimitUnit,
    Material,
    MaterialForm,
    Step,
    body_html,
    materials_text,
    parse_materials,
    parse_steps,
    print_layout,
    sections,
    steps_text,
    validate,
)

HEADER = GuideHeader(
    name="教师资格认定", kind_label="行政许可", code="XK-0002", agency="示范市教育局", department="教师处"
)


def guide(**changes) -> GuideContent:
    base = GuideContent(
        basis="《教师资格条例》第十三条",
        conditions="具备国家规定的学历，普通话水平达到二级乙等以上。",
        materials=(Material("教师资格认定申请表"), Material("身份证", MaterialForm.BOTH)),
        steps=(Step("受理", "政务服务窗口", "即时"), Step("审查", "教师处", "20个工作日")),
        statutory_limit=20,
        statutory_unit=LimitUnit.WORKDAYS,
        promised_limit=10,
        promised_unit=LimitUnit.WORKDAYS,
        charges=False,
        place="示范市政务服务中心",
        contact_phone="0571-87001234",
    )
    return replace(base, **changes)


def test_a_complete_guide_has_no_errors():
    assert validate(guide()) == {}


def test_promised_limit_must_not_exceed_statutory_limit():
    errors = validate(guide(promised_limit=25))
    assert errors["promised_limit"] == ["承诺时限不得超过法定时限。"]
    assert validate(guide(promised_limit=20)) == {}


def test_promised_days_may_not_exceed_statutory_working_days():
    assert validate(guide(promised_limit=20, promised_unit=LimitUnit.DAYS)) == {}
    assert "promised_limit" in validate(guide(promised_limit=21, promised_unit=LimitUnit.DAYS))


def test_promised_working_days_against_statutory_days_are_refused():
    errors = validate(guide(statutory_unit=LimitUnit.DAYS, statutory_limit=30, promised_limit=10))
    assert "也请以日计" in errors["promised_limit"][0]


def test_promised_zero_means_settled_on_the_spot():
    assert validate(guide(promised_limit=0)) == {}
    assert "即办" in guide(promised_limit=0).promised_text


def test_statutory_limit_is_between_one_and_a_year():
    assert "statutory_limit" in validate(guide(statutory_limit=0, promised_limit=0))
    assert "statutory_limit" in validate(guide(statutory_limit=366))


def test_charging_requires_a_standard_and_its_basis():
    errors = validate(guide(charges=True))
    assert errors["fee_standard"] == ["收费的事项必须填写收费标准。"]
    assert "收费依据" in errors["fee_basis"][0]
    assert validate(guide(charges=True, fee_standard="每证10元", fee_basis="价费字〔2020〕1号")) == {}


def test_a_free_matter_has_no_fee_standard_or_basis():
    errors = validate(guide(fee_standard="每证10元", fee_basis="某文件"))
    assert set(errors) == {"fee_standard", "fee_basis"}
    assert guide().fee_text == FEE_FREE


def test_charging_with_the_standard_free_is_refused():
    errors = validate(guide(charges=True, fee_standard=FEE_FREE, fee_basis="x"))
    assert "不能是“不收费”" in errors["fee_standard"][0]


def test_at_least_one_material_and_one_step():
    errors = validate(guide(materials=(), steps=()))
    assert errors["materials"] == ["至少填写一项申请材料。"]
    assert errors["steps"] == ["至少填写一个办理环节。"]


def test_material_names_are_unique_and_copies_in_range():
    errors = validate(guide(materials=(Material("申请表"), Material("申请表", copies=0))))
    assert any("重复" in m for m in errors["materials"])
    assert any("份数应为1至99" in m for m in errors["materials"])


@pytest.mark.parametrize(
    "phone",
    ["0571-87001234", "(0571)87001234", "87001234", "13800138000", "12345", "400-123-4567", "0571-87001234-8001"],
)
def test_contact_phone_accepts_chinese_numbers(phone):
    assert "contact_phone" not in validate(guide(contact_phone=phone))


@pytest.mark.parametrize("phone", ["abc", "123", "0571-1234", "2345678901234"])
def test_contact_phone_format(phone):
    errors = validate(guide(contact_phone=phone))
    assert "格式不正确" in errors["contact_phone"][0]


def test_several_phones_each_checked():
    assert validate(guide(contact_phone="0571-87001234、12345")) == {}
    assert "“12”" in validate(guide(contact_phone="0571-87001234、12"))["contact_phone"][0]


def test_contact_phone_is_required():
    assert validate(guide(contact_phone=""))["contact_phone"] == ["请填写咨询电话。"]


def test_required_texts():
    errors = validate(guide(basis=" ", conditions="", place=""))
    assert errors["basis"] == ["请填写设定依据。"]
    assert set(errors) == {"basis", "conditions", "place"}


def test_online_address_is_a_web_address():
    assert "online_url" in validate(guide(online_url="javascript:alert(1)"))


def test_materials_one_per_line_read_back():
    text = "申请表｜原件｜1份｜必需｜加盖公章\n身份证|原件及复印件|2|非必需\n\n照片"
    materials, errors = parse_materials(text)
    assert errors == []
    assert materials == (
        Material("申请表", MaterialForm.ORIGINAL, 1, required=True, note="加盖公章"),
        Material("身份证", MaterialForm.BOTH, 2, required=False, note=""),
        Material("照片"),
    )
    assert parse_materials(materials_text(materials)) == (materials, [])


def test_material_lines_with_errors_name_the_line():
    _, errors = parse_materials("申请表｜扫描件\n身份证｜原件｜两份\n｜原件\na|b|c|d|e|f")
    assert errors[0].startswith("申请材料第1行：材料形式“扫描件”")
    assert errors[1].startswith("申请材料第2行：份数“两份”")
    assert errors[2] == "申请材料第3行：请填写材料名称。"
    assert errors[3].startswith("申请材料第4行：最多五项")


def test_steps_one_per_line_read_back():
    steps, errors = parse_steps("受理｜窗口｜即时\n审查\n")
    assert errors == []
    assert steps == (Step("受理", "窗口", "即时"), Step("审查"))
    assert parse_steps(steps_text(steps)) == (steps, [])
    assert parse_steps("｜窗口")[1] == ["办理流程第1行：请填写环节名称。"]


def test_rendering_escapes_everything_typed():
    html = body_html(HEADER, guide(conditions="<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_body_leaves_telephone_numbers_to_the_guide_page():
    """The screening before publication flags every phone number; the body says where to find them."""
    html = body_html(HEADER, guide())
    assert "87001234" not in html
    assert PHONES_ELSEWHERE in html
    contact = next(s for s in sections(HEADER, guide()) if s.key == "contact")
    assert "0571-87001234" in contact.html


def test_body_has_every_section_numbered():
    html = body_html(HEADER, guide())
    for heading in ("一、基本信息", "二、设定依据", "四、申请材料", "五、办理流程", "六、办理时限", "十、结果公开"):
        assert heading in html
    assert "法定办结时限：20个工作日" in html
    assert "收费标准：不收费" in html


def test_print_layout_two_columns_and_density():
    layout = print_layout(HEADER, guide(), version="2026年3月版")
    assert layout.title == "教师资格认定办事指南"
    assert [s.key for s in layout.left] == ["basis", "conditions", "materials"]
    assert layout.right[0].key == "steps"
    assert ("承诺时限", "10个工作日") in layout.facts
    assert layout.density == PRINT_NORMAL
    long = print_layout(HEADER, guide(conditions="条件" * 1600))
    assert long.density == PRINT_DENSE
    assert long.notes
