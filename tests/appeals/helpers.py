"""Shared steps of the case tests: an answered application, a registered review on a day."""

import datetime as dt

from gongkai.appeals.services.cases import case_register
from gongkai.inforequests.services.decisions import application_decide, application_deliver
from tests.inforequests.helpers import D, at, received_in_person

__all__ = ["D", "answered", "at", "review_of"]

RECEIVED, DECIDED, FILED = D(2025, 3, 2), D(2025, 3, 20), D(2025, 4, 20)


def answered(desk, received: dt.date = RECEIVED, decided: dt.date = DECIDED, **changes):
    """An application received in person, refused as process information and delivered the same day."""
    application = received_in_person(desk, received, **changes)
    with at(decided):
        application = application_decide(
            acting_user=desk.office,
            application=application,
            outcome="refused_process_info",
            decided_on=decided,
            reasons="所申请信息属于正在讨论的过程性信息。",
        )
        return application_deliver(acting_user=desk.office, application=application, method="email", on=decided)


def review_of(desk, application, filed: dt.date = FILED, **extra):
    """A review of ``application`` registered on ``filed``."""
    with at(extra.pop("today", filed)):
        return case_register(
            acting_user=extra.pop("user", desk.office),
            agency=desk.agency,
            kind=extra.pop("kind", "review"),
            filed_on=filed,
            body_name=extra.pop("body_name", "测试市东区人民政府"),
            applications=[application],
            **extra,
        )
