"""The public search index: one ``SearchDocument`` per published thing the public may find.

Only public content is ever written here (``search.documents`` decides what is public), so nothing
withheld can leak through search. The backend's own index (``search.backends``) is keyed by
``sort_key``; the texts kept here are what the index was built from (contentless FTS5 rows are deleted
by giving them back) and what snippets are cut from.
"""

from django.db import models

from gongkai.agencies.models import Agency


class DocumentKind(models.TextChoices):
    ITEM = "item", "政府信息"
    REPORT = "report", "年度报告"
    ANSWER = "answer", "咨询答复"


class SearchDocument(models.Model):
    key = models.CharField("来源", max_length=40, unique=True)  # "item:12", "report:3", "answer:7"
    kind = models.CharField("类型", max_length=10, choices=DocumentKind.choices)
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="+")
    sort_key = models.BigIntegerField("排序键", unique=True, null=True, editable=False)
    title = models.CharField("标题", max_length=300)
    number = models.CharField("文号", max_length=100, blank=True)
    body = models.TextField("正文", blank=True)
    facets = models.TextField("筛选标记", blank=True)
    url = models.CharField("地址", max_length=300)
    published_on = models.DateField("发布日期")
    info = models.JSONField("显示信息", default=dict, blank=True)  # index number, catalog, genre, validity
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索文档"

    def __str__(self) -> str:
        return self.title
