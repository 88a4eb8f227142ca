"""The public online application form (依申请公开, 《政府信息公开条例》 Art. 29).

The form only shapes the input (choices, lengths, the consent box, the honeypot); the rules of a valid
application are the model's (``Application.clean`` via ``application_submit_online``), whose errors
``submit`` maps back onto the fields. Fields of the other applicant kind are blanked before saving
(they stay in the re-rendered form), so a natural person's application never stores a stray credit code.
"""

from django import forms
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.inforequests.choices import DeliveryWanted, FormWanted, IdType
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.intake import APPLICANT_FIELDS, application_submit_online
from gongkai.rules.outcomes import ORGANISATION_HEADER, ApplicantType
from gongkai.service_errors import add_service_errors

DESCRIPTION_MAX_CHARS = 5000
HONEYPOT_FIELD = "website"
PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "legal_representative", "contact_person")
GENERIC_ERROR = "提交未成功，请检查填写的内容后重新提交。"

APPLICANT_TYPE_CHOICES = [
    (ApplicantType.NATURAL_PERSON.value, ApplicantType.NATURAL_PERSON.label),
    (
        ORGANISATION_HEADER,
        [(kind.value, kind.label) for kind in ApplicantType if kind.is_organisation],
    ),
]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _text(label: str, max_length: int, *, required: bool = False, help_text: str = "", **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"max_length": f"{label}不能超过{max_length}个字符。", "required": f"请填写{label}。"},
        widget=forms.TextInput(attrs={"maxlength": str(max_length), **attrs}),
    )


class _ChineseForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)


class ApplyForm(_ChineseForm):
    required_css_class = "required"
    error_css_class = "has-error"

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=APPLICANT_TYPE_CHOICES,
        initial=ApplicantType.NATURAL_PERSON.value,
        widget=forms.RadioSelect,
        error_messages=_required("请选择申请人类型。") | {"invalid_choice": "请选择申请人类型。"},
    )
    name = _text("姓名或名称", 100, required=True, autocomplete="name")
    # 自然人
    id_type = forms.ChoiceField(
        label="身份证件类型",
        choices=[("", "请选择"), *IdType.choices],
        required=False,
        initial=IdType.RESIDENT_ID.value,
        error_messages={"invalid_choice": "请选择身份证件类型。"},
    )
    id_number = _text(
        "身份证件号码", 40, help_text="居民身份证号码为18位，最后一位可以是X。", autocomplete="off", spellcheck="false"
    )
    # 法人或其他组织
    credit_code = _text(
        "统一社会信用代码", 18, help_text="18位，见营业执照或登记证书。", autocomplete="off", spellcheck="false"
    )
    legal_representative = _text("法定代表人或负责人", 50)
    contact_person = _text("联系人", 50, help_text="与法定代表人或负责人不同时填写。")
    # 联系方式
    phone = _text("联系电话", 40, autocomplete="tel", inputmode="tel")
    email = _text("电子邮箱", 254, autocomplete="email", inputmode="email")
    address = _text("通信地址", 200, autocomplete="street-address")
    postcode = _text("邮政编码", 6, autocomplete="postal-code", inputmode="numeric")
    # 所需信息
    description = forms.CharField(
        label="所需信息的内容描述",
        max_length=DESCRIPTION_MAX_CHARS,
        help_text=f"请尽量具体地描述所需的政府信息，不超过{DESCRIPTION_MAX_CHARS}字。无需说明申请用途。",
        error_messages={
            "required": "请填写所需信息的内容描述。",
            "max_length": f"所需信息的内容描述不能超过{DESCRIPTION_MAX_CHARS}字。",
        },
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": str(DESCRIPTION_MAX_CHARS)}),
    )
    document_hint = _text(
        "信息名称、文号或其他特征", 300, help_text="如知道，请填写文件名称、文号、发布时间等便于查找的特征。"
    )
    form_wanted = forms.ChoiceField(
        label="获取信息的形式",
        choices=FormWanted.choices,
        widget=forms.RadioSelect,
        error_messages=_required("请选择获取信息的形式。") | {"invalid_choice": "请选择获取信息的形式。"},
    )
    delivery_wanted = forms.ChoiceField(
        label="获取信息的方式",
        choices=DeliveryWanted.choices,
        widget=forms.RadioSelect,
        error_messages=_required("请选择获取信息的方式。") | {"invalid_choice": "请选择获取信息的方式。"},
    )
    consent = forms.BooleanField(
        label="我同意本申请中的个人信息仅用于办理本次政府信息公开申请。",
        error_messages=_required("请勾选同意个人信息仅用于办理本次申请，否则无法提交。"),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, ""))

    def is_organisation(self) -> bool:
        try:
            return ApplicantType(self.cleaned_data.get("applicant_type", "")).is_organisation
        except ValueError:
            return False

    def application_fields(self) -> dict[str, str]:
        """The cleaned input for the intake service; the other applicant kind's fields blanked."""
        skipped = PERSON_FIELDS if self.is_organisation() else ORGANISATION_FIELDS
        fields = {name: self.cleaned_data.get(name, "") for name in APPLICANT_FIELDS}
        return {name: ("" if name in skipped else value) for name, value in fields.items()}

    def add_model_errors(self, error: ValidationError) -> None:
        """Put the model's messages on the fields they concern (the rest at the top of the form)."""
        add_service_errors(self, error)

    def submit(self, *, agency: Agency, submitted_from: str, status_url: str) -> tuple[Application, str] | None:
        """Save through the intake service; on a model error, add it to the form and return ``None``."""
        try:
            return application_submit_online(
                agency=agency, submitted_from=submitted_from, status_url=status_url, **self.application_fields()
            )
        except ValidationError as error:
            self.add_model_errors(error)
            return None


class TrackForm(_ChineseForm):
    """Status lookup: the tracking code and the secret shown once after submission."""

    code = forms.CharField(
        label="查询码",
        max_length=30,
        help_text="如：2026-AB3CD4EF",
        error_messages={"required": "请填写查询码。", "max_length": "查询码不正确。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": "30"}),
    )
    secret = forms.CharField(
        label="查询密码",
        max_length=64,
        help_text="提交成功页面上显示的查询密码，区分大小写。",
        error_messages={"required": "请填写查询密码。", "max_length": "查询密码不正确。"},
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "maxlength": "64"}),
    )
