"""Demo service guides: the city bureau's 行政许可 and 其他对外管理服务事项 with their guides published
through the real workflow (officer drafts, reviewer and approver sign off), and decisions of last year and
this year, so the 办事指南 column, the print page and table 二's 行政许可 count have something to show.

Idempotent: a matter that exists (by code) is left as it is, a decision whose number exists is not recorded
again. Last year's published report keeps the figure entered from the provincial system (an entered figure
wins over the count of the decisions recorded here, ``serviceguides.selectors``).
"""

import datetime as dt

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Department
from gongkai.playback import today
from gongkai.publications.services.workflow import item_approve, item_submit
from gongkai.serviceguides.content import Material, MaterialForm, Step
from gongkai.serviceguides.models import ServiceDecision, ServiceMatter
from gongkai.serviceguides.services import service_decision_record, service_guide_create, service_matter_save

_PLACE = "示范市政务服务中心二楼教育窗口（示范市市民大道50号）"
_HOURS = "工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）"
_METHODS = "窗口申请；或登录示范省政务服务网在线申请，按通知到窗口核验材料原件"
_ONLINE = "https://zwfw.example.gov.cn/"
_PUBLICATION = "作出决定之日起7个工作日内在示范市教育局政府信息公开专栏“办理结果”中公开（自然人只公开姓氏）"
_COMMON = {
    "statutory_unit": "workdays",
    "promised_unit": "workdays",
    "charges": False,
    "place": _PLACE,
    "hours": _HOURS,
    "methods": _METHODS,
    "online_url": _ONLINE,
    "result_publication": _PUBLICATION,
    "contact_phone": "0999-12346021",
    "complaint_phone": "0999-12345678、12345",
}
M, S = Material, Step

