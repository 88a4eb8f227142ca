from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.validators import validate_credit_code, validate_phone, validate_postcode
from gongkai.inforequests.choices import (
    APPLICANT_TYPE_CHOICES,
    CHANNEL_CHOICES,
    EVENT_CHOICES,
    FEE_BASIS_CHOICES,
    OUTCOME_CHOICES,
    STATE_CHOICES,
    DeliveryMethod,
    DeliveryWanted,
    FormWanted,
    IdType,
)
from gongkai.inforequests.clock import ClockEvent, ConsultationParty, EventKind
from gongkai.inforequests.states import ApplicationState
from gongkai.privacy.fields import EncryptedTextField
from gongkai.privacy.masking import mask_address
from gongkai.privacy.validation import resident_id_problem
from gongkai.rules.outcomes import ApplicantType


class Application(models.Model):
    """One application for disclosure (Art. 29). ``state`` changes only through ``inforequests.services``;
    the due dates are derived from the clock ledger (``ClockEntry``), never stored."""

    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    tracking_code = models.CharField("查询码", max_length=20, unique=True, editable=False)
    access_secret_hash = models.CharField(max_length=64, editable=False)
    state = models.CharField(
        "状态", max_length=24, choices=STATE_CHOICES, default=ApplicationState.PENDING.value, editable=False
    )
    channel = models.CharField("申请方式", max_length=20, choices=CHANNEL_CHOICES)
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请日期", null=True, blank=True, editable=False)
    receipt_rule = models.CharField("收到日期依据", max_length=200, blank=True, editable=False)

    # Applicant (Art. 29(2)(1)). Identity numbers and contact details are encrypted at rest.
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPE_CHOICES)
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = EncryptedTextField("证件号码", blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    identity_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedTextField("联系电话", blank=True)
    email = EncryptedTextField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", blank=True, audit_mask=mask_address)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    # What is asked for (Art. 29(2)(2)–(3)).
    description = models.TextField("所需信息的内容描述")
    document_hint = models.CharField("信息名称、文号或其他特征", max_length=300, blank=True)
    correction_text = models.TextField("补正内容", blank=True, editable=False)
    form_wanted = models.CharField("获取信息的形式", max_length=20, choices=FormWanted.choices)
    delivery_wanted = models.CharField("获取信息的方式", max_length=20, choices=DeliveryWanted.choices)

    # Handling and decision.
    department = models.ForeignKey(
        Department, verbose_name="承办内设机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField("处理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True, editable=False)
    decided_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    # What the reply letter states besides the outcome (set only by ``services.decisions``).
    reasons = models.TextField("理由说明", blank=True, editable=False)
    withheld_grounds = models.JSONField("不予公开部分的依据", default=list, blank=True, editable=False)
    withheld_description = models.TextField("不予公开的部分", blank=True, editable=False)
    public_location = models.CharField("已公开信息的获取途径", max_length=300, blank=True, editable=False)
    responsible_agency_name = models.CharField("负责公开的机关", max_length=100, blank=True, editable=False)
    responsible_agency_contact = models.CharField("负责机关联系方式", max_length=200, blank=True, editable=False)
    # Fee (Art. 42, 国办函〔2020〕109号): recorded only when staff find volume or frequency unreasonable.
    fee_basis = models.CharField("计费方式", max_length=20, choices=FEE_BASIS_CHOICES, blank=True, editable=False)
    fee_quantity = models.PositiveIntegerField("计费数量", null=True, blank=True, editable=False)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True, editable=False)
    fee_reason = models.TextField("收费理由", blank=True, editable=False)
    fee_text = models.TextField("收费计算", blank=True, editable=False)
    # Delivery (送达).
    delivery_method = models.CharField(
        "送达方式", max_length=20, choices=DeliveryMethod.choices, blank=True, editable=False
    )
    delivery_ref = models.CharField("邮件单号或送达说明", max_length=100, blank=True, editable=False)
    delivered_on = models.DateField("送达日期", null=True, blank=True, editable=False)
    closing_note = models.CharField("撤回、作废或转交说明", max_length=300, blank=True, editable=False)
    transferred_to = models.ForeignKey(
        "self", verbose_name="转交后的申请", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopened_from = models.ForeignKey(
        "self",
        verbose_name="重新处理的原申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reopenings",
        editable=False,
        help_text="行政复议决定或者人民法院裁判纠正原答复后重新处理的，指向原申请（原申请的记录保持不变）",
    )
    proactive_item = models.ForeignKey(
        "publications.InformationItem",
        verbose_name="转为主动公开的信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="同一信息被多次申请时，可转为主动公开（条例第四十四条）",
    )
    submitted_from = models.CharField(max_length=64, blank=True, editable=False)  # keyed hash of the IP (rate limits)
    proactive_marked_on = models.DateField(
        "标记转为主动公开日期", null=True, blank=True, editable=False, help_text="条例第四十四条"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-submitted_at", "-id")
        indexes = [
            models.Index(fields=["agency", "state"]),
            # the columns after the first two let the annual report count by year from the indexes alone
            # (received; open at 31 December; decided, by applicant type, channel and outcome)
            models.Index(fields=["agency", "received_on", "decided_on", "state", "applicant_type", "channel"]),
            models.Index(fields=["agency", "closed_on"]),
            models.Index(fields=["agency", "decided_on", "received_on", "state", "applicant_type", "outcome"]),
            models.Index(fields=["identity_hash", "received_on"]),
            models.Index(fields=["submitted_from", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}（{self.get_state_display()}）"

    @property
    def ledger(self) -> list[ClockEvent]:
        return [entry.as_event() for entry in self.clock_entries.all()]

    @property
    def application_state(self) -> ApplicationState:
        return ApplicationState(self.state)

    @property
    def is_organisation(self) -> bool:
        return ApplicantType(self.applicant_type).is_organisation

    def clean(self) -> None:
        errors = self._identity_errors() | self._contact_errors()
        if errors:
            raise ValidationError(errors)

    def _identity_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.is_organisation:
            if not self.credit_code:
                errors["credit_code"] = "法人或其他组织申请的，请填写统一社会信用代码。"
            elif message := _first_error(validate_credit_code, self.credit_code):
                errors["credit_code"] = message
            if not self.legal_representative:
                errors["legal_representative"] = "请填写法定代表人或负责人。"
            return errors
        if not self.id_type:
            errors["id_type"] = "请选择身份证件类型。"
        if not self.id_number:
            errors["id_number"] = "请填写身份证件号码。"
        elif self.id_type == IdType.RESIDENT_ID and (message := resident_id_problem(self.id_number)):
            errors["id_number"] = message
        return errors

    def _contact_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not (self.phone or self.email or self.address):
            errors["phone"] = "请至少填写一种联系方式（电话、电子邮箱或通信地址）。"
        if self.delivery_wanted == DeliveryWanted.EMAIL and not self.email:
            errors["email"] = "选择以电子邮件方式获取信息的，请填写电子邮箱。"
        if self.delivery_wanted == DeliveryWanted.POST and not self.address:
            errors["address"] = "选择邮寄方式获取信息的，请填写通信地址。"
        checks = (("email", validate_email), ("phone", validate_phone), ("postcode", validate_postcode))
        for name, validator in checks:
            value = getattr(self, name)
            if value and (message := _first_error(validator, value)):
                errors[name] = "电子邮箱格式不正确。" if name == "email" else message
        return errors


def _first_error(validator, value: str) -> str:
    try:
        validator(value)
    except ValidationError as exc:
        return exc.messages[0]
    return ""


class ClockEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("期限台账只能追加，不能修改。")


class ClockEntry(models.Model):
    """One event of an application's clock ledger (Arts. 30–34, 42). Append-only: corrections of a wrong
    entry are made by the services with an audit event, never by editing rows."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="clock_entries"
    )
    kind = models.CharField("事件", max_length=32, choices=EVENT_CHOICES)
    on = models.DateField("日期")
    workdays = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    ref = models.CharField("关联", max_length=40, blank=True)
    party = models.CharField("征求对象类型", max_length=20, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ClockEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "期限台账记录"
        verbose_name_plural = "期限台账记录"
        ordering = ("application", "on", "id")
        indexes = [models.Index(fields=["kind", "on"])]  # the annual report: fees paid in a year

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("期限台账只能追加，不能修改。")
        super().save(*args, **kwargs)

    def as_event(self) -> ClockEvent:
        return ClockEvent(
            kind=EventKind(self.kind),
            on=self.on,
            workdays=self.workdays,
            ref=self.ref,
            party=ConsultationParty(self.party) if self.party else None,
            note=self.note,
        )
