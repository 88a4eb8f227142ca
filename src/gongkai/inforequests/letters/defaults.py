"""The built-in letter templates (Django template syntax over the context of ``letters.context``).

Agencies override them per kind, and for replies per outcome (``LetterTemplate``); these texts apply
where no override exists. Pure Python: no Django import.

Wording follows 《中华人民共和国政府信息公开条例》 (cited in full once, then as 《条例》): the day of
receipt with its Art. 31 basis, the request, the decision with its article (``spec(outcome).article``),
the reasons for anything not provided, and for every reply the remedies (行政复议 within 60 days,
行政诉讼 within 6 months). Everything the office must still supply appears as 【请填写…】, which blocks
issuing. The number and the signature block (agency, date) are added when the letter is laid out, from
the letter's own fields: they are fixed only when the letter is issued.
"""

from gongkai.inforequests.letters.kinds import LetterKind
from gongkai.rules.outcomes import Outcome

REGULATION_FULL = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"

_ADDRESSEE = "{{ addressee }}："
_RECEIVED = (
    "本机关于{{ received_on }}收到{{ you }}依据" + REGULATION_FULL + "提出的政府信息公开申请，"
    "申请获取“{{ description }}”{% if document_hint %}（{{ document_hint }}）{% endif %}的政府信息。"
    "{{ receipt_rule }}。"
)
_CONTACT = (
    "{% if agency.phone %}联系电话：{{ agency.phone }}{% if agency.office_name %}（{{ agency.office_name }}）"
    "{% endif %}。{% endif %}"
)

REMEDIES = (
    "{{ you }}如对本答复不服，可以自收到本告知书之日起60日内，依照《中华人民共和国行政复议法》的规定"
    "申请行政复议；或者自收到本告知书之日起6个月内，依照《中华人民共和国行政诉讼法》的规定"
    "向人民法院提起行政诉讼。"
)

SIGNATURE_DATE_PENDING = "（签发日期）"


def _lines(*paragraphs: str) -> str:
    return "\n".join(paragraphs)


def signature_lines(signatory: str, date_text: str) -> tuple[str, str]:
    """The signature block, right-aligned under the text: the agency's name, then the date of issue."""
    return (signatory, date_text or SIGNATURE_DATE_PENDING)


# --- letters other than replies ----------------------------------------------------------------------

_ACKNOWLEDGEMENT = _lines(
    _ADDRESSEE,
    _RECEIVED,
    "申请查询码：{{ tracking_code }}。请妥善保存，可凭查询码查询办理进度。",
    "根据《条例》第三十三条的规定，本机关不能当场答复的，将自收到申请之日起20个工作日内予以答复"
    "{% if reply_due %}（即{{ reply_due }}前）{% endif %}；需要延长答复期限的，经政府信息公开工作机构负责人同意"
    "并告知{{ you }}，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在答复期限内。",
    "申请内容不明确的，本机关将在收到申请之日起7个工作日内一次性告知{{ you }}作出补正（《条例》第三十条）。",
    _CONTACT,
)

_CORRECTION = _lines(
    _ADDRESSEE,
    _RECEIVED,
    "经审查，{{ you }}的申请内容不明确，本机关无法据此确定{{ you }}所需要的政府信息。"
    "根据《条例》第三十条的规定，现一次性告知{{ you }}需要补正的事项和补正期限。",
    "需要补正的事项：{{ correction.items }}",
    "补正期限：{{ correction.workdays }}个工作日，请于{{ correction.deadline }}前向本机关提交补正后的申请。"
    "答复期限自本机关收到补正的申请之日起计算。",
    "{{ you }}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    _CONTACT,
)

_CONSULTATION_TITLE = (
    "{% if consultation.is_agency %}政府信息公开征求意见函{% else %}政府信息公开征求第三方意见函{% endif %}"
)
_CONSULTATION = _lines(
    _ADDRESSEE,
    "本机关于{{ received_on }}收到一份政府信息公开申请，"
    "{% if consultation.is_agency %}申请公开的政府信息由本机关与{{ consultation.you }}共同制作。"
    "{% else %}申请公开的政府信息涉及{{ consultation.you }}的合法权益，公开可能损害{{ consultation.you }}的"
    "合法权益。{% endif %}",
    "征求意见的事项：{{ consultation.subject }}",
    "{% if consultation.is_agency %}"
    "根据" + REGULATION_FULL + "第三十四条的规定，现征求{{ consultation.you }}意见。"
    "请{{ consultation.you }}自收到本函之日起15个工作日内（{{ consultation.deadline }}前）提出书面意见。"
    "逾期未提出意见的，视为同意公开。"
    "{% else %}"
    "根据" + REGULATION_FULL + "第三十二条的规定，现书面征求{{ consultation.you }}意见。"
    "请{{ consultation.you }}自收到本函之日起15个工作日内（{{ consultation.deadline }}前）以书面形式"
    "提出是否同意公开的意见；不同意公开的，请说明理由。",
    "{{ consultation.you }}逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。"
    "{{ consultation.you }}不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成"
    "重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知{{ consultation.you }}。"
    "{% endif %}",
    _CONTACT,
)

