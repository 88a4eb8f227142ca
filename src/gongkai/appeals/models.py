"""Review and litigation cases over the agency's disclosure acts, their documents and the reminders sent.

``AppealCase.state``, the dates and the outcome change only through ``appeals.services``; the history is
the audit trail. The defence due date is derived from ``copy_received_on`` (``appeals.deadlines``),
never stored.
"""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.appeals.counting import CaseFacts
from gongkai.appeals.kinds import DECISIONS, KIND_LABELS, RESULT_LABELS, CaseKind, DecisionType, Result
from gongkai.appeals.states import STATE_LABELS, CaseState
from gongkai.privacy.masking import mask_name

KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]
STATE_CHOICES = [(s.value, label) for s, label in STATE_LABELS.items()]
RESULT_CHOICES = [(r.value, label) for r, label in RESULT_LABELS.items() if r is not Result.PENDING]
DECISION_CHOICES = [(d.value, spec.label) for d, spec in DECISIONS.items()]


class AppealCase(models.Model):
    """One administrative review (行政复议) or litigation (行政诉讼) case in which the agency is the
    respondent (被申请人) or defendant (被告), over one or more applications or another disclosure act."""

    agency = models.ForeignKey(
        Agency, verbose_name="被申请人（被告）机关", on_delete=models.PROTECT, related_name="appeal_cases"
    )
    kind = models.CharField("案件类型", max_length=30, choices=KIND_CHOICES)
    state = models.CharField(
        "状态", max_length=20, choices=STATE_CHOICES, default=CaseState.REGISTERED.value, editable=False
    )
    reference = models.CharField("案号", max_length=100, blank=True)
    body_name = models.CharField("复议机关或人民法院", max_length=100)
    party_name = models.CharField("申请人或原告", max_length=100)
    party_is_organisation = models.BooleanField("申请人或原告为法人或其他组织", default=False)
    applications = models.ManyToManyField(
        "inforequests.Application", verbose_name="涉及的政府信息公开申请", blank=True, related_name="appeal_cases"
    )
    act_description = models.TextField(
        "被复议或起诉的其他政府信息公开行为",
        blank=True,
        help_text="不涉及本平台登记的申请时填写，如主动公开行为、未依申请答复的情况。",
    )
    claims = models.TextField("复议请求或诉讼请求", blank=True)
    review_case = models.ForeignKey(
        "self",
        verbose_name="此前的行政复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigations",
    )
    filed_on = models.DateField("申请复议或起诉日期")
    copy_received_on = models.DateField(
        "收到申请书副本或起诉状副本日期", null=True, blank=True, help_text="自此日起计算答复或答辩期限。"
    )
    accepted_on = models.DateField("受理或立案日期", null=True, blank=True)
    hearing_on = models.DateField("听证或开庭日期", null=True, blank=True)
    defence_submitted_on = models.DateField("提交答复或答辩状日期", null=True, blank=True)
    decided_on = models.DateField("结果日期", null=True, blank=True, editable=False, help_text="决定、裁判或撤回之日")
    decision_received_on = models.DateField("收到决定书或裁判文书日期", null=True, blank=True, editable=False)
    decision_type = models.CharField("审理结果", max_length=40, choices=DECISION_CHOICES, blank=True, editable=False)
    result = models.CharField("表四统计结果", max_length=20, choices=RESULT_CHOICES, blank=True, editable=False)
    decision_summary = models.TextField("结果摘要", blank=True, editable=False)
    reopen_prompted_on = models.DateField("提示重新处理日期", null=True, blank=True, editable=False)
    notes = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ("-filed_on", "-id")
        indexes = [
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["agency", "filed_on"]),
            models.Index(fields=["agency", "decided_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_kind.label} {self.reference or f'（登记号 {self.pk}）'}"

    @property
    def case_kind(self) -> CaseKind:
        return CaseKind(self.kind)

    @property
    def case_state(self) -> CaseState:
        return CaseState(self.state)

    @property
    def case_result(self) -> Result | None:
        return Result(self.result) if self.result else None

    @property
    def decision(self) -> DecisionType | None:
        return DecisionType(self.decision_type) if self.decision_type else None

    @property
    def party_masked(self) -> str:
        """The applicant or plaintiff as lists show it: a person's name masked, an organisation's in full."""
        return self.party_name if self.party_is_organisation else mask_name(self.party_name)

    @property
    def facts(self) -> CaseFacts:
        return CaseFacts(
            kind=self.case_kind,
            filed_on=self.filed_on,
            decided_on=self.decided_on,
            result=self.case_result,
            voided=self.case_state is CaseState.VOIDED,
        )


class DocumentKind(models.TextChoices):
    COPY = "copy", "申请书副本或起诉状副本"
    NOTICE = "notice", "受理通知书或应诉通知书"
    DEFENCE = "defence", "答复书或答辩状"
    EVIDENCE = "evidence", "证据、依据材料"
    DECISION = "decision", "决定书、判决书或裁定书"
    OTHER = "other", "其他材料"


def case_document_path(instance: "CaseDocument", _filename: str) -> str:
    return f"appeals/{instance.case.agency_id}/{instance.case_id}/{instance.sha256[:16]}"


class CaseDocument(models.Model):
    """A document of a case, served only through access-checked views."""

    case = models.ForeignKey(AppealCase, verbose_name="案件", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("材料类型", max_length=20, choices=DocumentKind.choices)
    file = models.FileField("文件", upload_to=case_document_path)
    original_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
        ordering = ("case", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name


class CaseReminder(models.Model):
    """A reminder e-mail to the disclosure office about a case deadline; one per (case, kind, due)."""

    case = models.ForeignKey(AppealCase, verbose_name="案件", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("提醒类型", max_length=40)
    due = models.DateField("期限")
    sent_on = models.DateField("发送日期")

    class Meta:
        verbose_name = "案件期限提醒"
        verbose_name_plural = "案件期限提醒"
        ordering = ("-sent_on", "id")
        constraints = [models.UniqueConstraint(fields=["case", "kind", "due"], name="appeal_reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due:%Y-%m-%d}"
