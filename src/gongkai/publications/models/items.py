from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.publications.choices import (
    ATTRIBUTE_CHOICES,
    GROUND_CHOICES,
    STATE_CHOICES,
    Genre,
    Origin,
    ReportKind,
    Validity,
)
from gongkai.publications.models.catalog import CatalogNode
from gongkai.publications.states import ItemState
from gongkai.rules.disclosure import DisclosureAttribute, ground_required


class InformationItem(models.Model):
    """One catalog entry of government information (Art. 12 minimum fields and the usual extras).

    ``state`` changes only through ``publications.services.workflow``; validity only through
    ``item_repeal`` and the publication of an amending item.
    """

    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="items")
    department = models.ForeignKey(
        Department, verbose_name="承办内设机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catalog_node = models.ForeignKey(
        "publications.CatalogNode", verbose_name="公开目录", on_delete=models.PROTECT, related_name="items"
    )
    topic = models.ForeignKey(
        "publications.Topic", verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    index_number = models.CharField("索引号", max_length=80, unique=True, null=True, blank=True, editable=False)
    title = models.CharField("标题", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True, help_text="保存时自动清理不安全的 HTML")
    formed_on = models.DateField("成文日期", help_text="信息形成或者变更的日期，公开时限自此起算（条例第二十六条）")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    genre = models.CharField("文种", max_length=20, choices=Genre.choices, default=Genre.NOTICE)
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="以空格或逗号分隔")
    origin = models.CharField("信息来源", max_length=20, choices=Origin.choices, default=Origin.OWN_DOCUMENT)

    attribute = models.CharField(
        "公开属性", max_length=20, choices=ATTRIBUTE_CHOICES, default=DisclosureAttribute.PROACTIVE.value
    )
    withholding_ground = models.CharField("不公开依据", max_length=40, choices=GROUND_CHOICES, blank=True)
    reevaluate_on = models.DateField("下次复核日期", null=True, blank=True, editable=False)
    channels = models.JSONField("公开渠道", default=list, blank=True)

    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True, editable=False)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        editable=False,
    )
    amends = models.ForeignKey(
        "self",
        verbose_name="修改的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text="本条信息发布后，被修改的文件将标记为“已修改”",
    )
    report_kind = models.CharField("年报统计类别", max_length=20, choices=ReportKind.choices, blank=True)
    issued_on = models.DateField("制发日期", null=True, blank=True, help_text="规章、行政规范性文件的印发日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True, editable=False)
    interprets = models.ManyToManyField(
        "self", verbose_name="解读的文件", symmetrical=False, blank=True, related_name="interpretations"
    )

    state = models.CharField(
        "状态", max_length=20, choices=STATE_CHOICES, default=ItemState.DRAFT.value, editable=False
    )
    current_task = models.ForeignKey(
        "publications.WorkflowTask",
        verbose_name="当前审核环节",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    submission_no = models.PositiveIntegerField("提交次数", default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+", editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ("-published_at", "-id")
        indexes = [
            # channels last: the annual report of a region counts a year's items by agency and channel from
            # this index alone (reports.selectors); every other use reads its first three columns
            models.Index(fields=["agency", "state", "published_at", "channels"]),
            models.Index(fields=["catalog_node", "state", "published_at"]),
            models.Index(fields=["agency", "report_kind"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def item_state(self) -> ItemState:
        return ItemState(self.state)

    @property
    def is_public(self) -> bool:
        return self.state == ItemState.PUBLISHED and self.attribute == DisclosureAttribute.PROACTIVE

    def channel_labels(self) -> list[str]:
        from gongkai.publications.choices import Channel  # noqa: PLC0415 - avoid a cycle at import

        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.channels]

    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", " ").replace(",", " ").split() if k]

    def clean(self) -> None:
        from gongkai.publications.choices import Channel  # noqa: PLC0415

        errors: dict[str, str] = {}
        attribute = DisclosureAttribute(self.attribute)
        if ground_required(attribute) and not self.withholding_ground:
            errors["withholding_ground"] = f"公开属性为“{attribute.label}”时必须选择依据（条例第十四条至第十六条）。"
        if not ground_required(attribute) and self.withholding_ground:
            errors["withholding_ground"] = "主动公开的信息不应填写不公开依据。"
        unknown = [c for c in self.channels if c not in Channel.values]
        if unknown:
            errors["channels"] = f"未知的公开渠道：{'、'.join(map(str, unknown))}"
        if self.report_kind and not self.issued_on:
            errors["issued_on"] = "计入年报的规章、行政规范性文件必须填写制发日期。"
        if self.catalog_node_id and self.agency_id:
            node_agency = (
                CatalogNode.objects.filter(pk=self.catalog_node_id).values_list("agency_id", flat=True).first()
            )
            if node_agency != self.agency_id:
                errors["catalog_node"] = "公开目录栏目必须属于本机构。"
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            errors["department"] = "承办内设机构必须属于本机构。"
        if self.amends_id and self.amends_id == self.pk:
            errors["amends"] = "不能修改自身。"
        if errors:
            raise ValidationError(errors)


def attachment_path(instance: "Attachment", filename: str) -> str:  # noqa: ARG001 - stored by content hash
    return f"attachments/{instance.item.agency_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    """A file of an item; served only through the portal's access-checked download view."""

    item = models.ForeignKey(InformationItem, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    text = models.TextField("提取文本", blank=True, editable=False)
    text_parts = models.JSONField("文本分段", default=list, blank=True, editable=False)  # [[label, offset], ...]
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ("item", "sort_order", "id")

    def __str__(self) -> str:
        return self.original_name

    @property
    def agency(self) -> Agency:
        return self.item.agency
