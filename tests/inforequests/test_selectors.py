"""Carry-over (结转) by date: what is open on 31 December is carried over, whatever happens later."""

import pytest

from gongkai.inforequests.selectors import (
    applications_carried_over,
    applications_decided_between,
    applications_open_on,
    applications_received_between,
)
from gongkai.inforequests.services.decisions import application_decide
from gongkai.inforequests.services.intake import application_submit_online
from tests.inforequests.conftest import person
from tests.inforequests.helpers import D, at, received_in_person

pytestmark = pytest.mark.django_db


def test_applications_open_on_31_december_are_carried_over_by_date(desk):
    ids = [desk.agency.pk]
    decided_in_january = received_in_person(desk, D(2025, 12, 29))
    decided_in_december = received_in_person(desk, D(2025, 12, 1))
    still_open = received_in_person(desk, D(2025, 12, 30))
    with at(D(2025, 12, 31)):
        application_decide(
            acting_user=desk.office, application=decided_in_december, outcome="granted", decided_on=D(2025, 12, 31)
        )
    with at(D(2026, 1, 5)):
        application_decide(
            acting_user=desk.office, application=decided_in_january, outcome="granted", decided_on=D(2026, 1, 5)
        )
        application_submit_online(agency=desk.agency, **person())  # never received: not counted
    assert set(applications_carried_over(ids, 2025)) == {decided_in_january, still_open}
    assert set(applications_open_on(ids, D(2026, 1, 5))) == {still_open}
    assert set(applications_received_between(ids, D(2025, 1, 1), D(2025, 12, 31))) == {
        decided_in_january,
        decided_in_december,
        still_open,
    }
    assert set(applications_decided_between(ids, D(2026, 1, 1), D(2026, 12, 31))) == {decided_in_january}
