"""Handling an application again after a review decision or a judgment corrected the reply: a new
application linked to the original, whose ledger, decision and table 三 count stay as they were."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.selectors import applications_decided_between, applications_received_between
from gongkai.inforequests.services.decisions import application_decide, application_deliver
from gongkai.inforequests.services.intake import application_register, secret_hash
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.services.reopen import application_reopen
from tests.inforequests.conftest import person
from tests.inforequests.helpers import D, at, received_in_person

pytestmark = pytest.mark.django_db
DECISION_RECEIVED = D(2025, 6, 12)


def refused(desk, *, deliver=True):
    application = received_in_person(desk, D(2025, 3, 3))
    with at(D(2025, 3, 20)):
        application = application_decide(
            acting_user=desk.office,
            application=application,
            outcome="refused_process_info",
            decided_on=D(2025, 3, 20),
            reasons="过程性信息。",
        )
        if deliver:
            application = application_deliver(
                acting_user=desk.office, application=application, method="email", on=D(2025, 3, 20)
            )
    return application


def reopen(desk, application, on=DECISION_RECEIVED, **extra):
    with at(extra.pop("today", on)):
        return application_reopen(
            acting_user=extra.pop("user", desk.office),
            application=application,
            reason=extra.pop("reason", "东府复〔2025〕9号行政复议决定撤销原答复，责令重新答复。"),
            on=on,
        )


def test_reopen_opens_a_new_application_received_on_the_day_of_the_decision(desk):
    original = refused(desk)
    ledger_before = list(original.clock_entries.values_list("kind", "on"))
    new = reopen(desk, original)
    assert new.pk != original.pk
    assert new.reopened_from == original
    assert list(original.reopenings.all()) == [new]
    assert new.agency == original.agency
    assert (new.state, new.received_on, new.channel) == ("handling", D(2025, 6, 12), original.channel)
    for name in ("name", "id_number", "phone", "email", "address", "description", "document_hint"):
        assert getattr(new, name) == getattr(original, name)
    assert new.identity_hash == original.identity_hash
    assert new.tracking_code.startswith("2025-")
    assert new.tracking_code != original.tracking_code
    entry = ClockEntry.objects.get(application=new)
    assert (entry.kind, entry.on) == ("received", D(2025, 6, 12))
    assert entry.note == f"行政复议/诉讼决定纠正后重新处理（原查询码 {original.tracking_code}）"
    assert "责令重新答复" in new.closing_note
    assert clock_state(new, today=D(2025, 6, 12)).reply_due == D(2025, 7, 10)  # 20 working days
    # the original keeps its history
    original.refresh_from_db()
    assert (original.state, original.outcome, original.decided_on) == ("closed", "refused_process_info", D(2025, 3, 20))
    assert list(original.clock_entries.values_list("kind", "on")) == ledger_before


def test_the_applicants_status_page_secret_works_for_both(desk):
    with at(D(2025, 3, 3)):
        original, secret = application_register(
            acting_user=desk.office,
            agency=desk.agency,
            channel="in_person",
            submitted_on=D(2025, 3, 3),
            **person(),
        )
    with at(D(2025, 3, 20)):
        application_decide(
            acting_user=desk.office,
            application=original,
            outcome="refused_process_info",
            decided_on=D(2025, 3, 20),
            reasons="过程性信息。",
        )
    new = reopen(desk, original)
    assert Application.objects.get(pk=new.pk).access_secret_hash == secret_hash(secret)


def test_reopen_keeps_table_three_counts_of_the_original_year(desk):
    original = refused(desk)
    ids = [desk.agency.pk]
    reopen(desk, original, on=D(2025, 6, 12))
    decided_2025 = applications_decided_between(ids, D(2025, 1, 1), D(2025, 12, 31))
    assert list(decided_2025) == [original]  # the new one is still open: carried over, not a second result
    assert applications_received_between(ids, D(2025, 1, 1), D(2025, 12, 31)).count() == 2


def test_reopen_is_audited_on_both_applications(desk):
    original = refused(desk)
    new = reopen(desk, original)
    on_original = AuditEvent.objects.get(action="application.reopen")
    assert on_original.target_id == str(original.pk)
    assert new.tracking_code in on_original.summary
    on_new = AuditEvent.objects.get(action="application.reopened")
    assert on_new.target_id == str(new.pk)
    assert original.tracking_code in on_new.summary


def test_reopen_from_replied_before_delivery_is_allowed(desk):
    original = refused(desk, deliver=False)
    assert reopen(desk, original).reopened_from == original


def test_reopen_refusals_write_nothing(desk):
    original = refused(desk)
    still_open = received_in_person(desk, D(2025, 3, 4))
    before = (Application.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="只有已答复、已办结或视为放弃的申请才能重新处理"):
        reopen(desk, still_open)
    with pytest.raises(ValidationError, match="请说明重新处理的依据"):
        reopen(desk, original, reason="  ")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        reopen(desk, original, on=D(2025, 6, 12), today=D(2025, 6, 11))
    with pytest.raises(ValidationError, match="不能早于原答复日期"):
        reopen(desk, original, on=D(2025, 3, 19))
    with pytest.raises(PermissionDenied):
        reopen(desk, original, user=desk.officer)  # the handler role may not open applications
    assert (Application.objects.count(), AuditEvent.objects.count()) == before


def test_reopen_twice_while_the_first_is_being_handled_is_refused(desk):
    original = refused(desk)
    new = reopen(desk, original)
    with pytest.raises(ValidationError, match=f"已在重新处理中（新查询码 {new.tracking_code}）"):
        reopen(desk, original, on=D(2025, 6, 13))
