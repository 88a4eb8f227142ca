import pytest

from gongkai.agencies.models import Agency
from tests.factories import AgencyFactory


@pytest.fixture
def tree(db) -> dict[str, Agency]:
    """city government → bureau → two districts → a school under the first district."""
    city = AgencyFactory(name="测试市人民政府", kind="government")
    bureau = AgencyFactory(name="测试市教育局", parent=city)
    east = AgencyFactory(name="测试市东区教育局", parent=bureau)
    west = AgencyFactory(name="测试市西区教育局", parent=bureau)
    school = AgencyFactory(name="测试市东区第一小学", kind="institution", parent=east)
    return {"city": city, "bureau": bureau, "east": east, "west": west, "school": school}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs ~0.3 s a hash; tests only need a working hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks_and_memory_mail(settings):
    """Background tasks run at once (after commit) and mail goes to ``django.core.mail.outbox``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
