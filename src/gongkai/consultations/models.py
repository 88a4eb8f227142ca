"""Enquiries and what an agency configures for them.

``Enquiry.state`` and every handling field change only through ``consultations.services``; the handling
deadline (``due_on``) is computed once at receipt (and again on reopening) and stored with its basis.
Contact details are encrypted at rest like applicants' (``privacy.EncryptedTextField``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.validators import validate_phone
from gongkai.consultations.sources import MAX_DEADLINE_WORKDAYS, MIN_DEADLINE_WORKDAYS, Rating, SourceKind
from gongkai.consultations.states import STATE_LABELS, EnquiryState
from gongkai.privacy.fields import EncryptedTextField
from gongkai.privacy.masking import mask_address

SOURCE_KIND_CHOICES = [(k.value, k.label) for k in SourceKind]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in EnquiryState]
RATING_CHOICES = [(r.value, r.label) for r in Rating]
_deadline_validators = [MinValueValidator(MIN_DEADLINE_WORKDAYS), MaxValueValidator(MAX_DEADLINE_WORKDAYS)]


class ConsultationSettings(models.Model):
    """An agency's own rules for enquiries."""

    agency = models.OneToOneField(
        Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="consultation_settings"
    )
    reply_review_required = models.BooleanField(
        "答复须经审核后发出",
        default=False,
        help_text="勾选后，所有咨询的答复须由审核人或签发人审核通过后才能发出（审核人不能是答复拟稿人）",
    )
    due_soon_workdays = models.PositiveSmallIntegerField(
        "临近期限提醒（工作日）",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="办理期限前还剩这些工作日时，向承办人发送提醒邮件",
    )

    class Meta:
        verbose_name = "咨询设置"
        verbose_name_plural = "咨询设置"

    def __str__(self) -> str:
        return f"{self.agency}的咨询设置"


