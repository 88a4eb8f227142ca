"""Review workflow as data (after Wagtail): an agency's ordered tasks, and each task's state per submission."""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role
from gongkai.publications.choices import TASK_ROLE_CHOICES, TaskStatus


class WorkflowTask(models.Model):
    """One review step. The agency's active tasks in ``order`` form its workflow; the last one signs off."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="workflow_tasks")
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=40, help_text="如：保密审查、公开属性审核、签发")
    role = models.CharField("办理角色", max_length=20, choices=TASK_ROLE_CHOICES)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ("agency", "order")
        constraints = [models.UniqueConstraint(fields=["agency", "order"], name="workflow_task_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}（{Role(self.role).label}）"


class TaskState(models.Model):
    """What happened at one task for one submission of an item: who, when, decision, comment."""

    item = models.ForeignKey(
        "publications.InformationItem", verbose_name="信息", on_delete=models.CASCADE, related_name="task_states"
    )
    task = models.ForeignKey(WorkflowTask, verbose_name="环节", on_delete=models.PROTECT, related_name="states")
    submission_no = models.PositiveIntegerField("提交次数")
    status = models.CharField("结果", max_length=20, choices=TaskStatus.choices, default=TaskStatus.IN_PROGRESS)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("意见", blank=True)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ("item", "submission_no", "task__order", "id")

    def __str__(self) -> str:
        return f"{self.item} · {self.task.name} · {self.get_status_display()}"
