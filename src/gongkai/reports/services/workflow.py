"""The review workflow of a report and its publication (《条例》第四十九条).

The disclosure office submits the report to its supervising office (the nearest agency above with a
supervisor, ``reports.access.supervising_office``), which accepts it or returns it with comments; the
office then publishes it on the 政府信息公开年报 column. An agency with no supervising office publishes
without review. Each submission is a ``ReportReview`` round (who, when, decision, comment); a report with
errors cannot be submitted, accepted or published; the reviewer cannot be the submitter.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import audit_record
from gongkai.mail.services import mail_after_commit
from gongkai.playback import now, today
from gongkai.reports.access import require_edit, require_review, supervising_office
from gongkai.reports.models import AnnualReport, ReportReview, ReviewDecision
from gongkai.reports.services.common import (
    acting,
    content_sha256,
    locked,
    move,
    office_emails,
    refresh_findings,
    supervisor_emails,
)
from gongkai.reports.states import ReportAction, ReportState
from gongkai.search.services import search_sync
from gongkai.workdays.explain import chinese_date

MAX_COMMENT = 2000


def _no_errors(report: AnnualReport, what: str) -> None:
    findings = refresh_findings(report)
    errors = [f for f in findings if f.severity.value == "error"]
    if errors:
        listed = "；".join(f.message for f in errors[:3]) + ("……" if len(errors) > 3 else "")  # noqa: PLR2004
        raise ValidationError(f"报告还有{len(errors)}项错误，不能{what}：{listed}")


def _comment(text: Any, *, required: bool, what: str) -> str:
    comment = str(text or "").strip()
    if required and not comment:
        raise ValidationError({"comment": f"请填写{what}。"})
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": f"{what}不能超过{MAX_COMMENT}个字。"})
    return comment


def _pending_review(report: AnnualReport) -> ReportReview:
    review = report.reviews.filter(decision=ReviewDecision.PENDING).order_by("-round").first()
    if review is None:  # pragma: no cover - every submission opens one
        raise ValidationError("没有待审核的报送记录。")
    return review


def _audit(acting_user: Any, report: AnnualReport, action: str, summary: str, before: ReportState, **after: Any):
    audit_record(
        acting_user=acting_user,
        action=f"report.{action}",
        target=report,
        agency=report.agency,
        summary=summary,
        before={"state": before.value},
        after={"state": report.state, **after},
    )


def report_submit(*, acting_user: Any, report: AnnualReport, note: str = "") -> AnnualReport:
    """Submit the report to the supervising office for review."""
    require_edit(acting_user, report.agency)
    note = _comment(note, required=False, what="报送说明")
    with transaction.atomic():
        report = locked(report)
        office = supervising_office(report.agency)
        if office is None:
            raise ValidationError("本机关没有上级政府信息公开工作主管部门，报告无需报送审核，可以直接发布。")
        _no_errors(report, "报送")
        before, _after = move(report, ReportAction.SUBMIT)
        report.submitted_at = now()
        report.save()
        round_no = report.reviews.count() + 1
        ReportReview.objects.create(
            report=report,
            round=round_no,
            reviewer_agency=office,
            submitted_by=acting(acting_user),
            submitted_at=report.submitted_at,
            submit_note=note,
        )
        _audit(acting_user, report, "submit", f"报送{report}（第{round_no}次）至{office.name}", before, note=note)
        mail_after_commit(
            to=supervisor_emails(office),
            subject=f"年度报告待审核：{report}",
            body=f"{report.agency.name}报送了{report}（第{round_no}次报送），请登录政府信息公开平台审核。"
            + (f"\n报送说明：{note}" if note else ""),
        )
        return report


def report_withdraw(*, acting_user: Any, report: AnnualReport) -> AnnualReport:
    """Take a submitted report back to draft before the supervising office decides."""
    require_edit(acting_user, report.agency)
    with transaction.atomic():
        report = locked(report)
        before, _after = move(report, ReportAction.WITHDRAW)
        review = _pending_review(report)
        review.decision = ReviewDecision.WITHDRAWN
        review.decided_by, review.decided_at = acting(acting_user), now()
        review.save()
        report.save()
        _audit(acting_user, report, "withdraw", f"撤回报送的{report}", before)
        return report


def _review(acting_user: Any, report: AnnualReport) -> tuple[AnnualReport, ReportReview]:
    report = locked(report)
    review = _pending_review(report) if report.report_state is ReportState.SUBMITTED else None
    require_review(acting_user, report.agency, review.reviewer_agency if review is not None else None)
    if review is None:
        raise ValidationError(f"年度报告当前状态为“{report.report_state.label}”，没有待审核的报送。")
    if acting_user is not None and review.submitted_by_id == getattr(acting_user, "pk", None):
        raise ValidationError("报送人不能审核自己报送的报告。")
    return report, review


def report_return(*, acting_user: Any, report: AnnualReport, comment: str) -> AnnualReport:
    """The supervising office returns the report with its comments."""
    comment = _comment(comment, required=True, what="退回意见")
    with transaction.atomic():
        report, review = _review(acting_user, report)
        before, _after = move(report, ReportAction.RETURN)
        review.decision, review.comment = ReviewDecision.RETURNED, comment
        review.decided_by, review.decided_at = acting(acting_user), now()
        review.save()
        report.save()
        _audit(acting_user, report, "return", f"退回{report}：{comment}", before, comment=comment)
        mail_after_commit(
            to=office_emails(report.agency),
            subject=f"年度报告被退回修改：{report}",
            body=f"{review.reviewer_agency}退回了{report}，意见如下：\n{comment}\n请修改后重新报送。",
        )
        return report


def report_accept(*, acting_user: Any, report: AnnualReport, comment: str = "") -> AnnualReport:
    """The supervising office accepts the report; the agency may then publish it."""
    comment = _comment(comment, required=False, what="审核意见")
    with transaction.atomic():
        report, review = _review(acting_user, report)
        _no_errors(report, "审核通过")
        before, _after = move(report, ReportAction.ACCEPT)
        report.accepted_at = now()
        review.decision, review.comment = ReviewDecision.ACCEPTED, comment
        review.decided_by, review.decided_at = acting(acting_user), report.accepted_at
        review.save()
        report.save()
        _audit(acting_user, report, "accept", f"审核通过{report}", before, comment=comment)
        mail_after_commit(
            to=office_emails(report.agency),
            subject=f"年度报告审核通过：{report}",
            body=f"{review.reviewer_agency}已审核通过{report}"
            + (f"，意见：{comment}" if comment else "")
            + "。请在法定期限内发布。",
        )
        return report


def report_reopen(*, acting_user: Any, report: AnnualReport, reason: str) -> AnnualReport:
    """Back to draft after acceptance (to change it, it must be submitted again)."""
    require_edit(acting_user, report.agency)
    reason = _comment(reason, required=True, what="重新修改的理由")
    with transaction.atomic():
        report = locked(report)
        before, _after = move(report, ReportAction.REOPEN)
        report.accepted_at = None
        report.save()
        _audit(acting_user, report, "reopen", f"审核通过后重新修改{report}：{reason}", before, reason=reason)
        return report


def report_publish(*, acting_user: Any, report: AnnualReport) -> AnnualReport:
    """Publish the report on the agency's 政府信息公开年报 column: accepted by the supervising office, or
    a draft of an agency without one. The published content is frozen with its SHA-256."""
    require_edit(acting_user, report.agency)
    with transaction.atomic():
        report = locked(report)
        if report.report_state is ReportState.ACCEPTED:
            action = ReportAction.PUBLISH
        elif report.report_state is ReportState.DRAFT and supervising_office(report.agency) is None:
            action = ReportAction.PUBLISH_UNREVIEWED
        elif report.report_state in {ReportState.DRAFT, ReportState.RETURNED}:
            raise ValidationError("报告须经政府信息公开工作主管部门审核通过后才能发布，请先报送审核。")
        else:
            action = ReportAction.PUBLISH  # the transition table refuses it with its message
        _no_errors(report, "发布")
        before, _after = move(report, action)
        day = today()
        report.published_on, report.published_at, report.published_by = day, now(), acting(acting_user)
        data = dict(report.data)
        data["published_date"] = day.isoformat()
        report.data = data
        refresh_findings(report)
        report.published_sha256 = content_sha256(report.data)
        report.save()
        _audit(
            acting_user,
            report,
            "publish",
            f"发布{report}",
            before,
            published_on=day.isoformat(),
            sha256=report.published_sha256,
        )
        search_sync(report)
        office = supervising_office(report.agency)
        mail_after_commit(
            to=supervisor_emails(office),
            subject=f"年度报告已发布：{report}",
            body=f"{report.agency.name}已于{chinese_date(day)}发布{report}。",
        )
        return report
