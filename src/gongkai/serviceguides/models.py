"""Service matters (事项), their guides (办事指南) and the decisions made on them (办理结果).

A guide version IS an ``InformationItem`` (title, body rendered from the structured fields, review,
publication, versioning through ``amends``, search, timeliness all come from ``publications``); the
``ServiceGuide`` row beside it holds the structured fields. The ``ServiceMatter`` is the identity that
stays across versions. Everything here changes only through ``serviceguides.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.privacy.fields import EncryptedTextField
from gongkai.privacy.masking import mask_name
from gongkai.publications.models import InformationItem
from gongkai.serviceguides import content as guide_content


class MatterKind(models.TextChoices):
    """The two rows of 第二十条第（五）项 in table 二."""

    LICENSING = "licensing", "行政许可"
    OTHER = "other", "其他对外管理服务事项"


# The catalog column each kind is published in (publications.defaults).
CATALOG_CODES = {MatterKind.LICENSING: "XZXK", MatterKind.OTHER: "QTFW"}


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class DecisionResult(models.TextChoices):
    """Results of a licensing matter (《行政许可法》第三十八条、第四十九条、第五十条、第六十九条、第七十条) and of
    another service matter."""

    GRANTED = "granted", "准予许可"
    REFUSED = "refused", "不予许可"
    CHANGED = "changed", "准予变更"
    RENEWED = "renewed", "准予延续"
    REVOKED = "revoked", "撤销许可"
    CANCELLED = "cancelled", "注销许可"
    COMPLETED = "completed", "办结"
    DECLINED = "declined", "不予办理"


RESULTS_BY_KIND: dict[str, tuple[str, ...]] = {
    MatterKind.LICENSING: (
        DecisionResult.GRANTED,
        DecisionResult.REFUSED,
        DecisionResult.CHANGED,
        DecisionResult.RENEWED,
        DecisionResult.REVOKED,
        DecisionResult.CANCELLED,
    ),
    MatterKind.OTHER: (DecisionResult.COMPLETED, DecisionResult.DECLINED),
}

LIMIT_UNIT_CHOICES = [(u.value, u.label.removeprefix("个")) for u in guide_content.LimitUnit]


class ServiceMatter(models.Model):
    """A 行政许可 or 其他对外管理服务事项 an agency handles: the identity of its guide across versions."""

    agency = models.ForeignKey(
        Agency, verbose_name="实施机关", on_delete=models.PROTECT, related_name="service_matters"
    )
    name = models.CharField("事项名称", max_length=200)
    code = models.CharField(
        "事项编码",
        max_length=50,
        validators=[
            RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "事项编码只能由字母、数字、“-”“_”“.”组成。"),
        ],
        help_text="政务服务事项编码（实施清单中的编码），本机关内不得重复",
    )
    kind = models.CharField("事项类型", max_length=20, choices=MatterKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name="承办机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_matters",
    )
    is_active = models.BooleanField("在办", default=True, help_text="停办的事项不再登记办理结果，办事指南仍保留")
    sort_order = models.PositiveIntegerField("排序", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "办事事项"
        verbose_name_plural = "办事事项"
        ordering = ("agency", "kind", "sort_order", "id")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="service_matter_unique_code"),
            models.UniqueConstraint(fields=["agency", "name"], name="service_matter_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def matter_kind(self) -> MatterKind:
        return MatterKind(self.kind)

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        self.code = (self.code or "").strip()
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": "承办机构必须是本机关的内设机构。"})


class ServiceGuide(models.Model):
    """The structured fields of one guide version; its ``item`` is the published (or draft) version."""

    item = models.OneToOneField(
        InformationItem, verbose_name="信息", on_delete=models.PROTECT, related_name="service_guide"
    )
    matter = models.ForeignKey(ServiceMatter, verbose_name="事项", on_delete=models.PROTECT, related_name="guides")
    basis = models.TextField("设定依据")
    conditions = models.TextField("申请条件")
    materials = models.JSONField("申请材料", default=list)
    steps = models.JSONField("办理流程", default=list)
    statutory_limit = models.PositiveSmallIntegerField(
        "法定办结时限", validators=[MinValueValidator(1), MaxValueValidator(guide_content.MAX_STATUTORY_LIMIT)]
    )
    statutory_unit = models.CharField(
        "法定时限单位", max_length=10, choices=LIMIT_UNIT_CHOICES, default=guide_content.LimitUnit.WORKDAYS.value
    )
    promised_limit = models.PositiveSmallIntegerField("承诺办结时限", help_text="即办件填0")
    promised_unit = models.CharField(
        "承诺时限单位", max_length=10, choices=LIMIT_UNIT_CHOICES, default=guide_content.LimitUnit.WORKDAYS.value
    )
    charges = models.BooleanField("收费", default=False)
    fee_standard = models.TextField("收费标准", blank=True)
    fee_basis = models.TextField("收费依据", blank=True)
    place = models.TextField("办理地点")
    hours = models.CharField("办理时间", max_length=200, blank=True)
    methods = models.TextField("申请方式", blank=True)
    online_url = models.URLField("网上办理地址", max_length=300, blank=True)
    result = models.TextField("办理结果", blank=True, help_text="如：准予许可的，颁发《民办学校办学许可证》")
    result_publication = models.TextField("结果公开", blank=True)
    contact_phone = models.CharField("咨询电话", max_length=100)
    complaint_phone = models.CharField("监督投诉电话", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"
        ordering = ("matter", "-item_id")

    def __str__(self) -> str:
        return self.item.title if self.item_id else f"{self.matter}办事指南"

    def content(self) -> guide_content.GuideContent:
        return guide_content.GuideContent(
            basis=self.basis,
            conditions=self.conditions,
            materials=guide_content.materials_from_data(self.materials),
            steps=guide_content.steps_from_data(self.steps),
            statutory_limit=self.statutory_limit,
            statutory_unit=guide_content.LimitUnit(self.statutory_unit),
            promised_limit=self.promised_limit,
            promised_unit=guide_content.LimitUnit(self.promised_unit),
            charges=self.charges,
            fee_standard=self.fee_standard,
            fee_basis=self.fee_basis,
            place=self.place,
            hours=self.hours,
            methods=self.methods,
            online_url=self.online_url,
            result=self.result,
            result_publication=self.result_publication,
            contact_phone=self.contact_phone,
            complaint_phone=self.complaint_phone,
        )

    def header(self) -> guide_content.GuideHeader:
        matter = self.matter
        return guide_content.GuideHeader(
            name=matter.name,
            kind_label=matter.get_kind_display(),
            code=matter.code,
            agency=matter.agency.name,
            department=matter.department.name if matter.department_id else "",
        )


class ServiceDecision(models.Model):
    """One decision (办理结果) on a matter, published in the matter's decisions list; counted in table 二 in
    the year of ``decided_on`` unless withdrawn (a wrong entry)."""

    agency = models.ForeignKey(Agency, verbose_name="实施机关", on_delete=models.PROTECT, related_name="+")
    matter = models.ForeignKey(ServiceMatter, verbose_name="事项", on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField("决定文书号", max_length=100)
    decided_on = models.DateField("决定日期")
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    applicant_name = EncryptedTextField("申请人", audit_mask=mask_name)
    applicant_public = models.CharField("申请人（公开）", max_length=200, editable=False)
    result = models.CharField("办理结果", max_length=20, choices=DecisionResult.choices)
    summary = models.CharField("内容摘要", max_length=500, blank=True)
    is_published = models.BooleanField("公开", default=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("撤回理由", max_length=300, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理结果"
        verbose_name_plural = "办理结果"
        ordering = ("-decided_on", "-id")
        constraints = [
            # a withdrawn (wrong) entry frees its number for the corrected one
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="service_decision_unique_number",
            ),
        ]
        indexes = [
            # table 二 counts a year's decisions by agency and matter kind (serviceguides.selectors)
            models.Index(fields=["agency", "decided_on"]),
            models.Index(fields=["matter", "decided_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_result_display()}）"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
