import pytest

from tests.datalists.helpers import published_district
from tests.publications.conftest import staff  # noqa: F401 - shared fixture


@pytest.fixture
def district(request):
    """A published school-district list of the bureau."""
    return published_district(request.getfixturevalue("staff"))
