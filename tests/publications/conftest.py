import datetime as dt

import pytest

from gongkai.agencies.roles import Role
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.items import item_create
from gongkai.publications.services.setup import disclosure_setup
from tests.factories import UserFactory, grant


class Staff:
    def __init__(self, agency):
        self.agency = agency
        self.officer = UserFactory(username="officer1", full_name="信息员甲")
        self.officer2 = UserFactory(username="officer2", full_name="信息员乙")
        self.reviewer = UserFactory(username="reviewer1", full_name="审核人甲")
        self.approver = UserFactory(username="approver1", full_name="签发人甲")
        self.office = UserFactory(username="office1", full_name="公开办甲")
        grant(self.officer, agency, Role.OFFICER)
        grant(self.officer2, agency, Role.OFFICER)
        grant(self.reviewer, agency, Role.REVIEWER)
        grant(self.approver, agency, Role.APPROVER)
        grant(self.office, agency, Role.OFFICE)
        self.node = CatalogNode.objects.get(agency=agency, name="政策文件")

    def draft(self, **fields):
        defaults = {
            "catalog_node": self.node,
            "title": "关于做好2026年义务教育招生工作的通知",
            "summary": "明确招生范围和程序。",
            "body": "<p>各区教育局：现就做好招生工作通知如下。</p>",
            "formed_on": dt.date(2026, 9, 30),
            "document_number": "示教基〔2026〕3号",
        }
        defaults.update(fields)
        return item_create(acting_user=fields.pop("author", self.officer), agency=self.agency, **defaults)


@pytest.fixture
def staff(tree):
    disclosure_setup(acting_user=None, agency=tree["bureau"])
    return Staff(tree["bureau"])
