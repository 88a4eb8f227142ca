import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("agencies", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=40, unique=True, verbose_name="来源")),
                (
                    "kind",
                    models.CharField(
                        choices=[("item", "政府信息"), ("report", "年度报告"), ("answer", "咨询答复")],
                        max_length=10,
                        verbose_name="类型",
                    ),
                ),
                ("sort_key", models.BigIntegerField(editable=False, null=True, unique=True, verbose_name="排序键")),
                ("title", models.CharField(max_length=300, verbose_name="标题")),
                ("number", models.CharField(blank=True, max_length=100, verbose_name="文号")),
                ("body", models.TextField(blank=True, verbose_name="正文")),
                ("facets", models.TextField(blank=True, verbose_name="筛选标记")),
                ("url", models.CharField(max_length=300, verbose_name="地址")),
                ("published_on", models.DateField(verbose_name="发布日期")),
                ("info", models.JSONField(blank=True, default=dict, verbose_name="显示信息")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="索引时间")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="agencies.agency",
                        verbose_name="机构",
                    ),
                ),
            ],
            options={"verbose_name": "检索文档", "verbose_name_plural": "检索文档"},
        ),
    ]
