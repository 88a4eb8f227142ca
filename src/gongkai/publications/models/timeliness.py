from django.db import models

from gongkai.publications.choices import BreachKind


class TimelinessBreach(models.Model):
    """A publication deadline missed, recorded once per item and kind."""

    item = models.ForeignKey(
        "publications.InformationItem", verbose_name="信息", on_delete=models.CASCADE, related_name="breaches"
    )
    kind = models.CharField("类型", max_length=20, choices=BreachKind.choices)
    due_on = models.DateField("应公开日期")
    detected_on = models.DateField("发现日期")

    class Meta:
        verbose_name = "超期记录"
        verbose_name_plural = "超期记录"
        constraints = [models.UniqueConstraint(fields=["item", "kind"], name="breach_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_kind_display()}"
