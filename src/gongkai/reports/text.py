"""The report's words: the title and preamble, section 一 drafted from the records, and the fee
sentence section 六 always carries. Staff edit the draft; sections 五 and 六 are theirs.

Section 一 follows the five parts the national guidance asks for (主动公开、依申请公开、政府信息管理、
平台建设、监督保障) and states only what the records show, with the notes staff entered for what the
records cannot know (training, assessment, platform work). It never writes a placeholder: what the
records do not show is left out, and the checks ask staff for what a report must say.

Pure Python: no Django import.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.reports.document import ReportDoc, get
from gongkai.rules.outcomes import TOTAL_COLUMN
from gongkai.rules.report_tables import OVERVIEW_PARTS

FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REGULATION_FULL = "《中华人民共和国政府信息公开条例》"
MAX_LISTED = 6  # categories or channels named one by one; the rest are summed as 其他


@dataclass(frozen=True)
class Contact:
    office_name: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class EnquiryLine:
    """One source of enquiries (局长信箱, 12345热线交办 …) with its figures, rates already formatted."""

    source: str
    received: int
    reply_rate: str  # "100%" / "95.2%" / "—"
    satisfaction_rate: str


@dataclass(frozen=True)
class Notes:
    """What staff add to section 一 because no record holds it."""

    management: str = ""  # 政府信息管理: rules, review practice
    platform: str = ""  # 平台建设: website, new media, gazette
    supervision: str = ""  # 监督保障: training, assessment, social evaluation, accountability


@dataclass(frozen=True)
class OverviewFacts:
    """What the records say about the year, for section 一."""

    items_published: int = 0
    items_by_category: tuple[Count, ...] = ()
    items_by_channel: tuple[Count, ...] = ()
    interpretations: int = 0
    screening_findings: int = 0  # found by the automatic pre-publication screening
    publication_breaches: int = 0  # items published after their time limit
    guide_updates: int = 0  # guide versions published in the year
    guide_version: int | None = None  # the version in force at year end
    reading_rooms: int = 0
    applications_by_channel: tuple[Count, ...] = ()
    replies_late: int = 0  # applications answered after the statutory date
    enquiries_total: int = 0
    enquiries: tuple[EnquiryLine, ...] = ()
    reminders_sent: int = 0  # deadline reminders the platform sent staff
    notes: Notes = field(default_factory=Notes)


def title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def preamble(agency: str, year: int, contact: Contact) -> str:
    office = contact.office_name or agency
    parts = [
        f"本报告由{office}根据{REGULATION_FULL}（以下简称《条例》）第四十九条、第五十条的规定编制。",
        f"报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    ]
    if contact.website:
        parts.append(f"本报告在{agency}政府信息公开专栏（{contact.website}）公布。")
    details = [
        f"{label}：{value}"
        for label, value in (
            ("地址", contact.address),
            ("邮政编码", contact.postcode),
            ("电话", contact.phone),
            ("电子邮箱", contact.email),
        )
        if value
    ]
    if details:
        parts.append(f"如对本报告有疑问，请与{office}联系（{'，'.join(details)}）。")
    return "".join(parts)


def _listing(counts: Sequence[Count], unit: str) -> str:
    shown = [c for c in counts if c.count > 0]
    named = shown[:MAX_LISTED]
    rest = sum(c.count for c in shown[MAX_LISTED:])
    parts = [f"{c.label}{c.count}{unit}" for c in named]
    if rest:
        parts.append(f"其他{rest}{unit}")
    return "、".join(parts)


def _n(doc: ReportDoc, *path: str | int) -> int:
    value = get(doc, path)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _total(doc: ReportDoc, *path: str) -> int:
    return _n(doc, "applications", *path, TOTAL_COLUMN)


def _sentences(*parts: str) -> str:
    return "".join(p for p in parts if p)


def _note(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in "。！？；" else f"{text}。"


def _proactive(doc: ReportDoc, year: int, agency: str, facts: OverviewFacts) -> str:
    listing = _listing(facts.items_by_category, "条")
    channels = _listing(facts.items_by_channel, "条")
    normative = ""
    if doc.get("format") == "2021":
        new, repealed = _n(doc, "proactive", "normative_docs_new"), _n(doc, "proactive", "normative_docs_repealed")
        in_force = _n(doc, "proactive", "normative_docs_in_force")
        normative = f"本年制发行政规范性文件{new}件、废止{repealed}件，年末现行有效{in_force}件。"
    else:
        made = _n(doc, "proactive", "2019", "规范性文件", "本年新制作数量")
        total = _n(doc, "proactive", "2019", "规范性文件", "对外公开总数量")
        normative = f"本年新制作规范性文件{made}件，累计对外公开{total}件。"
    return _sentences(
        f"{year}年，{agency}主动公开政府信息{facts.items_published}条",
        f"，其中{listing}" if listing else "",
        "。",
        f"按公开渠道统计，{channels}（一条信息可以通过多个渠道公开）。" if channels else "",
        f"围绕重要政策文件发布政策解读{facts.interpretations}篇。" if facts.interpretations else "",
        normative,
    )


_RESULT_WORDS = (
    (("granted",), "予以公开"),
    (("partially_granted",), "部分公开"),
    (("refused",), "不予公开"),
    (("unable_to_provide",), "无法提供"),
    (("not_processed",), "不予处理"),
    (("other",), "其他处理"),
)


def _group_total(doc: ReportDoc, group: str) -> int:
    value = get(doc, ("applications", group))
    if isinstance(value, list):
        return _total(doc, group)
    if isinstance(value, dict):
        return sum(_n(doc, "applications", group, key, TOTAL_COLUMN) for key in value)
    return 0


def _requests(doc: ReportDoc, year: int, facts: OverviewFacts) -> str:
    new, over = _total(doc, "new"), _total(doc, "carried_over_from_last_year")
    handled, onward = _total(doc, "total_handled"), _total(doc, "carried_to_next_year")
    results = [f"{word}{_group_total(doc, path[0])}件" for path, word in _RESULT_WORDS if _group_total(doc, path[0])]
    channels = _listing(facts.applications_by_channel, "件")
    if handled == 0:
        timeliness = ""
    elif facts.replies_late:
        timeliness = f"有{facts.replies_late}件申请未能在法定期限内答复，原因和改进措施见第五部分。"
    else:
        timeliness = "全部申请均在法定期限内答复。"
    enquiries = ""
    if facts.enquiries_total:
        lines = [
            f"{e.source}{e.received}件（反馈率{e.reply_rate}，满意率{e.satisfaction_rate}）"
            if e.satisfaction_rate != "—"
            else f"{e.source}{e.received}件（反馈率{e.reply_rate}）"
            for e in facts.enquiries
            if e.received
        ]
        enquiries = f"本年受理咨询和来信来访{facts.enquiries_total}件，其中{'；'.join(lines)}。"
    return _sentences(
        f"{year}年，新收政府信息公开申请{new}件",
        f"（{channels}）" if channels and new else "",
        f"，上年结转{over}件；办结{handled}件",
        f"，其中{'、'.join(results)}" if results else "",
        f"；结转下年度继续办理{onward}件。",
        timeliness,
        enquiries,
    )


def _management(facts: OverviewFacts) -> str:
    screening = (
        f"发布前自动检查发现并处理个人信息、密级标志等问题{facts.screening_findings}处。"
        if facts.screening_findings
        else ""
    )
    late = (
        f"{facts.publication_breaches}条信息超过本机关规定的公开时限发布，已督促相关处室整改。"
        if facts.publication_breaches
        else "主动公开信息均在规定时限内发布。"
    )
    return _sentences(
        "坚持“先审查、后公开”，主动公开信息均经保密审查和签发后发布，",
        "并按照公开属性源头认定的要求标注公开属性。",
        screening,
        late if facts.items_published else "",
        _note(facts.notes.management),
    )


def _platform(agency: str, facts: OverviewFacts) -> str:
    guide = ""
    if facts.guide_updates:
        version = f"，现行为第{facts.guide_version}版" if facts.guide_version else ""
        guide = f"本年更新政府信息公开指南{facts.guide_updates}次{version}。"
    elif facts.guide_version:
        guide = f"政府信息公开指南现行为第{facts.guide_version}版，本年内容无变化。"
    rooms = f"设置政府信息公开查阅场所{facts.reading_rooms}处。" if facts.reading_rooms else ""
    return _sentences(
        f"依托政府信息公开平台设置{agency}政府信息公开专栏，提供公开目录检索、查阅和下载，",
        "在线受理政府信息公开申请和咨询并提供办理进度查询。",
        guide,
        rooms,
        _note(facts.notes.platform),
    )


def _supervision(facts: OverviewFacts) -> str:
    if facts.replies_late or facts.publication_breaches:
        reminded = f"本年发送期限提醒{facts.reminders_sent}次，" if facts.reminders_sent else ""
        records = (
            f"对主动公开时限和依申请公开答复期限实行系统提醒和超期记录，{reminded}"
            f"记录超期答复{facts.replies_late}件、超期公开{facts.publication_breaches}条，均已督促整改。"
        )
    else:
        reminded = f"本年发送期限提醒{facts.reminders_sent}次，" if facts.reminders_sent else ""
        records = f"对主动公开时限和依申请公开答复期限实行系统提醒和超期记录，{reminded}本年未发生超期。"
    return _sentences(records, _note(facts.notes.supervision))


def overview(doc: ReportDoc, *, agency: str, year: int, facts: OverviewFacts) -> str:
    """Section 一, one paragraph per part: "（一）主动公开情况。…"."""
    bodies = (
        _proactive(doc, year, agency, facts),
        _requests(doc, year, facts),
        _management(facts),
        _platform(agency, facts),
        _supervision(facts),
    )
    numerals = ("一", "二", "三", "四", "五")
    return "\n".join(
        f"（{numeral}）{part}。{body}" for numeral, part, body in zip(numerals, OVERVIEW_PARTS, bodies, strict=True)
    )


def fee_sentence(agency: str, year: int, *, yuan: int, applications: int) -> str:
    """The information-processing fee sentence of section 六 (also when nothing was charged)."""
    if yuan > 0:
        return (
            f"{year}年，{agency}依据《条例》第四十二条和{FEE_MEASURES}收取政府信息公开信息处理费{yuan}元"
            f"（涉及{applications}件申请）。"
        )
    return f"{year}年，{agency}未收取政府信息公开信息处理费。"


def other_matters(fee: str, staff_text: str) -> str:
    """Section 六: the fee sentence first, then what staff wrote (without repeating the sentence)."""
    text = staff_text.strip()
    if not text:
        return fee
    if fee in text:
        return text
    return f"{fee}\n{text}"
