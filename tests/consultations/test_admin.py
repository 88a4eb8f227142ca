"""The admin: the office adapts its sources within its own agency (audited); enquiries are read-only."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.consultations.models import Source
from tests.consultations.conftest import D

pytestmark = pytest.mark.django_db


def test_office_changes_a_sources_deadline_audited(client, desk):
    client.force_login(desk.office)
    source = desk.source("letter")
    response = client.post(
        reverse("admin:consultations_source_change", args=[source.pk]),
        {
            "agency": desk.agency.pk,
            "name": "来信",
            "kind": "registered",
            "deadline_workdays": 10,
            "assigner_name": "",
            "is_active": "on",
            "sort_order": 40,
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Source.objects.get(pk=source.pk).deadline_workdays == 10
    assert AuditEvent.objects.filter(action="source.update", actor=desk.office, agency=desk.agency).exists()


def test_deadline_must_be_between_1_and_60_working_days(client, desk):
    client.force_login(desk.office)
    source = desk.source("letter")
    response = client.post(
        reverse("admin:consultations_source_change", args=[source.pk]),
        {"agency": desk.agency.pk, "name": "来信", "kind": "registered", "deadline_workdays": 0, "sort_order": 40},
    )
    assert response.status_code == 200
    assert Source.objects.get(pk=source.pk).deadline_workdays == 15


def test_staff_see_only_their_agencies_and_enquiries_are_read_only(client, desk):
    enquiry = desk.register(D(2026, 3, 2), phone="13912345678")
    client.force_login(desk.office)
    page = client.get(reverse("admin:consultations_source_changelist")).content.decode()
    assert desk.agency.name in page
    assert desk.other.name not in page
    detail = client.get(reverse("admin:consultations_enquiry_change", args=[enquiry.pk]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "139****5678" in text
    assert "13912345678" not in text
    assert client.post(reverse("admin:consultations_enquiry_change", args=[enquiry.pk]), {}).status_code == 403
    client.force_login(desk.outsider)
    assert client.get(reverse("admin:consultations_enquiry_change", args=[enquiry.pk])).status_code == 302
