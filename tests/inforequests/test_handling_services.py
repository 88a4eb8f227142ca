"""Handling services: each writes one clock entry the pure core accepts, moves the state through the
table, and audits; the law's rules are checked by name (articles of 《政府信息公开条例》)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.inforequests.models import ClockEntry, ExtensionRequest
from gongkai.inforequests.services.consultations import consultation_answer, consultation_send
from gongkai.inforequests.services.corrections import correction_receive, correction_request
from gongkai.inforequests.services.extensions import extension_decide, extension_request
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.states import ApplicationState
from gongkai.workcalendar.models import DayKind, DayOverride, HolidayArrangement
from tests.inforequests.helpers import D, at, received_in_person

pytestmark = pytest.mark.django_db


def kinds(application):
    return list(ClockEntry.objects.filter(application=application).values_list("kind", flat=True))


def test_art30_correction_notice_then_correction_restarts_the_20_working_days(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 4)):
        correction_request(
            acting_user=desk.office,
            application=application,
            on=D(2026, 3, 4),
            workdays=10,
            what="请写明所需文件的名称或文号",
        )
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_CORRECTION
    with at(D(2026, 3, 10)):
        correction_receive(acting_user=desk.office, application=application, on=D(2026, 3, 10))
        state = clock_state(application)
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert state.start == D(2026, 3, 10)
    assert state.reply_due == D(2026, 4, 8)  # 20 working days after Tue 03-10 (清明 04-04..06 not yet reached)
    assert kinds(application) == ["received", "correction_requested", "correction_received"]
    assert AuditEvent.objects.filter(action="application.correction_receive").count() == 1


def test_art30_a_second_correction_notice_is_refused_and_changes_nothing(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 4)):
        correction_request(
            acting_user=desk.office, application=application, on=D(2026, 3, 3), workdays=5, what="写明年份"
        )
        correction_receive(acting_user=desk.office, application=application, on=D(2026, 3, 4))
        with pytest.raises(ValidationError, match="一次性"):
            correction_request(
                acting_user=desk.office, application=application, on=D(2026, 3, 4), workdays=5, what="再补"
            )
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert kinds(application).count("correction_requested") == 1


def test_art30_correction_notice_must_list_what_to_supplement(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)), pytest.raises(ValidationError, match="全部事项"):
        correction_request(acting_user=desk.office, application=application, on=D(2026, 3, 3), workdays=5, what=" ")
    assert kinds(application) == ["received"]


def test_art32_consultation_time_is_not_counted_in_the_reply_period(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        consultation = consultation_send(
            acting_user=desk.office,
            application=application,
            party="third_party",
            addressee="示范市某某培训学校",
            subject="拟公开贵校的办学许可信息",
            sent_on=D(2026, 3, 3),
        )
    with at(D(2026, 3, 10)):
        consultation_answer(
            acting_user=desk.office, consultation=consultation, answered_on=D(2026, 3, 10), opinion="agrees"
        )
        state = clock_state(application)
    # (03-03, 03-10] = 03-04, 05, 06, 09, 10: 5 working days excluded → 25 working days after 03-02.
    assert state.excluded_workdays == 5
    assert state.reply_due == D(2026, 4, 7)
    consultation.refresh_from_db()
    assert (consultation.ref, consultation.opinion) == ("Z1", "agrees")
    assert kinds(application) == ["received", "consultation_sent", "consultation_answered"]


def test_art34_consulting_another_agency_is_excluded_the_same_way(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        consultation_send(
            acting_user=desk.office,
            application=application,
            party="agency",
            addressee="示范市财政局",
            subject="联合发文的公开意见",
            sent_on=D(2026, 3, 3),
        )
    with at(D(2026, 3, 31)):
        state = clock_state(application)
    # Silence: the wait ends 15 working days after sending (Art. 34), so 15 are excluded at most.
    assert state.excluded_workdays == 15


def test_art33_extension_requested_by_the_handler_and_approved_by_the_office_head(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 20)):
        request = extension_request(
            acting_user=desk.office, application=application, workdays=15, reason="涉及多个科室"
        )
        with pytest.raises(PermissionDenied):
            extension_decide(acting_user=desk.office, request=request, approve=True)
        extension_decide(acting_user=desk.approver, request=request, approve=True, comment="同意")
        state = clock_state(application)
    assert state.extension_workdays == 15
    assert state.reply_due == D(2026, 4, 21)  # 35 working days after 03-02 (清明 04-06 Monday off)
    assert ExtensionRequest.objects.get().approved is True
    assert AuditEvent.objects.filter(action="application.extension_approve").count() == 1


def test_art33_extension_is_at_most_20_working_days_and_only_once(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 20)):
        with pytest.raises(ValidationError, match="20个工作日"):
            extension_request(acting_user=desk.office, application=application, workdays=21, reason="多")
        request = extension_request(acting_user=desk.office, application=application, workdays=20, reason="多")
        extension_decide(acting_user=desk.approver, request=request, approve=True)
        with pytest.raises(ValidationError, match="只能延长一次"):
            extension_request(acting_user=desk.office, application=application, workdays=5, reason="再延")


def test_art33_declined_extension_leaves_the_due_date(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 20)):
        request = extension_request(acting_user=desk.office, application=application, workdays=10, reason="多")
        extension_decide(acting_user=desk.approver, request=request, approve=False, comment="可按期答复")
        state = clock_state(application)
    assert state.extension_workdays == 0
    assert kinds(application) == ["received"]


def test_art33_extension_after_the_due_date_is_refused(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 4, 1)), pytest.raises(ValidationError, match="届满前"):
        extension_request(acting_user=desk.office, application=application, workdays=10, reason="多")


def test_an_officer_not_assigned_cannot_act_on_the_application(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 3)), pytest.raises(PermissionDenied):
        correction_request(acting_user=desk.officer, application=application, on=D(2026, 3, 3), workdays=5, what="x")


def test_period_across_2026_national_day_through_the_services(desk):
    application = received_in_person(desk, D(2026, 9, 28))
    with at(D(2026, 9, 28)):
        state = clock_state(application)
    # 20 working days after Mon 09-28 skipping 国庆节 10-01..07 and counting Saturday 10-10 (调休上班).
    assert state.reply_due == D(2026, 10, 30)
    assert "国庆节" in "".join(state.explanation)


def test_period_into_new_year_2027_uses_the_override_table(desk):
    application = received_in_person(desk, D(2026, 12, 10))
    with at(D(2026, 12, 10)):
        before = clock_state(application)
    assert before.reply_due == D(2027, 1, 7)
    assert before.warnings  # 2027 not confirmed yet: Monday–Friday fallback, said so
    arrangement = HolidayArrangement.objects.create(
        year=2027, notice_title="国务院办公厅关于2027年部分节假日安排的通知", is_complete=True
    )
    DayOverride.objects.create(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦", arrangement=arrangement)
    with at(D(2026, 12, 10)):
        after = clock_state(application)
    assert after.reply_due == D(2027, 1, 8)
    assert after.warnings == ()


def test_the_clock_ledger_is_append_only(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    entry = ClockEntry.objects.get(application=application)
    entry.on = D(2026, 3, 1)
    with pytest.raises(ValidationError, match="只能追加"):
        entry.save()
    with pytest.raises(ValidationError, match="只能追加"):
        ClockEntry.objects.filter(pk=entry.pk).update(on=D(2026, 3, 1))


def test_the_database_refuses_to_change_a_ledger_row(desk):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    application = received_in_person(desk, D(2026, 3, 2))
    entry = ClockEntry.objects.get(application=application)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE inforequests_clockentry SET note = 'x' WHERE id = {entry.pk}")  # noqa: S608


def test_art33_a_written_extension_request_is_recorded_on_its_own_day(desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 4, 10)):
        request = extension_request(
            acting_user=desk.office, application=application, workdays=10, reason="涉及多个科室", on=D(2026, 3, 25)
        )
        assert request.requested_on == D(2026, 3, 25)
        with pytest.raises(ValidationError, match="届满前"):
            extension_request(
                acting_user=desk.office, application=application, workdays=10, reason="多", on=D(2026, 4, 1)
            )
