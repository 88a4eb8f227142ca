from django.conf import settings
from django.db import models

from gongkai.publications.choices import FindingKind


class ScreeningRun(models.Model):
    """One automatic screening of an item (on submission, before publication, or on request)."""

    item = models.ForeignKey(
        "publications.InformationItem", verbose_name="信息", on_delete=models.CASCADE, related_name="screening_runs"
    )
    trigger = models.CharField("触发", max_length=20)
    ran_at = models.DateTimeField("检查时间", auto_now_add=True)

    class Meta:
        verbose_name = "自动检查"
        verbose_name_plural = "自动检查"
        ordering = ("-ran_at", "-id")

    def __str__(self) -> str:
        return f"{self.item} · {self.ran_at:%Y-%m-%d %H:%M}"


class ScreeningFinding(models.Model):
    """What the screening found and where. Only the masked form is stored: no personal data is copied."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("类型", max_length=20, choices=FindingKind.choices)
    masked = models.CharField("内容（已遮蔽）", max_length=200)
    context = models.CharField("上下文（已遮蔽）", max_length=300)
    place = models.CharField("位置", max_length=200)
    attachment = models.ForeignKey(
        "publications.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_reason = models.TextField("确认理由", blank=True)
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "检查发现"
        verbose_name_plural = "检查发现"
        ordering = ("run", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.masked}（{self.place}）"
