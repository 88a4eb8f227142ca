"""Intake: the public form and staff registration; the handling deadline from the source's working days,
or the assigner's own deadline, which wins."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gongkai.audit.models import AuditEvent
from gongkai.consultations.models import Enquiry, EnquiryEvent, Source
from gongkai.consultations.ratelimit import RateLimited, check_submission_allowed, client_hash
from gongkai.consultations.services.common import secret_hash
from gongkai.consultations.services.intake import enquiry_register, enquiry_submit_online
from gongkai.consultations.states import EnquiryState
from tests.consultations.conftest import D, at

pytestmark = pytest.mark.django_db


def test_online_message_is_received_the_day_submitted_with_the_sources_deadline(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry, secret = desk.submit(D(2026, 3, 2), code="mailbox")  # a Monday; 局长信箱: 5 working days
    assert enquiry.state == EnquiryState.RECEIVED
    assert enquiry.received_on == D(2026, 3, 2)
    assert enquiry.due_on == D(2026, 3, 9)
    assert "5个工作日" in enquiry.due_basis
    assert "局长信箱" in enquiry.due_basis
    assert enquiry.tracking_code.startswith("ZX2026-")
    assert enquiry.access_secret_hash == secret_hash(secret)
    assert list(EnquiryEvent.objects.filter(enquiry=enquiry).values_list("kind", flat=True)) == ["received"]
    event = AuditEvent.objects.get(action="enquiry.submit", target_id=str(enquiry.pk))
    assert event.actor is None
    assert len(mail.outbox) == 1
    assert enquiry.tracking_code in mail.outbox[0].body
    assert secret not in mail.outbox[0].body


def test_contact_details_are_encrypted_at_rest(desk):
    enquiry, _ = desk.submit(phone="13912345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, email FROM consultations_enquiry WHERE id = %s", [enquiry.pk])
        phone, email = cursor.fetchone()
    assert phone.startswith("enc:")
    assert "13912345678" not in phone
    assert "zhang@example.com" not in email


def test_name_and_contact_are_optional_and_the_subject_defaults_to_the_question(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry, _ = desk.submit(name="", email="", subject="", question="请问今年秋季学期什么时候开学？具体到哪一天？")
    assert enquiry.subject == "请问今年秋季学期什么时候开学？具体到哪一天？"
    assert not mail.outbox


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "  "}, "请填写咨询内容"),
        ({"email": "not-an-email"}, "电子邮箱格式不正确"),
        ({"phone": "电话号码"}, "电话号码只能包含数字"),
    ],
)
def test_online_form_errors_in_chinese_and_nothing_saved(desk, changes, message):
    with pytest.raises(ValidationError, match=message):
        desk.submit(**changes)
    assert not Enquiry.objects.exists()


def test_online_form_takes_only_active_public_sources_of_the_agency(desk):
    with pytest.raises(ValidationError, match="不接受公众在线提交"):
        desk.submit(code="hotline")
    with at(D(2026, 3, 2)), pytest.raises(ValidationError, match="启用中的咨询来源"):
        enquiry_submit_online(agency=desk.agency, source=desk.source("mailbox", desk.other), question="问题")
    Source.objects.filter(pk=desk.source("website").pk).update(is_active=False)
    with pytest.raises(ValidationError, match="启用中的咨询来源"):
        desk.submit(code="website")
    assert not Enquiry.objects.exists()


def test_staff_register_a_phone_call_with_the_hotlines_deadline(desk):
    enquiry = desk.register(D(2026, 3, 2), code="hotline")  # 热线: 3 working days
    assert enquiry.due_on == D(2026, 3, 5)
    assert enquiry.created_by == desk.office
    assert AuditEvent.objects.filter(action="enquiry.register", actor=desk.office).exists()


def test_a_letter_received_before_the_national_day_holiday(desk):
    enquiry = desk.register(D(2026, 9, 30), code="letter")  # 来信: 15 working days, 1–7 October off
    # 8, 9, 10 (调休上班), 12–16, 19–23, 26, 27 October
    assert enquiry.due_on == D(2026, 10, 27)


def test_assigned_case_the_assigners_deadline_wins_over_the_sources(desk):
    earlier = desk.register(
        D(2026, 3, 2), code="assigned_12345", assigner_ref="12345-202603-0042", assigner_deadline=D(2026, 3, 4)
    )
    assert earlier.due_on == D(2026, 3, 4)  # the source would give 9 March
    assert earlier.assigned_by == "12345政务服务便民热线"  # the source's default assigning body
    assert earlier.assigner_ref == "12345-202603-0042"
    assert "12345政务服务便民热线" in earlier.due_basis
    later = desk.register(
        D(2026, 3, 2), code="assigned_superior", assigned_by="示范市教育局", assigner_deadline=D(2026, 3, 20)
    )
    assert later.due_on == D(2026, 3, 20)
    without = desk.register(D(2026, 3, 2), code="assigned_mayor", assigner_ref="SZXX-0031")
    assert without.due_on == D(2026, 3, 9)
    assert without.assigned_by == "市长信箱"
    received = EnquiryEvent.objects.get(enquiry=without, kind="received")
    assert received.text == "市长信箱交办（交办单位：市长信箱，交办编号：SZXX-0031）"


def test_assigned_case_needs_its_assigning_body(desk):
    with pytest.raises(ValidationError, match="请填写交办单位"):
        desk.register(code="assigned_superior")
    with pytest.raises(ValidationError, match="交办期限不能早于受理日期"):
        desk.register(D(2026, 3, 2), code="assigned_mayor", assigner_deadline=D(2026, 3, 1))


def test_assigner_fields_only_on_assigned_cases(desk):
    with pytest.raises(ValidationError, match="只有上级交办件"):
        desk.register(code="letter", assigned_by="市长信箱")
    assert not Enquiry.objects.exists()


def test_registration_with_a_handler_assigns_at_once(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = desk.register(code="visit", handler=desk.officer)
    assert enquiry.state == EnquiryState.HANDLING
    assert enquiry.handler == desk.officer
    assert [m.to for m in mail.outbox] == [[desk.officer.email]]


def test_registration_refuses_a_handler_without_the_role_and_a_future_day(desk):
    with pytest.raises(ValidationError, match="承办权限"):
        desk.register(code="visit", handler=desk.outsider)
    with at(D(2026, 3, 2)), pytest.raises(ValidationError, match="受理日期不能晚于今天"):
        enquiry_register(
            acting_user=desk.office,
            agency=desk.agency,
            source=desk.source("visit"),
            received_on=D(2026, 3, 3),
            question="问题",
        )


def test_only_the_office_registers(desk):
    for user in (desk.officer, desk.outsider):
        with at(D(2026, 3, 2)), pytest.raises(PermissionDenied):
            enquiry_register(
                acting_user=user,
                agency=desk.agency,
                source=desk.source("visit"),
                received_on=D(2026, 3, 2),
                question="问题",
            )


def test_public_form_rate_limit_per_address(desk, settings):
    settings.GONGKAI_ENQUIRY_PER_IP_HOUR = 2
    ip = client_hash("203.0.113.9")
    now = dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC)
    for minute in (0, 10):
        with at(D(2026, 3, 2)):
            enquiry_submit_online(
                agency=desk.agency,
                source=desk.source("website"),
                question="问题",
                submitted_from=ip,
                now=now + dt.timedelta(minutes=minute),
            )
    with pytest.raises(RateLimited, match="每小时最多在线提交2条咨询留言") as caught:
        check_submission_allowed(ip_hash=ip, now=now + dt.timedelta(minutes=20))
    assert caught.value.retry_at == now + dt.timedelta(hours=1, minutes=1)
    check_submission_allowed(ip_hash=client_hash("198.51.100.1"), now=now)
    check_submission_allowed(ip_hash=ip, now=now + dt.timedelta(hours=1, minutes=11))


def test_played_at_replays_recorded_history_on_its_own_day_and_then_restores_the_clock():
    import datetime as dt

    from django.utils import timezone

    from gongkai import playback

    moment = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)
    with playback.played_at(moment):
        assert playback.now() == moment
        assert playback.today() == dt.date(2025, 3, 3)
    assert playback.today() == timezone.localdate()
