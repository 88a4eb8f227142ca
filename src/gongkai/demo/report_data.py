"""The demo's annual reports as plain data: the statistics other business systems hold, the texts staff
write (sections 五 and 六 and the notes of section 一), and the bureau's 2024 figures from the paper
register kept before the platform (its report of that year was entered by hand). Invented for 示范市."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportScript:
    key: str  # agency key of ``demo.data``
    office: str  # the username writing the report
    statistics: dict[str, tuple[str, str]]  # cell path → (value, source)
    problems: str
    other: str = ""
    notes_management: str = ""
    notes_platform: str = ""
    notes_supervision: str = ""
    returned_first: str = ""  # the supervisor's comment when the first submission is returned
    steps: dict[str, tuple[int, int]] = field(default_factory=dict)  # step → (day in January, hour)


SYSTEM_BUREAU = "示范省政务服务网审批系统年度统计（{y1}年1月5日导出）"
FINANCE = "本局财务处确认：本机关无行政事业性收费项目"
LAW = "本局政策法规处执法台账（{y1}年1月6日核对）"

REPORTS: tuple[ReportScript, ...] = (
    ReportScript(
        key="bureau",
        office="office",
        statistics={
            "proactive/licensing_decisions": ("126", SYSTEM_BUREAU),
            "proactive/penalty_decisions": ("3", LAW),
            "proactive/enforcement_decisions": ("0", LAW),
            "proactive/fees_amount_wan": ("0", FINANCE),
        },
        problems=(
            "一是依申请公开答复的时效仍需提高。全年有2件申请因涉及多个处室、需要调取历史档案，未能在法定期限内答复，"
            "暴露出内部转办和协调环节耗时偏长的问题。二是部分主动公开信息发布不够及时，个别招生、资助类信息超过本局规定的"
            "公开时限。三是政策解读的形式仍较单一，图解、问答等群众易于理解的解读比例不高。\n"
            "改进措施：建立依申请公开“一申请一台账”跟踪机制，对涉及多个处室的申请由办公室牵头召开协调会，"
            "平台到期前3个工作日自动提醒承办人；将主动公开时限纳入处室年度考核，每月通报超期情况；"
            "对招生入学、学生资助等重点领域政策同步制作图解和问答，全年计划不少于20篇。"
        ),
        other="本局无其他需要报告的事项。",
        notes_management=(
            "修订《示范市教育局政府信息公开保密审查办法》，明确信息公开属性在拟文时同步确定，"
            "全年组织对历年规范性文件进行集中清理"
        ),
        notes_platform="完善“招生入学”“学生资助”专题栏目，局门户网站和“示范教育”微信公众号同步发布重要政策",
        notes_supervision=(
            "举办全市教育系统政务公开业务培训2期，培训信息员160余人次；将政务公开工作纳入局属单位年度考核，"
            "聘请家长代表和人大代表担任政务公开社会评议员"
        ),
        steps={
            "statistics": (5, 10),
            "generate": (6, 9),
            "texts": (8, 15),
            "submit": (12, 10),
            "accept": (16, 11),
            "publish": (20, 9),
        },
    ),
    ReportScript(
        key="dongcheng",
        office="dc_office",
        statistics={
            "proactive/licensing_decisions": ("35", "东城区政务服务中心民办教育审批台账（{y1}年1月4日）"),
            "proactive/penalty_decisions": ("2", "东城区教育局执法台账（{y1}年1月4日）"),
            "proactive/enforcement_decisions": ("0", "东城区教育局执法台账（{y1}年1月4日）"),
            "proactive/fees_amount_wan": ("0", "东城区教育局计划财务股确认：无行政事业性收费"),
        },
        problems=(
            "存在的问题：一是学区划分和招生结果等重点领域信息的公开集中在招生季，平时更新不够；"
            "二是各学校信息公开工作发展不平衡，部分学校公开栏目内容单薄；三是依申请公开办理中与申请人的沟通还不够充分。\n"
            "改进情况：制定重点领域信息公开清单并按月调度；对辖区学校信息公开栏目开展专项检查，年内完成整改；"
            "对内容不明确的申请一次性告知补正内容，必要时电话沟通，减少补正往返。"
        ),
        notes_supervision="组织全区中小学信息公开工作人员培训1期，对辖区学校信息公开栏目开展专项检查2次",
        returned_first=(
            "第五部分“存在的主要问题及改进情况”过于笼统，请结合本年度依申请公开答复和重点领域公开的实际情况补充具体问题和措施，"
            "并核对表二行政许可数量是否与区政务服务中心统计一致。"
        ),
        steps={
            "statistics": (5, 15),
            "generate": (7, 9),
            "texts": (9, 16),
            "submit": (13, 10),
            "return": (14, 15),
            "resubmit": (15, 10),
            "accept": (16, 16),
            "publish": (22, 9),
        },
    ),
    ReportScript(
        key="xihu",
        office="xh_office",
        statistics={
            "proactive/licensing_decisions": ("28", "西湖区政务服务中心审批系统统计（{y1}年1月5日）"),
            "proactive/penalty_decisions": ("0", "西湖区教育局执法台账（{y1}年1月5日）"),
            "proactive/enforcement_decisions": ("0", "西湖区教育局执法台账（{y1}年1月5日）"),
            "proactive/fees_amount_wan": ("0", "西湖区教育局计划财务股确认：无行政事业性收费"),
        },
        problems=(
            "本年度工作中发现：政务新媒体与门户网站发布的信息存在不同步的情况；个别申请的答复书对不予公开部分的理由说明不够具体；"
            "农村学校信息公开工作人员多为兼职，业务能力有待提高。\n"
            "下一步将建立门户网站与政务新媒体同步发布机制；规范答复书制作，对不予公开、部分公开的答复逐件审核理由说明；"
            "对农村学校兼职人员开展“送培到校”，提升业务水平。"
        ),
        other="本局2025年度未发生因政府信息公开工作被责任追究的情况。",
        notes_platform="开通“西湖教育”政务微信公众号信息公开专栏",
        steps={
            "statistics": (6, 10),
            "generate": (6, 14),
            "texts": (12, 10),
            "submit": (16, 10),
            "accept": (19, 10),
            "publish": (26, 9),
        },
    ),
)

# The bureau's 2024 report: the year before the platform. Its applications were kept in a paper register,
# so table 三 was entered by hand (with the reason); all 31 were answered within the year.
BUREAU_2024_KEY = "bureau"
BUREAU_2024_TABLE3 = {
    "new": (27, 3, 0, 0, 1, 0),
    "granted": (15, 2, 0, 0, 1, 0),
    "partially_granted": (2, 0, 0, 0, 0, 0),
    "refused/process_info": (1, 0, 0, 0, 0, 0),
    "unable_to_provide/not_held": (5, 1, 0, 0, 0, 0),
    "not_processed/petition_complaint": (2, 0, 0, 0, 0, 0),
    "other/other": (2, 0, 0, 0, 0, 0),
    "total_handled": (27, 3, 0, 0, 1, 0),
}
BUREAU_2024_REASON = "2024年平台尚未上线，依申请公开在纸质台账登记，表三按台账统计录入"
BUREAU_2024_STATISTICS = {
    "proactive/licensing_decisions": ("118", "示范省政务服务网审批系统年度统计（2025年1月6日导出）"),
    "proactive/penalty_decisions": ("1", "本局政策法规处执法台账（2025年1月6日核对）"),
    "proactive/enforcement_decisions": ("0", "本局政策法规处执法台账（2025年1月6日核对）"),
    "proactive/fees_amount_wan": ("0", FINANCE),
}
BUREAU_2024_PROBLEMS = (
    "主要问题：依申请公开仍以纸质登记为主，办理进度难以实时掌握，答复期限依靠人工计算；"
    "主动公开目录与各处室发文衔接不够紧密，存在发文后补录公开的情况；政府信息公开指南多年未作更新。\n"
    "改进措施：上线政府信息公开平台，实现申请登记、期限计算、答复和送达全程留痕；"
    "建立公文办理与公开属性认定联动机制，发文时同步确定公开方式；按新机构设置全面修订政府信息公开指南。"
)
BUREAU_2024_OVERVIEW = (
    "（一）主动公开情况。2024年，示范市教育局围绕招生入学、学生资助、教师队伍建设等群众关注的事项主动公开政府信息，"
    "通过局门户网站、政府公报和查阅场所同步发布，印发行政规范性文件并同步发布政策解读。\n"
    "（二）依申请公开情况。2024年共收到政府信息公开申请31件，均已办结，没有结转到下一年度的申请。"
    "申请主要涉及学区划分、招生计划、民办学校审批等内容。\n"
    "（三）政府信息管理情况。坚持“先审查、后公开”，落实保密审查制度，对拟公开信息逐件审核。\n"
    "（四）政府信息公开平台建设情况。完成局门户网站政府信息公开专栏改版，启动政府信息公开平台建设。\n"
    "（五）监督保障情况。将政务公开纳入局机关处室年度考核，举办政务公开培训1期。"
)
