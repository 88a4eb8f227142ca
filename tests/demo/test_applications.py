"""The demo applications: every outcome at the city bureau last year, carry-over, open work in every
state, valid ledgers, idempotent loading.

The information items of the demo (``load_publications``, most of the demo's loading time) play no
part in applications, so these tests stub them out and load agencies, staff and applications only.
"""

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone
from stdnum.cn import ric, uscc

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.demo import loader
from gongkai.demo.applications import scripts
from gongkai.inforequests.clock import validate_append
from gongkai.inforequests.models import (
    Application,
    ClockBreach,
    ClockEntry,
    Comment,
    Consultation,
    ExtensionRequest,
)
from gongkai.inforequests.services.decisions import staff_outcomes
from gongkai.inforequests.services.ledger import clock_state
from gongkai.rules.outcomes import ApplicantType
from gongkai.rules.receipt import Channel
from gongkai.workcalendar.selectors import work_calendar

pytestmark = pytest.mark.django_db
# Not needed here; the last three publish through the review workflow that load_publications sets up.
PUBLISHING_LOADERS = ("load_publications", "load_datalists", "load_plans", "load_service_guides")

CLOSED = ["closed", "withdrawn", "abandoned"]


@pytest.fixture
def demo(monkeypatch):
    for name in PUBLISHING_LOADERS:
        monkeypatch.setattr(loader, name, lambda *_args, **_kwargs: 0)
    loader.load_demo()
    return Agency.objects.get(name="示范市教育局")


def test_city_bureau_last_year_has_every_outcome_and_every_kind_of_handling(demo):
    last_year = timezone.localdate().year - 1
    closed = Application.objects.filter(agency=demo, decided_on__year=last_year, state__in=CLOSED)
    outcomes = set(closed.values_list("outcome", flat=True))
    expected = {o.value for o in staff_outcomes()} | {"withdrawn", "overdue_correction", "fee_not_paid"}
    assert expected <= outcomes, expected - outcomes

    received = Application.objects.filter(agency=demo, received_on__year=last_year)
    entries = ClockEntry.objects.filter(application__in=received)
    kinds = set(entries.values_list("kind", flat=True))
    assert {"correction_received", "extension_granted", "fee_paid", "consultation_answered", "delivered"} <= kinds
    consultations = Consultation.objects.filter(application__in=received)
    assert {"agrees", "objects", "no_reply"} <= set(consultations.values_list("opinion", flat=True))
    assert consultations.filter(party="agency").exists()
    paid = received.filter(state="closed").exclude(fee_basis="")
    assert {"per_volume", "per_application"} <= set(paid.values_list("fee_basis", flat=True))
    assert paid.filter(fee_basis="per_application", fee_quantity__gt=10).exists()
    assert received.filter(delivery_method="on_the_spot", decided_on=F("received_on")).exists()
    assert ClockBreach.objects.filter(application__in=received, kind="reply_late").exists()
    extension = ExtensionRequest.objects.filter(application__in=received, approved=True).first()
    assert extension.requested_by != extension.decided_by
    assert extension.decided_by.username == "approver"

    # every channel and applicant kind, with valid (fictional) identity numbers
    applications = Application.objects.filter(agency=demo, submitted_at__year=last_year)
    assert set(applications.values_list("channel", flat=True)) == {c.value for c in Channel}
    assert set(applications.values_list("applicant_type", flat=True)) == {t.value for t in ApplicantType}
    for application in Application.objects.all():
        if application.is_organisation:
            assert uscc.is_valid(application.credit_code)
            assert application.legal_representative
        elif application.id_type == "resident_id":
            assert ric.is_valid(application.id_number)
        assert not application.email or application.email.endswith("example.com")
    wanted_to_method = {"post": "post", "email": "email", "online": "online", "collect": "collected"}
    for application in Application.objects.filter(state="closed").exclude(delivery_method="on_the_spot"):
        assert application.delivery_method == wanted_to_method[application.delivery_wanted]
        if application.delivery_method == "post":
            assert application.delivery_ref.startswith("EMS")


def test_carry_over_and_open_work_in_every_state_with_due_soon_and_overdue(demo):
    today = timezone.localdate()
    # received last year and still open at its end: 结转下年度 (answered in January once January has passed)
    carried = Application.objects.filter(agency=demo, received_on__year=today.year - 1).exclude(
        decided_on__year=today.year - 1
    )
    assert carried.count() >= 2
    assert all(a.received_on.month == 12 for a in carried)
    if today.month > 1:
        assert carried.filter(decided_on__year=today.year).count() >= 2

    states = set(Application.objects.filter(agency=demo).values_list("state", flat=True))
    assert {"pending", "handling", "awaiting_correction", "awaiting_payment", "replied"} <= states
    days_left = [clock_state(a).days_left for a in Application.objects.filter(agency=demo, state="handling")]
    assert any(d is not None and d < 0 for d in days_left)
    assert any(d is not None and 0 <= d <= 3 for d in days_left)
    assert ExtensionRequest.objects.filter(application__agency=demo, approved__isnull=True).exists()
    transferred = Application.objects.get(agency=demo, transferred_to__isnull=False)
    assert transferred.outcome == "not_this_agency"
    assert transferred.transferred_to.agency.name == "示范市东城区教育局"
    assert transferred.transferred_to.state == "pending"
    # the daily job has nothing to close: open waits are still within their periods
    for application in Application.objects.filter(state__in=["awaiting_correction", "awaiting_payment"]):
        assert clock_state(application, today=today).abandonment_due is None
    for key in ("dongcheng", "xihu"):
        district = Agency.objects.get(name=f"示范市{'东城' if key == 'dongcheng' else '西湖'}区教育局")
        assert Application.objects.filter(agency=district, state="closed").count() > 10


def test_every_ledger_replays_from_empty_and_loading_twice_creates_nothing_new(demo):
    calendar = work_calendar()
    applications = Application.objects.prefetch_related("clock_entries")
    assert applications.count() > 150
    for application in applications:
        ledger = application.ledger
        for position, event in enumerate(ledger):
            validate_append(ledger[:position], event, calendar)

    models = (Application, ClockEntry, ClockBreach, Consultation, ExtensionRequest, Comment, AuditEvent)
    counts = [m.objects.count() for m in models]
    loader.load_demo()
    assert counts == [m.objects.count() for m in models]


def test_scripts_are_deterministic():
    bureau = Agency(name="示范市教育局", short_name="市教育局")
    today = dt.date(2026, 11, 26)
    first = [(c.submitted, c.outcome, c.channel, c.applicant["name"]) for c in scripts("bureau", bureau, today)]
    again = [(c.submitted, c.outcome, c.channel, c.applicant["name"]) for c in scripts("bureau", bureau, today)]
    assert first == again
