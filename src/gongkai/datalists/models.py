"""Structured data lists (数据清单): a table attached to one information item.

The item carries everything else (versions through ``amends``, review, catalog, publication, search), so a
list is public exactly when its item is. Rows hold only what may be published: masked values already
masked, withheld columns never stored. Rows change only through ``datalists.services``.
"""

from django.conf import settings
from django.db import models

from gongkai.datalists.kinds import KIND_CHOICES, KINDS, ListKind
from gongkai.publications.models import InformationItem


class DataList(models.Model):
    item = models.OneToOneField(
        InformationItem, verbose_name="所属信息", on_delete=models.CASCADE, related_name="data_list"
    )
    kind = models.CharField("清单类型", max_length=30, choices=KIND_CHOICES)
    columns = models.JSONField("列", default=list, help_text="导入时的列定义快照：key、label、type、rule")
    row_count = models.PositiveIntegerField("行数", default=0)
    masked_count = models.PositiveIntegerField("脱敏单元格数", default=0)
    withheld_columns = models.JSONField("未保存的列", default=list, blank=True)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间")

    class Meta:
        verbose_name = "数据清单"
        verbose_name_plural = "数据清单"
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.item.title}"

    @property
    def list_kind(self) -> ListKind:
        return KINDS[self.kind]

    @property
    def labels(self) -> list[str]:
        return [c["label"] for c in self.columns]

    def index_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c["key"] == key), None)


class DataRow(models.Model):
    data_list = models.ForeignKey(DataList, verbose_name="数据清单", on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField("序号")
    values = models.JSONField("值", default=list, help_text="与清单的列一一对应，已脱敏")
    search_text = models.TextField("检索文本", blank=True, help_text="规范化后的全部值，用于筛选")
    # 学区查询 (lists with a "road" column; "" elsewhere), filled at import by ``datalists.services`` from
    # ``address.normalise`` and ``address.road_key``: a change to those needs a migration refilling them.
    road_name = models.TextField("道路或小区（规范化）", blank=True, default="", help_text="用于学区查询的相近名称")
    road_key = models.TextField("道路匹配名", blank=True, default="", help_text="查询地址中须出现的道路或小区名称")

    class Meta:
        verbose_name = "数据行"
        verbose_name_plural = "数据行"
        ordering = ("data_list", "position")
        indexes = [
            models.Index(fields=["road_key", "data_list"], name="datarow_road_key"),
            models.Index(fields=["data_list", "road_name"], name="datarow_road_name"),  # LIKE without the rows
        ]
        constraints = [models.UniqueConstraint(fields=["data_list", "position"], name="datarow_unique_position")]

    def __str__(self) -> str:
        return f"{self.data_list_id}#{self.position}"
