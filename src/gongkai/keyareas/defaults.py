"""The default key-area disclosure plan of an education bureau. Plain data, no Django import.

The entries follow the compulsory-education standard catalog (《义务教育领域基层政务公开标准指引》, 国务院
办公厅 2019: 招生入学、收费、学生资助、学校名录、统计数据、预决算) and 《条例》第二十条. Each names the
catalog column (by code, see ``publications.defaults``) whose publications complete its yearly task, the
day it is due every year, its legal basis, and the departments usually responsible (the first that exists
at the agency is chosen; staff change it on the plan page).
"""

from dataclasses import dataclass

from gongkai.keyareas.schedule import DEFAULT_REMIND_DAYS

STANDARD_GUIDE = "《义务教育领域基层政务公开标准指引》"


@dataclass(frozen=True)
class EntrySpec:
    title: str
    node_code: str
    month: int
    day: int
    legal_basis: str
    departments: tuple[str, ...] = ()
    keywords: str = ""  # publications complete the task only if their title contains one of these
    remind_days: tuple[int, ...] = DEFAULT_REMIND_DAYS


_ADMISSIONS = ("招生考试处", "基础教育处", "招生办公室", "基础教育股")
_FINANCE = ("财务处", "计划财务股")

EDUCATION_BUREAU_PLAN: tuple[EntrySpec, ...] = (
    EntrySpec(
        "招生政策",
        "ZSZC",
        4,
        30,
        f"{STANDARD_GUIDE}“招生入学”：义务教育招生入学政策、入学条件、招生程序，"
        "招生工作开始前公开（一般在4月底前）；《条例》第二十条第（十一）项。",
        _ADMISSIONS,
    ),
    EntrySpec(
        "招生计划",
        "ZSJH",
        5,
        31,
        f"{STANDARD_GUIDE}“招生入学”：各学校招生计划，报名前公开；《条例》第二十条第（十一）项。",
        _ADMISSIONS,
    ),
    EntrySpec(
        "招生范围与学区划分",
        "XQHF",
        6,
        30,
        f"{STANDARD_GUIDE}“招生入学”：各学校招生范围（学区划分），在6月30日前完成划分并向社会公示；"
        "《中华人民共和国义务教育法》第十二条（就近入学）。",
        _ADMISSIONS,
    ),
    EntrySpec(
        "招生结果",
        "ZSJG",
        9,
        30,
        f"{STANDARD_GUIDE}“招生入学”：招生录取结果，招生工作结束后公开（秋季开学后一般在9月底前）。",
        _ADMISSIONS,
    ),
    EntrySpec(
        "收费项目及标准",
        "SFXX",
        8,
        31,
        "《条例》第二十条第（八）项：行政事业性收费项目及其依据、标准；"
        f"{STANDARD_GUIDE}“收费”：学校服务性收费和代收费项目及标准，秋季学期开学前公开。",
        ("财务处", "计划财务股", "基础教育处", "基础教育股"),
    ),
    EntrySpec(
        "学生资助政策与对象",
        "XSZZ",
        10,
        31,
        "《条例》第二十条第（十一）项：扶贫、教育等方面的政策、措施及其实施情况；"
        f"{STANDARD_GUIDE}“学生资助”：资助政策、资助对象和标准，秋季学期评定后公示。",
        ("学生资助管理中心", "财务处", "计划财务股", "基础教育股"),
    ),
    EntrySpec(
        "学校名录",
        "XXML",
        12,
        31,
        f"{STANDARD_GUIDE}“教育概况”：辖区内各级各类学校名称、地址、办学性质、联系方式，每年更新一次。",
        ("基础教育处", "办公室", "基础教育股"),
    ),
    EntrySpec(
        "教育统计数据",
        "TJXX",
        3,
        31,
        "《条例》第二十条第（四）项：国民经济和社会发展统计信息；"
        f"{STANDARD_GUIDE}“教育概况”：上一年度教育事业统计数据（统计公报）。",
        ("政策法规处", "办公室"),
    ),
    EntrySpec(
        "部门预算",
        "CWXX",
        3,
        31,
        "《中华人民共和国预算法》第十四条：经本级政府财政部门批复的部门预算应当在批复后二十日内向社会公开；"
        "《条例》第二十条第（七）项。批复日期每年不同，计划按每年3月31日前公开（预算一般在3月上旬前批复）。",
        _FINANCE,
        keywords="预算",
    ),
    EntrySpec(
        "部门决算",
        "CWXX",
        8,
        31,
        "《中华人民共和国预算法》第十四条：经本级政府财政部门批复的部门决算应当在批复后二十日内向社会公开；"
        "《条例》第二十条第（七）项。批复日期每年不同，计划按每年8月31日前公开（决算一般在8月上旬前批复）。",
        _FINANCE,
        keywords="决算",
    ),
)