MATTERS: tuple[dict, ...] = (
    {
        "name": "民办学校设立审批",
        "code": "000136001000",
        "kind": "licensing",
        "department": "基础教育处",
        "guide": {
            "basis": "《中华人民共和国民办教育促进法》第十二条、第十三条、第十七条\n"
            "《中华人民共和国民办教育促进法实施条例》第十三条至第十六条",
            "conditions": "1. 举办者为社会组织的，应当具有法人资格；为个人的，应当具有政治权利和完全民事行为能力。\n"
            "2. 有规范的学校名称、章程和组织机构，有合格的教师和管理人员。\n"
            "3. 有与办学规模相适应的校舍、场地、设施设备和办学经费，符合国家规定的设置标准。",
            "materials": [
                M("民办学校设立申请书"),
                M("举办者的资格证明文件", MaterialForm.BOTH),
                M("拟任校长、教师及财会人员的资格证明文件", MaterialForm.COPY),
                M("学校章程和首届理事会（董事会）组成人员名单"),
                M("资产来源、资金数额及有效证明文件", MaterialForm.BOTH, note="属捐赠性质的校产须提交捐赠协议"),
                M("校舍、场地的产权证明或租赁合同", MaterialForm.COPY, note="租期不少于5年"),
            ],
            "steps": [
                S("申请与受理", "政务服务中心教育窗口", "材料齐全的当场受理"),
                S("材料审查和实地核查", "基础教育处", "10个工作日"),
                S("专家评议", "基础教育处组织", "不计入办理时限"),
                S("审批决定", "局领导", "3个工作日"),
                S("发证与送达", "政务服务中心教育窗口", "决定后2个工作日"),
            ],
            "statutory_limit": 20,
            "promised_limit": 15,
            "result": "准予许可的，颁发《中华人民共和国民办学校办学许可证》；"
            "不予许可的，书面说明理由并告知申请复议或提起诉讼的权利。",
        },
    },
    {
        "name": "教师资格认定",
        "code": "000136002000",
        "kind": "licensing",
        "department": "基础教育处",
        "guide": {
            "basis": "《中华人民共和国教师法》第十条至第十三条\n《教师资格条例》第十三条至第十八条\n"
            "《〈教师资格条例〉实施办法》",
            "conditions": "1. 遵守宪法和法律，热爱教育事业，具有良好的思想品德。\n"
            "2. 具备《中华人民共和国教师法》规定的相应学历，普通话水平达到二级乙等以上标准。\n"
            "3. 中小学教师资格考试合格（或免试认定改革范围内的毕业生）。\n4. 经县级以上医院体检合格。",
            "materials": [
                M("教师资格认定申请表", note="网上申报后打印"),
                M("身份证", MaterialForm.ORIGINAL),
                M("学历证书", MaterialForm.BOTH),
                M("普通话水平测试等级证书", MaterialForm.BOTH),
                M("体检结论", MaterialForm.ORIGINAL),
                M("个人近期一寸免冠照片", copies=2),
            ],
            "steps": [
                S("网上申报", "申请人", "春季、秋季两批，以公告时间为准"),
                S("现场确认", "政务服务中心教育窗口", "当场"),
                S("审查", "基础教育处", "20个工作日"),
                S("认定决定与发证", "局领导", "5个工作日"),
            ],
            "statutory_limit": 30,
            "promised_limit": 20,
            "result": "认定合格的，颁发《教师资格证书》；不予认定的，书面说明理由。",
        },
    },
    {
        "name": "校外培训机构设立审批",
        "code": "000136003000",
        "kind": "licensing",
        "department": "基础教育处",
        "guide": {
            "basis": "《中华人民共和国民办教育促进法》第十二条\n"
            "《国务院办公厅关于规范校外培训机构发展的意见》（国办发〔2018〕80号）",
            "conditions": "1. 举办者符合民办教育促进法规定的条件。\n"
            "2. 培训场所符合安全、消防、卫生要求，生均面积不低于3平方米。\n"
            "3. 有符合规定的培训内容、培训教师和管理制度。",
            "materials": [
                M("设立申请书"),
                M("举办者资格证明", MaterialForm.BOTH),
                M("培训场所产权证明或租赁合同", MaterialForm.COPY),
                M("消防安全检查合格证明", MaterialForm.COPY),
                M("培训教师名单及资格证明", MaterialForm.COPY),
                M("机构章程和管理制度"),
            ],
            "steps": [
                S("受理", "政务服务中心教育窗口", "当场"),
                S("审查和实地核查", "基础教育处", "15个工作日"),
                S("审批决定", "局领导", "3个工作日"),
            ],
            "statutory_limit": 20,
            "promised_limit": 18,
            "result": "准予许可的，颁发《民办学校办学许可证》（培训类）。",
        },
    },
    {
        "name": "中小学生转学",
        "code": "000136101000",
        "kind": "other",
        "department": "基础教育处",
        "guide": {
            "basis": "《中小学生学籍管理办法》（教基一〔2013〕7号）第十二条至第十五条",
            "conditions": "因户籍迁移、家庭住址变动等原因需要转学的义务教育阶段学生，"
            "由监护人提出申请，转入学校同意接收。",
            "materials": [
                M("转学申请表"),
                M("监护人身份证", MaterialForm.BOTH),
                M("户口簿或居住证明", MaterialForm.BOTH),
                M("转入学校接收证明"),
            ],
            "steps": [
                S("申请", "监护人向转入学校提出", ""),
                S("学籍系统办理", "转出、转入学校", "5个工作日"),
                S("审核确认", "基础教育处", "3个工作日"),
            ],
            "statutory_limit": 15,
            "promised_limit": 8,
            "result": "办结后学籍在全国中小学生学籍信息管理系统中转入新学校。",
        },
    },
    {
        "name": "学历证明书办理",
        "code": "000136102000",
        "kind": "other",
        "department": "办公室",
        "guide": {
            "basis": "《教育部关于加强学历证明管理的通知》\n示范省教育厅关于学历证书遗失补办学历证明书的规定",
            "conditions": "本市普通中学、中等职业学校毕业证书遗失或损坏的毕业生。",
            "materials": [
                M("学历证明书申请表"),
                M("本人身份证", MaterialForm.BOTH),
                M("毕业学校出具的在校学习证明", note="学校已撤并的由档案保管单位出具"),
                M("近期二寸免冠照片", copies=2),
            ],
            "steps": [
                S("受理", "政务服务中心教育窗口", "当场"),
                S("档案核查", "办公室（档案室）", "3个工作日"),
                S("出具证明书", "办公室", "2个工作日"),
            ],
            "statutory_limit": 10,
            "promised_limit": 5,
            "result": "出具《学历证明书》，与原毕业证书具有同等效力。",
        },
    },
)

