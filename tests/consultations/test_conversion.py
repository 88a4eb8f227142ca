"""Conversion both ways, keeping the history and the links: enquiries that are really applications for
disclosure, and applications that are really consultations or petitions (Art. 39)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.consultations.models import Enquiry, EnquiryEvent
from gongkai.consultations.selectors import (
    enquiries_converted_from,
    enquiries_converted_into,
    enquiry_for_tracking,
    figures_for,
)
from gongkai.consultations.services.conversion import application_convert_to_enquiry, enquiry_convert_to_application
from gongkai.consultations.services.handling import reply_send
from gongkai.consultations.states import EnquiryState
from gongkai.inforequests.models import Application
from gongkai.inforequests.public_selectors import application_for_secret
from gongkai.inforequests.services.corrections import correction_request
from gongkai.inforequests.services.intake import application_register, application_submit_online
from gongkai.inforequests.states import ApplicationState
from gongkai.rules.outcomes import Outcome
from tests.consultations.conftest import MONDAY, D, at
from tests.inforequests.conftest import person
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
IDENTITY = {
    "applicant_type": "natural_person",
    "id_type": "resident_id",
    "id_number": valid_id(),
    "form_wanted": "paper",
    "delivery_wanted": "post",
    "address": "示范市东城区人民路100号",
}


def submitted(desk, day=MONDAY):
    enquiry, secret = desk.submit(
        day, question="请提供2025年本区学前教育专项资金的分配文件。", email="zhang@example.com"
    )
    return enquiry, secret


# --- enquiry → application ---------------------------------------------------------------------------


def test_visit_enquiry_becomes_an_in_person_application_received_that_day(desk, django_capture_on_commit_callbacks):
    enquiry = desk.register(D(2026, 3, 2), code="visit", question="请提供本校2025年度收费公示文件。")
    with at(D(2026, 3, 4)), django_capture_on_commit_callbacks(execute=True):
        enquiry, application = enquiry_convert_to_application(
            acting_user=desk.office,
            enquiry=enquiry,
            channel="in_person",
            reason="来访人要求获取收费公示文件，属于政府信息公开申请",
            applicant=IDENTITY,
        )
    assert enquiry.state == EnquiryState.CONVERTED
    assert enquiry.converted_to_application == application
    assert list(enquiries_converted_into(application)) == [enquiry]
    assert application.state == ApplicationState.HANDLING
    assert application.received_on == D(2026, 3, 2), "Art. 31(1): the day it was handed in at the visit"
    assert application.name == "李小红"
    assert application.description == "请提供本校2025年度收费公示文件。"
    assert application.phone == "13912345678"
    # the history on both sides
    assert AuditEvent.objects.filter(action="enquiry.convert_to_application", target_id=str(enquiry.pk)).exists()
    assert AuditEvent.objects.filter(
        action="application.converted_from_enquiry", target_id=str(application.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="application.register", target_id=str(application.pk)).exists()
    converted = EnquiryEvent.objects.get(enquiry=enquiry, kind="converted")
    assert application.tracking_code in converted.text
    assert any(application.tracking_code in m.body for m in mail.outbox)


def test_the_asker_keeps_the_password_for_the_new_application(desk):
    enquiry, secret = submitted(desk)
    with at(D(2026, 3, 3)):
        enquiry, application = enquiry_convert_to_application(
            acting_user=desk.office,
            enquiry=enquiry,
            channel="online",
            reason="属于政府信息公开申请",
            applicant=IDENTITY | {"name": "张大山"},
            confirmed_on=D(2026, 3, 3),
        )
    assert application.channel == "online"
    assert application.received_on == D(2026, 3, 3), "Art. 31(3): the day both sides confirmed"
    assert application_for_secret(application.tracking_code, secret) == application
    assert enquiry_for_tracking(enquiry.tracking_code, secret) == enquiry


def test_online_conversion_without_confirmation_waits_pending(desk):
    enquiry, _ = submitted(desk)
    with at(D(2026, 3, 3)):
        _, application = enquiry_convert_to_application(
            acting_user=desk.office,
            enquiry=enquiry,
            channel="online",
            reason="属于申请",
            applicant=IDENTITY | {"name": "张大山"},
        )
    assert application.state == ApplicationState.PENDING
    assert application.received_on is None


def test_without_the_applicants_identity_nothing_is_written(desk):
    enquiry = desk.register(code="letter")
    with at(D(2026, 3, 3)), pytest.raises(ValidationError) as caught:
        enquiry_convert_to_application(
            acting_user=desk.office,
            enquiry=enquiry,
            channel="registered_post",
            reason="属于申请",
            signed_on=D(2026, 3, 2),
        )
    assert "applicant_type" in caught.value.message_dict
    with at(D(2026, 3, 3)), pytest.raises(ValidationError) as caught:
        enquiry_convert_to_application(
            acting_user=desk.office,
            enquiry=enquiry,
            channel="registered_post",
            reason="属于申请",
            signed_on=D(2026, 3, 2),
            applicant={"applicant_type": "natural_person", "form_wanted": "paper", "delivery_wanted": "post"},
        )
    assert "id_number" in caught.value.message_dict
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.RECEIVED
    assert enquiry.converted_to_application is None
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="application.").exists()


def test_conversion_of_an_answered_enquiry_and_by_staff_without_both_roles_is_refused(desk):
    enquiry = desk.register()
    with at(D(2026, 3, 2)):
        for user in (desk.officer, desk.outsider):
            with pytest.raises(PermissionDenied):
                enquiry_convert_to_application(
                    acting_user=user, enquiry=enquiry, channel="oral", reason="属于申请", applicant=IDENTITY
                )
        reply_send(acting_user=desk.office, enquiry=enquiry, text="已答复。")
        with pytest.raises(ValidationError, match="不能执行“转为政府信息公开申请”"):
            enquiry_convert_to_application(
                acting_user=desk.office, enquiry=enquiry, channel="oral", reason="属于申请", applicant=IDENTITY
            )
    assert not Application.objects.exists()


def test_converted_enquiries_are_not_counted_in_the_figures(desk):
    enquiry = desk.register(D(2026, 3, 2), code="visit")
    desk.register(D(2026, 3, 2), code="visit")
    with at(D(2026, 3, 2)):
        enquiry_convert_to_application(
            acting_user=desk.office, enquiry=enquiry, channel="in_person", reason="属于申请", applicant=IDENTITY
        )
    assert figures_for([desk.agency.pk], D(2026, 3, 1), D(2026, 3, 31)).received == 1


# --- application → enquiry ---------------------------------------------------------------------------


def received_application(desk, day=MONDAY, **changes):
    with at(day):
        application, secret = application_register(
            acting_user=desk.office,
            agency=desk.agency,
            channel="in_person",
            submitted_on=day,
            **person(description="反映某小学违规收取补课费，要求查处。", **changes),
        )
    return application, secret


def test_art39_a_petition_sent_as_an_application_is_answered_and_handled_as_an_enquiry(
    desk, django_capture_on_commit_callbacks
):
    application, secret = received_application(desk)
    with at(D(2026, 3, 4)), django_capture_on_commit_callbacks(execute=True):
        enquiry = application_convert_to_enquiry(
            acting_user=desk.office,
            application=application,
            source=desk.source("letter"),
            reason="反映违规收费问题，属于投诉举报",
        )
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED  # the reply letter is issued and delivered as usual
    assert application.outcome == Outcome.PETITION_COMPLAINT
    assert application.decided_on == D(2026, 3, 4)
    assert "第三十九条第一款" in application.reasons
    assert enquiry.tracking_code in application.reasons, "the reply points to the consultation channel"
    assert "来信" in application.reasons
    assert enquiry.converted_from_application == application
    assert list(enquiries_converted_from(application)) == [enquiry]
    assert enquiry.state == EnquiryState.RECEIVED
    assert enquiry.received_on == D(2026, 3, 4)
    assert enquiry.due_on == D(2026, 3, 25)  # 来信: 15 working days
    assert enquiry.question.startswith("反映某小学违规收取补课费")
    assert enquiry.email == "wang@example.com"
    assert enquiry.publish_consent is False
    # the history on both sides
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"application.decide", "application.convert_to_enquiry", "enquiry.converted_from_application"} <= actions
    assert "由政府信息公开申请" in EnquiryEvent.objects.get(enquiry=enquiry, kind="received").text
    # the applicant's password opens the enquiry's status page
    assert enquiry_for_tracking(enquiry.tracking_code, secret) == enquiry
    assert any(enquiry.tracking_code in m.body for m in mail.outbox)


def test_a_pending_submission_that_is_a_consultation_is_voided_not_decided(desk):
    with at(D(2026, 3, 2)):
        application, _ = application_submit_online(agency=desk.agency, **person(description="请问今年几号开学？"))
    with at(D(2026, 3, 3)):
        enquiry = application_convert_to_enquiry(
            acting_user=desk.office, application=application, source=desk.source("website"), reason="属于咨询"
        )
    application.refresh_from_db()
    assert application.state == ApplicationState.VOIDED
    assert application.outcome == ""
    assert enquiry.tracking_code in application.closing_note
    assert enquiry.converted_from_application == application


def test_only_before_any_decision(desk):
    application, _ = received_application(desk)
    with at(D(2026, 3, 3)):
        correction_request(
            acting_user=desk.office, application=application, on=D(2026, 3, 3), workdays=10, what="请说明所需信息的名称"
        )
        with pytest.raises(ValidationError, match="待申请人补正"):
            application_convert_to_enquiry(
                acting_user=desk.office, application=application, source=desk.source("letter"), reason="投诉"
            )
    other, _ = received_application(desk)
    with at(D(2026, 3, 3)):
        application_convert_to_enquiry(
            acting_user=desk.office, application=other, source=desk.source("letter"), reason="投诉"
        )
        with pytest.raises(ValidationError, match="尚未答复的申请才能转为咨询"):
            application_convert_to_enquiry(
                acting_user=desk.office, application=other, source=desk.source("letter"), reason="投诉"
            )
    assert Enquiry.objects.count() == 1


def test_application_conversion_refusals_write_nothing(desk):
    application, _ = received_application(desk)
    with at(D(2026, 3, 3)):
        with pytest.raises(PermissionDenied):
            application_convert_to_enquiry(
                acting_user=desk.officer, application=application, source=desk.source("letter"), reason="投诉"
            )
        with pytest.raises(ValidationError, match="启用中的咨询来源"):
            application_convert_to_enquiry(
                acting_user=desk.office,
                application=application,
                source=desk.source("letter", desk.other),
                reason="投诉",
            )
        with pytest.raises(ValidationError, match="请填写转为咨询的理由"):
            application_convert_to_enquiry(
                acting_user=desk.office, application=application, source=desk.source("letter"), reason=""
            )
        with pytest.raises(ValidationError, match="不能早于收到申请之日"):
            application_convert_to_enquiry(
                acting_user=desk.office,
                application=application,
                source=desk.source("letter"),
                reason="投诉",
                on=D(2026, 3, 1),
            )
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert not Enquiry.objects.exists()
