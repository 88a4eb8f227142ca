import pytest

from gongkai.publications.services.setup import disclosure_setup
from tests.publications.conftest import Staff


@pytest.fixture
def staff(tree):
    disclosure_setup(acting_user=None, agency=tree["bureau"])
    return Staff(tree["bureau"])
