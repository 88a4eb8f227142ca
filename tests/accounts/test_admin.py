import pytest
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_platform_admin_creates_login_audited_without_password(client):
    root = UserFactory(is_superuser=True)
    client.force_login(root)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newstaff",
            "password1": "Str0ng-Pass!2026",
            "password2": "Str0ng-Pass!2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="newstaff")
    assert user.check_password("Str0ng-Pass!2026")
    event = AuditEvent.objects.get(action="user.create")
    assert event.actor == root
    assert "password" not in event.after
    assert "Str0ng-Pass!2026" not in str(event.after)


def test_agency_staff_cannot_manage_logins(client, tree):
    user = UserFactory()
    grant(user, tree["bureau"], Role.ADMIN)
    client.force_login(user)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_display_name_is_the_chinese_full_name():
    user = UserFactory.build(username="lisi", full_name="李四")
    assert str(user) == "李四（lisi）"
    assert user.get_short_name() == "李四"
