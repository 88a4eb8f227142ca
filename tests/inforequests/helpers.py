"""Shared steps for the application service tests: register an in-person application on a day."""

import datetime as dt

import time_machine

from gongkai.inforequests.services.intake import application_register
from tests.inforequests.conftest import person

D = dt.date


def at(day: dt.date):
    """Travel to 10:00 Beijing time on ``day`` (services use the local date as "today")."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(2), tzinfo=dt.UTC), tick=False)


def received_in_person(desk, day: dt.date, **changes):
    """An application handed in at the office on ``day`` (Art. 31(1): received that day)."""
    with at(day):
        application, _ = application_register(
            acting_user=desk.office, agency=desk.agency, channel="in_person", submitted_on=day, **person(**changes)
        )
    return application
