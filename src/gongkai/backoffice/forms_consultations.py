"""Forms of the back-office consultation pages (咨询 / 局长信箱 / 热线 / 交办件): staff registration, one
form per handling action, the figures period and the conversion of an application into an enquiry.

The forms only shape the input (choices, dates); the rules are the services' (``consultations.services``).
Each action form's ``submit`` calls its service and puts the service's Chinese ``ValidationError``
messages on the fields they concern, so the page is shown again with the errors and what was typed.
A ``PermissionDenied`` from a service is not caught: it is the 403 page.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Department
from gongkai.backoffice.forms_common import ServiceActionForm, add_service_errors, area_field
from gongkai.backoffice.forms_common import choice_field as _choice
from gongkai.backoffice.forms_common import date_field as _date
from gongkai.backoffice.forms_common import text_field as _text
from gongkai.consultations.models import Category, Enquiry, Source
from gongkai.consultations.selectors import active_categories, handlers_at, registration_sources
from gongkai.consultations.services.common import MAX_QUESTION, MAX_REPLY
from gongkai.consultations.services.conversion import (
    applicant_defaults,
    application_convert_to_enquiry,
    enquiry_convert_to_application,
)
from gongkai.consultations.services.handling import (
    enquiry_assign,
    enquiry_categorise,
    enquiry_close,
    enquiry_void,
    enquiry_withdraw,
    reply_approve,
    reply_draft,
    reply_return,
    reply_send,
    reply_submit_for_review,
)
from gongkai.consultations.services.intake import enquiry_register
from gongkai.consultations.services.publication import enquiry_publish, enquiry_unpublish, suggest_public_texts
from gongkai.consultations.services.rating import enquiry_reopen
from gongkai.consultations.sources import SourceKind, suggested_channel
from gongkai.consultations.states import TransitionError
from gongkai.inforequests.choices import DeliveryWanted, FormWanted, IdType
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.intake import APPLICANT_FIELDS
from gongkai.rules.outcomes import ORGANISATION_HEADER, ApplicantType
from gongkai.rules.receipt import Channel

PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "legal_representative", "contact_person")


# --- field helpers ---------------------------------------------------------------------------------


def _area(label: str, **options: Any) -> forms.CharField:
    """A text area with this page's defaults: 4 rows, up to the length of a question."""
    return area_field(label, **{"rows": 4, "max_length": MAX_QUESTION, **options})


def _model_choice(label: str, *, required: bool = True, empty_label: str | None = "请选择") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Source.objects.none(),
        required=required,
        empty_label=empty_label,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择{label}。"},
    )


def _user_label(user: User) -> str:
    return user.get_full_name() or user.username


def _setup_assignee(form: forms.Form, agency: Agency) -> None:
    form.fields["handler"].queryset = handlers_at(agency)
    form.fields["handler"].label_from_instance = _user_label
    form.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)


def _source_label(source: Source) -> str:
    return f"{source.name}（{source.source_kind.label}，{source.deadline_workdays}个工作日）"


# --- registration ----------------------------------------------------------------------------------


