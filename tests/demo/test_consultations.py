"""The demo consultations: every source at the city bureau with last year's figures as the seeds quote
them, open work in every queue, published questions and answers without personal data, one conversion
each way, histories dated as they happened, idempotent and deterministic loading.

Information items, applications and appeals play no part here: these tests stub them out."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.consultations.models import ConsultationSettings, Enquiry, EnquiryEvent, Source
from gongkai.consultations.selectors import asker_timeline, enquiry_queues, figures_for
from gongkai.consultations.services.publication import publication_problems
from gongkai.consultations.sources import DEFAULT_SOURCES
from gongkai.demo import loader
from gongkai.demo.consultations import _Dates, _Planner
from gongkai.inforequests.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    for name in (
        "load_publications",
        "load_applications",
        "load_appeals",
        "load_datalists",
        "load_plans",
        "load_service_guides",
    ):
        monkeypatch.setattr(loader, name, lambda *_args, **_kwargs: 0)
    loader.load_demo()
    return Agency.objects.get(name="示范市教育局")


def check_setup(demo):
    names = set(ConsultationSettings.objects.values_list("agency__name", flat=True))
    assert {"示范市教育局", "示范市东城区教育局", "示范市西湖区教育局"} <= names
    assert Source.objects.get(agency=demo, code="mailbox").requires_review
    assert not Source.objects.get(agency=demo, code="hotline").requires_review


def check_figures(demo):
    year = timezone.localdate().year - 1
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for spec in DEFAULT_SOURCES:
        assert figures_for([demo.pk], first, last, spec.name).received > 0, spec.name
    mailbox = figures_for([demo.pk], first, last, "局长信箱")
    assert (mailbox.received, mailbox.reply_rate.text, mailbox.satisfaction_rate.text) == (17, "100%", "100%")
    assert figures_for([demo.pk], first, last, "市长信箱交办").received == 58
    assert figures_for([demo.pk], first, last, "12345热线交办").received == 34
    total = figures_for([demo.pk], first, last)
    assert total.received > 150
    assert EnquiryEvent.objects.filter(enquiry__agency=demo, kind="rated", text__startswith="不满意").exists()
    assert total.closed_on_time < total.closed, "a few replies were late"
    assert Enquiry.objects.filter(agency=demo, reopened_count__gt=0).count() >= 2
    assert Enquiry.objects.filter(agency=demo, state="voided").exists()
    assert Enquiry.objects.filter(agency=demo, state="withdrawn").exists()


def check_queues(demo):
    office, officer, reviewer = (User.objects.get(username=u) for u in ("office", "officer", "reviewer"))
    queues = enquiry_queues(office)
    for name in ("overdue", "due_soon", "unassigned", "approved", "dissatisfied", "publishable"):
        assert getattr(queues, name), name
    assert enquiry_queues(officer).mine
    assert enquiry_queues(reviewer).to_review
    assert Enquiry.objects.filter(agency=demo, state="drafted").exists()


def check_published(demo):
    published = list(Enquiry.objects.filter(agency=demo, published=True))
    assert len(published) >= 5
    assert any(e.question.startswith("我是") for e in published), "one asker named themselves: cleaned"
    for enquiry in published:
        texts = {
            "public_subject": enquiry.public_subject,
            "public_question": enquiry.public_question,
            "public_answer": enquiry.public_answer,
        }
        assert enquiry.publish_consent
        assert publication_problems(enquiry, texts) == {}
        for value in (enquiry.name, enquiry.phone, enquiry.email):
            assert not value or all(value not in text for text in texts.values())
        assert "×××" not in enquiry.public_question


def check_conversions(demo):
    to_application = Enquiry.objects.get(agency=demo, converted_to_application__isnull=False)
    application = to_application.converted_to_application
    assert (to_application.state, application.state, application.channel) == ("converted", "handling", "in_person")
    assert application.received_on == to_application.received_on
    from_application = Enquiry.objects.get(agency=demo, converted_from_application__isnull=False)
    source = from_application.converted_from_application
    assert (source.outcome, source.state) == ("petition_complaint", "closed")
    assert from_application.state == "closed"
    assert Application.objects.filter(agency=demo).count() == 2


def check_histories(demo):
    today = timezone.localdate()
    assert not EnquiryEvent.objects.filter(on__gt=today).exists()
    for enquiry in Enquiry.objects.filter(agency=demo, reply_count__gt=0)[:120]:
        days = [step["on"] for step in asker_timeline(enquiry)]
        assert days == sorted(days), enquiry.tracking_code
        assert days[0] == enquiry.received_on
    reviewed = Enquiry.objects.filter(agency=demo, source__code="mailbox", state="closed").first()
    assert reviewed.reviewed_by.username in {"reviewer", "approver"}
    assert reviewed.reviewed_at.date() <= reviewed.replied_on


def check_idempotent(demo):
    models = (Enquiry, EnquiryEvent, Source, AuditEvent)
    counts = [m.objects.count() for m in models]
    loader.load_demo()
    assert counts == [m.objects.count() for m in models]


def test_setup_and_last_years_figures_as_the_reports_quote_them(demo):
    check_setup(demo)
    check_figures(demo)


def test_open_work_published_answers_and_conversions(demo):
    check_queues(demo)
    check_published(demo)
    check_conversions(demo)


def test_histories_are_dated_as_they_happened_and_loading_twice_creates_nothing(demo):
    check_histories(demo)
    check_idempotent(demo)


def test_scripts_are_deterministic():
    today = dt.date(2026, 11, 26)
    first = [(c.source, c.received, c.topic.subject, c.asker["name"]) for c in _Planner(today, _Dates()).plan()]
    again = [(c.source, c.received, c.topic.subject, c.asker["name"]) for c in _Planner(today, _Dates()).plan()]
    assert first == again
    assert len(first) > 300
