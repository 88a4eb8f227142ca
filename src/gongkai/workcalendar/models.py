from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class HolidayArrangement(models.Model):
    """A year's official holiday arrangement (国务院办公厅关于某年部分节假日安排的通知).

    When ``is_complete`` is set, the year counts as confirmed and deadlines in it carry no warning;
    its holidays and make-up working days are entered as ``DayOverride`` rows.
    """

    year = models.PositiveIntegerField(
        "年度",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2099)],
    )
    notice_title = models.CharField("通知名称", max_length=200)
    notice_number = models.CharField("文号", max_length=60, blank=True, help_text="如：国办发明电〔2026〕7号")
    published_on = models.DateField("发布日期", null=True, blank=True)
    is_complete = models.BooleanField(
        "已完整录入",
        default=False,
        help_text="勾选后，该年度按已录入的安排计算期限，不再提示“未确认”。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假（非工作日）"
    WORKDAY = "workday", "调休上班（工作日）"


class DayOverride(models.Model):
    """One date whose status differs from the official package data or from Monday–Friday rules."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=40, help_text="如：春节、国庆节、调休上班")
    arrangement = models.ForeignKey(
        HolidayArrangement,
        verbose_name="所属年度安排",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="days",
    )
    source_notice = models.CharField("依据", max_length=200, blank=True, help_text="通知名称或文号")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        if self.date is None:
            return
        if not 2000 <= self.date.year <= 2099:  # noqa: PLR2004 - the calendar's supported span
            raise ValidationError({"date": "日期须在2000年至2099年之间。"})
        if self.arrangement_id is not None:
            year = HolidayArrangement.objects.filter(pk=self.arrangement_id).values_list("year", flat=True).first()
            if year is not None and abs(self.date.year - year) > 1:
                raise ValidationError({"date": f"日期与所属年度安排（{year}年）不符。"})
