"""The asker rates each reply once; a 不满意 case can be reopened with a new due date; the history stays."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.consultations.models import EnquiryEvent
from gongkai.consultations.selectors import asker_may_rate, asker_timeline, figures_for
from gongkai.consultations.services.handling import enquiry_assign, enquiry_close, reply_send
from gongkai.consultations.services.rating import enquiry_rate, enquiry_reopen
from gongkai.consultations.states import EnquiryState
from tests.consultations.conftest import MONDAY, D, at

pytestmark = pytest.mark.django_db


def replied(desk, day=MONDAY, text="第一次答复", **changes):
    enquiry = desk.register(day, **changes)
    with at(day):
        enquiry = enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
        return reply_send(acting_user=desk.officer, enquiry=enquiry, text=text)


def test_rating_before_the_reply_is_refused(desk):
    enquiry = desk.register()
    assert not asker_may_rate(enquiry)
    with pytest.raises(ValidationError, match="答复后才能评价"):
        enquiry_rate(enquiry=enquiry, rating="satisfied")


def test_each_reply_is_rated_once(desk):
    enquiry = replied(desk)
    assert asker_may_rate(enquiry)
    with pytest.raises(ValidationError, match="请选择满意、基本满意或不满意"):
        enquiry_rate(enquiry=enquiry, rating="excellent")
    with at(D(2026, 3, 3)):
        enquiry = enquiry_rate(enquiry=enquiry, rating="basically_satisfied", comment="答复及时")
    assert (enquiry.rating, enquiry.rated_on, enquiry.rated_reply) == ("basically_satisfied", D(2026, 3, 3), 1)
    assert not asker_may_rate(enquiry)
    with pytest.raises(ValidationError, match="只能评价一次"):
        enquiry_rate(enquiry=enquiry, rating="dissatisfied")
    enquiry.refresh_from_db()
    assert enquiry.rating == "basically_satisfied"


def test_a_closed_case_may_still_be_rated(desk):
    enquiry = replied(desk)
    with at(D(2026, 3, 2)):
        enquiry = enquiry_close(acting_user=desk.officer, enquiry=enquiry)
    assert enquiry_rate(enquiry=enquiry, rating="satisfied").rating == "satisfied"


def test_dissatisfied_notifies_the_handler_and_the_office_reopens_with_a_new_due_date(
    desk, django_capture_on_commit_callbacks
):
    enquiry = replied(desk, D(2026, 3, 2))  # 热线: due 5 March
    with at(D(2026, 3, 3)):
        enquiry = enquiry_close(acting_user=desk.officer, enquiry=enquiry)
    with at(D(2026, 3, 4)), django_capture_on_commit_callbacks(execute=True):
        enquiry = enquiry_rate(enquiry=enquiry, rating="dissatisfied", comment="没有回答我的问题")
    assert mail.outbox[-1].to == [desk.officer.email]
    assert "没有回答我的问题" in mail.outbox[-1].body
    with at(D(2026, 3, 9)):
        with pytest.raises(PermissionDenied):
            enquiry_reopen(acting_user=desk.officer, enquiry=enquiry, reason="重新答复")
        with pytest.raises(ValidationError, match="请填写重新办理的理由"):
            enquiry_reopen(acting_user=desk.office, enquiry=enquiry, reason="")
        enquiry = enquiry_reopen(acting_user=desk.office, enquiry=enquiry, reason="留言人不满意，补充说明")
    assert enquiry.state == EnquiryState.HANDLING
    assert enquiry.due_on == D(2026, 3, 12)  # 3 working days from the reopening
    assert (enquiry.reopened_count, enquiry.closed_on) == (1, None)
    assert enquiry.handler == desk.officer
    assert not asker_may_rate(enquiry)
    # the figures keep the 不满意 until the new reply is rated
    figures = figures_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31))
    assert (figures.dissatisfied, figures.closed, figures.replied) == (1, 0, 1)
    with at(D(2026, 3, 10)):
        enquiry = reply_send(acting_user=desk.officer, enquiry=enquiry, text="第二次答复", close=True)
    assert asker_may_rate(enquiry)
    assert (enquiry.first_replied_on, enquiry.replied_on, enquiry.reply_count) == (D(2026, 3, 2), D(2026, 3, 10), 2)
    enquiry = enquiry_rate(enquiry=enquiry, rating="satisfied")
    figures = figures_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31))
    assert (figures.satisfied, figures.dissatisfied, figures.closed_on_time) == (1, 0, 1)
    # both replies and both ratings stay in the history, the status page shows them
    replies = EnquiryEvent.objects.filter(enquiry=enquiry, kind="replied").values_list("text", flat=True)
    assert list(replies) == ["第一次答复", "第二次答复"]
    steps = [(s["label"], s["text"]) for s in asker_timeline(enquiry)]
    assert ("评价", "不满意：没有回答我的问题") in steps
    assert ("评价", "满意") in steps
    assert ("重新办理", "") in steps, "the office's reason is internal"


def test_reopen_only_after_a_dissatisfied_rating_of_the_latest_reply(desk):
    enquiry = replied(desk)
    with pytest.raises(ValidationError, match="不满意"):
        enquiry_reopen(acting_user=desk.office, enquiry=enquiry, reason="再答复")
    enquiry = enquiry_rate(enquiry=enquiry, rating="satisfied")
    with pytest.raises(ValidationError, match="不满意"):
        enquiry_reopen(acting_user=desk.office, enquiry=enquiry, reason="再答复")


def test_reopened_assigned_case_takes_the_assigners_new_deadline(desk):
    enquiry = replied(desk, code="assigned_12345", assigner_ref="12345-0042")
    enquiry = enquiry_rate(enquiry=enquiry, rating="dissatisfied")
    with at(D(2026, 3, 9)):
        enquiry = enquiry_reopen(
            acting_user=desk.office, enquiry=enquiry, reason="12345热线退回重办", assigner_deadline=D(2026, 3, 11)
        )
    assert enquiry.due_on == D(2026, 3, 11)
    assert enquiry.assigner_deadline == D(2026, 3, 11)
