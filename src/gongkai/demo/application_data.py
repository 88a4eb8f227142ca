"""Plain data for the demo applications (``demo.applications``): applicants, what they ask for, and what
the reply letters say. Every person, organisation, school and number here is invented.

Request templates use ``{y}`` (a year), ``{area}`` (本市 / 本区), ``{a}`` (the agency's short name) and
``{school}`` (a school of the agency's area).
"""

from dataclasses import dataclass

# --- natural persons -------------------------------------------------------------------------------

SURNAMES = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("林", "lin"),
]
GIVEN_NAMES = [
    ("建国", "jianguo"),
    ("丽娟", "lijuan"),
    ("志强", "zhiqiang"),
    ("秀英", "xiuying"),
    ("海涛", "haitao"),
    ("晓燕", "xiaoyan"),
    ("明辉", "minghui"),
    ("春梅", "chunmei"),
    ("文博", "wenbo"),
    ("静怡", "jingyi"),
    ("俊杰", "junjie"),
    ("雪梅", "xuemei"),
    ("国庆", "guoqing"),
    ("欣然", "xinran"),
    ("立新", "lixin"),
    ("婷婷", "tingting"),
    ("振华", "zhenhua"),
    ("玉兰", "yulan"),
    ("子涵", "zihan"),
    ("宏伟", "hongwei"),
    ("佳琪", "jiaqi"),
    ("德明", "deming"),
]
PERSON_COUNT = 90
# The resident-ID body of the tests (``tests/screening/test_detectors.valid_id``): a real county code is
# needed for the number to validate; birth dates and sequence numbers are invented.
RESIDENT_ID_AREA = "110105"
STREETS = {
    "本市": ["人民路", "文化路", "书院街", "学府路", "建设大道", "光明路"],
    "东城区": ["和平路", "育才街", "文昌路", "东风路", "朝阳巷"],
    "西湖区": ["湖滨路", "柳岸路", "西溪路", "荷花巷", "断桥路"],
}
POSTCODE = "999100"  # the demo region's invented postcode (as the agencies use)

# --- organisations (every sub-kind of 法人或其他组织 in table 三) ------------------------------------


@dataclass(frozen=True)
class Organisation:
    applicant_type: str  # commercial, research, social_welfare, legal_service, other
    name: str
    code_prefix: str  # the first two characters of the 统一社会信用代码 (registration authority and kind)
    serial: int  # the 9-character organisation part (digits here)
    legal_representative: str
    contact_person: str
    address: str
    email: str


ORGANISATIONS = [
    Organisation(
        "commercial",
        "示范市启明教育咨询有限公司",
        "91",
        310_000_001,
        "钱启明",
        "钱小婉",
        "示范市人民路218号创业大厦1206室",
        "service@qiming.example.com",
    ),
    Organisation(
        "commercial",
        "示范市安顺校车运营有限公司",
        "91",
        310_000_002,
        "孔安顺",
        "孔德胜",
        "示范市建设大道88号",
        "office@anshun-bus.example.com",
    ),
    Organisation(
        "commercial",
        "示范市鲜禾餐饮配送有限公司",
        "91",
        310_000_003,
        "沈鲜禾",
        "沈丽",
        "示范市西湖区西溪路17号",
        "bid@xianhe.example.com",
    ),
    Organisation(
        "research",
        "示范市教育发展研究中心",
        "12",
        320_000_001,
        "严学研",
        "曹博文",
        "示范市学府路9号",
        "research@edu-centre.example.com",
    ),
    Organisation(
        "research",
        "示范师范学院基础教育研究所",
        "12",
        320_000_002,
        "蒋知行",
        "韩静",
        "示范市书院街66号示范师范学院",
        "jcjy@normal-college.example.com",
    ),
    Organisation(
        "social_welfare",
        "示范市春苗助学公益基金会",
        "53",
        330_000_001,
        "秦春苗",
        "许晴",
        "示范市光明路12号",
        "help@chunmiao.example.com",
    ),
    Organisation(
        "social_welfare",
        "示范市护苗家庭教育服务中心",
        "52",
        330_000_002,
        "卫护苗",
        "尤佳",
        "示范市东城区东风路5号",
        "contact@humiao.example.com",
    ),
    Organisation(
        "legal_service",
        "示范市正言律师事务所",
        "31",
        340_000_001,
        "方正言",
        "方律",
        "示范市文化路101号金融中心18楼",
        "law@zhengyan.example.com",
    ),
    Organisation(
        "legal_service",
        "示范市明理律师事务所",
        "31",
        340_000_002,
        "杜明理",
        "杜晓",
        "示范市西湖区湖滨路66号",
        "office@mingli-law.example.com",
    ),
    Organisation(
        "other",
        "示范市东城区和平路社区居民委员会",
        "59",
        350_000_001,
        "潘和平",
        "潘敏",
        "示范市东城区和平路3号",
        "heping@community.example.com",
    ),
    Organisation(
        "other",
        "示范市民办教育协会",
        "51",
        350_000_002,
        "邹协和",
        "邹宁",
        "示范市人民路100号附楼",
        "xiehui@minban.example.com",
    ),
]
# The applicant that files a dozen requests in one month (按件计收 from the 11th, 国办函〔2020〕109号).
HEAVY_APPLICANT = ORGANISATIONS[0].name

