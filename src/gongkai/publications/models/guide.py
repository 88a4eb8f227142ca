from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class DisclosureGuide(models.Model):
    """One published version of an agency's 政府信息公开指南 (Art. 12), generated from its data."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="guides")
    version = models.PositiveIntegerField("版本")
    content = models.TextField("内容")
    content_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"
        ordering = ("agency", "-version")
        constraints = [models.UniqueConstraint(fields=["agency", "version"], name="guide_unique_version")]

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南（第{self.version}版）"
