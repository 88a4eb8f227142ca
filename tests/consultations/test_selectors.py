"""Reads: the status page (code and password), the figures on stored enquiries, the work queues, setup."""

import pytest

from gongkai.consultations.models import Category, ConsultationSettings, Source
from gongkai.consultations.selectors import (
    asker_summary,
    asker_timeline,
    enquiry_for_tracking,
    enquiry_queues,
    figures_by_source_for,
    figures_for,
    handlers_at,
    public_sources,
)
from gongkai.consultations.services.handling import (
    enquiry_assign,
    enquiry_void,
    enquiry_withdraw,
    reply_draft,
    reply_send,
    reply_submit_for_review,
)
from gongkai.consultations.services.rating import enquiry_rate
from gongkai.consultations.services.setup import consultation_setup
from gongkai.consultations.sources import DEFAULT_CATEGORIES, DEFAULT_SOURCES
from tests.consultations.conftest import D, at

pytestmark = pytest.mark.django_db


def test_status_page_needs_the_code_and_the_password(desk):
    enquiry, secret = desk.submit()
    assert enquiry_for_tracking(enquiry.tracking_code, secret) == enquiry
    assert enquiry_for_tracking(f" {enquiry.tracking_code.lower()} ", f" {secret} ") == enquiry
    fullwidth = enquiry.tracking_code.replace("-", "－")
    assert enquiry_for_tracking(fullwidth, secret) == enquiry
    assert enquiry_for_tracking(enquiry.tracking_code, "wrong") is None
    assert enquiry_for_tracking("ZX2026-23456789", secret) is None
    assert enquiry_for_tracking("not a code", secret) is None


def test_status_page_shows_no_internal_steps_and_masks_contact(desk):
    enquiry, _ = desk.submit(phone="13912345678")
    with at(D(2026, 3, 2)):
        enquiry = enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
        enquiry = reply_draft(acting_user=desk.officer, enquiry=enquiry, text="草稿")
        enquiry = reply_submit_for_review(acting_user=desk.officer, enquiry=enquiry)
    timeline = asker_timeline(enquiry)
    assert [s["label"] for s in timeline] == ["受理", "已转承办部门办理"]
    assert "草稿" not in str(timeline)
    rows = dict(asker_summary(enquiry))
    assert rows["联系电话"] == "139****5678"
    assert rows["姓名"] == "张**"
    assert rows["办理期限"] == "2026-03-09"


def test_figures_for_stored_enquiries_per_source(desk):
    answered = desk.register(D(2026, 3, 2), code="hotline")
    late = desk.register(D(2026, 3, 2), code="hotline")
    open_letter = desk.register(D(2026, 3, 3), code="letter")
    voided = desk.register(D(2026, 3, 3), code="letter")
    withdrawn = desk.register(D(2026, 3, 3), code="letter")
    desk.register(D(2026, 4, 1), code="letter")  # another period
    with at(D(2026, 3, 3)):
        reply_send(acting_user=desk.office, enquiry=answered, text="答复", close=True)
        enquiry_rate(enquiry=answered, rating="satisfied")
        enquiry_void(acting_user=desk.office, enquiry=voided, reason="测试数据")
        enquiry_withdraw(acting_user=desk.office, enquiry=withdrawn, note="来电撤回")
    with at(D(2026, 3, 10)):
        reply_send(acting_user=desk.office, enquiry=late, text="答复", close=True)
    figures = figures_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31))
    assert (figures.received, figures.replied, figures.closed, figures.closed_on_time) == (3, 2, 2, 1)
    assert (figures.reply_rate.text, figures.completion_rate.text, figures.satisfaction_rate.text) == (
        "66.7%",
        "66.7%",
        "100%",
    )
    assert figures.median_reply_workdays == 3.5  # 1 and 6 working days
    hotline = figures_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31), desk.source("hotline"))
    assert (hotline.received, hotline.reply_rate.text, hotline.source) == (2, "100%", "咨询电话/热线")
    by_name = figures_for([desk.agency.pk, desk.other.pk], D(2026, 3, 1), D(2026, 3, 31), "来信")
    assert by_name.received == 1
    assert open_letter.enquiry_state.is_open
    rows = figures_by_source_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31))
    assert [f.source for f in rows] == [s.name for s in DEFAULT_SOURCES]
    assert {f.source: f.received for f in rows}["来信"] == 1


def test_queues(desk):
    desk.require_review()
    unassigned = desk.register(D(2026, 3, 2), code="hotline")  # due 5 March
    mine = desk.register(D(2026, 3, 2), code="letter")  # due 23 March
    review = desk.register(D(2026, 3, 2), code="letter")
    with at(D(2026, 3, 2)):
        enquiry_assign(acting_user=desk.office, enquiry=mine, handler=desk.officer)
        review = enquiry_assign(acting_user=desk.office, enquiry=review, handler=desk.officer)
        review = reply_draft(acting_user=desk.officer, enquiry=review, text="答复")
        reply_submit_for_review(acting_user=desk.officer, enquiry=review)
    office = enquiry_queues(desk.office, today=D(2026, 3, 4))
    assert [e.pk for e in office.unassigned] == [unassigned.pk]
    assert [e.pk for e in office.due_soon] == [unassigned.pk]
    assert office.overdue == []
    assert [e.pk for e in enquiry_queues(desk.office, today=D(2026, 3, 6)).overdue] == [unassigned.pk]
    officer = enquiry_queues(desk.officer, today=D(2026, 3, 4))
    assert {e.pk for e in officer.mine} == {mine.pk, review.pk}
    assert officer.to_review == []
    assert [e.pk for e in enquiry_queues(desk.reviewer).to_review] == [review.pk]
    assert enquiry_queues(desk.outsider).total == 0


def test_setup_is_idempotent_and_keeps_the_agencys_changes(desk):
    hotline = desk.source("hotline")
    hotline.name = "教育服务热线"
    hotline.deadline_workdays = 2
    hotline.save()
    consultation_setup(acting_user=None, agency=desk.agency)
    assert Source.objects.filter(agency=desk.agency).count() == len(DEFAULT_SOURCES)
    assert Source.objects.get(pk=hotline.pk).deadline_workdays == 2
    assert Category.objects.filter(agency=desk.agency).count() == len(DEFAULT_CATEGORIES)
    assert ConsultationSettings.objects.filter(agency=desk.agency).count() == 1
    assert [s.name for s in public_sources(desk.agency)] == ["网站留言", "局长信箱"]
    assert set(handlers_at(desk.agency)) == {desk.office, desk.officer, desk.officer2}
