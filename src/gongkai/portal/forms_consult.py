"""The public forms of consultations (咨询 / 局长信箱 / 网站留言): leaving a message, the status lookup and
the rating of a reply.

The forms only shape the input (choices, lengths, the honeypot); the rules are the services'
(``consultations.services.intake.enquiry_submit_online``, ``rating.enquiry_rate``), whose Chinese
``ValidationError`` messages ``submit`` puts back on the fields they concern.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.consultations.models import Enquiry, Source
from gongkai.consultations.selectors import rating_choices
from gongkai.consultations.services.common import MAX_QUESTION
from gongkai.consultations.services.intake import enquiry_submit_online
from gongkai.service_errors import add_service_errors

HONEYPOT_FIELD = "homepage"
GENERIC_ERROR = "提交未成功，请检查填写的内容后重新提交。"
COMMENT_MAX_CHARS = 500


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
    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)


class AskForm(_ChineseForm):
    """A message to the agency through one of its public channels (局长信箱, 网站留言 …)."""

    source = forms.ModelChoiceField(
        label="留言渠道",
        queryset=Source.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言渠道。", "invalid_choice": "请选择留言渠道。"},
    )
    subject = _text("标题", 100, help_text="一句话概括您的问题；不填写的，以咨询内容的开头作为标题。")
    question = forms.CharField(
        label="咨询内容",
        max_length=MAX_QUESTION,
        help_text=f"请写明您想咨询或反映的事项，不超过{MAX_QUESTION}字。",
        error_messages={"required": "请填写咨询内容。", "max_length": f"咨询内容不能超过{MAX_QUESTION}字。"},
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": str(MAX_QUESTION)}),
    )
    name = _text("姓名", 50, autocomplete="name")
    phone = _text("联系电话", 40, autocomplete="tel", inputmode="tel")
    email = _text(
        "电子邮箱", 254, autocomplete="email", inputmode="email", help_text="填写的，提交后和答复后会收到提醒邮件。"
    )
    publish_consent = forms.BooleanField(
        label="同意在门户网站公开本次咨询内容及答复（公开前删除姓名、联系方式等个人信息）",
        required=False,
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    homepage = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, sources: QuerySet[Source], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        first = sources.first()
        if first is not None and not self.is_bound and "source" not in self.initial:
            self.initial["source"] = first.pk

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, ""))

    def submit(self, *, agency: Agency, submitted_from: str, status_url: str) -> tuple[Enquiry, str] | None:
        """Save through the intake service; on its refusal, the errors go on the form and ``None`` returns."""
        data = self.cleaned_data
        try:
            return enquiry_submit_online(
                agency=agency,
                source=data["source"],
                question=data["question"],
                subject=data.get("subject", ""),
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                publish_consent=bool(data.get("publish_consent")),
                submitted_from=submitted_from,
                status_url=status_url,
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None


class AskTrackForm(_ChineseForm):
    """Status lookup of an enquiry: the tracking code and the password shown once after submission."""

    code = forms.CharField(
        label="查询码",
        max_length=30,
        help_text="如：ZX2026-AB3CD4EF",
        error_messages={"required": "请填写查询码。", "max_length": "查询码不正确。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": "30"}),
    )
    secret = forms.CharField(
        label="查询密码",
        max_length=64,
        help_text="提交成功页面上显示的查询密码（电话、来信、来访的，由工作人员告知），区分大小写。",
        error_messages={"required": "请填写查询密码。", "max_length": "查询密码不正确。"},
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "maxlength": "64"}),
    )


class RateForm(_ChineseForm):
    """The asker's rating of the latest reply, once per reply."""

    rating = forms.ChoiceField(
        label="您对本次答复的评价",
        choices=rating_choices(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择满意、基本满意或不满意。",
            "invalid_choice": "请选择满意、基本满意或不满意。",
        },
    )
    comment = forms.CharField(
        label="评价意见",
        required=False,
        max_length=COMMENT_MAX_CHARS,
        help_text="选填；不满意的，请说明理由，以便重新办理。",
        error_messages={"max_length": f"评价意见不能超过{COMMENT_MAX_CHARS}字。"},
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(COMMENT_MAX_CHARS)}),
    )
