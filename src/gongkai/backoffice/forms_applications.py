"""Forms of the back-office application pages: staff registration and one form per handling action.

The forms only shape the input (choices, dates, numbers); the rules are the services'. Each action form's
``submit`` calls its service and puts the service's Chinese ``ValidationError`` messages on the fields
they concern, so the page is shown again with the errors and everything that was typed.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Department, Membership
from gongkai.agencies.roles import GRANTS, Action
from gongkai.backoffice.forms_common import ServiceActionForm, add_service_errors
from gongkai.backoffice.forms_common import area_field as _area
from gongkai.backoffice.forms_common import choice_field as _choice
from gongkai.backoffice.forms_common import date_field as _date
from gongkai.backoffice.forms_common import text_field as _text
from gongkai.backoffice.forms_common import workdays_field as _workdays
from gongkai.inforequests.choices import ConsultationOpinion, DeliveryMethod, DeliveryWanted, FormWanted, IdType
from gongkai.inforequests.clock import MAX_EXTENSION_WORKDAYS, ConsultationParty
from gongkai.inforequests.models import Application, ApplicationFile, Consultation, ExtensionRequest
from gongkai.inforequests.services.closing import application_transfer, application_void, application_withdraw
from gongkai.inforequests.services.consultations import consultation_answer, consultation_send
from gongkai.inforequests.services.corrections import MAX_CORRECTION_WORKDAYS, correction_receive, correction_request
from gongkai.inforequests.services.decisions import (
    PARTIAL_GROUNDS,
    application_decide,
    application_deliver,
    staff_outcomes,
)
from gongkai.inforequests.services.extensions import extension_decide, extension_request
from gongkai.inforequests.services.fees import fee_notice_received, fee_notice_send, fee_payment_record
from gongkai.inforequests.services.handling import (
    application_assign,
    application_mark_proactive,
    comment_add,
    file_add,
    file_remove,
)
from gongkai.inforequests.services.intake import APPLICANT_FIELDS, application_confirm, application_register
from gongkai.inforequests.states import TransitionError
from gongkai.publications.models import InformationItem
from gongkai.rules.disclosure import GROUNDS_BY_CODE
from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import ORGANISATION_HEADER, ApplicantType, ReportFormat, row, spec
from gongkai.rules.receipt import Channel

PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "legal_representative", "contact_person")


# --- registration ----------------------------------------------------------------------------------

APPLICANT_TYPE_CHOICES = [
    (ApplicantType.NATURAL_PERSON.value, ApplicantType.NATURAL_PERSON.label),
    (ORGANISATION_HEADER, [(kind.value, kind.label) for kind in ApplicantType if kind.is_organisation]),
]
STAFF_CHANNEL_CHOICES = [(c.value, c.label) for c in Channel if c is not Channel.ONLINE]


class RegisterForm(forms.Form):
    """Staff registration of an application received in person, by post, fax, e-mail or orally, with the
    dates Art. 31 needs for the channel."""

    required_css_class = "required"
    error_css_class = "has-error"

    agency = forms.ModelChoiceField(
        label="受理机关",
        queryset=Agency.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择受理机关。", "invalid_choice": "请选择受理机关。"},
    )
    channel = forms.ChoiceField(
        label="申请方式",
        choices=STAFF_CHANNEL_CHOICES,
        error_messages={"required": "请选择申请方式。", "invalid_choice": "请选择申请方式。"},
    )
    submitted_on = _date("提交日期", help_text="申请人当面提交、寄出、发送或口头提出之日。")
    signed_on = _date(
        "签收日期",
        required=False,
        today=False,
        help_text="仅“邮寄（需签收）”填写：以本机关签收之日为收到申请之日（《条例》第三十一条第（二）项）。"
        "尚未签收的留空，登记为待确认。",
    )
    confirmed_on = _date(
        "确认日期",
        required=False,
        today=False,
        help_text="仅平常信函、传真、电子邮件填写：以与申请人确认之日为收到申请之日（《条例》第三十一条第（二）、（三）项）。"
        "尚未确认的留空，登记为待确认。",
    )
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=APPLICANT_TYPE_CHOICES,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL_PERSON.value,
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "请选择申请人类型。"},
    )
    name = _text("姓名或名称", 100, required=True)
    id_type = forms.ChoiceField(
        label="身份证件类型",
        choices=[("", "请选择"), *IdType.choices],
        required=False,
        initial=IdType.RESIDENT_ID.value,
        error_messages={"invalid_choice": "请选择身份证件类型。"},
        help_text="自然人填写。",
    )
    id_number = _text("身份证件号码", 40, help_text="自然人填写。", autocomplete="off", spellcheck="false")
    credit_code = _text("统一社会信用代码", 18, help_text="法人或其他组织填写。", autocomplete="off")
    legal_representative = _text("法定代表人或负责人", 50, help_text="法人或其他组织填写。")
    contact_person = _text("联系人", 50)
    phone = _text("联系电话", 40, inputmode="tel")
    email = _text("电子邮箱", 254, inputmode="email")
    address = _text("通信地址", 200)
    postcode = _text("邮政编码", 6, inputmode="numeric")
    description = _area("所需信息的内容描述", rows=5)
    document_hint = _text("信息名称、文号或其他特征", 300)
    form_wanted = forms.ChoiceField(
        label="获取信息的形式",
        choices=FormWanted.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的形式。", "invalid_choice": "请选择获取信息的形式。"},
    )
    delivery_wanted = forms.ChoiceField(
        label="获取信息的方式",
        choices=DeliveryWanted.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。", "invalid_choice": "请选择获取信息的方式。"},
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    FIELDSETS = (
        ("收到申请", ("agency", "channel", "submitted_on", "signed_on", "confirmed_on")),
        (
            "申请人",
            (
                "applicant_type",
                "name",
                "id_type",
                "id_number",
                "credit_code",
                "legal_representative",
                "contact_person",
                "phone",
                "email",
                "address",
                "postcode",
            ),
        ),
        ("所需信息", ("description", "document_hint", "form_wanted", "delivery_wanted")),
    )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def _applicant_fields(self) -> dict[str, Any]:
        organisation = ApplicantType(self.cleaned_data["applicant_type"]).is_organisation
        skipped = PERSON_FIELDS if organisation else ORGANISATION_FIELDS
        return {name: ("" if name in skipped else self.cleaned_data.get(name, "")) for name in APPLICANT_FIELDS}

    def submit(self, *, acting_user: Any) -> tuple[Application, str] | None:
        """Register through the intake service; on its refusal, the errors go on the form."""
        data = self.cleaned_data
        try:
            return application_register(
                acting_user=acting_user,
                agency=data["agency"],
                channel=data["channel"],
                submitted_on=data["submitted_on"],
                signed_on=data.get("signed_on"),
                confirmed_on=data.get("confirmed_on"),
                **self._applicant_fields(),
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None


# --- actions on an application ---------------------------------------------------------------------


class ActionForm(ServiceActionForm):
    """One action of the application page."""

    transition_errors = (TransitionError,)

    def __init__(self, *args: Any, application: Application, user: Any, **kwargs: Any) -> None:
        self.application = application
        super().__init__(*args, user=user, **kwargs)

    def call(self, service, **kwargs: Any) -> Any:
        return service(acting_user=self.user, application=self.application, **kwargs)


class ConfirmForm(ActionForm):
    title = "确认收到申请"
    button = "确认收到"
    success = "已确认收到申请，答复期限开始计算。"
    confirmed_on = _date(
        "确认（签收）日期",
        help_text="平常信函、在线、传真、电子邮件：与申请人确认之日；邮寄（需签收）：签收之日。"
        "该日为收到申请之日（《条例》第三十一条）。",
    )

    def run(self, data):
        return self.call(application_confirm, confirmed_on=data["confirmed_on"])


def handlers_at(agency: Agency) -> QuerySet[User]:
    """Active staff holding a role that may handle applications at ``agency``."""
    roles = [r.value for r in GRANTS[Action.HANDLE_APPLICATIONS]]
    users = Membership.objects.filter(agency=agency, role__in=roles, user__is_active=True).values("user_id")
    return User.objects.filter(pk__in=users).order_by("full_name", "username")


class AssignForm(ActionForm):
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
        self.fields["handler"].queryset = handlers_at(self.application.agency)
        self.fields["handler"].label_from_instance = lambda user: user.get_full_name()
        self.fields["department"].queryset = Department.objects.filter(agency=self.application.agency, is_active=True)
        if self.application.handler_id:
            self.fields["handler"].initial = self.application.handler_id
            self.fields["department"].initial = self.application.department_id

    def run(self, data):
        return self.call(application_assign, handler=data["handler"], department=data.get("department"))

    def message(self, result):
        return f"已分派给{result.handler.get_full_name()}。"


class CorrectionRequestForm(ActionForm):
    title = "告知补正"
    button = "发出补正通知"
    success = "已登记补正通知，等待申请人补正；答复期限暂停计算。"
    on = _date("告知补正日期", help_text="应自收到申请之日起7个工作日内一次性告知（《条例》第三十条）。")
    workdays = _workdays("补正期限（工作日）", MAX_CORRECTION_WORKDAYS, initial=10)
    what = _area("需要补正的事项", help_text="一次性写明需要补正的全部事项（《条例》第三十条）。")

    def run(self, data):
        return self.call(correction_request, on=data["on"], workdays=data["workdays"], what=data["what"])


class CorrectionReceiveForm(ActionForm):
    title = "收到补正"
    button = "登记收到补正"
    success = "已登记收到补正，答复期限自该日起重新计算。"
    on = _date("收到补正日期")
    note = _text("说明", 300)

    def run(self, data):
        return self.call(correction_receive, on=data["on"], note=data.get("note", ""))


class ConsultationSendForm(ActionForm):
    title = "征求意见"
    button = "登记发出征求意见"
    success = "已登记征求意见；征求意见所需时间不计算在答复期限内（最长15个工作日）。"
    aliases = {"on": "sent_on"}
    party = _choice(
        "征求对象类型",
        [
            (ConsultationParty.THIRD_PARTY.value, "第三方（《条例》第三十二条）"),
            (ConsultationParty.AGENCY.value, "其他行政机关（《条例》第三十四条）"),
        ],
        radio=True,
    )
    addressee = _text("征求对象名称", 100, required=True)
    addressee_address = _text("征求对象地址或联系方式", 200)
    subject = _area("征求意见的事项")
    sent_on = _date("发出日期")

    def run(self, data):
        return self.call(
            consultation_send,
            party=data["party"],
            addressee=data["addressee"],
            addressee_address=data.get("addressee_address", ""),
            subject=data["subject"],
            sent_on=data["sent_on"],
        )


class ConsultationAnswerForm(ActionForm):
    title = "登记征求意见的答复"
    button = "登记意见"
    success = "已登记意见。"
    aliases = {"on": "answered_on"}
    consultation = forms.ModelChoiceField(
        label="征求意见",
        queryset=Consultation.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择征求意见。", "invalid_choice": "请选择征求意见。"},
    )
    answered_on = _date("收到意见日期")
    opinion = _choice("意见", ConsultationOpinion.choices, radio=True)
    summary = _area("意见摘要", required=False)

    def setup(self):
        self.fields["consultation"].queryset = Consultation.objects.filter(
            application=self.application, answered_on__isnull=True
        )
        self.fields["consultation"].label_from_instance = lambda c: f"{c.ref} {c.addressee}（{c.sent_on:%Y-%m-%d}发出）"

    def run(self, data):
        return consultation_answer(
            acting_user=self.user,
            consultation=data["consultation"],
            answered_on=data["answered_on"],
            opinion=data["opinion"],
            summary=data.get("summary", ""),
        )


class ExtensionRequestForm(ActionForm):
    title = "申请延长答复期限"
    button = "提交延期申请"
    success = "延期申请已提交，等待政府信息公开工作机构负责人审批。"
    workdays = _workdays(
        "延长工作日数",
        MAX_EXTENSION_WORKDAYS,
        help_text="最长不超过20个工作日，只能延长一次（《条例》第三十三条第二款）。",
    )
    reason = _area("延期理由")

    def run(self, data):
        return self.call(extension_request, workdays=data["workdays"], reason=data["reason"])


class ExtensionDecideForm(ActionForm):
    title = "审批延期申请"
    button = "提交审批意见"
    request = forms.ModelChoiceField(
        label="延期申请",
        queryset=ExtensionRequest.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择延期申请。", "invalid_choice": "请选择延期申请。"},
    )
    decision = _choice("审批意见", [("approve", "批准延期"), ("decline", "不批准")], radio=True)
    on = _date("审批日期", help_text="批准须在答复期限届满前（《条例》第三十三条第二款）。")
    comment = _text("说明", 300)

    def setup(self):
        self.fields["request"].queryset = ExtensionRequest.objects.filter(
            application=self.application, approved__isnull=True
        ).select_related("requested_by")
        self.fields["request"].label_from_instance = lambda r: (
            f"延长{r.workdays}个工作日（{r.requested_by.get_full_name()}，{r.requested_on:%Y-%m-%d}）"
        )

    def run(self, data):
        return extension_decide(
            acting_user=self.user,
            request=data["request"],
            approve=data["decision"] == "approve",
            on=data["on"],
            comment=data.get("comment", ""),
        )

    def message(self, result):
        return f"已批准延长答复期限{result.workdays}个工作日。" if result.approved else "已记录不批准延期。"


class FeeNoticeForm(ActionForm):
    title = "发出收费通知"
    button = "登记收费通知"
    success = "已登记收费通知；缴费前办理暂停。"
    basis = _choice("计费方式", [(b.value, b.label) for b in FeeBasis], radio=True)
    pages = forms.IntegerField(
        label="页数",
        required=False,
        min_value=1,
        help_text="按量计收时填写。",
        error_messages={"invalid": "页数应为整数。", "min_value": "页数应为正整数。"},
    )
    reason = _area(
        "收费理由", help_text="申请数量或频次明显超过合理范围的具体情形（《条例》第四十二条，国办函〔2020〕109号）。"
    )
    on = _date("发出收费通知日期")

    def run(self, data):
        return self.call(
            fee_notice_send, basis=data["basis"], pages=data.get("pages"), reason=data["reason"], on=data["on"]
        )

    def message(self, result):
        return f"已登记收费通知：{result.fee_amount}元；缴费前办理暂停。"


class FeeNoticeReceivedForm(ActionForm):
    title = "申请人收到收费通知"
    button = "登记收到日期"
    success = "已登记申请人收到收费通知的日期；缴费期限自次日起20个工作日。"
    on = _date("申请人收到收费通知日期")

    def run(self, data):
        return self.call(fee_notice_received, on=data["on"])


class FeePaymentForm(ActionForm):
    title = "登记缴费"
    button = "登记缴费"
    success = "已登记缴费，继续办理。"
    on = _date("缴费日期")

    def run(self, data):
        return self.call(fee_payment_record, on=data["on"])


def outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The outcomes staff choose, grouped by the result rows of table 三 (2021 format)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for outcome in staff_outcomes():
        groups.setdefault(spec(outcome).group, []).append((outcome.value, spec(outcome).label))
    return [(_group_label(group), choices) for group, choices in groups.items()]


def _group_label(group: str) -> str:
    label = row(ReportFormat.FORMAT_2021, group).label
    return label.split("（区分处理")[0]


def ground_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{GROUNDS_BY_CODE[code].label}（《条例》{GROUNDS_BY_CODE[code].article}）") for code in PARTIAL_GROUNDS
    ]


class DecideForm(ActionForm):
    title = "作出答复"
    button = "登记答复"
    aliases = {"on": "decided_on"}
    outcome = forms.ChoiceField(
        label="处理结果",
        choices=[("", "请选择"), *outcome_choices()],
        error_messages={"required": "请选择处理结果。", "invalid_choice": "请选择处理结果。"},
        help_text="每件申请只选一种结果，对应年度报告表三的一行。",
    )
    decided_on = _date("答复日期")
    reasons = _area(
        "理由说明",
        required=False,
        rows=4,
        help_text="部分公开、不予公开、无法提供及部分不予处理的结果须说明理由（不掌握的写明检索情况）。",
    )
    withheld_grounds = forms.MultipleChoiceField(
        label="不予公开部分的依据",
        choices=ground_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="仅部分公开时选择。",
        error_messages={"invalid_choice": "请从列表中选择不予公开的依据。"},
    )
    withheld_description = _area("不予公开的部分", required=False, help_text="仅部分公开时填写（《条例》第三十七条）。")
    public_location = _text(
        "已公开信息的获取途径",
        300,
        help_text="“已主动公开”时填写获取该信息的方式和途径（《条例》第三十六条第（一）项）。",
    )
    responsible_agency_name = _text(
        "负责公开的机关", 100, help_text="“不属于本机关负责公开”时，能够确定的写明负责机关。"
    )
    responsible_agency_contact = _text("负责机关联系方式", 200)

    def run(self, data):
        return self.call(
            application_decide,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            reasons=data.get("reasons", ""),
            withheld_grounds=list(data.get("withheld_grounds") or []),
            withheld_description=data.get("withheld_description", ""),
            public_location=data.get("public_location", ""),
            responsible_agency_name=data.get("responsible_agency_name", ""),
            responsible_agency_contact=data.get("responsible_agency_contact", ""),
        )

    def message(self, result):
        return f"已登记答复：{result.get_outcome_display()}。请签发答复告知书并登记送达。"


class TransferForm(ActionForm):
    title = "转交其他机关"
    button = "告知并转交"
    to_agency = forms.ModelChoiceField(
        label="负责公开的机关",
        queryset=Agency.objects.none(),
        empty_label="请选择",
        error_messages={"required": "请选择负责公开的机关。", "invalid_choice": "请选择本平台上另一个启用中的机关。"},
    )
    on = _date("转交（答复）日期")
    reasons = _area("理由说明", help_text="说明该信息不属于本机关负责公开的理由（《条例》第三十六条第（五）项）。")

    def setup(self):
        self.fields["to_agency"].queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=self.application.agency_id).order_by("path")
        )

    def run(self, data):
        return self.call(application_transfer, to_agency=data["to_agency"], on=data["on"], reasons=data["reasons"])

    def message(self, result):
        return f"已告知申请人并转交{result.responsible_agency_name}（新申请待该机关确认收到）。"


class DeliverForm(ActionForm):
    title = "登记送达"
    button = "登记送达"
    success = "已登记送达，申请办结。"
    method = _choice("送达方式", DeliveryMethod.choices)
    on = _date("送达日期")
    ref = _text("邮件单号或送达说明", 100, help_text="邮寄送达须填写邮件单号（挂号信或特快专递）。")

    def run(self, data):
        return self.call(application_deliver, method=data["method"], on=data["on"], ref=data.get("ref", ""))


class WithdrawForm(ActionForm):
    title = "登记撤回申请"
    button = "登记撤回"
    success = "已登记申请人撤回申请。"
    on = _date("撤回日期")
    note = _text("撤回方式及情况", 300, required=True)

    def run(self, data):
        return self.call(application_withdraw, on=data["on"], note=data["note"])


class VoidForm(ActionForm):
    title = "作废（不作为申请登记）"
    button = "作废"
    success = "已作废。"
    reason = _text("作废理由", 300, required=True, help_text="如空白、重复提交的同一内容、测试或与信息公开无关的内容。")

    def run(self, data):
        return self.call(application_void, reason=data["reason"])


class ProactiveForm(ActionForm):
    title = "标记转为主动公开"
    button = "标记"
    success = "已标记为可转为主动公开的信息（《条例》第四十四条）。"
    on = _date("标记日期", help_text="多个申请人就相同信息提出申请，或可能被多个申请人申请的，可纳入主动公开范围。")
    index_number = _text(
        "已主动公开信息的索引号", 80, help_text="信息已主动公开的，填写其索引号以建立关联；尚未公开的可留空。"
    )

    def clean_index_number(self):
        value = (self.cleaned_data.get("index_number") or "").strip()
        if not value:
            return None
        item = InformationItem.objects.filter(agency=self.application.agency, index_number=value).first()
        if item is None:
            raise forms.ValidationError("本机关没有该索引号的信息。")
        return item

    def run(self, data):
        return self.call(application_mark_proactive, on=data["on"], item=data.get("index_number"))


class CommentForm(ActionForm):
    title = "内部意见"
    button = "添加意见"
    success = "已添加内部意见。"
    text = _area("意见", help_text="仅工作人员可见，不向申请人公开。")

    def run(self, data):
        return self.call(comment_add, text=data["text"])


class FileAddForm(ActionForm):
    title = "上传附件"
    button = "上传"
    multipart = True
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。"})
    provided = forms.BooleanField(
        label="提供给申请人（随答复提供的信息）", required=False, initial=True, help_text="不勾选则为内部工作材料。"
    )

    def run(self, data):
        upload = data["file"]
        return self.call(file_add, filename=upload.name, data=upload.read(), provided=bool(data.get("provided")))

    def message(self, result):
        return f"附件“{result.original_name}”已上传。"


class FileRemoveForm(ActionForm):
    title = "删除附件"
    button = "删除"
    file = forms.ModelChoiceField(
        label="附件",
        queryset=ApplicationFile.objects.none(),
        error_messages={"required": "请选择附件。", "invalid_choice": "未找到该附件。"},
    )

    def setup(self):
        self.fields["file"].queryset = ApplicationFile.objects.filter(application=self.application)

    def run(self, data):
        record = data["file"]
        file_remove(acting_user=self.user, record=record)
        return record

    def message(self, result):
        return f"附件“{result.original_name}”已删除。"


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "confirm": ConfirmForm,
    "assign": AssignForm,
    "correction_request": CorrectionRequestForm,
    "correction_receive": CorrectionReceiveForm,
    "consultation_send": ConsultationSendForm,
    "consultation_answer": ConsultationAnswerForm,
    "extension_request": ExtensionRequestForm,
    "extension_decide": ExtensionDecideForm,
    "fee_notice": FeeNoticeForm,
    "fee_notice_received": FeeNoticeReceivedForm,
    "fee_payment": FeePaymentForm,
    "decide": DecideForm,
    "transfer": TransferForm,
    "deliver": DeliverForm,
    "withdraw": WithdrawForm,
    "void": VoidForm,
    "mark_proactive": ProactiveForm,
    "comment": CommentForm,
    "file_add": FileAddForm,
    "file_remove": FileRemoveForm,
}


def action_form(action: str, application: Application, user: Any, data=None, files=None) -> ActionForm:
    """The form of ``action`` for ``application``, with the action as its prefix (unique ids on the page)."""
    return ACTION_FORMS[action](data, files, application=application, user=user, prefix=action)
