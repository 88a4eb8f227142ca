"""Key-area disclosure plans: the facts only (entries, yearly tasks, what completed them, reminders sent,
lateness recorded). Where a task stands is derived by ``keyareas.schedule`` on the day asked."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency, Department
from gongkai.keyareas import schedule
from gongkai.publications.models import CatalogNode, InformationItem


def _default_remind_days() -> list[int]:
    return list(schedule.DEFAULT_REMIND_DAYS)


class DisclosurePlan(models.Model):
    agency = models.OneToOneField(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="disclosure_plan")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="制定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("制定时间", auto_now_add=True)

    class Meta:
        verbose_name = "重点领域公开计划"
        verbose_name_plural = "重点领域公开计划"

    def __str__(self) -> str:
        return f"{self.agency.name}重点领域公开计划"


class PlanEntry(models.Model):
    """One recurring disclosure: every year by ``due_month``/``due_day``, published in ``catalog_node``
    (or a column below it)."""

    plan = models.ForeignKey(DisclosurePlan, verbose_name="计划", on_delete=models.CASCADE, related_name="entries")
    title = models.CharField("公开事项", max_length=60)
    catalog_node = models.ForeignKey(
        CatalogNode, verbose_name="目录栏目", on_delete=models.PROTECT, related_name="plan_entries"
    )
    department = models.ForeignKey(
        Department,
        verbose_name="责任内设机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_entries",
    )
    due_month = models.PositiveSmallIntegerField("公开期限（月）")
    due_day = models.PositiveSmallIntegerField("公开期限（日）")
    keywords = models.CharField(
        "标题关键词",
        max_length=100,
        blank=True,
        help_text="可选；填写后，该栏目中标题含其中任一关键词的信息才算完成本事项（以空格或逗号分隔）",
    )
    legal_basis = models.TextField("公开依据", blank=True)
    remind_days = models.JSONField("提前提醒天数", default=_default_remind_days, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    starts_on = models.DateField("开始日期", help_text="自包含该日期的周期起生成年度任务")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "公开计划事项"
        verbose_name_plural = "公开计划事项"
        ordering = ("plan", "sort_order", "id")
        constraints = [models.UniqueConstraint(fields=["plan", "title"], name="plan_entry_unique_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self) -> Agency:
        return self.plan.agency

    @property
    def due_text(self) -> str:
        return f"每年{self.due_month}月{self.due_day}日前"

    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if k]

    def matches_title(self, title: str) -> bool:
        words = self.keyword_list()
        return not words or any(w in title for w in words)

    def due_on(self, year: int) -> dt.date:
        return schedule.due_on(self.due_month, self.due_day, year)

    def current_year(self, today: dt.date) -> int:
        return schedule.current_year(self.due_month, self.due_day, today)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.due_month is not None and self.due_day is not None:
            problem = schedule.month_day_error(self.due_month, self.due_day)
            if problem:
                errors.setdefault("due_day", []).append(problem)
        if not isinstance(self.remind_days, list):
            errors.setdefault("remind_days", []).append("提醒天数应为整数列表。")
        else:
            errors_found = schedule.remind_days_errors(self.remind_days)
            if errors_found:
                errors.setdefault("remind_days", []).extend(errors_found)
            else:
                self.remind_days = sorted(self.remind_days, reverse=True)
        agency_id = self.plan.agency_id if self.plan_id is not None else None
        if agency_id is not None and self.catalog_node_id is not None:
            nodes = CatalogNode.objects.filter(pk=self.catalog_node_id)
            if nodes.values_list("agency_id", flat=True).first() != agency_id:
                errors.setdefault("catalog_node", []).append("所选目录栏目不属于本机构。")
        if agency_id is not None and self.department_id is not None:
            dept_agency = Department.objects.filter(pk=self.department_id).values_list("agency_id", flat=True).first()
            if dept_agency != agency_id:
                errors.setdefault("department", []).append("所选内设机构不属于本机构。")
        if errors:
            raise ValidationError(errors)


class PlanTask(models.Model):
    """The task of one year: due on ``due_on``, opened the day after the previous year's due date."""

    entry = models.ForeignKey(PlanEntry, verbose_name="公开事项", on_delete=models.CASCADE, related_name="tasks")
    year = models.PositiveIntegerField("年度")
    due_on = models.DateField("公开期限")
    opened_on = models.DateField("周期开始")
    completed_item = models.ForeignKey(
        InformationItem,
        verbose_name="完成信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="关联人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="为空表示发布信息时自动完成",
    )
    late_recorded_on = models.DateField("逾期记录日期", null=True, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度公开任务"
        verbose_name_plural = "年度公开任务"
        ordering = ("entry", "-year")
        constraints = [models.UniqueConstraint(fields=["entry", "year"], name="plan_task_unique_year")]
        indexes = [models.Index(fields=["due_on"], name="plan_task_due_idx")]

    def __str__(self) -> str:
        return f"{self.entry.title}（{self.year}年）"

    @property
    def is_open(self) -> bool:
        return self.completed_item_id is None and self.completed_on is None

    def standing_on(self, today: dt.date) -> schedule.Standing:
        return schedule.standing(self.due_on, self.completed_on, today, self.entry.remind_days or [])


class PlanReminder(models.Model):
    task = models.ForeignKey(PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="reminders")
    stage = models.PositiveSmallIntegerField("提前天数")
    sent_on = models.DateField("发送日期")
    recipients = models.JSONField("收件人", default=list, blank=True)

    class Meta:
        verbose_name = "公开任务提醒"
        verbose_name_plural = "公开任务提醒"
        ordering = ("task", "-stage")
        constraints = [models.UniqueConstraint(fields=["task", "stage"], name="plan_reminder_unique_stage")]

    def __str__(self) -> str:
        return f"{self.task}：提前{self.stage}天提醒"
