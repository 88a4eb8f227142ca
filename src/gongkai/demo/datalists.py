"""Demo data lists of the city bureau, published through the real workflow on their own (played) days:

- 学区划分 in 招生范围与学区划分 (XQHF), published in May (this year's, or last year's before June), whose
  学区查询 works: 解放路18号 → 示范市实验小学 / 示范市第一中学;
- 学校名录 in 学校名录 (XXML); 学生资助名单 in 学生资助 (XSZZ, names masked, phones withheld);
  收费标准 in 收费信息 (SFXX).

Idempotent: a bureau that already has a data list is left as it is. All names and numbers are fictional.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.datalists import files
from gongkai.datalists.kinds import KINDS
from gongkai.datalists.models import DataList
from gongkai.datalists.services import datalist_import
from gongkai.playback import played_at, today
from gongkai.publications.choices import Genre, Origin
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.items import item_create
from gongkai.publications.services.workflow import item_approve, item_submit
from gongkai.workcalendar.selectors import work_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
MIDDLE = {
    "解放街道": "示范市第一中学",
    "人民街道": "示范市第二中学",
    "东湖街道": "示范市东湖中学",
    "新城街道": "示范市新城实验中学",
}

# (street, road, [(ranges, primary school)]) — the middle school follows the street.
DISTRICTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "解放街道",
        "解放路",
        [("单号1-99号", "示范市解放路小学"), ("双号2-58号", "示范市实验小学"), ("双号60-200号", "示范市解放路小学")],
    ),
    ("解放街道", "解放北路", [("1-120号", "示范市解放路小学")]),
    ("解放街道", "和平街", [("全部", "示范市实验小学")]),
    ("解放街道", "建设路", [("单号1-75号", "示范市实验小学"), ("双号2-80号", "示范市解放路小学")]),
    ("解放街道", "阳光花园小区", [("全部", "示范市实验小学")]),
    ("解放街道", "文化巷", [("全部", "示范市解放路小学")]),
    ("解放街道", "青年路", [("1-45号", "示范市实验小学"), ("46号及以上", "示范市解放路小学")]),
    ("人民街道", "人民路", [("单号1-151号", "示范市人民路小学"), ("双号2-150号", "示范市人民路小学")]),
    ("人民街道", "新人民路", [("1-60号", "示范市育才小学")]),
    ("人民街道", "胜利路", [("单号1-89号", "示范市育才小学"), ("双号2-96号", "示范市人民路小学")]),
    ("人民街道", "朝阳路", [("1-200号", "示范市人民路小学")]),
    ("人民街道", "金桂苑小区", [("全部", "示范市育才小学")]),
    ("人民街道", "翠竹园小区", [("全部", "示范市育才小学")]),
    ("人民街道", "光明街", [("全部", "示范市人民路小学")]),
    ("人民街道", "团结路", [("单号", "示范市育才小学"), ("双号", "示范市人民路小学")]),
    (
        "东湖街道",
        "东湖路",
        [("单号1-199号", "示范市东湖小学"), ("双号2-120号", "示范市东湖小学"), ("双号122-300号", "示范市湖滨小学")],
    ),
    ("东湖街道", "湖滨路", [("全部", "示范市湖滨小学")]),
    ("东湖街道", "荷花路", [("1-80号", "示范市东湖小学")]),
    ("东湖街道", "桃源路", [("单号1-49号", "示范市湖滨小学"), ("双号2-50号", "示范市东湖小学")]),
    ("东湖街道", "东湖花园小区", [("全部", "示范市湖滨小学")]),
    ("东湖街道", "碧水湾小区", [("全部", "示范市东湖小学")]),
    ("东湖街道", "渔港路", [("1-66号", "示范市湖滨小学")]),
    ("东湖街道", "观湖路", [("1-30号", "示范市东湖小学"), ("31号及以上", "示范市湖滨小学")]),
    ("新城街道", "新城大道", [("单号1-299号", "示范市新城小学"), ("双号2-298号", "示范市新城第二小学")]),
    ("新城街道", "科技路", [("1-150号", "示范市新城小学")]),
    ("新城街道", "创业路", [("全部", "示范市新城第二小学")]),
    ("新城街道", "学府路", [("单号1-99号", "示范市新城小学"), ("双号2-100号", "示范市新城第二小学")]),
    ("新城街道", "锦绣华庭小区", [("全部", "示范市新城小学")]),
    ("新城街道", "未来城小区", [("全部", "示范市新城第二小学")]),
    ("新城街道", "滨江路", [("1-88号", "示范市新城第二小学"), ("89-200号", "示范市新城小学")]),
    ("新城街道", "明珠路", [("全部", "示范市新城小学")]),
    ("新城街道", "天元路", [("单号1-39号", "示范市新城小学"), ("双号2-40号", "示范市新城第二小学")]),
]

SCHOOLS: list[tuple[str, str, str, str, str]] = [
    ("示范市解放路小学", "小学", "公办", "示范市东城区解放路20号", "0999-86120001"),
    ("示范市实验小学", "小学", "公办", "示范市东城区和平街8号", "0999-86120002"),
    ("示范市人民路小学", "小学", "公办", "示范市东城区人民路66号", "0999-86120003"),
    ("示范市育才小学", "小学", "公办", "示范市东城区胜利路15号", "0999-86120004"),
    ("示范市东湖小学", "小学", "公办", "示范市西湖区东湖路101号", "0999-86120005"),
    ("示范市湖滨小学", "小学", "公办", "示范市西湖区湖滨路9号", "0999-86120006"),
    ("示范市新城小学", "小学", "公办", "示范市新城区科技路50号", "0999-86120007"),
    ("示范市新城第二小学", "小学", "公办", "示范市新城区创业路2号", "0999-86120008"),
    ("示范市第一中学", "初中", "公办", "示范市东城区解放路100号", "0999-86120011"),
    ("示范市第二中学", "初中", "公办", "示范市东城区朝阳路30号", "0999-86120012"),
    ("示范市东湖中学", "初中", "公办", "示范市西湖区荷花路18号", "0999-86120013"),
    ("示范市新城实验中学", "初中", "公办", "示范市新城区学府路1号", "0999-86120014"),
    ("示范市启明学校", "九年一贯制", "民办", "示范市新城区明珠路88号", "0999-86120015"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["子涵", "一诺", "浩然", "欣怡", "梓轩", "雨桐", "宇航", "思远", "佳怡", "俊杰", "诗涵", "明轩"]
FEES: list[tuple[str, str, str, str, str]] = [
    ("普通高中学费（省级示范高中）", "1100元", "生·学期", "示价费〔2024〕12号", "2024年秋季学期起"),
    ("普通高中学费（其他高中）", "800元", "生·学期", "示价费〔2024〕12号", "2024年秋季学期起"),
    ("普通高中住宿费（四人间）", "600元", "生·学期", "示价费〔2024〕12号", "2024年秋季学期起"),
    ("普通高中住宿费（六人间）", "400元", "生·学期", "示价费〔2024〕12号", "2024年秋季学期起"),
    ("中等职业学校学费", "免收", "生·学年", "示财教〔2023〕5号", "长期"),
    ("课后服务费", "3元", "生·课时", "示教基〔2025〕9号", "2025—2026学年"),
    ("学生伙食费（代收）", "按实际成本收取", "生·餐", "示教基〔2025〕9号", "2025—2026学年"),
    ("校服费（代收，自愿购买）", "按招标价格收取", "套", "示教基〔2025〕9号", "2025—2026学年"),
]


def _district_rows() -> list[list[str]]:
    return [
        [street, road, ranges, primary, MIDDLE[street], ""]
        for street, road, parts in DISTRICTS
        for ranges, primary in parts
    ]


def _aid_rows() -> list[list[str]]:
    rows = []
    schools = [s[0] for s in SCHOOLS[:8]]
    for n in range(24):
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 5) % len(GIVEN)]
        grade = f"{'一二三四五六'[n % 6]}年级"
        amount = "625.00" if n % 3 else "1000.00"
        program = "家庭经济困难学生生活补助" if n % 3 else "家庭经济困难寄宿生生活补助"
        rows.append([name, schools[n % len(schools)], grade, program, amount, f"1390000{n:04d}"])
    return rows


def _played(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


def _publish(
    bureau: Agency, users: dict[str, User], *, code: str, title: str, kind: str, rows: list[list[str]], day: dt.date
) -> None:
    node = CatalogNode.objects.filter(agency=bureau, code=code).first()
    if node is None:
        return
    labels = [c.label for c in KINDS[kind].columns]
    if kind == "aid_recipients":
        labels = ["姓名", "学校", "年级", "资助项目", "资助金额（元）", "联系电话"]
    calendar = work_calendar()
    formed = calendar.add_workdays(day, -3, warn=False)
    with played_at(_played(day)):
        item = item_create(
            acting_user=users["officer"],
            agency=bureau,
            catalog_node=node,
            title=title,
            summary=f"{bureau.name}公布{title}，可在线查看、查询和下载。",
            body=f"<p>现将{title}予以公布。</p>",
            formed_on=formed,
            genre=Genre.PUBLICITY,
            origin=Origin.OTHER,
        )
        datalist_import(
            acting_user=users["officer"], item=item, kind=kind, filename=f"{title}.csv", data=files.to_csv(labels, rows)
        )
        item_submit(acting_user=users["officer"], item=item)
        item_approve(acting_user=users["reviewer"], item=item, comment="数据已核对")
        item_approve(acting_user=users["approver"], item=item, comment="同意公开")


def load_datalists(agencies: dict[str, Agency], users: dict[str, User]) -> None:
    bureau = agencies["bureau"]
    if DataList.objects.filter(item__agency=bureau).exists():
        return
    now = today()
    calendar = work_calendar()

    def past(month: int, day: int) -> dt.date:
        """The last such day before today (this year's when it has passed), moved to a working day."""
        result = dt.date(now.year, month, day)
        if result >= now:
            result = result.replace(year=now.year - 1)
        while not calendar.is_workday(result):
            result += dt.timedelta(days=1)
        return result

    year = past(5, 12).year
    _publish(
        bureau,
        users,
        code="XQHF",
        title=f"{year}年义务教育学校招生范围（学区划分）",
        kind="school_district",
        rows=_district_rows(),
        day=past(5, 12),
    )
    _publish(
        bureau,
        users,
        code="XXML",
        title=f"{year}年示范市中小学校名录",
        kind="school_list",
        rows=[list(s) for s in SCHOOLS],
        day=past(5, 20),
    )
    _publish(
        bureau,
        users,
        code="SFXX",
        title=f"{year}—{year + 1}学年中小学收费项目及标准",
        kind="fee_schedule",
        rows=[list(f) for f in FEES],
        day=past(8, 20),
    )
    _publish(
        bureau,
        users,
        code="XSZZ",
        title=f"{year}年秋季学期家庭经济困难学生生活补助名单公示",
        kind="aid_recipients",
        rows=_aid_rows(),
        day=past(10, 15),
    )