# --- schools named in requests ------------------------------------------------------------------------

SCHOOLS = {
    "本市": [
        "示范市第一中学",
        "示范市实验中学",
        "示范市第二中学",
        "示范市外国语学校",
        "示范市启智外国语学校（民办）",
        "示范市职业技术学校",
    ],
    "东城区": [
        "东城区实验小学",
        "东城区第一初级中学",
        "东城区育才小学",
        "东城区文昌小学",
        "东城区博雅学校（民办）",
    ],
    "西湖区": ["西湖区中心小学", "西湖区湖滨中学", "西湖区柳岸小学", "西湖区荷花幼儿园"],
}
# Schools the heavy applicant asks about one by one (one application per school).
HEAVY_SCHOOLS = [
    "示范市第一中学",
    "示范市实验中学",
    "示范市第二中学",
    "示范市外国语学校",
    "示范市第三中学",
    "示范市第四中学",
    "示范市第五中学",
    "示范市育英中学",
    "示范市新华中学",
    "示范市高新区实验学校",
    "示范市启智外国语学校（民办）",
    "示范市博文学校（民办）",
    "示范市明德中学",
]

# --- what is asked for -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    description: str
    hint: str = ""
    category: str = "basic"  # enrol, basic, finance, staff, aid, office, law (→ the handling department)


# Departments per category: (city bureau division, district section).
DEPARTMENTS = {
    "enrol": ("招生考试处", "招生办公室"),
    "basic": ("基础教育处", "基础教育股"),
    "finance": ("财务处", "计划财务股"),
    "staff": ("人事处", "人事股"),
    "teachers": ("教师工作处", "人事股"),
    "aid": ("学生资助管理中心", "基础教育股"),
    "office": ("办公室", "办公室"),
    "law": ("政策法规处", "办公室"),
}

# Ordinary requests (granted, already public, not held …), by theme.
GENERAL_REQUESTS = [
    Request("{y}年{area}义务教育阶段小学一年级招生片区划分方案及划片依据", "{y}年小学招生范围公示", "enrol"),
    Request("{y}年{school}学位分配规则、登记入学人数及按积分排序的录取情况", "", "enrol"),
    Request("{y}年{area}初中招生计划及各校招生人数", "{y}年初中招生计划", "enrol"),
    Request("{y}年随迁子女入学资格审核标准及审核结果统计", "", "enrol"),
    Request("{area}民办义务教育学校{y}学年收费标准备案材料及核定依据", "", "finance"),
    Request("{school}{y}年代收费项目、收费标准及收支情况", "", "finance"),
    Request("{y}年公开招聘中小学教师的岗位计划、报名人数及笔试面试成绩", "{y}年公开招聘中小学教师公告", "staff"),
    Request("{y}年中小学教师职称评审通过人员名单及评审标准", "", "teachers"),
    Request("{area}校车运营企业名单、校车使用许可审批情况及{y}年校车安全检查记录", "", "basic"),
    Request("{y}年中小学食堂食材集中采购的招标文件、中标单位及配送合同", "", "finance"),
    Request("{a}{y}年部门预算、部门决算及“三公”经费明细", "{a}{y}年部门决算", "finance"),
    Request("{y}年对{school}开展专项督导的督导报告及整改意见", "", "basic"),
    Request("{y}年义务教育优质均衡发展督导评估报告全文", "{y}年义务教育优质均衡发展督导评估报告", "basic"),
    Request("{y}年对教师违反师德师风行为作出的处分决定及处理结果通报", "", "teachers"),
    Request("{y}年秋季学期家庭经济困难学生资助资金分配结果及资助标准", "", "aid"),
    Request("{school}教学楼抗震加固工程的立项批复、施工合同及竣工验收报告", "", "finance"),
    Request("{area}中小学课后服务收费标准的制定依据和成本测算说明", "", "finance"),
    Request("{y}年{area}校外培训机构审批名单及年检结果", "", "law"),
    Request("{y}年{area}中考体育考试项目设置及评分标准", "", "enrol"),
    Request("{y}年{area}学前教育普惠性幼儿园认定名单及补助标准", "", "basic"),
    Request("{y}年{area}中小学校园周边交通安全整治工作方案", "", "office"),
    Request("{school}{y}年新建校区规划设计方案及招生规模", "", "basic"),
    Request("{y}年{area}中小学午餐费标准及财政补贴情况", "", "finance"),
    Request("{y}年{area}特殊教育随班就读学生安置情况及资源教室建设经费", "", "basic"),
]

