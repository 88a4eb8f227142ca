from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.publications.index_numbers import DEFAULT_TEMPLATE, TemplateError, validate_template
from gongkai.publications.timeliness import STATUTORY_LIMIT_WORKDAYS


def _validate_index_template(value: str) -> None:
    try:
        validate_template(value)
    except TemplateError as exc:
        raise ValidationError(str(exc)) from exc


_limit_validators = [MinValueValidator(1), MaxValueValidator(STATUTORY_LIMIT_WORKDAYS)]


class DisclosureSettings(models.Model):
    """An agency's own rules for proactive disclosure."""

    agency = models.OneToOneField(
        Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="disclosure_settings"
    )
    index_template = models.CharField(
        "索引号模板",
        max_length=100,
        default=DEFAULT_TEMPLATE,
        validators=[_validate_index_template],
        help_text=(
            "可用字段：{credit_code} 统一社会信用代码、{year} 年度、{serial:05d} 年度流水号、{catalog_code} 目录代码"
        ),
    )
    own_document_limit = models.PositiveSmallIntegerField(
        "本机关文件公开时限（工作日）",
        default=STATUTORY_LIMIT_WORKDAYS,
        validators=_limit_validators,
        help_text="不得超过条例第二十六条规定的20个工作日",
    )
    other_info_limit = models.PositiveSmallIntegerField(
        "其他信息公开时限（工作日）", default=STATUTORY_LIMIT_WORKDAYS, validators=_limit_validators
    )
    sensitive_terms = models.TextField("敏感词", blank=True, help_text="每行一个；提交审核和发布前自动检查")
    reevaluation_months = models.PositiveSmallIntegerField(
        "不公开信息复核周期（月）",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="条例第十八条：定期对不予公开的政府信息进行评估审查",
    )

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.agency}的主动公开设置"

    def sensitive_term_list(self) -> list[str]:
        return [t.strip() for t in self.sensitive_terms.splitlines() if t.strip()]


class CatalogNode(models.Model):
    """A column of an agency's disclosure catalog (公开目录), e.g. 法定主动公开内容 › 政策文件."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="catalog_nodes")
    parent = models.ForeignKey(
        "self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("栏目名称", max_length=60)
    code = models.CharField("目录代码", max_length=20, blank=True)
    description = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "公开目录栏目"
        verbose_name_plural = "公开目录栏目"
        ordering = ("agency", "sort_order", "id")
        constraints = [
            models.UniqueConstraint(fields=["agency", "parent", "name"], name="catalog_node_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is not None and self.agency_id is not None:
            parent = CatalogNode.objects.filter(pk=self.parent_id).values_list("agency_id", flat=True).first()
            if parent != self.agency_id:
                raise ValidationError({"parent": "上级栏目必须属于同一机构。"})


class Topic(models.Model):
    """主题分类: the platform-wide subject classification (e.g. 科技、教育 › 教育)."""

    parent = models.ForeignKey(
        "self", verbose_name="上级分类", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("名称", max_length=40)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ("sort_order", "id")
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="topic_unique_name")]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class IndexSerial(models.Model):
    """The last index-number serial used by an agency in a year; locked while a number is allocated."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_serial_unique_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_serial}"
