from tests.publications.conftest import staff  # noqa: F401 - shared fixture
from tests.serviceguides.fixtures import *  # noqa: F403 - shared fixtures
