"""Handling: assignment, the reply with review where the agency wants it (approved by someone other than
its author), sending, closing, withdrawal and voiding; nothing written on a refusal."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Department
from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.consultations.models import Category, Enquiry, EnquiryEvent, Source
from gongkai.consultations.services.handling import (
    enquiry_assign,
    enquiry_categorise,
    enquiry_close,
    enquiry_void,
    enquiry_withdraw,
    reply_approve,
    reply_draft,
    reply_return,
    reply_send,
    reply_submit_for_review,
)
from gongkai.consultations.states import EnquiryState
from tests.consultations.conftest import MONDAY, D, at
from tests.factories import grant

pytestmark = pytest.mark.django_db
ANSWER = "新生入学需准备户口簿、房产证明及预防接种证明，具体以学校公告为准。"


def assigned(desk, day=MONDAY, **changes):
    enquiry = desk.register(day, **changes)
    with at(day):
        return enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)


def test_assignment_to_a_handler_of_the_agency(desk, django_capture_on_commit_callbacks):
    enquiry = desk.register()
    department = Department.objects.create(agency=desk.agency, name="基础教育科")
    with at(D(2026, 3, 2)), django_capture_on_commit_callbacks(execute=True):
        enquiry = enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer, department=department)
    assert (enquiry.state, enquiry.handler, enquiry.department) == (EnquiryState.HANDLING, desk.officer, department)
    assert mail.outbox[-1].to == [desk.officer.email]
    assert enquiry.tracking_code in mail.outbox[-1].subject


def test_assignment_refusals(desk):
    enquiry = desk.register()
    foreign = Department.objects.create(agency=desk.other, name="基础教育科")
    with pytest.raises(ValidationError, match="咨询承办权限"):
        enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.reviewer)
    with pytest.raises(ValidationError, match="承办内设机构须属于本机关"):
        enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer, department=foreign)
    with pytest.raises(PermissionDenied):
        enquiry_assign(acting_user=desk.officer, enquiry=enquiry, handler=desk.officer)
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.RECEIVED
    assert enquiry.handler is None


def test_without_review_the_handler_drafts_and_sends_and_the_asker_is_mailed(desk, django_capture_on_commit_callbacks):
    enquiry = assigned(desk)
    with at(D(2026, 3, 3)), django_capture_on_commit_callbacks(execute=True):
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text=ANSWER)
        enquiry = reply_send(acting_user=desk.officer, enquiry=enquiry)
    assert enquiry.state == EnquiryState.REPLIED
    assert (enquiry.replied_on, enquiry.first_replied_on, enquiry.reply_count) == (D(2026, 3, 3),) * 2 + (1,)
    assert enquiry.replied_by == desk.officer
    assert mail.outbox[-1].to == ["li@example.com"]
    assert ANSWER in mail.outbox[-1].body
    assert EnquiryEvent.objects.get(enquiry=enquiry, kind="replied").text == ANSWER
    with at(D(2026, 3, 4)):
        enquiry = enquiry_close(acting_user=desk.officer, enquiry=enquiry)
    assert (enquiry.state, enquiry.closed_on) == (EnquiryState.CLOSED, D(2026, 3, 4))


def test_a_reply_given_on_the_phone_is_written_sent_and_closed_in_one_step(desk):
    enquiry = desk.register()
    with at(D(2026, 3, 2)):
        enquiry = reply_send(acting_user=desk.office, enquiry=enquiry, text=ANSWER, close=True)
    assert enquiry.state == EnquiryState.CLOSED
    assert enquiry.closed_on == enquiry.replied_on == D(2026, 3, 2)
    assert enquiry.handler == desk.office, "the office answering itself becomes the handler"


def test_required_review_refuses_sending_without_approval_and_writes_nothing(desk):
    desk.require_review()
    enquiry = assigned(desk)
    with at(D(2026, 3, 3)):
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text=ANSWER)
        with pytest.raises(ValidationError, match="审核通过后才能发出"):
            reply_send(acting_user=desk.officer, enquiry=enquiry)
        with pytest.raises(ValidationError, match="审核通过后才能发出"):
            reply_send(acting_user=desk.officer, enquiry=enquiry, text="另一个答复")
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.DRAFTED
    assert enquiry.reply == ANSWER, "the one-step draft was rolled back with the refused send"
    assert enquiry.reply_count == 0
    assert not EnquiryEvent.objects.filter(enquiry=enquiry, kind="replied").exists()


def test_approval_by_another_person_then_send(desk):
    desk.require_review()
    enquiry = assigned(desk)
    with at(D(2026, 3, 3)):
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text=ANSWER)
        enquiry = reply_submit_for_review(acting_user=desk.officer, enquiry=enquiry)
        with pytest.raises(PermissionDenied, match="不能审核自己的答复"):
            reply_approve(acting_user=desk.officer, enquiry=enquiry)
        with pytest.raises(PermissionDenied, match="没有审核"):
            reply_approve(acting_user=desk.officer2, enquiry=enquiry)
        enquiry = reply_approve(acting_user=desk.reviewer, enquiry=enquiry, comment="同意")
        assert enquiry.state == EnquiryState.APPROVED
        enquiry = reply_send(acting_user=desk.officer, enquiry=enquiry)
    assert enquiry.state == EnquiryState.REPLIED
    assert enquiry.reviewed_by == desk.reviewer
    assert AuditEvent.objects.filter(action="enquiry.reply_approve", actor=desk.reviewer).exists()


def test_the_office_cannot_approve_a_draft_it_wrote_even_with_a_reviewer_role(desk):
    desk.require_review()
    grant(desk.office, desk.agency, Role.REVIEWER)
    enquiry = desk.register()
    with at(D(2026, 3, 2)):
        enquiry = reply_draft(acting_user=desk.office, enquiry=enquiry, text=ANSWER)
        enquiry = reply_submit_for_review(acting_user=desk.office, enquiry=enquiry)
        with pytest.raises(PermissionDenied):
            reply_approve(acting_user=desk.office, enquiry=enquiry)
        reply_approve(acting_user=desk.approver, enquiry=enquiry)


def test_a_source_may_require_review_on_its_own(desk):
    Source.objects.filter(agency=desk.agency, code="assigned_12345").update(requires_review=True)
    enquiry = desk.register(code="assigned_12345")
    with at(D(2026, 3, 2)), pytest.raises(ValidationError, match="审核通过后才能发出"):
        reply_send(acting_user=desk.office, enquiry=enquiry, text=ANSWER)
    other = desk.register(code="hotline")
    with at(D(2026, 3, 2)):
        assert reply_send(acting_user=desk.office, enquiry=other, text=ANSWER).state == EnquiryState.REPLIED


def test_returned_draft_goes_back_to_its_author_and_an_edit_after_approval_needs_review_again(
    desk, django_capture_on_commit_callbacks
):
    desk.require_review()
    enquiry = assigned(desk)
    with at(D(2026, 3, 3)):
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text=ANSWER)
        enquiry = reply_submit_for_review(acting_user=desk.officer, enquiry=enquiry)
        with pytest.raises(ValidationError, match="请填写退回意见"):
            reply_return(acting_user=desk.reviewer, enquiry=enquiry, comment=" ")
        with django_capture_on_commit_callbacks(execute=True):
            enquiry = reply_return(acting_user=desk.reviewer, enquiry=enquiry, comment="请补充学校公告的链接")
        assert enquiry.state == EnquiryState.DRAFTED
        assert mail.outbox[-1].to == [desk.officer.email]
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text=ANSWER + "详见学校网站。")
        enquiry = reply_submit_for_review(acting_user=desk.officer, enquiry=enquiry)
        enquiry = reply_approve(acting_user=desk.approver, enquiry=enquiry)
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text="改过的答复")
        assert enquiry.state == EnquiryState.DRAFTED
        with pytest.raises(ValidationError):
            reply_send(acting_user=desk.officer, enquiry=enquiry)


def test_only_the_handler_or_the_office_works_on_the_reply(desk):
    enquiry = assigned(desk)
    for user in (desk.officer2, desk.outsider, desk.reviewer):
        with pytest.raises(PermissionDenied):
            reply_draft(acting_user=user, enquiry=enquiry, text=ANSWER)


def test_reply_dates_and_closing_rules(desk):
    enquiry = assigned(desk, D(2026, 3, 2))
    with at(D(2026, 3, 5)):
        with pytest.raises(ValidationError, match="答复日期不能早于受理日期"):
            reply_send(acting_user=desk.officer, enquiry=enquiry, text=ANSWER, on=D(2026, 3, 1))
        with pytest.raises(ValidationError, match="答复日期不能晚于今天"):
            reply_send(acting_user=desk.officer, enquiry=enquiry, text=ANSWER, on=D(2026, 3, 6))
        with pytest.raises(ValidationError, match="不能执行“办结”"):
            enquiry_close(acting_user=desk.officer, enquiry=enquiry)
        enquiry = reply_send(acting_user=desk.officer, enquiry=enquiry, text=ANSWER, on=D(2026, 3, 4))
        with pytest.raises(ValidationError, match="办结日期不能早于答复日期"):
            enquiry_close(acting_user=desk.officer, enquiry=enquiry, on=D(2026, 3, 3))
    assert Enquiry.objects.get(pk=enquiry.pk).replied_on == D(2026, 3, 4)


def test_withdrawal_and_voiding_by_the_office_before_the_reply(desk):
    first, second, third = desk.register(), desk.register(), desk.register()
    with at(D(2026, 3, 3)):
        with pytest.raises(ValidationError, match="请填写撤回情况"):
            enquiry_withdraw(acting_user=desk.office, enquiry=first, note="")
        with pytest.raises(PermissionDenied):
            enquiry_void(acting_user=desk.officer, enquiry=first, reason="测试")
        first = enquiry_withdraw(acting_user=desk.office, enquiry=first, note="留言人来电表示问题已解决")
        second = enquiry_void(acting_user=desk.office, enquiry=second, reason="重复提交的同一内容")
        reply_send(acting_user=desk.office, enquiry=third, text=ANSWER)
        with pytest.raises(ValidationError, match="不能执行“作废”"):
            enquiry_void(acting_user=desk.office, enquiry=third, reason="测试")
    assert (first.state, second.state) == (EnquiryState.WITHDRAWN, EnquiryState.VOIDED)
    assert AuditEvent.objects.filter(action="enquiry.void", summary__contains="重复提交").exists()


def test_category(desk):
    enquiry = assigned(desk)
    category = Category.objects.get(agency=desk.agency, name="招生入学")
    foreign = Category.objects.get(agency=desk.other, name="招生入学")
    enquiry = enquiry_categorise(acting_user=desk.officer, enquiry=enquiry, category=category)
    assert enquiry.category == category
    with pytest.raises(ValidationError, match="启用中的咨询分类"):
        enquiry_categorise(acting_user=desk.officer, enquiry=enquiry, category=foreign)
    with pytest.raises(PermissionDenied):
        enquiry_categorise(acting_user=desk.officer2, enquiry=enquiry, category=None)
