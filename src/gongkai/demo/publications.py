"""Demo information items: three years of believable history per agency, plus live work in progress.

History is recorded with ``item_import_published`` (it was published "before the platform"); the work
in progress goes through the real workflow services, so queues, findings and breaches are genuine.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.publications.choices import Channel, Genre, Origin, ReportKind
from gongkai.publications.models import CatalogNode, DisclosureSettings, InformationItem, Topic
from gongkai.publications.services.guide import guide_publish
from gongkai.publications.services.imports import item_import_published
from gongkai.publications.services.items import attachment_add, item_create
from gongkai.publications.services.setup import disclosure_setup
from gongkai.publications.services.workflow import item_approve, item_repeal, item_return, item_submit
from gongkai.workcalendar.selectors import work_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Title templates per catalog code: {y} year, {n} running number, {a} agency short name, {m} month.
TITLES: dict[str, list[tuple[str, str]]] = {
    "ZCWJ": [
        # each year's documents are new ones (normative documents are counted by year in table 二)
        ("关于印发《{a}中小学生学籍管理实施细则（{y}年修订）》的通知", Genre.NOTICE),
        ("关于进一步规范{y}年义务教育阶段办学行为的若干意见", Genre.OPINION),
        ("关于印发《{a}校外培训机构监督管理办法（{y}年修订）》的通知", Genre.NOTICE),
        ("关于加强中小学教师队伍建设的实施意见（{y}年修订）", Genre.OPINION),
        ("关于印发《{a}家庭经济困难学生认定办法（{y}年修订）》的通知", Genre.NOTICE),
    ],
    "JGZN": [
        ("{a}机构职能及领导分工（{y}年{m}月更新）", Genre.OTHER),
        ("{a}内设机构及联系方式（{y}年第{n}次更新）", Genre.OTHER),
    ],
    "GHJH": [
        ("{a}{y}年工作要点", Genre.PLAN),
        ("{a}{y}年第{n}季度重点工作推进情况", Genre.REPORT),
        ("{a}“十五五”教育事业发展规划（征求意见稿）", Genre.PLAN),
    ],
    "TJXX": [("{y}年{a}教育事业统计公报", Genre.BULLETIN), ("{y}年第{n}季度学校基本情况统计", Genre.REPORT)],
    "XZXK": [
        ("{y}年第{n}批民办学校办学许可审批结果公示", Genre.PUBLICITY),
        ("{y}年第{n}批教师资格认定结果公告", Genre.ANNOUNCEMENT),
    ],
    "XZCF": [("{y}年第{n}批校外培训机构违规行为查处情况通报", Genre.BULLETIN)],
    "CWXX": [
        ("{a}{y}年第{n}批财政专项资金使用情况", Genre.REPORT),
        ("{a}{y}年部门预算", Genre.REPORT),
        ("{a}{y}年部门决算", Genre.REPORT),
        ("{a}{y}年“三公”经费预算情况说明", Genre.REPORT),
    ],
    "SFXX": [
        ("关于公布{y}—{y1}学年中小学服务性收费和代收费项目的通知", Genre.NOTICE),
        ("{y}年第{n}批收费项目及标准调整公示", Genre.PUBLICITY),
    ],
    "ZFCG": [
        ("{y}年第{n}批政府采购意向公开", Genre.ANNOUNCEMENT),
        ("中小学智慧教室建设项目（{y}-{n}）中标结果公告", Genre.ANNOUNCEMENT),
    ],
    "JYGK": [("{y}年{a}学校名录", Genre.OTHER), ("{y}年{a}教育概况", Genre.OTHER)],
    "ZSGL": [
        ("关于做好{y}年义务教育学校招生入学工作的通知", Genre.NOTICE),
        ("{y}年小学一年级招生范围（学区划分）公示", Genre.PUBLICITY),
        ("{y}年初中招生计划", Genre.PLAN),
        ("{y}年普通高中招生录取结果公示", Genre.PUBLICITY),
        ("{y}年随迁子女入学办理指南", Genre.OTHER),
        ("{y}年民办义务教育学校招生方案", Genre.PLAN),
    ],
    "XSZZ": [
        ("{y}年第{n}批学生资助资金发放情况公示", Genre.PUBLICITY),
        ("{y}年春季学期家庭经济困难学生生活补助发放情况公示", Genre.PUBLICITY),
        ("{y}年秋季学期国家助学金受助学生名单公示", Genre.PUBLICITY),
        ("{y}年学生资助政策简介", Genre.OTHER),
    ],
    "MBJY": [
        ("{y}年度民办学校年度检查结果公告", Genre.ANNOUNCEMENT),
        ("{y}年第{n}批民办学校办学许可证变更事项公示", Genre.PUBLICITY),
    ],
    "DDPG": [
        ("{y}年义务教育优质均衡发展督导评估报告", Genre.REPORT),
        ("{y}年第{n}期责任督学挂牌督导工作通报", Genre.BULLETIN),
    ],
    "YJGL": [
        ("{a}校园安全突发事件应急预案（{y}年修订）", Genre.PLAN),
        ("关于做好{y}年汛期校园安全工作的紧急通知", Genre.NOTICE),
    ],
    "RSXX": [
        ("{y}年公开招聘中小学教师公告", Genre.ANNOUNCEMENT),
        ("{y}年公开招聘中小学教师拟聘用人员公示", Genre.PUBLICITY),
    ],
    "ZD": [("{a}政府信息公开工作制度", Genre.RULES), ("{a}政府信息公开保密审查办法", Genre.MEASURES)],
    "ZCJD": [],
    # Schools
    "XXGK": [
        ("{a}{y}年学校概况", Genre.OTHER),
        ("{a}{y}年{m}月校园开放日活动安排", Genre.NOTICE),
        ("{a}{y}年第{n}期校务公开", Genre.OTHER),
    ],
    "ZSRX": [
        ("{a}{y}年招生简章", Genre.OTHER),
        ("{a}{y}年新生录取名单公示", Genre.PUBLICITY),
        ("{a}{y}年招生咨询与报名第{n}号公告", Genre.ANNOUNCEMENT),
    ],
    "GZZD": [("{a}学生管理规定（{y}年修订）", Genre.RULES), ("{a}第{n}项内部管理制度（{y}年版）", Genre.RULES)],
}
NORMATIVE_CODES = {"ZCWJ"}
LATE_SHARE = 0.06  # about one item in sixteen was published late


def _topic(code: str) -> Topic | None:
    name = "财政" if code in {"CWXX", "ZFCG", "SFXX"} else "教育"
    return Topic.objects.filter(name=name).first()


def _body(title: str, agency: Agency) -> str:
    return (
        f"<p>各有关单位：</p><p>为做好相关工作，现将《{title}》有关事项通知如下。</p>"
        "<p>一、高度重视，加强组织领导。二、明确分工，落实工作责任。三、加强宣传，主动接受社会监督。</p>"
        f"<p>联系电话：{agency.phone}。</p><p style='text-align:right'>{agency.name}</p>"
    )


def _history(agency: Agency, officer: User, rng: random.Random, today: dt.date) -> list[InformationItem]:
    calendar = work_calendar()
    nodes = {n.code: n for n in CatalogNode.objects.filter(agency=agency) if n.code in TITLES}
    departments = list(agency.departments.all())
    settings = DisclosureSettings.objects.get(agency=agency)
    created: list[InformationItem] = []
    serial = 0
    per_node = 8 if agency.kind == AgencyKind.INSTITUTION else 12
    for year in (today.year - 2, today.year - 1, today.year):
        for code, node in nodes.items():
            templates = TITLES[code]
            if not templates:
                continue
            for n in range(1, per_node + 1):
                template, genre = templates[(n - 1) % len(templates)]
                month = min(12, 1 + (n * 2 + rng.randrange(0, 2)) % 12)
                formed = dt.date(year, month, rng.randrange(1, 28))
                while not calendar.is_workday(formed):
                    formed += dt.timedelta(days=1)
                limit = settings.own_document_limit
                delay = rng.choice([1, 2, 3, 5, 8]) if rng.random() > LATE_SHARE else limit + rng.randrange(3, 15)
                published_day = calendar.add_workdays(formed, delay, warn=False)
                if published_day >= today:
                    continue
                serial += 1
                title = template.format(y=year, y1=year + 1, n=n, a=agency.short_name or agency.name, m=month)
                if InformationItem.objects.filter(agency=agency, title=title).exists():
                    continue
                normative = code in NORMATIVE_CODES and n % 2 == 1
                item = item_import_published(
                    acting_user=None,
                    created_by=officer,
                    agency=agency,
                    published_at=dt.datetime.combine(published_day, dt.time(9 + rng.randrange(0, 8), 30), SHANGHAI),
                    source="原政府信息公开目录系统",
                    catalog_node=node,
                    topic=_topic(code),
                    department=rng.choice(departments) if departments else None,
                    title=title,
                    summary=f"{agency.name}发布《{title}》。",
                    body=_body(title, agency),
                    formed_on=formed,
                    document_number=f"{(agency.short_name or agency.name)[:2]}教发〔{year}〕{serial}号"
                    if genre in {Genre.NOTICE, Genre.OPINION}
                    else "",
                    genre=genre,
                    keywords=" ".join(k for k in ("招生", "资助", "预算", "学籍", "教师") if k in title) or "教育",
                    origin=Origin.OWN_DOCUMENT if genre in {Genre.NOTICE, Genre.OPINION} else Origin.OTHER,
                    channels=rng.sample([c.value for c in Channel], k=rng.randrange(1, 4)),
                    report_kind=ReportKind.NORMATIVE if normative else "",
                    issued_on=formed if normative else None,
                )
                created.append(item)
    return created


def _interpretations_and_repeals(
    agency: Agency, officer: User, office: User | None, items: list[InformationItem]
) -> None:
    node = CatalogNode.objects.filter(agency=agency, code="ZCJD").first()
    normative = [i for i in items if i.report_kind == ReportKind.NORMATIVE]
    if node is not None:
        for document in normative[:6]:
            published = document.published_at + dt.timedelta(days=1)
            if published > timezone.now():
                continue
            item_import_published(
                acting_user=None,
                created_by=officer,
                agency=agency,
                published_at=published,
                catalog_node=node,
                title=f"《{document.title.removeprefix('关于印发').removesuffix('的通知')}》政策解读",
                summary="一图读懂政策要点。",
                body="<p>一、出台背景。二、主要内容。三、创新举措。四、实施时间。</p>",
                formed_on=document.formed_on,
                genre=Genre.INTERPRETATION,
                origin=Origin.OTHER,
                interprets=[document],
                topic=document.topic,
            )
    if office is not None:
        for document in normative[:2]:
            repeal_day = min(timezone.localdate(), document.formed_on + dt.timedelta(days=400))
            item_repeal(acting_user=office, item=document, repealed_on=repeal_day, reason="被新修订的文件替代")


def _work_in_progress(agency: Agency, users: dict[str, User], today: dt.date) -> None:
    """A few live items so every queue has something: drafts, reviews with findings, a returned draft."""
    officer, reviewer = users["officer"], users["reviewer"]
    node = CatalogNode.objects.get(agency=agency, code="ZSGL")
    calendar = work_calendar()

    def draft(title: str, formed_on: dt.date, **extra) -> InformationItem:
        fields = {"summary": "待发布信息。", "body": f"<p>{title}正文。</p>", "genre": Genre.NOTICE, **extra}
        return item_create(
            acting_user=officer, agency=agency, catalog_node=node, title=title, formed_on=formed_on, **fields
        )

    draft(f"关于做好{today.year + 1}年义务教育招生入学准备工作的通知（草稿）", today)
    draft(f"{today.year}年秋季学期学生资助资金分配结果", calendar.add_workdays(today, -25), origin=Origin.OTHER)
    with_finding = draft(
        f"{today.year}年第二批教师资格认定结果公告",
        calendar.add_workdays(today, -3),
        body="<p>经审核，以下人员认定合格：</p><p>张某某，联系电话 13912345678。</p>",
    )
    item_submit(acting_user=officer, item=with_finding)
    clean = draft(f"{today.year}年冬季校园安全工作提示", calendar.add_workdays(today, -2))
    item_submit(acting_user=officer, item=clean)
    item_approve(acting_user=reviewer, item=clean, comment="无涉密内容，同意")
    returned = draft(f"{today.year}年民办学校年检结果（初稿）", calendar.add_workdays(today, -4))
    item_submit(acting_user=officer, item=returned)
    item_return(acting_user=reviewer, item=returned, comment="请补充年检结论的依据文件，并删除个人联系方式。")
    attached = draft(f"{today.year}年“家长学校”报名名单", calendar.add_workdays(today, -1))
    attachment_add(acting_user=officer, item=attached, filename="报名名单.docx", data=_roster_docx())
    item_submit(acting_user=officer, item=attached)


def _roster_docx() -> bytes:
    """A small Word file with a (fictional, checksum-valid) ID number for the screening to find."""
    import io  # noqa: PLC0415

    import docx  # noqa: PLC0415

    document = docx.Document()
    document.add_paragraph("家长学校报名名单")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "姓名", "身份证号"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "王某", "11010519491231002X"), strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load_publications(agencies: dict[str, Agency], users: dict[str, User]) -> int:
    """Idempotent: agencies that already have items are left as they are."""
    rng = random.Random(20261124)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    total = 0
    for key, agency in agencies.items():
        disclosure_setup(acting_user=None, agency=agency)
        guide_publish(acting_user=None, agency=agency)
        if InformationItem.objects.filter(agency=agency).exists():
            continue
        officer = users["officer"] if key == "bureau" else users["admin"]
        items = _history(agency, officer, rng, today)
        _interpretations_and_repeals(agency, officer, users["office"] if key == "bureau" else users["admin"], items)
        if key == "bureau":
            _work_in_progress(agency, users, today)
        total += InformationItem.objects.filter(agency=agency).count()
    return total
