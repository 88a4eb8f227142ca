"""The kinds of structured data list (数据清单) and their column schemas. Pure Python.

Each column has a type (how a cell is read and checked) and a publication rule:

- ``SHOW``: published as read (after the safety net: no resident ID, mobile phone or bank card number
  may appear in a shown cell, see ``validate``);
- ``MASK``: published masked (``masking``: names keep the first and last character, ID numbers keep the
  first 6 and last 4 characters);
- ``WITHHOLD``: accepted in the file so that an export from another system can be uploaded as it is,
  but never stored and never published (家庭住址、联系电话、银行卡号 of aid recipients).

``key`` columns identify a row: two rows with the same key values are an import error.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # yuan, two decimal places
    DATE = "date"
    ADDRESS_RANGE = "address_range"  # 门牌号范围: 全部, 1-99号, 单号1-99号, 双号2-58号 …
    PERSON_NAME = "person_name"
    ID_NUMBER = "id_number"  # 居民身份证号码 (GB 11643)
    PHONE = "phone"


class Rule(StrEnum):
    SHOW = "show"
    MASK = "mask"
    WITHHOLD = "withhold"

    @property
    def label(self) -> str:
        return {Rule.SHOW: "公开", Rule.MASK: "脱敏后公开", Rule.WITHHOLD: "不公开（不保存）"}[self]


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    type: ColumnType = ColumnType.TEXT
    required: bool = True
    rule: Rule = Rule.SHOW
    synonyms: tuple[str, ...] = ()
    example: str = ""
    help: str = ""
    max_length: int = 200

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(frozen=True)
class ListKind:
    code: str
    label: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...] = ()  # column keys that identify a row (duplicates are refused)
    catalog_code: str = ""  # the default catalog column (publications.defaults) for lists of this kind
    lookup_label: str = ""  # the public lookup page's name; "" = no lookup page
    query_label: str = "查询内容"
    query_help: str = ""
    indexed: bool = False  # the rows' text may go into the item's search document
    description: str = ""

    @property
    def stored_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns kept and published (withheld ones are dropped at import)."""
        return tuple(c for c in self.columns if c.rule != Rule.WITHHOLD)

    def column(self, key: str) -> ColumnSpec:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


SCHOOL_DISTRICT = ListKind(
    code="school_district",
    label="学区划分",
    columns=(
        ColumnSpec("street", "街道/镇", synonyms=("街道", "镇街", "街道（镇）", "乡镇街道"), example="解放街道"),
        ColumnSpec("road", "道路或小区", synonyms=("道路/小区", "道路", "小区", "路名"), example="解放路"),
        ColumnSpec(
            "numbers",
            "门牌号范围",
            ColumnType.ADDRESS_RANGE,
            synonyms=("门牌号", "门牌范围", "门牌号码"),
            example="单号1-99号",
            help="全部；1-99号；单号1-99号；双号2-58号；120号及以上；多个范围以顿号或逗号分隔",
        ),
        ColumnSpec("primary", "对口小学", required=False, synonyms=("划片小学", "小学"), example="示范市解放路小学"),
        ColumnSpec("middle", "对口初中", required=False, synonyms=("划片初中", "初中"), example="示范市第一中学"),
        ColumnSpec("note", "备注", required=False, synonyms=("说明",), max_length=500),
    ),
    key=("street", "road", "numbers"),
    catalog_code="XQHF",
    lookup_label="学区查询",
    query_label="地址",
    query_help="输入道路或小区名称和门牌号，如“解放路18号”",
    indexed=True,
    description="义务教育招生范围（学区划分）：按街道、道路或小区和门牌号对口的小学、初中。",
)

SCHOOL_LIST = ListKind(
    code="school_list",
    label="学校名录",
    columns=(
        ColumnSpec("name", "学校名称", synonyms=("学校", "名称"), example="示范市解放路小学"),
        ColumnSpec("stage", "学段", synonyms=("学校类型",), example="小学"),
        ColumnSpec("nature", "办学性质", synonyms=("性质",), example="公办"),
        ColumnSpec("address", "地址", synonyms=("学校地址", "校址"), example="示范市东城区解放路20号"),
        ColumnSpec(
            "phone",
            "联系电话",
            ColumnType.PHONE,
            required=False,
            synonyms=("电话", "办公电话"),
            example="0999-86120001",
            help="学校办公电话（公开）",
        ),
    ),
    key=("name",),
    catalog_code="XXML",
    lookup_label="学校查询",
    query_label="查询内容",
    query_help="输入学校名称、学段或地址中的文字",
    indexed=True,
    description="辖区学校名录：学校名称、学段、办学性质、地址和办公电话。",
)

