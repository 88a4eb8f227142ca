"""Letters and notices of applications (Arts. 30–37, 42), the agencies' templates, and letter numbering.

A ``Letter`` is drafted from a template, edited while a draft, and frozen when issued: then it gets its
number from the agency's yearly series, the SHA-256 of its text and its stored PDF. Only
``inforequests.services.letters`` writes these records.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.inforequests.choices import OUTCOME_CHOICES
from gongkai.inforequests.letters.kinds import LETTER_KIND_CHOICES, LetterKind
from gongkai.inforequests.letters.numbering import default_prefix, format_number
from gongkai.inforequests.letters.render import LetterParts, LetterTemplateError, check_template
from gongkai.inforequests.models.applications import Application
from gongkai.inforequests.models.handling import Consultation
from gongkai.workdays.explain import chinese_date


class LetterState(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已签发"


class LetterTemplate(models.Model):
    """An agency's own text for a kind of letter (for replies: one outcome, or all when blank).

    Without an agency: a platform-wide override set by platform administrators. Where neither exists
    the built-in text of ``letters.defaults`` applies.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空表示全平台通用（仅平台管理员可设置）",
    )
    kind = models.CharField("文书类型", max_length=24, choices=LETTER_KIND_CHOICES)
    outcome = models.CharField(
        "处理结果",
        max_length=40,
        choices=OUTCOME_CHOICES,
        blank=True,
        help_text="仅用于答复告知书；留空表示适用于所有处理结果",
    )
    title = models.CharField("标题", max_length=200, help_text="可使用模板变量，如 {{ agency.name }}")
    body = models.TextField("正文模板", help_text="Django 模板语法；每行为一段；未填写的内容写作【请填写…】")
    active = models.BooleanField("启用", default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ("agency", "kind", "outcome", "id")

    def __str__(self) -> str:
        scope = self.agency.name if self.agency_id else "全平台"
        outcome = f"（{self.get_outcome_display()}）" if self.outcome else ""
        return f"{scope}：{self.get_kind_display()}{outcome}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.outcome and self.kind != LetterKind.REPLY:
            errors["outcome"] = "只有答复告知书的模板按处理结果区分。"
        for name in ("title", "body"):
            try:
                check_template(getattr(self, name) or "")
            except LetterTemplateError as exc:
                errors[name] = str(exc)
        if not (self.body or "").strip():
            errors["body"] = "正文模板不能为空。"
        if self.active and not errors:
            clash = LetterTemplate.objects.filter(
                agency_id=self.agency_id, kind=self.kind, outcome=self.outcome, active=True
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["kind"] = "该机构已有同类文书（同一处理结果）的启用模板，请修改原模板或先停用。"
        if errors:
            raise ValidationError(errors)


class LetterNumbering(models.Model):
    """An agency's letter number prefix; its row is locked while a number is allotted."""

    agency = models.OneToOneField(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(
        "文号前缀", max_length=40, blank=True, help_text="如“东区教育局依申”；留空时使用机构简称加“依申”"
    )

    class Meta:
        verbose_name = "文书编号设置"
        verbose_name_plural = "文书编号设置"

    def __str__(self) -> str:
        return f"{self.agency}：{self.effective_prefix}"

    @property
    def effective_prefix(self) -> str:
        return self.prefix or default_prefix(self.agency.short_name, self.agency.name)

    def number(self, year: int, serial: int) -> str:
        return format_number(self.effective_prefix, year, serial)


def letter_pdf_path(instance: "Letter", _filename: str) -> str:
    return f"letters/{instance.agency_id}/{instance.year}/{instance.serial:05d}-{instance.sha256[:12]}.pdf"


class Letter(models.Model):
    """One letter of an application: a draft until issued, then frozen (number, text, hash, PDF)."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("文书类型", max_length=24, choices=LETTER_KIND_CHOICES)
    outcome = models.CharField("处理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    consultation = models.ForeignKey(
        Consultation,
        verbose_name="征求意见",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    state = models.CharField("状态", max_length=10, choices=LetterState.choices, default=LetterState.DRAFT)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    signatory = models.CharField("落款机关", max_length=100)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    number = models.CharField("文号", max_length=80, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    pdf = models.FileField("PDF 文件", upload_to=letter_pdf_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签发人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ("application", "created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="letter_serial_unique"),
            models.CheckConstraint(
                condition=Q(state=LetterState.DRAFT)
                | (
                    Q(serial__isnull=False, year__isnull=False, issued_on__isnull=False) & ~Q(number="") & ~Q(sha256="")
                ),
                name="letter_issued_is_numbered",
            ),
        ]
        indexes = [models.Index(fields=["application", "kind", "state"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number or '草稿'}）"

    @property
    def is_issued(self) -> bool:
        return self.state == LetterState.ISSUED

    @property
    def letter_kind(self) -> LetterKind:
        return LetterKind(self.kind)

    def parts(self) -> LetterParts:
        """What is printed on the letter (a draft has no number and no date yet)."""
        return LetterParts(
            title=self.title,
            number=self.number if self.is_issued else "",
            body=self.body,
            signatory=self.signatory,
            date_text=chinese_date(self.issued_on) if self.is_issued and self.issued_on else "",
        )
