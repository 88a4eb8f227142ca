"""Intake on every channel with the Art. 31 day of receipt; validation in Chinese; personal data encrypted."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.db import connection

from gongkai.audit.models import AuditEvent
from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.services.intake import (
    application_confirm,
    application_register,
    application_submit_online,
    secret_hash,
)
from gongkai.inforequests.states import ApplicationState, TransitionError
from tests.inforequests.conftest import person
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@time_machine.travel(NOW)
def test_art31_online_application_is_received_on_the_day_the_office_confirms(desk):
    application, secret = application_submit_online(agency=desk.agency, **person())
    assert application.state == ApplicationState.PENDING
    assert application.received_on is None
    assert application.access_secret_hash == secret_hash(secret)
    with time_machine.travel(dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC)):
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 4))
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert application.received_on == dt.date(2026, 3, 4)
    assert "双方确认" in application.receipt_rule
    entry = ClockEntry.objects.get(application=application)
    assert (entry.kind, entry.on) == ("received", dt.date(2026, 3, 4))
    events = AuditEvent.objects.filter(target_id=str(application.pk), action__startswith="application.")
    assert list(events.order_by("id").values_list("action", flat=True)) == [
        "application.submit",
        "application.confirm",
    ]


@time_machine.travel(NOW)
def test_art31_in_person_received_the_day_handed_in(desk):
    application, _ = application_register(
        acting_user=desk.office, agency=desk.agency, channel="in_person", submitted_on=dt.date(2026, 2, 27), **person()
    )
    assert application.state == ApplicationState.HANDLING
    assert application.received_on == dt.date(2026, 2, 27)


@time_machine.travel(NOW)
def test_art31_registered_post_received_the_day_signed_for(desk):
    application, _ = application_register(
        acting_user=desk.office,
        agency=desk.agency,
        channel="registered_post",
        submitted_on=dt.date(2026, 2, 24),
        signed_on=dt.date(2026, 2, 26),
        **person(),
    )
    assert application.received_on == dt.date(2026, 2, 26)


@time_machine.travel(NOW)
def test_art31_ordinary_post_waits_for_confirmation_with_the_applicant(desk):
    application, _ = application_register(
        acting_user=desk.office,
        agency=desk.agency,
        channel="ordinary_post",
        submitted_on=dt.date(2026, 2, 24),
        **person(),
    )
    assert application.state == ApplicationState.PENDING
    assert not ClockEntry.objects.filter(application=application).exists()
    application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 2))
    application.refresh_from_db()
    assert application.received_on == dt.date(2026, 3, 2)
    with pytest.raises(TransitionError):
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 2))


@time_machine.travel(NOW)
def test_invalid_application_gets_every_error_in_chinese_and_nothing_is_saved(desk):
    bad = person(id_number=valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"), phone="", email="", address="")
    with pytest.raises(ValidationError) as caught:
        application_submit_online(agency=desk.agency, **bad)
    errors = caught.value.message_dict
    assert "校验位不正确" in errors["id_number"][0]
    assert "至少填写一种联系方式" in errors["phone"][0]
    assert "电子邮箱" in errors["email"][0]
    assert not Application.objects.exists()
    organisation = person(applicant_type="legal_service", id_type="", id_number="", credit_code="91350100M000100Y4X")
    with pytest.raises(ValidationError) as caught:
        application_submit_online(agency=desk.agency, **organisation)
    assert "legal_representative" in caught.value.message_dict
    assert "credit_code" in caught.value.message_dict


@time_machine.travel(NOW)
def test_personal_data_is_encrypted_at_rest_masked_in_audit_and_not_queryable(desk):
    application, _ = application_submit_online(agency=desk.agency, **person())
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, address FROM inforequests_application WHERE id = %s", [application.pk])
        raw = " ".join(cursor.fetchone())
    assert valid_id() not in raw
    assert "13912345678" not in raw
    assert "人民路" not in raw
    assert Application.objects.get().phone == "13912345678"
    assert Application.objects.get().identity_hash
    with pytest.raises(FieldError):
        list(Application.objects.filter(phone="13912345678"))
    everything = str(list(AuditEvent.objects.values_list("summary", "before", "after")))
    assert "13912345678" not in everything
    assert valid_id() not in everything


def test_only_the_office_registers_and_confirms(desk):
    with pytest.raises(PermissionDenied):
        application_register(
            acting_user=desk.officer,
            agency=desk.agency,
            channel="in_person",
            submitted_on=dt.date(2026, 2, 27),
            **person(),
        )
    assert not Application.objects.exists()
