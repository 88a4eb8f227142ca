"""A service guide (办事指南) as plain data: its fields, the rules it must satisfy, the one-per-line text
format staff type materials and steps in, and its rendering to safe HTML sections (the item body, so the
search indexes the guide's text) and to the data of the one-page print layout.

Sources: 《中华人民共和国政府信息公开条例》第二十条第（五）项 (办理行政许可和其他对外管理服务事项的依据、
条件、程序以及办理结果); 《行政许可法》第三十条 (公示事项、依据、条件、数量、程序、期限以及需要提交的全部
材料的目录和申请书示范文本), 第四十二条 (二十日), 第五十八条、第五十九条 (收费依据); 办事公开指南
(办事项目、依据、条件、程序、时限、结果及服务承诺、收费项目).

Pure Python: no Django import (mypy strict).
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

# --------------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------------


class MaterialForm(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    BOTH = "both"
    ELECTRONIC = "electronic"

    @property
    def label(self) -> str:
        return MATERIAL_FORM_LABELS[self]


MATERIAL_FORM_LABELS: dict[MaterialForm, str] = {
    MaterialForm.ORIGINAL: "原件",
    MaterialForm.COPY: "复印件",
    MaterialForm.BOTH: "原件及复印件",
    MaterialForm.ELECTRONIC: "电子件",
}


class LimitUnit(StrEnum):
    WORKDAYS = "workdays"
    DAYS = "days"

    @property
    def label(self) -> str:
        return LIMIT_UNIT_LABELS[self]


LIMIT_UNIT_LABELS: dict[LimitUnit, str] = {LimitUnit.WORKDAYS: "个工作日", LimitUnit.DAYS: "日"}

FEE_FREE = "不收费"
MAX_STATUTORY_LIMIT = 365
MAX_LIST_ENTRIES = 60
MAX_COPIES = 99
MAX_SHORT = 200  # a material's or a step's name, who acts, a note
MAX_LONG = 5000  # basis, conditions and the other free texts

_PHONE = re.compile(
    r"^(?:"
    r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-?)\d{7,8}(?:-\d{1,6})?"  # landline with area code, extension
    r"|[2-9]\d{6,7}(?:-\d{1,6})?"  # local landline
    r"|1[3-9]\d{9}"  # mobile
    r"|1\d{4}"  # service hotlines: 12345, 12315 …
    r"|[48]00-?\d{3}-?\d{4}"  # 400 / 800 numbers
    r")$"
)
_PHONE_SPLIT = re.compile(r"[、，,；;/]|\s+")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


def limit_text(amount: int, unit: LimitUnit) -> str:
    """``20个工作日``, ``30日``; 0 is 即办 (settled on the spot)."""
    if amount == 0:
        return "即办（当场办结）"
    return f"{amount}{unit.label}"


# --------------------------------------------------------------------------------------------------
# The guide's fields
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    """One entry of the materials list (申请材料目录)."""

    name: str
    form: MaterialForm = MaterialForm.ORIGINAL
    copies: int = 1
    required: bool = True
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "form": self.form.value,
            "copies": self.copies,
            "required": self.required,
            "note": self.note,
        }


@dataclass(frozen=True)
class Step:
    """One step of the procedure (办理流程): what happens, who does it, in how long."""

    name: str
    who: str = ""
    time_limit: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "who": self.who, "time_limit": self.time_limit}


@dataclass(frozen=True)
class GuideHeader:
    """What the guide says about the matter itself (from the 事项 record, not edited with the guide)."""

    name: str
    kind_label: str
    code: str
    agency: str
    department: str = ""


@dataclass(frozen=True)
class GuideContent:
    basis: str  # 设定依据
    conditions: str  # 申请条件
    materials: tuple[Material, ...]
    steps: tuple[Step, ...]
    statutory_limit: int  # 法定办结时限
    statutory_unit: LimitUnit
    promised_limit: int  # 承诺办结时限 (0 = 即办)
    promised_unit: LimitUnit
    charges: bool  # False = 不收费
    fee_standard: str = ""  # 收费标准
    fee_basis: str = ""  # 收费依据
    place: str = ""  # 办理地点
    hours: str = ""  # 办理时间
    methods: str = ""  # 申请方式（窗口、网上、邮寄 …）
    online_url: str = ""  # 网上办理地址
    result: str = ""  # 办理结果（如：《民办学校办学许可证》）
    result_publication: str = ""  # 结果公开（在何处、多长时间内公开）
    contact_phone: str = ""  # 咨询电话
    complaint_phone: str = ""  # 监督投诉电话

    @property
    def fee_text(self) -> str:
        return self.fee_standard if self.charges else FEE_FREE

    @property
    def statutory_text(self) -> str:
        return limit_text(self.statutory_limit, self.statutory_unit)

    @property
    def promised_text(self) -> str:
        return limit_text(self.promised_limit, self.promised_unit)


# --------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------

Errors = dict[str, list[str]]


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def phone_numbers(text: str) -> list[str]:
    """The numbers in a phone field (separated by 、，,；; / or spaces), full-width digits normalised."""
    return [p for p in _PHONE_SPLIT.split(text.translate(_FULL_WIDTH_DIGITS).strip()) if p]


def phone_problems(text: str) -> list[str]:
    """The parts of ``text`` that are not a Chinese telephone number (固定电话、手机、热线、400/800)."""
    return [p for p in phone_numbers(text) if not _PHONE.match(p)]


def promised_within_statutory(content: GuideContent) -> bool:
    """承诺时限不得超过法定时限. Same unit: compare the numbers. Promised in days against statutory working days:
    the days must not exceed the working days (a working day is at least a day, so that is always within).
    Promised in working days against statutory days cannot be checked without the calendar: refused."""
    if content.promised_unit in (content.statutory_unit, LimitUnit.DAYS):
        return content.promised_limit <= content.statutory_limit
    return content.promised_limit == 0


def _validate_materials(errors: Errors, materials: Iterable[Material]) -> None:
    entries = list(materials)
    if not entries:
        _add(errors, "materials", "至少填写一项申请材料。")
    if len(entries) > MAX_LIST_ENTRIES:
        _add(errors, "materials", f"申请材料不能超过{MAX_LIST_ENTRIES}项。")
    seen: set[str] = set()
    for number, material in enumerate(entries, start=1):
        where = f"申请材料第{number}项"
        if not material.name.strip():
            _add(errors, "materials", f"{where}：请填写材料名称。")
        elif len(material.name) > MAX_SHORT:
            _add(errors, "materials", f"{where}：材料名称不能超过{MAX_SHORT}字。")
        elif material.name.strip() in seen:
            _add(errors, "materials", f"{where}：材料“{material.name.strip()}”重复。")
        seen.add(material.name.strip())
        if not 1 <= material.copies <= MAX_COPIES:
            _add(errors, "materials", f"{where}：份数应为1至{MAX_COPIES}。")
        if len(material.note) > MAX_SHORT:
            _add(errors, "materials", f"{where}：备注不能超过{MAX_SHORT}字。")


def _validate_steps(errors: Errors, steps: Iterable[Step]) -> None:
    entries = list(steps)
    if not entries:
        _add(errors, "steps", "至少填写一个办理环节。")
    if len(entries) > MAX_LIST_ENTRIES:
        _add(errors, "steps", f"办理环节不能超过{MAX_LIST_ENTRIES}个。")
    for number, step in enumerate(entries, start=1):
        where = f"办理流程第{number}步"
        if not step.name.strip():
            _add(errors, "steps", f"{where}：请填写环节名称。")
        for label, value in (("环节名称", step.name), ("办理人员（机构）", step.who), ("环节时限", step.time_limit)):
            if len(value) > MAX_SHORT:
                _add(errors, "steps", f"{where}：{label}不能超过{MAX_SHORT}字。")


def _validate_limits(errors: Errors, content: GuideContent) -> None:
    if not 1 <= content.statutory_limit <= MAX_STATUTORY_LIMIT:
        _add(errors, "statutory_limit", f"法定办结时限应为1至{MAX_STATUTORY_LIMIT}。")
    if content.promised_limit < 0:
        _add(errors, "promised_limit", "承诺办结时限不能为负数（即办填0）。")
    elif not promised_within_statutory(content):
        if content.promised_unit == content.statutory_unit:
            message = "承诺时限不得超过法定时限。"
        elif content.promised_unit == LimitUnit.DAYS:
            message = "承诺时限不得超过法定时限（以日计的承诺时限不得超过法定的工作日数）。"
        else:
            message = "承诺时限不得超过法定时限：法定时限以日计的，承诺时限也请以日计。"
        _add(errors, "promised_limit", message)


def _validate_fees(errors: Errors, content: GuideContent) -> None:
    if content.charges:
        if not content.fee_standard.strip():
            _add(errors, "fee_standard", "收费的事项必须填写收费标准。")
        elif content.fee_standard.strip() == FEE_FREE:
            _add(errors, "fee_standard", "收费标准不能是“不收费”；不收费的事项请选择“不收费”。")
        if not content.fee_basis.strip():
            _add(errors, "fee_basis", "收费的事项必须填写收费依据（法律、行政法规或者批准收费的文件）。")
    else:
        if content.fee_standard.strip():
            _add(errors, "fee_standard", "不收费的事项不应填写收费标准。")
        if content.fee_basis.strip():
            _add(errors, "fee_basis", "不收费的事项不应填写收费依据。")


def validate(content: GuideContent) -> Errors:
    """Every rule the guide breaks, by field name, in Chinese; empty when the guide may be saved."""
    errors: Errors = {}
    for name, label in (("basis", "设定依据"), ("conditions", "申请条件"), ("place", "办理地点")):
        if not str(getattr(content, name)).strip():
            _add(errors, name, f"请填写{label}。")
    for name, label in (
        ("basis", "设定依据"),
        ("conditions", "申请条件"),
        ("place", "办理地点"),
        ("hours", "办理时间"),
        ("methods", "申请方式"),
        ("result", "办理结果"),
        ("result_publication", "结果公开"),
        ("fee_standard", "收费标准"),
        ("fee_basis", "收费依据"),
    ):
        if len(str(getattr(content, name))) > MAX_LONG:
            _add(errors, name, f"{label}不能超过{MAX_LONG}字。")
    _validate_materials(errors, content.materials)
    _validate_steps(errors, content.steps)
    _validate_limits(errors, content)
    _validate_fees(errors, content)
    if not content.contact_phone.strip():
        _add(errors, "contact_phone", "请填写咨询电话。")
    for name, label in (("contact_phone", "咨询电话"), ("complaint_phone", "监督投诉电话")):
        bad = phone_problems(getattr(content, name))
        if bad:
            _add(
                errors,
                name,
                f"{label}“{'、'.join(bad)}”格式不正确，应为固定电话（如 0571-87654321）、手机号码或服务热线。",
            )
    if content.online_url.strip() and not re.match(r"^https?://\S+$", content.online_url.strip()):
        _add(errors, "online_url", "网上办理地址应以 http:// 或 https:// 开头。")
    return errors


# --------------------------------------------------------------------------------------------------
# The one-per-line text format of the back-office form
# --------------------------------------------------------------------------------------------------

SEPARATOR = re.compile(r"\s*[|｜]\s*")
_FORMS_BY_LABEL: dict[str, MaterialForm] = {label: form for form, label in MATERIAL_FORM_LABELS.items()}
_FORMS_BY_LABEL.update(
    {"原件和复印件": MaterialForm.BOTH, "原件、复印件": MaterialForm.BOTH, "电子版": MaterialForm.ELECTRONIC}
)
_REQUIRED = {
    "必需": True,
    "必须": True,
    "是": True,
    "非必需": False,
    "非必须": False,
    "容缺": False,
    "否": False,
}
_MATERIAL_FIELDS = 5
_STEP_FIELDS = 3
MATERIALS_FORMAT = "每行一项：材料名称｜原件/复印件/原件及复印件/电子件｜份数｜必需/非必需｜备注（后四项可省略）"
STEPS_FORMAT = "每行一步：环节名称｜办理人员（机构）｜环节时限（后两项可省略）"


def parse_materials(text: str) -> tuple[tuple[Material, ...], list[str]]:
    """Materials typed one per line (``MATERIALS_FORMAT``); errors name the line and what is wrong."""
    found: list[Material] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = SEPARATOR.split(raw.strip())
        where = f"申请材料第{number}行"
        if len(parts) > _MATERIAL_FIELDS:
            errors.append(f"{where}：最多五项，用“｜”分隔（{MATERIALS_FORMAT}）。")
            continue
        parts += [""] * (_MATERIAL_FIELDS - len(parts))
        name, form_text, copies_text, required_text, note = parts
        form = _FORMS_BY_LABEL.get(form_text or "原件")
        if form is None:
            errors.append(f"{where}：材料形式“{form_text}”应为原件、复印件、原件及复印件或电子件。")
        typed_copies = copies_text
        copies_text = copies_text.removesuffix("份").translate(_FULL_WIDTH_DIGITS) or "1"
        if not copies_text.isdigit():
            errors.append(f"{where}：份数“{typed_copies}”应为正整数。")
        required = _REQUIRED.get(required_text or "必需")
        if required is None:
            errors.append(f"{where}：“{required_text}”应为必需或非必需。")
        if not name:
            errors.append(f"{where}：请填写材料名称。")
        if form is not None and copies_text.isdigit() and required is not None and name:
            found.append(Material(name, form, int(copies_text), required, note))
    return tuple(found), errors


def parse_steps(text: str) -> tuple[tuple[Step, ...], list[str]]:
    """Steps typed one per line (``STEPS_FORMAT``)."""
    found: list[Step] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = SEPARATOR.split(raw.strip())
        where = f"办理流程第{number}行"
        if len(parts) > _STEP_FIELDS:
            errors.append(f"{where}：最多三项，用“｜”分隔（{STEPS_FORMAT}）。")
            continue
        parts += [""] * (_STEP_FIELDS - len(parts))
        if not parts[0]:
            errors.append(f"{where}：请填写环节名称。")
            continue
        found.append(Step(parts[0], parts[1], parts[2]))
    return tuple(found), errors


def materials_text(materials: Iterable[Material]) -> str:
    """The materials in the one-per-line format (what ``parse_materials`` reads back)."""
    lines = []
    for m in materials:
        parts = [m.name, m.form.label, f"{m.copies}份", "必需" if m.required else "非必需", m.note]
        lines.append("｜".join(parts).rstrip("｜"))
    return "\n".join(lines)


def steps_text(steps: Iterable[Step]) -> str:
    return "\n".join(f"{s.name}｜{s.who}｜{s.time_limit}".rstrip("｜") for s in steps)


def materials_from_data(data: Iterable[dict[str, object]]) -> tuple[Material, ...]:
    """Stored JSON entries back to ``Material`` (unknown forms read as 原件)."""
    result = []
    for entry in data:
        form_value = str(entry.get("form", MaterialForm.ORIGINAL.value))
        form = MaterialForm(form_value) if form_value in MaterialForm.__members__.values() else MaterialForm.ORIGINAL
        copies = entry.get("copies", 1)
        result.append(
            Material(
                name=str(entry.get("name", "")),
                form=form,
                copies=copies if isinstance(copies, int) else 1,
                required=bool(entry.get("required", True)),
                note=str(entry.get("note", "")),
            )
        )
    return tuple(result)


def steps_from_data(data: Iterable[dict[str, object]]) -> tuple[Step, ...]:
    return tuple(Step(str(e.get("name", "")), str(e.get("who", "")), str(e.get("time_limit", ""))) for e in data)


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------


def _paragraphs(text: str) -> str:
    """Plain text → escaped ``<p>`` per line (blank lines dropped)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines) or "<p>—</p>"


