import pytest

from gongkai.agencies.roles import Role
from tests.factories import UserFactory, grant
from tests.inforequests.conftest import Desk


class ReportDesk(Desk):
    """The east district bureau's disclosure office, and the city government's supervisor above it."""

    def __init__(self, tree):
        super().__init__(tree["east"])
        self.tree = tree
        self.supervisor = UserFactory(username="jdz", full_name="监督者", email="jd@example.gov.cn")
        grant(self.supervisor, tree["city"], Role.SUPERVISOR)
        self.office.email = "gkb@example.gov.cn"
        self.office.save()


@pytest.fixture
def desk(tree):
    return ReportDesk(tree)