class RegisterForm(forms.Form):
    """Staff registration of a call, letter, visit, new-media message or a case assigned from above."""

    required_css_class = "required"
    error_css_class = "has-error"

    source = _model_choice("来源")
    received_on = _date("受理日期", help_text="来电、来信、来访或收到交办件之日；办理期限自该日起计算。")
    assigned_by = _text(
        "交办单位", 100, help_text="仅上级交办件填写；不填写的，使用该来源的默认交办单位（如12345热线、市长信箱）。"
    )
    assigner_ref = _text("交办编号", 60, help_text="仅上级交办件填写，如交办单的编号。")
    assigner_deadline = _date(
        "交办期限",
        required=False,
        today=False,
        help_text="仅上级交办件填写：交办单注明办理期限的，以交办期限为准。",
    )
    subject = _text("标题", 100, help_text="不填写的，以咨询内容的开头作为标题。")
    question = _area("咨询内容", rows=6, help_text="来电、来访的，记录咨询或反映的主要内容。")
    name = _text("姓名", 50)
    phone = _text("联系电话", 60, inputmode="tel")
    email = _text("电子邮箱", 254, inputmode="email", help_text="填写的，答复发出时向其发送提醒邮件。")
    address = _text("通信地址", 200, help_text="来信的，填写回信地址。")
    publish_consent = forms.BooleanField(label="咨询人同意公开咨询内容及答复（公开前删除个人信息）", required=False)
    category = forms.ModelChoiceField(
        label="分类",
        queryset=Category.objects.none(),
        required=False,
        empty_label="（暂不分类）",
        error_messages={"invalid_choice": "请选择咨询分类。"},
    )
    handler = forms.ModelChoiceField(
        label="承办人",
        queryset=User.objects.none(),
        required=False,
        empty_label="（暂不分派）",
        error_messages={"invalid_choice": "请选择承办人。"},
    )
    department = forms.ModelChoiceField(
        label="承办内设机构",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（不指定）",
        error_messages={"invalid_choice": "请选择承办内设机构。"},
    )

    FIELDSETS = (
        ("受理", ("source", "received_on")),
        ("上级交办（仅交办件填写）", ("assigned_by", "assigner_ref", "assigner_deadline")),
        ("咨询内容", ("subject", "question", "publish_consent")),
        ("咨询人（均可不填）", ("name", "phone", "email", "address")),
        ("办理", ("category", "handler", "department")),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["source"].queryset = registration_sources(agency)
        self.fields["source"].label_from_instance = _source_label
        self.fields["category"].queryset = active_categories(agency)
        _setup_assignee(self, agency)

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def submit(self, *, acting_user: Any) -> tuple[Enquiry, str] | None:
        """Register through the intake service; on its refusal, the errors go on the form."""
        data = self.cleaned_data
        try:
            return enquiry_register(
                acting_user=acting_user,
                agency=self.agency,
                source=data["source"],
                received_on=data["received_on"],
                question=data["question"],
                subject=data.get("subject", ""),
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                address=data.get("address", ""),
                publish_consent=bool(data.get("publish_consent")),
                assigned_by=data.get("assigned_by", ""),
                assigner_ref=data.get("assigner_ref", ""),
                assigner_deadline=data.get("assigner_deadline"),
                category=data.get("category"),
                handler=data.get("handler"),
                department=data.get("department"),
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None


# --- actions on an enquiry -------------------------------------------------------------------------


class EnquiryActionForm(ServiceActionForm):
    """One action of the enquiry page."""

    transition_errors = (TransitionError,)

    def __init__(self, *args: Any, enquiry: Enquiry, user: Any, status_url: str = "", **kwargs: Any) -> None:
        self.enquiry = enquiry
        self.status_url = status_url
        super().__init__(*args, user=user, **kwargs)

    def call(self, service, **kwargs: Any) -> Any:
        return service(acting_user=self.user, enquiry=self.enquiry, **kwargs)


class AssignForm(EnquiryActionForm):
    title = "分派承办"
    button = "分派"
    handler = forms.ModelChoiceField(
        label="承办人",
        queryset=User.objects.none(),
        empty_label="请选择",
        error_messages={"required": "请选择承办人。", "invalid_choice": "请选择承办人。"},
    )
    department = forms.ModelChoiceField(
        label="承办内设机构", queryset=Department.objects.none(), required=False, empty_label="（不指定）"
    )

    def setup(self):
        _setup_assignee(self, self.enquiry.agency)
        if self.enquiry.handler_id:
            self.fields["handler"].initial = self.enquiry.handler_id
            self.fields["department"].initial = self.enquiry.department_id

    def run(self, data):
        return self.call(enquiry_assign, handler=data["handler"], department=data.get("department"))

    def message(self, result):
        return f"已分派给{_user_label(result.handler)}。"


class CategoriseForm(EnquiryActionForm):
    title = "分类"
    button = "保存分类"
    success = "已保存分类。"
    category = forms.ModelChoiceField(
        label="分类",
        queryset=Category.objects.none(),
        required=False,
        empty_label="（不分类）",
        error_messages={"invalid_choice": "请选择咨询分类。"},
    )

    def setup(self):
        self.fields["category"].queryset = active_categories(self.enquiry.agency)
        self.fields["category"].initial = self.enquiry.category_id

    def run(self, data):
        return self.call(enquiry_categorise, category=data.get("category"))


class DraftForm(EnquiryActionForm):
    title = "拟写答复"
    button = "保存答复草稿"
    success = "答复草稿已保存。"
    text = _area("答复内容", rows=8, max_length=MAX_REPLY)

    def setup(self):
        self.fields["text"].initial = self.enquiry.reply

    def run(self, data):
        return self.call(reply_draft, text=data["text"])


class SubmitReviewForm(EnquiryActionForm):
    title = "提交答复审核"
    button = "提交审核"
    success = "答复已提交审核，等待审核人审核。"

    def run(self, data):
        return self.call(reply_submit_for_review)


class ApproveForm(EnquiryActionForm):
    title = "审核通过答复"
    button = "审核通过"
    success = "答复已审核通过，可以发出。"
    comment = _text("审核意见", 300)

    def run(self, data):
        return self.call(reply_approve, comment=data.get("comment", ""))


class ReturnForm(EnquiryActionForm):
    title = "退回修改答复"
    button = "退回修改"
    success = "答复已退回拟稿人修改。"
    comment = _text("退回意见", 300, required=True, help_text="写明需要修改的内容。")

    def run(self, data):
        return self.call(reply_return, comment=data["comment"])


class SendForm(EnquiryActionForm):
    title = "发出答复"
    button = "发出答复"
    on = _date("答复日期", help_text="答复发出（电话答复、寄出回信）之日。")
    close = forms.BooleanField(label="答复即办结", required=False, initial=True)

    def run(self, data):
        return self.call(reply_send, on=data["on"], close=bool(data.get("close")), status_url=self.status_url)

    def message(self, result):
        return "答复已发出，咨询已办结。" if result.closed_on else "答复已发出。"


class ReplyForm(EnquiryActionForm):
    """Write and send the reply in one step (an answer given on the phone), where review is not required."""

    title = "直接答复（拟写并发出）"
    button = "答复并发出"
    aliases = {"on": "reply_on"}
    text = _area("答复内容", rows=6, max_length=MAX_REPLY)
    reply_on = _date("答复日期", help_text="电话当场答复的，为来电之日。")
    close = forms.BooleanField(label="答复即办结", required=False, initial=True)

    def setup(self):
        self.fields["text"].initial = self.enquiry.reply

    def run(self, data):
        return self.call(
            reply_send,
            text=data["text"],
            on=data["reply_on"],
            close=bool(data.get("close")),
            status_url=self.status_url,
        )

    def message(self, result):
        return "答复已发出，咨询已办结。" if result.closed_on else "答复已发出。"


class CloseForm(EnquiryActionForm):
    title = "办结"
    button = "办结"
    success = "咨询已办结。"
    on = _date("办结日期")
    note = _text("办结说明", 300)

    def run(self, data):
        return self.call(enquiry_close, on=data["on"], note=data.get("note", ""))


class ReopenForm(EnquiryActionForm):
    title = "重新办理（不满意）"
    button = "重新办理"
    reason = _text("重新办理的理由", 300, required=True)
    on = _date("重新办理日期", help_text="新的办理期限自该日起计算。")
    assigner_deadline = _date(
        "新的交办期限", required=False, today=False, help_text="仅上级交办件：交办单位要求新的办理期限的填写。"
    )

    def run(self, data):
        return self.call(
            enquiry_reopen, reason=data["reason"], on=data["on"], assigner_deadline=data.get("assigner_deadline")
        )

    def message(self, result):
        return f"已重新办理，新的办理期限为{result.due_on:%Y-%m-%d}。"


class WithdrawForm(EnquiryActionForm):
    title = "登记撤回"
    button = "登记撤回"
    success = "已登记咨询人撤回。"
    note = _text("撤回情况", 300, required=True, help_text="如：咨询人来电表示问题已解决，撤回留言。")

    def run(self, data):
        return self.call(enquiry_withdraw, note=data["note"])


class VoidForm(EnquiryActionForm):
    title = "作废"
    button = "作废"
    success = "已作废，不计入统计。"
    reason = _text("作废理由", 300, required=True, help_text="如空白、重复提交、测试或与本机关职责无关的广告内容。")

    def run(self, data):
        return self.call(enquiry_void, reason=data["reason"])


class PublishForm(EnquiryActionForm):
    """Publish the cleaned question and answer; the ``check`` button only screens the texts."""

    title = "公开问答"
    button = "公开"
    public_subject = _text("公开标题", 100, required=True)
    public_question = _area("公开的咨询内容", rows=6)
    public_answer = _area("公开的答复内容", rows=8, max_length=MAX_REPLY)

    def setup(self):
        for name, value in suggest_public_texts(self.enquiry).items():
            self.fields[name].initial = value

    def run(self, data):
        return self.call(
            enquiry_publish,
            public_subject=data["public_subject"],
            public_question=data["public_question"],
            public_answer=data["public_answer"],
        )

    def message(self, result):
        return "问答已在门户网站公开。"

    def texts(self) -> dict[str, str]:
        names = ("public_subject", "public_question", "public_answer")
        return {name: self.cleaned_data.get(name, "") for name in names}


class UnpublishForm(EnquiryActionForm):
    title = "取消公开"
    button = "取消公开"
    success = "已取消公开，问答不再在门户网站显示。"
    reason = _text("取消公开的理由", 300, required=True)

    def run(self, data):
        return self.call(enquiry_unpublish, reason=data["reason"])


APPLICANT_TYPE_CHOICES = [
    (ApplicantType.NATURAL_PERSON.value, ApplicantType.NATURAL_PERSON.label),
    (ORGANISATION_HEADER, [(kind.value, kind.label) for kind in ApplicantType if kind.is_organisation]),
]


class ConvertForm(EnquiryActionForm):
    """The enquiry is really an application for disclosure: staff complete the applicant's data."""

    title = "转为政府信息公开申请"
    button = "转为申请"
    reason = _text("转为申请的理由", 300, required=True, help_text="如：咨询人要求获取特定的政府信息。")
    channel = _choice("申请方式", [(c.value, c.label) for c in Channel])
    submitted_on = _date("提交日期", required=False, today=False, help_text="不填写的，为咨询的受理日期。")
    signed_on = _date("签收日期", required=False, today=False, help_text="仅“邮寄（需签收）”填写。")
    confirmed_on = _date(
        "确认日期",
        required=False,
        today=False,
        help_text="在线、平常信函、传真、电子邮件：已与申请人确认的填写（收到申请之日）；不填写的登记为待确认。",
    )
    applicant_type = _choice(
        "申请人类型", APPLICANT_TYPE_CHOICES, radio=True, initial=ApplicantType.NATURAL_PERSON.value
    )
    name = _text("姓名或名称", 100, required=True)
    id_type = _choice(
        "身份证件类型", [("", "请选择"), *IdType.choices], required=False, initial=IdType.RESIDENT_ID.value
    )
    id_number = _text("身份证件号码", 40, help_text="自然人填写。", autocomplete="off")
    credit_code = _text("统一社会信用代码", 18, help_text="法人或其他组织填写。", autocomplete="off")
    legal_representative = _text("法定代表人或负责人", 50, help_text="法人或其他组织填写。")
    contact_person = _text("联系人", 50)
    phone = _text("联系电话", 40)
    email = _text("电子邮箱", 254)
    address = _text("通信地址", 200)
    postcode = _text("邮政编码", 6)
    description = _area("所需信息的内容描述", rows=4)
    document_hint = _text("信息名称、文号或其他特征", 300)
    form_wanted = _choice("获取信息的形式", FormWanted.choices, radio=True)
    delivery_wanted = _choice("获取信息的方式", DeliveryWanted.choices, radio=True)

    def setup(self):
        for name, value in applicant_defaults(self.enquiry).items():
            if value:
                self.fields[name].initial = value
        channel = suggested_channel(self.enquiry.source.code)
        if channel is not None:
            self.fields["channel"].initial = channel.value

    def applicant(self) -> dict[str, Any]:
        data = self.cleaned_data
        organisation = ApplicantType(data["applicant_type"]).is_organisation
        skipped = PERSON_FIELDS if organisation else ORGANISATION_FIELDS
        return {name: ("" if name in skipped else data.get(name, "")) for name in APPLICANT_FIELDS}

    def run(self, data):
        _enquiry, application = self.call(
            enquiry_convert_to_application,
            channel=data["channel"],
            reason=data["reason"],
            applicant=self.applicant(),
            submitted_on=data.get("submitted_on"),
            signed_on=data.get("signed_on"),
            confirmed_on=data.get("confirmed_on"),
        )
        self.application = application
        return application

    def message(self, result):
        return f"已转为政府信息公开申请，申请查询码 {result.tracking_code}。"


ACTION_FORMS: dict[str, type[EnquiryActionForm]] = {
    "assign": AssignForm,
    "categorise": CategoriseForm,
    "reply": ReplyForm,
    "draft": DraftForm,
    "submit_review": SubmitReviewForm,
    "approve": ApproveForm,
    "return": ReturnForm,
    "send": SendForm,
    "close": CloseForm,
    "reopen": ReopenForm,
    "publish": PublishForm,
    "unpublish": UnpublishForm,
    "withdraw": WithdrawForm,
    "void": VoidForm,
    "convert": ConvertForm,
}


def action_form(action: str, enquiry: Enquiry, user: Any, data=None, *, status_url: str = "") -> EnquiryActionForm:
    """The form of ``action`` for ``enquiry``, with the action as its prefix (unique ids on the page)."""
    return ACTION_FORMS[action](data, enquiry=enquiry, user=user, status_url=status_url, prefix=action)


# --- figures ---------------------------------------------------------------------------------------


class FiguresForm(forms.Form):
    """The period of the figures (enquiries received from … to …) and the agency."""

    first = _date("受理日期自", today=False)
    last = _date("至", today=False)
    agency = forms.ModelChoiceField(
        label="机关",
        queryset=Agency.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择机关。", "invalid_choice": "请选择机关。"},
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            self.add_error("last", "结束日期不能早于开始日期。")
        return data


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """From 1 January of this year to today."""
    return dt.date(today.year, 1, 1), today


# --- an application handled as an enquiry (Art. 39) -----------------------------------------------


class FromApplicationForm(forms.Form):
    """Handle an application as an enquiry: it is really a consultation, petition, complaint or report."""

    required_css_class = "required"
    error_css_class = "has-error"

    source = _model_choice("转入的咨询来源")
    reason = _text(
        "转为咨询的理由",
        300,
        required=True,
        help_text="如：申请内容系咨询招生政策，不是获取政府信息。将写入按条例第三十九条第一款作出的答复。",
    )
    on = _date("转为咨询的日期", help_text="咨询的受理日期；申请按条例第三十九条第一款于该日答复。")
    subject = _text("咨询标题", 100, help_text="不填写的，以申请内容的开头作为标题。")
    category = forms.ModelChoiceField(
        label="分类",
        queryset=Category.objects.none(),
        required=False,
        empty_label="（暂不分类）",
        error_messages={"invalid_choice": "请选择咨询分类。"},
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        sources = registration_sources(application.agency)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = _source_label
        self.fields["category"].queryset = active_categories(application.agency)
        preferred = _preferred_source(sources, application)
        if preferred is not None:
            self.fields["source"].initial = preferred.pk

    def submit(self, *, acting_user: Any) -> Enquiry | None:
        data = self.cleaned_data
        try:
            return application_convert_to_enquiry(
                acting_user=acting_user,
                application=self.application,
                source=data["source"],
                reason=data["reason"],
                on=data["on"],
                subject=data.get("subject", ""),
                category=data.get("category"),
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None


_SOURCE_FOR_CHANNEL = {"online": "website", "email": "website", "oral": "hotline", "in_person": "visit"}


def _preferred_source(sources: QuerySet[Source], application: Application) -> Source | None:
    """The source matching how the application came: 网站留言 for online, 来信 for post and fax …"""
    code = _SOURCE_FOR_CHANNEL.get(application.channel, "letter")
    return sources.filter(code=code).first() or sources.exclude(kind=SourceKind.ASSIGNED.value).first()
