import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.models import Department
from gongkai.agencies.roles import Role
from gongkai.agencies.services import department_save, membership_grant
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.imports import item_import_published
from gongkai.publications.services.items import item_create
from gongkai.publications.services.setup import disclosure_setup
from gongkai.publications.services.workflow import item_approve, item_submit
from tests.factories import UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=SHANGHAI)


class PlanDesk:
    """The east district bureau with its catalog, an admissions office and the people who publish."""

    def __init__(self, tree):
        self.tree = tree
        self.agency = tree["east"]
        disclosure_setup(acting_user=None, agency=self.agency)
        self.admissions = department_save(
            acting_user=None, department=Department(agency=self.agency, name="招生办公室")
        )
        self.finance = department_save(acting_user=None, department=Department(agency=self.agency, name="计划财务股"))
        self.office = UserFactory(username="plan_office", full_name="公开办", email="gkb@example.gov.cn")
        self.officer = UserFactory(username="plan_officer", full_name="招生信息员", email="zs@example.gov.cn")
        self.reviewer = UserFactory(username="plan_reviewer", full_name="审核人")
        self.approver = UserFactory(username="plan_approver", full_name="签发人")
        self.supervisor = UserFactory(username="plan_supervisor", full_name="监督者", email="jd@example.gov.cn")
        membership_grant(acting_user=None, user=self.office, agency=self.agency, role=Role.OFFICE)
        membership_grant(
            acting_user=None, user=self.officer, agency=self.agency, role=Role.OFFICER, department=self.admissions
        )
        membership_grant(acting_user=None, user=self.reviewer, agency=self.agency, role=Role.REVIEWER)
        membership_grant(acting_user=None, user=self.approver, agency=self.agency, role=Role.APPROVER)
        membership_grant(acting_user=None, user=self.supervisor, agency=tree["city"], role=Role.SUPERVISOR)

    def node(self, code: str) -> CatalogNode:
        return CatalogNode.objects.get(agency=self.agency, code=code)

    def draft(self, title: str, code: str, formed_on: dt.date):
        return item_create(
            acting_user=self.officer,
            agency=self.agency,
            catalog_node=self.node(code),
            title=title,
            summary="按要求公开。",
            body="<p>现予公布。</p>",
            formed_on=formed_on,
        )

    def publish(self, title: str, code: str, when: dt.datetime):
        """Draft, review and sign off on the day ``when`` (through the real workflow)."""
        with time_machine.travel(when, tick=False):
            item = self.draft(title, code, when.date())
            item_submit(acting_user=self.officer, item=item)
            item_approve(acting_user=self.reviewer, item=item)
            item_approve(acting_user=self.approver, item=item)
        item.refresh_from_db()
        return item

    def imported(self, title: str, code: str, when: dt.datetime):
        return item_import_published(
            acting_user=None,
            created_by=self.officer,
            agency=self.agency,
            published_at=when,
            catalog_node=self.node(code),
            title=title,
            summary="按要求公开。",
            formed_on=when.date(),
        )


@pytest.fixture
def desk(tree):
    return PlanDesk(tree)