_EXTENSION = _lines(
    _ADDRESSEE,
    _RECEIVED,
    "本机关不能在收到申请之日起20个工作日内作出答复。延期理由：{{ extension.reason }}",
    "根据《条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
    "{{ extension.workdays }}个工作日，本机关将于{{ extension.new_due }}前作出答复。",
    "特此告知。",
    _CONTACT,
)

_FEE = _lines(
    _ADDRESSEE,
    _RECEIVED,
    "经审查，{{ you }}申请公开政府信息的数量、频次明显超过合理范围，本机关依法收取信息处理费。"
    "收费理由：{{ fee.reason }}",
    "收费依据：《条例》第四十二条、{{ fee.legal_basis }}。",
    "计费方式和计算：{{ fee.text }}",
    "应缴金额：人民币{{ fee.amount }}元。",
    "缴纳方式：{{ fee.payment_method }}",
    "请{{ you }}自收到本通知之次日起20个工作日内缴纳{% if fee.payment_due %}（即{{ fee.payment_due }}前）"
    "{% endif %}。本机关在{{ you }}缴纳信息处理费后提供政府信息。{{ you }}逾期未缴纳的，视为放弃申请，"
    "本机关不再处理该政府信息公开申请。",
    "{% if fee.time_excluded %}自本机关发出收费通知至{{ you }}缴纳费用的期间，不计算在答复期限内。{% endif %}",
    _CONTACT,
)

# --- replies: one frame, one decision per outcome ----------------------------------------------------

_REASONS = "理由：{{ reasons }}"
_OPTIONAL_REASONS = "{% if reasons %}说明：{{ reasons }}{% endif %}"
_REFUSAL = (
    "经审查，{{ you }}申请获取的政府信息属于不予公开的情形：{{ ground.label }}。根据{{ article }}的规定，"
    "本机关决定不予公开。\n" + _REASONS
)