class Source(models.Model):
    """A channel enquiries arrive by, with its handling deadline in working days (an agency setting)."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="enquiry_sources")
    code = models.CharField("代码", max_length=40, blank=True, editable=False)  # default sources only
    name = models.CharField("名称", max_length=40)
    kind = models.CharField("类型", max_length=20, choices=SOURCE_KIND_CHOICES)
    deadline_workdays = models.PositiveSmallIntegerField(
        "办理期限（工作日）",
        validators=_deadline_validators,
        help_text="自受理之日起计算；上级交办件注明交办期限的，以交办期限为准",
    )
    assigner_name = models.CharField(
        "默认交办单位", max_length=100, blank=True, help_text="仅上级交办类来源：登记时未填写交办单位的，使用此名称"
    )
    requires_review = models.BooleanField(
        "答复须经审核", default=False, help_text="本机关未统一要求审核时，也可只要求该来源的答复经审核后发出"
    )
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "咨询来源"
        verbose_name_plural = "咨询来源"
        ordering = ("agency", "sort_order", "id")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="enquiry_source_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def source_kind(self) -> SourceKind:
        return SourceKind(self.kind)

    def clean(self) -> None:
        if self.assigner_name and self.kind != SourceKind.ASSIGNED:
            raise ValidationError({"assigner_name": "只有上级交办类来源才填写默认交办单位。"})


class Category(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="enquiry_categories")
    name = models.CharField("名称", max_length=40)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "咨询分类"
        verbose_name_plural = "咨询分类"
        ordering = ("agency", "sort_order", "id")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="enquiry_category_unique_name")]

    def __str__(self) -> str:
        return self.name


def _user_fk(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )


class Enquiry(models.Model):
    """One question, message, call, letter, visit or assigned case (咨询)."""

    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="enquiries")
    source = models.ForeignKey(Source, verbose_name="来源", on_delete=models.PROTECT, related_name="enquiries")
    category = models.ForeignKey(
        Category, verbose_name="分类", null=True, blank=True, on_delete=models.PROTECT, related_name="enquiries"
    )
    tracking_code = models.CharField("查询码", max_length=20, unique=True, editable=False)
    access_secret_hash = models.CharField(max_length=64, editable=False)
    state = models.CharField(
        "状态", max_length=20, choices=STATE_CHOICES, default=EnquiryState.RECEIVED.value, editable=False
    )

    # What was asked, by whom (name and contact optional; contact encrypted at rest).
    subject = models.CharField("标题", max_length=100)
    question = models.TextField("咨询内容")
    name = models.CharField("姓名", max_length=50, blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    email = EncryptedTextField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", blank=True, audit_mask=mask_address)
    publish_consent = models.BooleanField("同意公开咨询内容及答复", default=False)

    # Assigned from above (上级交办).
    assigned_by = models.CharField("交办单位", max_length=100, blank=True)
    assigner_ref = models.CharField("交办编号", max_length=60, blank=True)
    assigner_deadline = models.DateField("交办期限", null=True, blank=True)

    # Receipt and the handling deadline.
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("受理日期")
    due_on = models.DateField("办理期限", editable=False)
    due_basis = models.CharField("期限依据", max_length=200, blank=True, editable=False)

    # Handling and the reply.
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
    reply = models.TextField("答复内容", blank=True, editable=False)
    reply_drafted_by = _user_fk("答复拟稿人")
    review_requested_by = _user_fk("提交审核人")
    reviewed_by = _user_fk("审核人")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    review_comment = models.CharField("审核意见", max_length=300, blank=True, editable=False)
    replied_on = models.DateField("答复日期", null=True, blank=True, editable=False)  # the latest reply
    first_replied_on = models.DateField("首次答复日期", null=True, blank=True, editable=False)
    replied_by = _user_fk("答复发出人")
    reply_count = models.PositiveSmallIntegerField("答复次数", default=0, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    closing_note = models.CharField("办结、撤回、作废或转办说明", max_length=300, blank=True, editable=False)

    # The asker's rating (once per reply, from the status page) and reopening.
    rating = models.CharField("评价", max_length=30, choices=RATING_CHOICES, blank=True, editable=False)
    rated_on = models.DateField("评价日期", null=True, blank=True, editable=False)
    rating_comment = models.TextField("评价意见", blank=True, editable=False)
    rated_reply = models.PositiveSmallIntegerField("已评价的答复次序", default=0, editable=False)
    reopened_count = models.PositiveSmallIntegerField("重新办理次数", default=0, editable=False)

    # Publication on the portal: the cleaned texts actually published.
    published = models.BooleanField("已公开", default=False, editable=False)
    public_subject = models.CharField("公开标题", max_length=100, blank=True, editable=False)
    public_question = models.TextField("公开的咨询内容", blank=True, editable=False)
    public_answer = models.TextField("公开的答复内容", blank=True, editable=False)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, editable=False)
    published_by = _user_fk("公开操作人")

    # Conversion, both ways; the history stays on both records.
    converted_to_application = models.ForeignKey(
        "inforequests.Application",
        verbose_name="转为的政府信息公开申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="converted_from_enquiries",
        editable=False,
    )
    converted_from_application = models.ForeignKey(
        "inforequests.Application",
        verbose_name="由政府信息公开申请转来",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="converted_to_enquiries",
        editable=False,
    )

    created_by = _user_fk("登记人")
    submitted_from = models.CharField(max_length=64, blank=True, editable=False)  # keyed hash of the IP
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "咨询"
        verbose_name_plural = "咨询"
        ordering = ("-received_on", "-id")
        indexes = [
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["agency", "published", "published_at"]),
            models.Index(fields=["submitted_from", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}（{self.get_state_display()}）"

    @property
    def enquiry_state(self) -> EnquiryState:
        return EnquiryState(self.state)

    @property
    def rating_value(self) -> Rating | None:
        return Rating(self.rating) if self.rating else None

    @property
    def current_reply_rated(self) -> bool:
        return self.reply_count > 0 and self.rated_reply == self.reply_count

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.email and _first_error(validate_email, self.email):
            errors["email"] = "电子邮箱格式不正确。"
        if self.phone and (message := _first_error(validate_phone, self.phone)):
            errors["phone"] = message
        if self.source_id and self.source.agency_id != self.agency_id:
            errors["source"] = "咨询来源须属于本机关。"
        if self.category_id and self.category.agency_id != self.agency_id:
            errors["category"] = "咨询分类须属于本机关。"
        if errors:
            raise ValidationError(errors)


def _first_error(validator, value: str) -> str:
    try:
        validator(value)
    except ValidationError as exc:
        return exc.messages[0]
    return ""


class EventKind(models.TextChoices):
    RECEIVED = "received", "受理"
    ASSIGNED = "assigned", "分派承办"
    DRAFTED = "drafted", "拟写答复"
    REVIEW_REQUESTED = "review_requested", "提交答复审核"
    APPROVED = "approved", "答复审核通过"
    RETURNED = "returned", "答复退回修改"
    REPLIED = "replied", "答复"
    CLOSED = "closed", "办结"
    RATED = "rated", "评价"
    REOPENED = "reopened", "重新办理"
    CONVERTED = "converted", "转为政府信息公开申请"
    WITHDRAWN = "withdrawn", "撤回"
    VOIDED = "voided", "作废"
    PUBLISHED = "published", "公开问答"
    UNPUBLISHED = "unpublished", "取消公开"


class EnquiryEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("咨询办理记录只能追加，不能修改。")


class EnquiryEvent(models.Model):
    """One step of an enquiry's history, append-only: every reply sent (also those before a reopening),
    every rating, review decision and conversion. The status page shows the public steps."""

    enquiry = models.ForeignKey(Enquiry, verbose_name="咨询", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=20, choices=EventKind.choices)
    on = models.DateField("日期")
    text = models.TextField("内容", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = EnquiryEventQuerySet.as_manager()

    class Meta:
        verbose_name = "咨询办理记录"
        verbose_name_plural = "咨询办理记录"
        ordering = ("enquiry", "recorded_at", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("咨询办理记录只能追加，不能修改。")
        super().save(*args, **kwargs)


class EnquiryBreach(models.Model):
    """A handling deadline missed, recorded once per (enquiry, due) by the daily job."""

    enquiry = models.ForeignKey(Enquiry, verbose_name="咨询", on_delete=models.CASCADE, related_name="breaches")
    due = models.DateField("办理期限")
    recorded_on = models.DateField("记录日期")

    class Meta:
        verbose_name = "咨询超期记录"
        verbose_name_plural = "咨询超期记录"
        ordering = ("-due", "id")
        constraints = [models.UniqueConstraint(fields=["enquiry", "due"], name="enquiry_breach_once")]

    def __str__(self) -> str:
        return f"超过办理期限 {self.due:%Y-%m-%d}"


class EnquiryReminder(models.Model):
    """A reminder e-mail about a handling deadline; one per (enquiry, kind, due)."""

    enquiry = models.ForeignKey(Enquiry, verbose_name="咨询", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("提醒类型", max_length=20)
    due = models.DateField("办理期限")
    sent_on = models.DateField("发送日期")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "咨询期限提醒"
        verbose_name_plural = "咨询期限提醒"
        constraints = [models.UniqueConstraint(fields=["enquiry", "kind", "due"], name="enquiry_reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due:%Y-%m-%d}"