AID_RECIPIENTS = ListKind(
    code="aid_recipients",
    label="学生资助名单",
    columns=(
        ColumnSpec(
            "name",
            "姓名",
            ColumnType.PERSON_NAME,
            rule=Rule.MASK,
            synonyms=("学生姓名", "受助学生姓名"),
            example="张三丰",
            help="公示时只显示姓和名的最后一个字（如“张*丰”）",
            max_length=30,
        ),
        ColumnSpec(
            "id_number",
            "身份证号",
            ColumnType.ID_NUMBER,
            required=False,
            rule=Rule.MASK,
            synonyms=("身份证号码", "居民身份证号码", "证件号码"),
            example="11010520100101001X",
            help="可不填；填写的须为有效号码，公示时只显示前6位和后4位",
            max_length=30,
        ),
        ColumnSpec("school", "学校", synonyms=("就读学校", "学校名称"), example="示范市解放路小学"),
        ColumnSpec("grade", "年级", synonyms=("年级班级", "班级"), example="三年级"),
        ColumnSpec("program", "资助项目", synonyms=("资助类别", "项目"), example="家庭经济困难学生生活补助"),
        ColumnSpec("amount", "资助金额（元）", ColumnType.MONEY, synonyms=("资助金额", "金额"), example="625.00"),
        ColumnSpec("phone", "联系电话", ColumnType.PHONE, required=False, rule=Rule.WITHHOLD, synonyms=("电话",)),
        ColumnSpec("home", "家庭住址", required=False, rule=Rule.WITHHOLD, synonyms=("住址", "家庭地址")),
        ColumnSpec("card", "银行卡号", required=False, rule=Rule.WITHHOLD, synonyms=("银行账号", "卡号")),
    ),
    key=("name", "id_number", "school", "grade", "program"),
    catalog_code="XSZZ",
    description="学生资助公示名单：姓名脱敏，不公开身份证号码全文、家庭住址、联系电话、银行卡号。",
)

FEE_SCHEDULE = ListKind(
    code="fee_schedule",
    label="收费标准",
    columns=(
        ColumnSpec("item", "收费项目", synonyms=("项目", "项目名称"), example="普通高中学费"),
        ColumnSpec("standard", "收费标准", synonyms=("标准",), example="800元"),
        ColumnSpec("unit", "计费单位", required=False, synonyms=("单位",), example="生·学期"),
        ColumnSpec("basis", "收费依据", synonyms=("依据", "政策依据"), example="示价〔2024〕12号", max_length=300),
        ColumnSpec("period", "执行期限", required=False, synonyms=("执行时间", "有效期"), example="2024年秋季学期起"),
    ),
    key=("item", "unit"),
    catalog_code="SFXX",
    lookup_label="收费查询",
    query_help="输入收费项目名称，如“学费”",
    description="教育收费项目及标准、计费单位、收费依据和执行期限。",
)

SCHOOL_LUNCH = ListKind(
    code="school_lunch",
    label="营养午餐",
    columns=(
        ColumnSpec("school", "学校", synonyms=("学校名称",), example="示范市解放路小学"),
        ColumnSpec("date", "日期", ColumnType.DATE, synonyms=("供餐日期",), example="2025-09-01"),
        ColumnSpec("dishes", "餐次/菜品", synonyms=("菜品", "餐次", "菜谱"), example="午餐：番茄炒蛋、清炒时蔬、米饭"),
        ColumnSpec("supplier", "供餐单位", required=False, synonyms=("供餐企业",), example="示范市学生营养餐配送中心"),
        ColumnSpec(
            "price", "每餐标准（元）", ColumnType.MONEY, required=False, synonyms=("每餐标准", "餐标"), example="5.00"
        ),
    ),
    key=("school", "date", "dishes"),
    lookup_label="营养午餐查询",
    query_help="输入学校名称或日期，如“解放路小学”或“2025-09-01”",
    description="农村义务教育学生营养改善计划：各校每日供餐菜品、供餐单位和每餐标准。",
)

KINDS: Mapping[str, ListKind] = {
    kind.code: kind for kind in (SCHOOL_DISTRICT, SCHOOL_LIST, AID_RECIPIENTS, FEE_SCHEDULE, SCHOOL_LUNCH)
}
KIND_CHOICES: tuple[tuple[str, str], ...] = tuple((kind.code, kind.label) for kind in KINDS.values())


class UnknownKindError(KeyError):
    pass


def get_kind(code: str) -> ListKind:
    try:
        return KINDS[code]
    except KeyError:
        raise UnknownKindError(code) from None


def lookup_kinds() -> tuple[ListKind, ...]:
    """Kinds with a public lookup page (学区查询, 营养午餐查询 …)."""
    return tuple(kind for kind in KINDS.values() if kind.lookup_label)
