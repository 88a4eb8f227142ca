import pytest

from tests.publications.conftest import staff  # noqa: F401 - shared fixture
from tests.reports.conftest import ReportDesk


# The annual report pages' people (test_reports_views, test_report_check_views); the application and
# consultation page tests define a ``desk`` of their own.
@pytest.fixture
def desk(tree):
    """The east district bureau's disclosure office, and the city's supervisor."""
    return ReportDesk(tree)


@pytest.fixture
def office(client, desk):
    client.force_login(desk.office)
    return client


@pytest.fixture
def supervisor(client, desk):
    client.force_login(desk.supervisor)
    return client