_SCHOOLS = ("示范市阳光实验学校", "示范市启明外国语学校", "示范市博雅艺术培训中心", "示范市英才科技培训学校")
_PEOPLE = ("王晓雨", "李明轩", "陈思远", "赵欣怡", "刘子涵", "孙浩然", "周雨桐", "吴佳琪")
_PERSON_MATTERS = frozenset({"教师资格认定", "中小学生转学", "学历证明书办理"})
_RESULTS = ("granted", "granted", "granted", "refused", "granted", "changed")


def _publish(users: dict[str, User], guide) -> None:
    item = guide.item
    item_submit(acting_user=users["officer"], item=item)
    item_approve(acting_user=users["reviewer"], item=item, comment="无涉密内容，同意")
    item_approve(acting_user=users["approver"], item=item, comment="同意发布")


def _decision_days(year: int, count: int, last: dt.date) -> list[dt.date]:
    """``count`` days spread over ``year`` up to ``last`` (inclusive)."""
    start = dt.date(year, 1, 6)
    end = min(last, dt.date(year, 12, 28))
    if end < start:
        return []
    span = (end - start).days
    return [start + dt.timedelta(days=span * n // max(count, 1)) for n in range(count)]


def _decisions(users: dict[str, User], matter: ServiceMatter, index: int) -> None:
    now = today()
    plan = [(now.year - 1, 9 - index * 2), (now.year, 5 - index)]
    prefix = "示教许" if matter.kind == "licensing" else "示教服"
    serial = 0
    for year, count in plan:
        for n, day in enumerate(_decision_days(year, max(count, 0), now)):
            serial += 1
            number = f"{prefix}〔{year}〕{index + 1}{serial:03d}号"
            if ServiceDecision.objects.filter(agency=matter.agency, number=number).exists():
                continue
            person = matter.name in _PERSON_MATTERS
            other_result = "completed" if n % 5 else "declined"
            result = other_result if matter.kind == "other" else _RESULTS[n % len(_RESULTS)]
            service_decision_record(
                acting_user=users["officer"],
                matter=matter,
                number=number,
                decided_on=day,
                applicant_kind="person" if person else "organisation",
                applicant_name=_PEOPLE[(n + index) % len(_PEOPLE)] if person else _SCHOOLS[(n + index) % len(_SCHOOLS)],
                result=result,
                summary="" if result not in {"refused", "declined"} else "申请材料不符合法定条件",
            )


def load_service_guides(agencies: dict[str, Agency], users: dict[str, User]) -> None:
    bureau = agencies["bureau"]
    for index, spec in enumerate(MATTERS):
        if ServiceMatter.objects.filter(agency=bureau, code=spec["code"]).exists():
            continue
        matter = service_matter_save(
            acting_user=users["officer"],
            agency=bureau,
            name=spec["name"],
            code=spec["code"],
            kind=spec["kind"],
            department=Department.objects.filter(agency=bureau, name=spec["department"]).first(),
            sort_order=index,
        )
        guide = service_guide_create(acting_user=users["officer"], matter=matter, **_COMMON, **spec["guide"])
        _publish(users, guide)
        _decisions(users, matter, index)