def _esc(text: str) -> str:
    return html.escape(text) if text.strip() else "—"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    html: str  # escaped, safe to mark safe; uses only tags the item body allows


def _materials_table(materials: Iterable[Material]) -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td>{html.escape(m.name)}</td><td>{m.form.label}</td><td>{m.copies}</td>"
        f"<td>{'必需' if m.required else '非必需'}</td><td>{_esc(m.note)}</td></tr>"
        for n, m in enumerate(materials, start=1)
    )
    return (
        "<table><thead><tr><th>序号</th><th>材料名称</th><th>材料形式</th><th>份数</th><th>是否必需</th>"
        f"<th>备注</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _steps_list(steps: Iterable[Step]) -> str:
    items = []
    for step in steps:
        parts = [f"办理：{step.who}" if step.who else "", f"时限：{step.time_limit}" if step.time_limit else ""]
        extra = "，".join(p for p in parts if p)
        suffix = f"（{html.escape(extra)}）" if extra else ""
        items.append(f"<li><strong>{html.escape(step.name)}</strong>{suffix}</li>")
    return f"<ol>{''.join(items)}</ol>"


PHONES_ELSEWHERE = "咨询电话和监督投诉电话见本页“咨询和监督”栏。"


def sections(header: GuideHeader, content: GuideContent, *, phones: bool = True) -> tuple[Section, ...]:
    """The guide's sections in the order the public reads them.

    ``phones=False`` (the item body) leaves the telephone numbers out: the pre-publication screening
    flags every telephone number as possible personal data, and an office number is shown from the
    structured fields instead."""
    facts = [
        ("事项名称", header.name),
        ("事项类型", header.kind_label),
        ("事项编码", header.code),
        ("实施机关", header.agency),
        ("承办机构", header.department),
    ]
    overview = "".join(f"<tr><th>{k}</th><td>{_esc(v)}</td></tr>" for k, v in facts)
    limits = (
        f"<p>法定办结时限：{html.escape(content.statutory_text)}</p>"
        f"<p>承诺办结时限：{html.escape(content.promised_text)}</p>"
    )
    fees = f"<p>收费标准：{html.escape(content.fee_text)}</p>"
    if content.charges:
        fees += f"<p>收费依据：{html.escape(content.fee_basis)}</p>"
    where = (
        f"<p>办理地点：{_esc(content.place)}</p><p>办理时间：{_esc(content.hours)}</p>"
        f"<p>申请方式：{_esc(content.methods)}</p>"
    )
    if content.online_url.strip():
        url = html.escape(content.online_url.strip())
        where += f'<p>网上办理：<a href="{url}">{url}</a></p>'
    contact = f"<p>咨询电话：{_esc(content.contact_phone)}</p><p>监督投诉电话：{_esc(content.complaint_phone)}</p>"
    if not phones:
        contact = f"<p>{PHONES_ELSEWHERE}</p>"
    return (
        Section("overview", "基本信息", f"<table><tbody>{overview}</tbody></table>"),
        Section("basis", "设定依据", _paragraphs(content.basis)),
        Section("conditions", "申请条件", _paragraphs(content.conditions)),
        Section("materials", "申请材料", _materials_table(content.materials)),
        Section("steps", "办理流程", _steps_list(content.steps)),
        Section("limits", "办理时限", limits),
        Section("fees", "收费标准及依据", fees),
        Section("where", "办理地点、时间和方式", where),
        Section("result", "办理结果", _paragraphs(content.result)),
        Section("publication", "结果公开", _paragraphs(content.result_publication)),
        Section("contact", "咨询和监督", contact),
    )


def body_html(header: GuideHeader, content: GuideContent) -> str:
    """The item body: every section under an ``<h2>`` heading (numbered 一、二、…), telephone numbers left
    out (see ``sections``)."""
    numbers = "一二三四五六七八九十"
    parts = []
    for n, section in enumerate(sections(header, content, phones=False)):
        label = f"{numbers[n]}、{section.title}" if n < len(numbers) else section.title
        parts.append(f"<h2>{label}</h2>{section.html}")
    return "".join(parts)


def summary_text(header: GuideHeader, content: GuideContent) -> str:
    """The item summary: one sentence with the limits and fees."""
    return (
        f"{header.agency}{header.kind_label}事项“{header.name}”的办事指南：法定办结时限{content.statutory_text}，"
        f"承诺办结时限{content.promised_text}，{'收费：' + content.fee_text if content.charges else FEE_FREE}。"
    )


# --- the one-page print layout ---------------------------------------------------------------------

PRINT_NORMAL = "normal"
PRINT_COMPACT = "compact"
PRINT_DENSE = "dense"
_COMPACT_FROM = 1800  # characters of text on the page
_DENSE_FROM = 2800


@dataclass(frozen=True)
class PrintLayout:
    """What the one-page A4 print shows: a title, a facts grid, two columns of sections, the footer."""

    title: str
    facts: tuple[tuple[str, str], ...]
    left: tuple[Section, ...]
    right: tuple[Section, ...]
    footer: str
    density: str = PRINT_NORMAL  # the print CSS shrinks type for long guides so they stay on one page
    characters: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def _text_length(content: GuideContent) -> int:
    texts = [content.basis, content.conditions, content.result, content.result_publication, content.methods]
    texts += [f"{m.name}{m.note}" for m in content.materials]
    texts += [f"{s.name}{s.who}{s.time_limit}" for s in content.steps]
    return sum(len(t) for t in texts) + 20 * (len(content.materials) + len(content.steps))


def print_layout(header: GuideHeader, content: GuideContent, *, version: str = "") -> PrintLayout:
    """The print page's data: key facts on top, conditions and materials on the left, procedure, limits,
    result and contact on the right; type shrinks for long guides (``density``)."""
    by_key = {s.key: s for s in sections(header, content)}
    facts = (
        ("事项类型", header.kind_label),
        ("事项编码", header.code or "—"),
        ("实施机关", header.agency),
        ("承办机构", header.department or "—"),
        ("法定时限", content.statutory_text),
        ("承诺时限", content.promised_text),
        ("收费", content.fee_text),
        ("咨询电话", content.contact_phone or "—"),
    )
    characters = _text_length(content)
    density = PRINT_NORMAL
    notes: list[str] = []
    if characters >= _DENSE_FROM:
        density = PRINT_DENSE
        notes.append("指南内容较多，打印时已缩小字号；如仍超过一页，请精简申请条件或材料备注。")
    elif characters >= _COMPACT_FROM:
        density = PRINT_COMPACT
    return PrintLayout(
        title=f"{header.name}办事指南",
        facts=facts,
        left=tuple(by_key[k] for k in ("basis", "conditions", "materials")),
        right=tuple(by_key[k] for k in ("steps", "fees", "where", "result", "publication", "contact")),
        footer=f"{header.agency}{'　' + version if version else ''}",
        density=density,
        characters=characters,
        notes=tuple(notes),
    )
