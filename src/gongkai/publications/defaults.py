"""Default catalog and workflow for an education bureau, and the national subject classification.

Plain data, no Django import. The catalog follows 《条例》 Art. 20 (法定主动公开内容) and the
compulsory-education standard catalog headings; each agency adapts its copy.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeSpec:
    name: str
    code: str
    description: str = ""
    children: tuple["NodeSpec", ...] = field(default_factory=tuple)


N = NodeSpec

EDUCATION_BUREAU_CATALOG: tuple[NodeSpec, ...] = (
    N("政府信息公开指南", "ZN", "条例第十二条"),
    N("政府信息公开制度", "ZD", "本机关政府信息公开工作制度"),
    N(
        "法定主动公开内容",
        "FD",
        "条例第十九条、第二十条",
        (
            N("政策文件", "ZCWJ", "第二十条第（一）项：规章和规范性文件"),
            N("机构职能", "JGZN", "第二十条第（二）项：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
            N("规划计划", "GHJH", "第二十条第（三）项：发展规划、专项规划及相关政策"),
            N("统计信息", "TJXX", "第二十条第（四）项：教育统计数据"),
            N("行政许可", "XZXK", "第二十条第（五）项：办理行政许可的依据、条件、程序及办理结果（办事指南）"),
            N("其他对外管理服务事项", "QTFW", "第二十条第（五）项：其他对外管理服务事项的依据、条件、程序及办理结果"),
            N("行政处罚与行政强制", "XZCF", "第二十条第（六）项"),
            N("财务信息", "CWXX", "第二十条第（七）项：财政预算、决算信息"),
            N("收费信息", "SFXX", "第二十条第（八）项：行政事业性收费项目及其依据、标准"),
            N("政府采购", "ZFCG", "第二十条第（九）项：政府集中采购项目的目录、标准及实施情况"),
            N(
                "教育概况",
                "JYGK",
                "义务教育领域基层政务公开标准目录：教育概况",
                (N("学校名录", "XXML", "辖区内各级各类学校名称、地址、办学性质、联系方式"),),
            ),
            N(
                "招生管理",
                "ZSGL",
                "招生政策、招生范围、入学条件、招生程序、招生计划、招生结果（“六公开”）",
                (
                    N("招生政策", "ZSZC", "招生入学政策、入学条件、招生程序"),
                    N("招生计划", "ZSJH", "各学校招生计划"),
                    N("招生范围与学区划分", "XQHF", "各学校招生范围（学区划分），6月30日前公示"),
                    N("招生结果", "ZSJG", "招生录取结果"),
                ),
            ),
            N("学生资助", "XSZZ", "第二十条第（十一）项：资助政策、对象和标准"),
            N("民办教育", "MBJY", "民办学校设立、变更、年检等信息"),
            N("督导评估", "DDPG", "教育督导和评估结果"),
            N("应急管理", "YJGL", "第二十条第（十二）项：突发公共事件应急预案、预警信息及应对情况"),
            N("人事信息", "RSXX", "第二十条第（十四）项：公务员及教师招考的职位、名额、条件及录用结果"),
        ),
    ),
    N("政策解读", "ZCJD", "对重要政策文件的解读"),
    N("政府信息公开年报", "NB", "条例第四十九条、第五十条"),
    N("依申请公开", "YSQ", "条例第二十七条至第四十五条"),
)

SCHOOL_CATALOG: tuple[NodeSpec, ...] = (
    N("信息公开指南", "ZN"),
    N(
        "主动公开内容",
        "FD",
        "《高等学校信息公开办法》《中小学校信息公开》相关规定",
        (
            N("学校概况", "XXGK"),
            N("招生入学", "ZSRX"),
            N("收费信息", "SFXX"),
            N("学生资助", "XSZZ"),
            N("财务信息", "CWXX"),
            N("规章制度", "GZZD"),
        ),
    ),
    N("信息公开年报", "NB"),
)


@dataclass(frozen=True)
class TaskSpec:
    name: str
    role: str  # a gongkai.agencies.roles.Role value


DEFAULT_WORKFLOW: tuple[TaskSpec, ...] = (
    TaskSpec("保密审查", "reviewer"),
    TaskSpec("签发", "approver"),
)

# 国务院办公厅 主题分类 (政府信息公开目录), the education part with its sub-categories.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("综合政务", ("政务公开", "应急管理", "政务督查")),
    ("国民经济管理、国有资产监管", ()),
    ("财政、金融、审计", ("财政", "审计")),
    ("国土资源、能源", ()),
    ("农业、林业、水利", ()),
    ("工业、交通", ()),
    ("商贸、海关、旅游", ()),
    ("市场监管、安全生产监管", ()),
    ("城乡建设、环境保护", ()),
    ("科技、教育", ("科技", "教育")),
    ("文化、广电、新闻出版", ()),
    ("卫生、体育", ("卫生", "体育")),
    ("人口与计划生育、妇女儿童工作", ()),
    ("劳动、人事、监察", ("劳动就业", "人事工作")),
    ("公安、安全、司法", ()),
    ("民政、扶贫、救灾", ()),
    ("民族、宗教", ()),
    ("对外事务", ()),
    ("港澳台侨工作", ()),
    ("国防", ()),
    ("其他", ()),
)
