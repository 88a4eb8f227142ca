import pytest

from tests.inforequests.conftest import Desk


@pytest.fixture
def desk(tree):
    """The disclosure office of 测试市东区教育局, with its handler and approver (as in the application tests)."""
    return Desk(tree["east"])
