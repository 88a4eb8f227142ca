"""The consultation desk of one agency: its office, two officers, a reviewer, an approver, an outsider."""

import datetime as dt

import pytest
import time_machine

from gongkai.agencies.roles import Role
from gongkai.consultations.models import ConsultationSettings, Source
from gongkai.consultations.services.intake import enquiry_register, enquiry_submit_online
from gongkai.consultations.services.setup import consultation_setup
from tests.factories import UserFactory, grant

D = dt.date
MONDAY = D(2026, 3, 2)


def at(day: dt.date):
    """Travel to 10:00 Beijing time on ``day`` (services use the local date as "today")."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(2), tzinfo=dt.UTC), tick=False)


class Desk:
    def __init__(self, agency, other):
        self.agency = agency
        self.other = other
        consultation_setup(acting_user=None, agency=agency)
        consultation_setup(acting_user=None, agency=other)
        self.office = UserFactory(username="zx_office", full_name="公开办甲", email="office@example.gov.cn")
        self.officer = UserFactory(username="zx_officer", full_name="承办人甲", email="officer@example.gov.cn")
        self.officer2 = UserFactory(username="zx_officer2", full_name="承办人乙", email="officer2@example.gov.cn")
        self.reviewer = UserFactory(username="zx_reviewer", full_name="审核人甲", email="reviewer@example.gov.cn")
        self.approver = UserFactory(username="zx_approver", full_name="签发人甲")
        self.outsider = UserFactory(username="zx_outsider", full_name="外单位公开办")
        grant(self.office, agency, Role.OFFICE)
        grant(self.officer, agency, Role.OFFICER)
        grant(self.officer2, agency, Role.OFFICER)
        grant(self.reviewer, agency, Role.REVIEWER)
        grant(self.approver, agency, Role.APPROVER)
        grant(self.outsider, other, Role.OFFICE)

    def source(self, code: str, agency=None) -> Source:
        return Source.objects.get(agency=agency or self.agency, code=code)

    def require_review(self, *, value: bool = True) -> None:
        settings = ConsultationSettings.objects.get(agency=self.agency)
        settings.reply_review_required = value
        settings.save()

    def register(self, day: dt.date = MONDAY, code: str = "hotline", **changes):
        fields = {
            "question": "请问2026年小学一年级新生入学需要准备哪些材料？",
            "subject": "一年级入学材料",
            "name": "李小红",
            "phone": "13912345678",
            "email": "li@example.com",
            "publish_consent": True,
        }
        fields.update(changes)
        with at(day):
            enquiry, _ = enquiry_register(
                acting_user=self.office, agency=self.agency, source=self.source(code), received_on=day, **fields
            )
        return enquiry

    def submit(self, day: dt.date = MONDAY, code: str = "mailbox", **changes):
        fields = {
            "question": "孩子户籍在东区、居住在西区，应在哪个学区报名？",
            "subject": "学区报名",
            "name": "张大山",
            "email": "zhang@example.com",
            "publish_consent": True,
        }
        fields.update(changes)
        with at(day):
            return enquiry_submit_online(agency=self.agency, source=self.source(code), **fields)


@pytest.fixture
def desk(tree):
    return Desk(tree["east"], tree["west"])