# Requests that fit one outcome (the reasons staff give are below).
OUTCOME_REQUESTS: dict[str, list[Request]] = {
    "granted_already_public": [
        Request("{y}年{area}义务教育学校招生入学工作通知全文", "关于做好{y}年义务教育学校招生入学工作的通知", "enrol"),
        Request("{a}{y}年部门预算", "{a}{y}年部门预算", "finance"),
        Request("{y}年公开招聘中小学教师拟聘用人员名单", "{y}年公开招聘中小学教师拟聘用人员公示", "staff"),
    ],
    "partially_granted": [
        Request("{y}年公开招聘中小学教师拟聘用人员名单及其身份证号码、联系电话", "", "staff"),
        Request("{y}年{school}学位分配登记表（含家长姓名、住址）", "", "enrol"),
        Request("{y}年家庭经济困难学生资助名单（含家庭住址和困难情况说明）", "", "aid"),
    ],
    "refused_state_secret": [
        Request("{y}年初中学业水平考试试题、参考答案及评分标准（考试前）", "", "enrol"),
    ],
    "refused_prohibited_by_law": [
        Request("{school}学生心理健康测评的个人测评结果及档案", "", "basic"),
    ],
    "refused_three_safeties_one_stability": [
        Request("{area}中小学校园安保力量部署及视频监控点位分布图", "", "office"),
    ],
    "refused_third_party_rights": [
        Request("示范市启智外国语学校（民办）{y}年度财务审计报告及举办者出资情况", "", "finance"),
        Request("{y}年食堂食材配送企业投标文件中的成本构成及报价明细", "", "finance"),
    ],
    "refused_internal_affairs": [
        Request("{a}机关工作人员{y}年考勤记录及内部值班安排", "", "office"),
    ],
    "refused_process_info": [
        Request("{y}年{area}学区调整方案研究论证过程中的会议纪要、征求意见稿及请示报告", "", "enrol"),
        Request("{y}年{area}教师交流轮岗方案的讨论记录及内部征求意见情况", "", "teachers"),
    ],
    "refused_enforcement_files": [
        Request("{y}年对某校外培训机构违规办学行为查处案件的调查笔录及证据材料", "", "law"),
    ],
    "refused_administrative_query": [
        Request("本人{y}年高考考试成绩、各科评卷记录及录取档案材料", "", "enrol"),
    ],
    "not_held": [
        Request("{school}1998年建校时的立项审批文件及土地划拨文件", "", "office"),
        Request("{y}年{area}各校学生近视率逐校检测原始数据", "", "basic"),
        Request("2005年{area}撤并农村小学的全部审批材料", "", "basic"),
    ],
    "not_this_agency": [
        Request("{y}年{area}中小学教师社会保险缴费基数及缴费记录", "", "staff"),
        Request("{y}年{school}食堂食品安全抽检结果", "", "basic"),
        Request("{school}周边地块的规划用途调整审批文件", "", "office"),
    ],
    "needs_creation": [
        Request("近五年{area}各校每年择校生人数统计（按学校、年级分列）", "", "enrol"),
        Request("{area}近十年各中学教师流失人数及原因分析报告", "", "teachers"),
    ],
    "unclear_after_correction": [
        Request("关于学校的所有文件", "", "office"),
    ],
    "petition_complaint": [
        Request("要求调查{school}违规收取补课费问题并处理相关责任人", "", "basic"),
        Request("反映{school}教师体罚学生，要求给予处分并公开处理结果", "", "teachers"),
    ],
    "publications": [
        Request("索取《示范市教育年鉴（{y}）》纸质本一册", "示范市教育年鉴", "office"),
    ],
    "confirmation_request": [
        Request("要求确认本人此前获取的{y}年招生文件复印件与原件一致并加盖印章", "", "enrol"),
    ],
    "other_handling": [
        Request("咨询孩子户籍与房产不在同一片区时如何报名入学", "", "enrol"),
    ],
    "withdrawn": [
        Request("{y}年{school}一年级新生分班规则及分班结果", "", "enrol"),
        Request("{y}年{area}中小学暑期托管服务方案", "", "basic"),
    ],
}
EXCESSIVE_REQUEST = Request("{school}{y}年招生计划、招生范围及实际录取人数（第二次申请，要求逐校提供）", "", "enrol")
HEAVY_REQUEST = Request("{school}{y}年招生计划、招生范围及实际录取人数", "", "enrol")
FEE_VOLUME_REQUEST = Request("{y}年{area}全部中小学校的年度预算、决算报表及财务收支明细（纸质复印件）", "", "finance")
CONSULTED_REQUEST = Request("示范市启智外国语学校（民办）{y}年度财务审计报告", "", "finance")
AGENCY_CONSULTED_REQUEST = Request(
    "{y}年中央和省级教育专项转移支付资金在{area}的分配明细", "关于下达{y}年教育专项资金的通知", "finance"
)
CORRECTED_REQUEST = Request("{y}年{school}招生的相关材料", "", "enrol")
EXTENDED_REQUEST = Request("2015年以来{area}新建、改扩建中小学校的立项批复、投资概算及竣工决算材料", "", "finance")

