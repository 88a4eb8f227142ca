from tests.publications.conftest import staff  # noqa: F401 - shared fixture
