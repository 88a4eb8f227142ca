import pytest

from gongkai.agencies.roles import Role
from tests.factories import UserFactory, grant
from tests.screening.test_detectors import valid_id


class Desk:
    """The disclosure office of one agency, with its handler, approver and an outsider."""

    def __init__(self, agency):
        self.agency = agency
        self.office = UserFactory(username="gkb", full_name="公开办甲")
        self.officer = UserFactory(username="cbr", full_name="承办人甲")
        self.approver = UserFactory(username="fzr", full_name="负责人甲")
        grant(self.office, agency, Role.OFFICE)
        grant(self.officer, agency, Role.OFFICER)
        grant(self.approver, agency, Role.APPROVER)


def person(**changes) -> dict:
    data = {
        "applicant_type": "natural_person",
        "name": "王小明",
        "id_type": "resident_id",
        "id_number": valid_id(),
        "phone": "13912345678",
        "email": "wang@example.com",
        "address": "示范市东城区人民路100号3单元",
        "postcode": "999100",
        "description": "2026年本区义务教育学校学区划分方案及其制定依据",
        "document_hint": "示教基〔2026〕3号",
        "form_wanted": "electronic",
        "delivery_wanted": "email",
    }
    data.update(changes)
    return data


@pytest.fixture
def desk(tree):
    return Desk(tree["east"])