DECISIONS: dict[Outcome, str] = {
    Outcome.GRANTED: (
        "经审查，{{ you }}申请获取的政府信息属于可以公开的政府信息。根据{{ article }}的规定，本机关决定予以公开。"
        "{{ provision }}"
    ),
    Outcome.GRANTED_ALREADY_PUBLIC: (
        "经审查，{{ you }}申请获取的政府信息本机关已经主动公开。根据{{ article }}的规定，"
        "现告知{{ you }}获取该政府信息的方式和途径：{{ public_location }}"
    ),
    Outcome.PARTIALLY_GRANTED: (
        "经审查，{{ you }}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据{{ article }}的规定，"
        "本机关对可以公开的部分予以公开。{{ provision }}\n"
        "不予公开的部分：{{ withheld_description }}\n"
        "不予公开的依据：{% for g in withheld_grounds %}{{ g.label }}（{{ g.article }}）"
        "{% if not forloop.last %}；{% endif %}{% empty %}"
        "{{ withheld_grounds_missing }}"
        "{% endfor %}。\n" + _REASONS
    ),
    Outcome.REFUSED_STATE_SECRET: _REFUSAL,
    Outcome.REFUSED_PROHIBITED_BY_LAW: _REFUSAL,
    Outcome.REFUSED_THREE_SAFETIES_ONE_STABILITY: _REFUSAL,
    Outcome.REFUSED_THIRD_PARTY_RIGHTS: _REFUSAL,
    Outcome.REFUSED_INTERNAL_AFFAIRS: _REFUSAL,
    Outcome.REFUSED_PROCESS_INFO: _REFUSAL,
    Outcome.REFUSED_ENFORCEMENT_FILES: _REFUSAL,
    Outcome.REFUSED_ADMINISTRATIVE_QUERY: (
        "经审查，{{ you }}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
        "根据{{ article }}的规定，请{{ you }}依照有关法律、行政法规的规定办理。\n" + _REASONS
    ),
    Outcome.NOT_HELD: (
        "经检索，本机关没有{{ you }}所申请公开的信息。根据{{ article }}的规定，现告知{{ you }}该政府信息不存在。\n"
        "检索情况：{{ reasons }}"
    ),
    Outcome.NOT_THIS_AGENCY: (
        "经审查，{{ you }}所申请公开的信息不属于本机关负责公开。根据{{ article }}的规定，现予告知。\n"
        + _REASONS
        + "\n{% if responsible_agency_name %}负责公开该政府信息的行政机关为{{ responsible_agency_name }}"
        "{% if responsible_agency_contact %}（联系方式：{{ responsible_agency_contact }}）{% endif %}，"
        "{{ you }}可以向该机关提出申请。{% endif %}"
    ),
    Outcome.NEEDS_CREATION: (
        "经审查，{{ you }}申请获取的信息需要本机关对现有政府信息进行加工、分析。行政机关向申请人提供的信息，"
        "应当是已制作或者获取的政府信息；需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。"
        "根据{{ article }}的规定，本机关不予提供。\n" + _REASONS
    ),
    Outcome.UNCLEAR_AFTER_CORRECTION: (
        "本机关已{% if correction.notice_on %}于{{ correction.notice_on }}{% endif %}"
        "一次性告知{{ you }}对申请内容作出补正。经审查，补正后的申请内容仍不明确，"
        "本机关无法确定{{ you }}所需要的政府信息。根据{{ article }}的规定，"
        "本机关无法提供。\n" + _REASONS
    ),
    Outcome.PETITION_COMPLAINT: (
        "经审查，{{ you }}以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{ article }}的规定，"
        "本机关不作为政府信息公开申请处理，{{ you }}可以通过信访、投诉、举报等相应渠道提出。\n" + _OPTIONAL_REASONS
    ),
    Outcome.REPEATED: (
        "经审查，本机关已就{{ you }}提出的政府信息公开申请作出答复，{{ you }}重复申请公开相同政府信息。"
        "根据{{ article }}的规定，本机关不予重复处理。\n" + _OPTIONAL_REASONS
    ),
    Outcome.PUBLICATIONS: (
        "经审查，{{ you }}的申请内容为要求提供政府公报、报刊、书籍等公开出版物。根据{{ article }}的规定，"
        "本机关不作为政府信息公开申请处理。{% if public_location %}获取途径：{{ public_location }}{% endif %}\n"
        + _OPTIONAL_REASONS
    ),
    Outcome.EXCESSIVE: (
        "经审查，{{ you }}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{{ you }}说明理由，"
        "经审查认为申请理由不合理。根据{{ article }}的规定，本机关不予处理。\n" + _REASONS
    ),
    Outcome.CONFIRMATION_REQUEST: (
        "经审查，{{ you }}的申请系要求本机关对已获取的信息进行确认或者重新出具。{{ article }}"
        "本机关不作为政府信息公开申请处理。\n" + _OPTIONAL_REASONS
    ),
    Outcome.OVERDUE_CORRECTION: (
        "本机关已{% if correction.notice_on %}于{{ correction.notice_on }}{% endif %}一次性告知{{ you }}对申请内容"
        "作出补正{% if correction.deadline_known %}，补正期限至{{ correction.deadline }}{% endif %}。"
        "{{ you }}无正当理由逾期未补正。根据{{ article }}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    Outcome.FEE_NOT_PAID: (
        "本机关已{% if fee.notice_on %}于{{ fee.notice_on }}{% endif %}向{{ you }}发出收费通知，{{ you }}未在规定期限"
        "{% if fee.payment_due %}（{{ fee.payment_due }}前）{% endif %}内缴纳信息处理费。根据{{ article }}的规定，"
        "视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    Outcome.WITHDRAWN: ("处理依据：{{ article }}{{ you }}已撤回该政府信息公开申请，本机关终止对该申请的处理。"),
    Outcome.OTHER_HANDLING: (
        "经审查，本机关对{{ you }}的申请处理如下：{{ reasons }}\n处理依据：【请填写处理依据：{{ article }}】"
    ),
}

_REPLY_FRAME = _lines(_ADDRESSEE, _RECEIVED + "现答复如下：", "{decision}", REMEDIES, _CONTACT)

TITLES: dict[LetterKind, str] = {
    LetterKind.ACKNOWLEDGEMENT: "政府信息公开申请受理回执",
    LetterKind.CORRECTION_NOTICE: "政府信息公开申请补正告知书",
    LetterKind.CONSULTATION: _CONSULTATION_TITLE,
    LetterKind.EXTENSION_NOTICE: "政府信息公开申请延期答复告知书",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复告知书",
}

_BODIES: dict[LetterKind, str] = {
    LetterKind.ACKNOWLEDGEMENT: _ACKNOWLEDGEMENT,
    LetterKind.CORRECTION_NOTICE: _CORRECTION,
    LetterKind.CONSULTATION: _CONSULTATION,
    LetterKind.EXTENSION_NOTICE: _EXTENSION,
    LetterKind.FEE_NOTICE: _FEE,
}


def default_template(kind: LetterKind, outcome: Outcome | None = None) -> tuple[str, str]:
    """The built-in (title, body) template of a kind; replies need the outcome."""
    if kind is LetterKind.REPLY:
        if outcome is None:
            raise ValueError("答复告知书须按处理结果选择模板")
        return TITLES[kind], _REPLY_FRAME.replace("{decision}", DECISIONS[outcome])
    return TITLES[kind], _BODIES[kind]