# --- what staff write ---------------------------------------------------------------------------------

REASONS: dict[str, str] = {
    "partially_granted": (
        "您申请的信息中，{withheld}属于个人隐私，公开会对第三方合法权益造成损害，依据《条例》第十五条"
        "不予公开；其余部分予以公开，详见附件。"
    ),
    "refused_state_secret": (
        "您申请的考试试题、参考答案及评分标准在启用前属于国家秘密，依据《条例》第十四条不予公开。"
    ),
    "refused_prohibited_by_law": (
        "您申请的学生心理健康测评个人结果属于未成年人个人信息，《中华人民共和国未成年人保护法》规定"
        "应当予以保护、不得泄露，依据《条例》第十四条不予公开。"
    ),
    "refused_three_safeties_one_stability": (
        "您申请的校园安保力量部署及视频监控点位分布属于校园安全防范的重要信息，公开后可能危及公共安全"
        "和在校师生人身安全，依据《条例》第十四条不予公开。"
    ),
    "refused_third_party_rights": (
        "您申请的信息涉及第三方商业秘密。本机关依照《条例》第三十二条书面征求了第三方意见，第三方不同意"
        "公开并说明了理由；经审查，公开会对第三方合法权益造成损害，依据《条例》第十五条不予公开。"
    ),
    "refused_internal_affairs": (
        "您申请的机关工作人员考勤记录、内部值班安排属于人事管理、内部工作流程等内部事务信息，"
        "依据《条例》第十六条第一款不予公开。"
    ),
    "refused_process_info": (
        "您申请的方案研究论证过程中的会议纪要、征求意见稿和请示报告属于过程性信息，依据《条例》第十六条"
        "第二款不予公开。正式方案公布后可在本机关门户网站查阅。"
    ),
    "refused_enforcement_files": (
        "您申请的案件调查笔录、证据材料属于行政执法案卷信息，依据《条例》第十六条第二款不予公开。"
        "行政处罚决定书已按规定主动公开。"
    ),
    "refused_administrative_query": (
        "您申请的考生成绩、评卷记录及录取档案，国家教育考试有关规定对查询另有规定，请按规定通过省级"
        "招生考试机构指定渠道或持本人身份证件到示范市教育考试院办理查询。"
    ),
    "not_held": "经对本机关公文管理系统、档案室及相关内设机构进行检索，未发现您所申请的信息，本机关不掌握该政府信息。",
    "not_this_agency": "您申请的信息不属于本机关负责公开，经核实由{responsible}负责公开，请向该机关申请。",
    "needs_creation": (
        "您申请的信息本机关没有现成信息，需要对现有数据进行汇总、加工、分析才能形成，依据《条例》第三十八条不予提供。"
    ),
    "unclear_after_correction": (
        "本机关已一次性告知您补正申请内容，您补正后的申请仍未明确所需政府信息的名称、文号或其他特征描述，"
        "本机关无法确定具体的信息，依据《条例》第三十条不予提供。"
    ),
    "petition_complaint": (
        "您的申请实质是反映问题并要求查处，属于信访、投诉、举报事项，依据《条例》第三十九条第一款不作为"
        "政府信息公开申请处理；已告知您通过12345政务服务便民热线或本机关监督电话反映。"
    ),
    "repeated": (
        "您此前已就同一内容提出申请，本机关已依法作出答复并送达，依据《条例》第三十六条第（六）项不予重复处理。"
    ),
    "publications": (
        "您申请的《示范市教育年鉴》为公开出版物，依据《条例》第三十九条第二款，请通过图书馆或出版发行机构获取。"
    ),
    "excessive": (
        "您在一个月内向本机关提出十余件内容相近的申请，逐校要求提供招生信息，申请数量明显超过合理范围，"
        "且未能说明理由，依据《条例》第三十五条不予处理。"
    ),
    "confirmation_request": (
        "您要求本机关确认已获取的文件复印件与原件一致并加盖印章，不属于《条例》第二条所称政府信息公开申请。"
    ),
    "other_handling": (
        "经与申请人电话沟通，申请人表示其申请的实质为咨询入学政策，已当面解答；申请人同意本申请不再作为"
        "政府信息公开申请办理。"
    ),
}
WITHHELD = {
    "staff": "拟聘用人员的身份证号码、联系电话",
    "enrol": "学生家长姓名、家庭住址",
    "aid": "受助学生的家庭住址及困难情况说明",
    "default": "涉及个人身份信息的部分",
}
PUBLIC_LOCATIONS = [
    "本机关门户网站“政府信息公开—{node}”栏目（{y}年{m}月发布）",
    "示范市人民政府门户网站“政府信息公开”专栏及本机关政府信息公开查阅室",
]
RESPONSIBLE_AGENCIES = {
    "staff": ("示范市人力资源和社会保障局", "示范市人民大道3号，电话 0999-12340301"),
    "basic": ("示范市市场监督管理局", "示范市建设大道20号，电话 0999-12340501"),
    "office": ("示范市自然资源和规划局", "示范市人民大道5号，电话 0999-12340601"),
}
CORRECTION_WHAT = [
    "请明确所需信息的名称、文号或者便于查询的其他特征描述，并写明所涉年份。",
    "请说明所需“相关材料”的具体范围（如招生方案、招生计划或录取名单），并补充申请人身份证明复印件。",
]
CORRECTION_NOTES = ["申请人书面补正，明确了所需信息的名称和年份。", "申请人通过电子邮件提交补正材料。"]
UNCLEAR_CORRECTION_NOTE = "申请人补正后仍表述为“学校的全部文件”。"
WITHDRAW_NOTES = [
    "申请人来电表示已通过学校获取所需信息，随后提交书面撤回申请。",
    "申请人到窗口提交书面撤回申请书。",
    "申请人通过电子邮件申请撤回。",
]
EXTENSION_REASONS = [
    "所需信息涉及多个内设机构和下属学校，需要调取历年档案逐项核对，20个工作日内难以答复。",
    "所需信息年代较久、数量较大，需要到档案馆调阅纸质档案。",
]
COMMENTS = [
    "已检索本处室文件，正在核实是否已主动公开。",
    "请财务处提供有关报表，下周二前反馈。",
    "涉及个人信息的部分需作区分处理。",
    "已与申请人电话沟通，确认所需信息范围。",
]
FEE_REASONS = {
    "per_volume": (
        "申请人要求提供全部学校的纸质财务报表复印件，共计{pages}页，数量明显超过合理范围（《条例》第四十二条）。"
    ),
    "per_application": (
        "申请人本月已提出十件以上内容相近的申请，申请频次明显超过合理范围（《条例》第四十二条），本件按件计收。"
    ),
}
THIRD_PARTY = ("示范市启智外国语学校（民办）", "示范市学府路30号")
THIRD_PARTY_SUBJECT = (
    "申请人申请公开贵校{y}年度财务审计报告。该信息可能涉及贵校商业秘密，请于收到本函之日起15个工作日内"
    "提出是否同意公开的书面意见，逾期未提出的，本机关将依照《条例》第三十二条规定决定是否公开。"
)
CONSULTED_AGENCY = ("示范市财政局", "示范市人民大道7号")
AGENCY_SUBJECT = (
    "申请人申请公开{y}年教育专项转移支付资金在{area}的分配明细。该信息由本机关与贵局联合发文形成，"
    "请于收到本函之日起15个工作日内提出意见（《条例》第三十四条）。"
)
OPINION_SUMMARIES = {
    "agrees": "同意公开。",
    "objects": "该报告含有学校经营成本等商业秘密，公开将影响招生竞争，不同意公开。",
    "no_reply": "征求意见期限届满，未收到书面意见。",
}
TRANSFER_REASONS = "您申请的{school}招生片区划分由东城区教育局制定并负责公开，本机关已将申请转交该局办理。"
