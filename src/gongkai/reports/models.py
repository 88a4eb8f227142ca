"""Annual reports, their review rounds, the yearly statistics staff enter for table 二, the supervisor's
report settings, and the reminders and breaches the daily jobs record once each.

``AnnualReport.state``, ``data`` and the dates change only through ``reports.services``; the history is
the audit trail plus the review rounds (``ReportReview``: who submitted, who decided, the comment).
"""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.reports.checks import Finding
from gongkai.reports.states import STATE_LABELS, ReportState
from gongkai.rules.outcomes import ReportFormat

STATE_CHOICES = [(s.value, label) for s, label in STATE_LABELS.items()]
FORMAT_CHOICES = [(f.value, f.label) for f in ReportFormat]


class AnnualReport(models.Model):
    """One agency's 政府信息公开工作年度报告 of one year.

    ``data`` is the report as it will be (or was) published, in the report data shape (DESIGN.md
    "Report data"); ``computed`` is what the records gave the last time the report was generated, so a
    hand-edited cell is one where the two differ. ``findings`` holds the last check of ``data``.
    """

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    format = models.CharField("表格格式", max_length=4, choices=FORMAT_CHOICES, editable=False)
    state = models.CharField(
        "状态", max_length=20, choices=STATE_CHOICES, default=ReportState.DRAFT.value, editable=False
    )
    data = models.JSONField("报告内容", default=dict, editable=False)
    computed = models.JSONField("按记录生成的内容", default=dict, editable=False)
    record_findings = models.JSONField("记录核对问题", default=list, editable=False)
    computed_at = models.DateTimeField("生成时间", null=True, blank=True, editable=False)
    findings = models.JSONField("检查结果", default=list, editable=False)
    error_count = models.PositiveSmallIntegerField("错误数", default=0, editable=False)
    warning_count = models.PositiveSmallIntegerField("提示数", default=0, editable=False)

    fee_sentence = models.TextField("信息处理费说明", blank=True, editable=False)
    problems = models.TextField("存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("其他需要报告的事项", blank=True, help_text="信息处理费的说明由系统自动写在最前面")
    notes_management = models.TextField(
        "政府信息管理情况补充", blank=True, help_text="写入第一部分（三），如制度建设、公开属性源头认定等"
    )
    notes_platform = models.TextField(
        "平台建设情况补充", blank=True, help_text="写入第一部分（四），如网站栏目、政务新媒体、政府公报等"
    )
    notes_supervision = models.TextField(
        "监督保障情况补充", blank=True, help_text="写入第一部分（五），如培训、考核、社会评议、责任追究等"
    )

    submitted_at = models.DateTimeField("报送时间", null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField("审核通过时间", null=True, blank=True, editable=False)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    published_sha256 = models.CharField("发布内容SHA-256", max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ("-year", "agency__path")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_once_a_year")]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def report_state(self) -> ReportState:
        return ReportState(self.state)

    @property
    def report_format(self) -> ReportFormat:
        return ReportFormat(self.format)

    @property
    def finding_list(self) -> list[Finding]:
        return [Finding.from_json(f) for f in self.findings]


class ReviewDecision(models.TextChoices):
    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "审核通过"
    RETURNED = "returned", "退回修改"
    WITHDRAWN = "withdrawn", "报送单位已撤回"


class ReportReview(models.Model):
    """One submission of a report to the supervising office and what became of it."""

    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField("报送次数")
    reviewer_agency = models.ForeignKey(
        Agency, verbose_name="审核机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("报送时间")
    submit_note = models.TextField("报送说明", blank=True)
    decision = models.CharField(
        "审核结果", max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    comment = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "年度报告审核"
        verbose_name_plural = "年度报告审核"
        ordering = ("report", "round")
        constraints = [models.UniqueConstraint(fields=["report", "round"], name="report_review_round_once")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.round}次报送（{self.get_decision_display()}）"


class StatisticEntry(models.Model):
    """A figure of table 二 that another business system holds (行政许可、行政处罚、行政强制 decisions,
    行政事业性收费 in 万元; the 2019 form's item counts and procurement), entered by staff with its source."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    key = models.CharField("单元格", max_length=120)  # reports.document.path_text of the cell
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    source = models.CharField("数据来源", max_length=200, blank=True, help_text="如：省政务服务网行政许可系统年度统计")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年报统计数据"
        verbose_name_plural = "年报统计数据"
        ordering = ("agency", "year", "key")
        constraints = [models.UniqueConstraint(fields=["agency", "year", "key"], name="statistic_entry_once")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.key}={self.value}"


class ReportSettings(models.Model):
    """A supervising office's settings for the reports of the agencies below it."""

    agency = models.OneToOneField(
        Agency,
        verbose_name="政府信息公开工作主管部门（所在机构）",
        on_delete=models.PROTECT,
        related_name="report_settings",
    )
    internal_month = models.PositiveSmallIntegerField(
        "内部报送期限（月）", null=True, blank=True, help_text="下级机构报送上一年度报告的截止月份，如 1"
    )
    internal_day = models.PositiveSmallIntegerField("内部报送期限（日）", null=True, blank=True, help_text="如 20")
    reminder_days = models.CharField(
        "提前提醒天数", max_length=40, default="10,3,1", help_text="在期限前多少天提醒，用逗号分隔，如 10,3,1"
    )

    class Meta:
        verbose_name = "年度报告设置"
        verbose_name_plural = "年度报告设置"

    def __str__(self) -> str:
        return f"{self.agency}的年度报告设置"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError  # noqa: PLC0415

        from gongkai.reports.deadlines import internal_deadline  # noqa: PLC0415

        errors: dict[str, str] = {}
        if (self.internal_month is None) != (self.internal_day is None):
            errors["internal_day"] = "内部报送期限的月和日应同时填写或同时留空。"
        elif self.internal_month is not None and self.internal_day is not None:
            try:
                internal_deadline(2025, self.internal_month, self.internal_day)
            except ValueError:
                errors["internal_day"] = f"{self.internal_month}月{self.internal_day}日不是有效日期。"
            else:
                if (self.internal_month, self.internal_day) > (1, 31):
                    errors["internal_month"] = "内部报送期限应早于部门报告的法定期限（1月31日）。"
        try:
            self.reminder_day_list()
        except ValueError as exc:
            errors["reminder_days"] = str(exc)
        if errors:
            raise ValidationError(errors)

    def reminder_day_list(self) -> tuple[int, ...]:
        parts = [p.strip() for p in self.reminder_days.replace("，", ",").split(",") if p.strip()]
        if not all(p.isdigit() and 0 < int(p) <= 90 for p in parts):  # noqa: PLR2004
            raise ValueError("提前提醒天数应为1至90之间的整数，用逗号分隔，如 10,3,1。")
        return tuple(sorted({int(p) for p in parts}, reverse=True))


class ReportReminder(models.Model):
    """A reminder e-mail about a report deadline, sent once per (agency, year, kind, due, stage)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)  # internal / statutory
    due = models.DateField()
    stage = models.SmallIntegerField()  # days before; 0 on the day; -1 overdue
    sent_on = models.DateField()

    class Meta:
        verbose_name = "年度报告期限提醒"
        verbose_name_plural = "年度报告期限提醒"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind", "due", "stage"], name="report_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.kind} {self.due} {self.stage}"


class ReportBreach(models.Model):
    """A report deadline missed, recorded once per (agency, year, kind) by the daily job."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    kind = models.CharField(
        "类型", max_length=20, choices=[("internal", "未按内部期限报送"), ("statutory", "未按法定期限公布")]
    )
    due = models.DateField("期限")
    recorded_on = models.DateField("记录日期")

    class Meta:
        verbose_name = "年度报告逾期记录"
        verbose_name_plural = "年度报告逾期记录"
        ordering = ("-year", "agency")
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="report_breach_once")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_kind_display()}"
