"""What staff add while handling an application: consultations, comments, attachments, and the records
of deadlines missed and reminders sent (each recorded once)."""

from django.conf import settings
from django.db import models

from gongkai.inforequests.choices import ConsultationOpinion
from gongkai.inforequests.clock import BreachKind, ConsultationParty
from gongkai.inforequests.models.applications import Application


class Consultation(models.Model):
    """A written consultation of a third party (Art. 32) or another agency (Art. 34). Its dates are in the
    clock ledger (``consultation_sent`` / ``consultation_answered`` entries with ``ref``)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="consultations"
    )
    ref = models.CharField("编号", max_length=40)
    party = models.CharField("征求对象类型", max_length=20, choices=[(p.value, p.label) for p in ConsultationParty])
    addressee = models.CharField("征求对象名称", max_length=100)
    addressee_address = models.CharField("征求对象地址或联系方式", max_length=200, blank=True)
    subject = models.TextField("征求意见的事项")
    sent_on = models.DateField("发出日期")
    answered_on = models.DateField("收到意见日期", null=True, blank=True)
    opinion = models.CharField("意见", max_length=20, choices=ConsultationOpinion.choices, blank=True)
    opinion_summary = models.TextField("意见摘要", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("application", "sent_on", "id")
        constraints = [models.UniqueConstraint(fields=["application", "ref"], name="consultation_ref_unique")]

    def __str__(self) -> str:
        return f"{self.ref} {self.addressee}"


class Comment(models.Model):
    """An internal note on an application (never shown to the applicant)."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作者", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("内容")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "内部意见"
        verbose_name_plural = "内部意见"
        ordering = ("application", "created_at", "id")

    def __str__(self) -> str:
        return self.text[:30]


def application_file_path(instance: "ApplicationFile", _filename: str) -> str:
    return f"applications/{instance.application.agency_id}/{instance.application_id}/{instance.sha256[:16]}"


class ApplicationFile(models.Model):
    """A file of an application: the information provided to the applicant, or a working document.
    Served only through access-checked views (the applicant's status page shows provided files after
    delivery)."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to=application_file_path)
    original_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    provided = models.BooleanField("提供给申请人", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ("application", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name


class ClockBreach(models.Model):
    """A statutory deadline missed, recorded once per (application, kind, due) by the daily job."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.CASCADE, related_name="breaches")
    kind = models.CharField("类型", max_length=40, choices=[(k.value, k.label) for k in BreachKind])
    due = models.DateField("期限")
    recorded_on = models.DateField("记录日期")

    class Meta:
        verbose_name = "超期记录"
        verbose_name_plural = "超期记录"
        ordering = ("-due", "id")
        constraints = [models.UniqueConstraint(fields=["application", "kind", "due"], name="application_breach_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due:%Y-%m-%d}"


class Reminder(models.Model):
    """A reminder e-mail sent to the handler about a deadline; one per (application, kind, due)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField("提醒类型", max_length=40)
    due = models.DateField("期限")
    sent_on = models.DateField("发送日期")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "期限提醒"
        verbose_name_plural = "期限提醒"
        constraints = [models.UniqueConstraint(fields=["application", "kind", "due"], name="application_reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due:%Y-%m-%d}"


class ExtensionRequest(models.Model):
    """The handler asks to extend the reply period (Art. 33 para. 2); the office head approves or
    declines. Approval writes the ``extension_granted`` clock entry."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="extension_requests"
    )
    workdays = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人员", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("提出日期")
    approved = models.BooleanField("是否批准", null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("审批日期", null=True)
    decision_comment = models.CharField("审批意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ("application", "requested_on", "id")

    def __str__(self) -> str:
        return f"延长{self.workdays}个工作日"
