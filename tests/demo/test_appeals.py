"""The demo cases at the city bureau: every result, a case pending at the end of last year, a litigation
after review, a corrected review whose application was handled again, and one open now with its answer
due; consistent with the demo applications and loaded once.

Publications play no part here and are stubbed out, as in the demo application tests.
"""

import pytest
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.appeals.counting import column_for
from gongkai.appeals.kinds import Result
from gongkai.appeals.models import AppealCase
from gongkai.appeals.selectors import defence_deadline_for, table4_for
from gongkai.audit.models import AuditEvent
from gongkai.demo import loader
from gongkai.inforequests.models import Application

pytestmark = pytest.mark.django_db
# Not needed here; the last three publish through the review workflow that load_publications sets up.
PUBLISHING_LOADERS = ("load_publications", "load_datalists", "load_plans", "load_service_guides")


@pytest.fixture
def bureau(monkeypatch):
    for name in PUBLISHING_LOADERS:
        monkeypatch.setattr(loader, name, lambda *_args, **_kwargs: 0)
    loader.load_demo()
    return Agency.objects.get(name="示范市教育局")


def test_demo_cases_cover_every_result_and_the_year_end_rule(bureau):
    today = timezone.localdate()
    last_year = today.year - 1
    cases = AppealCase.objects.filter(agency=bureau)
    assert cases.count() >= 5
    decided_last_year = set(cases.filter(decided_on__year=last_year).values_list("result", flat=True))
    assert {"maintained", "corrected", "other"} <= decided_last_year
    pending = cases.get(reference=f"示府复〔{last_year}〕37号")
    assert column_for(pending.facts, last_year) is Result.PENDING
    if pending.decided_on is not None:
        assert pending.decided_on.year == today.year
        assert column_for(pending.facts, today.year) is Result.MAINTAINED
    review = table4_for([bureau.pk], last_year)["review"]
    assert review[3] >= 1
    assert review[4] == sum(review[:4])

    litigation = cases.get(kind="litigation_after_review")
    assert litigation.review_case.kind == "review"
    assert litigation.review_case.result == "maintained"
    assert set(litigation.applications.all()) == set(litigation.review_case.applications.all())

    current = cases.filter(state="accepted", copy_received_on__isnull=False).order_by("-filed_on").first()
    assert current is not None
    assert not defence_deadline_for(current).overdue(today)  # the answer is still to be submitted, due soon


def test_the_corrected_review_reopened_its_application_and_it_was_answered_again(bureau):
    corrected = AppealCase.objects.get(agency=bureau, result="corrected")
    original = corrected.applications.get()
    assert original.outcome == "partially_granted"
    assert corrected.filed_on >= original.decided_on
    new = Application.objects.get(reopened_from=original)
    assert new.received_on == corrected.decision_received_on
    assert (new.state, new.outcome) == ("closed", "granted")
    assert original.state == "closed"


def test_cases_are_tied_to_answered_demo_applications_and_loading_twice_adds_nothing(bureau):
    for case in AppealCase.objects.all():
        assert case.party_name
        for application in case.applications.all():
            assert application.agency_id == case.agency_id
            assert application.decided_on <= case.filed_on
    counts = (AppealCase.objects.count(), Application.objects.count(), AuditEvent.objects.count())
    loader.load_demo()
    assert counts == (AppealCase.objects.count(), Application.objects.count(), AuditEvent.objects.count())
