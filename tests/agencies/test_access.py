import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from gongkai.agencies.access import access_agency, agencies_where, can, has_any_role, visible_agencies
from gongkai.agencies.roles import Action, Role
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_user_of_one_agency_sees_only_that_agency(tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    assert set(visible_agencies(user)) == {tree["east"]}
    assert can(user, Action.VIEW_AGENCY, tree["east"])
    assert not can(user, Action.VIEW_AGENCY, tree["west"])
    assert not can(user, Action.VIEW_AGENCY, tree["school"]), "office role does not reach down the tree"


def test_supervisor_sees_whole_subtree_but_not_siblings_or_parent(tree):
    user = UserFactory()
    grant(user, tree["east"], Role.SUPERVISOR)
    assert set(visible_agencies(user)) == {tree["east"], tree["school"]}
    assert can(user, Action.VIEW_AGENCY, tree["school"])
    assert not can(user, Action.VIEW_AGENCY, tree["bureau"])
    assert not can(user, Action.VIEW_AGENCY, tree["west"])


def test_supervisor_inherits_only_supervision_not_editing(tree):
    user = UserFactory()
    grant(user, tree["city"], Role.SUPERVISOR)
    assert can(user, Action.VIEW_AUDIT, tree["school"])
    assert not can(user, Action.EDIT_AGENCY, tree["school"])
    assert not can(user, Action.MANAGE_STAFF, tree["bureau"])


def test_role_grants_follow_the_table(tree):
    officer, admin = UserFactory(), UserFactory()
    grant(officer, tree["bureau"], Role.OFFICER)
    grant(admin, tree["bureau"], Role.ADMIN)
    assert not can(officer, Action.EDIT_AGENCY, tree["bureau"])
    assert not can(officer, Action.MANAGE_STAFF, tree["bureau"])
    assert can(admin, Action.MANAGE_STAFF, tree["bureau"])
    assert list(agencies_where(admin, Action.MANAGE_DEPARTMENTS)) == [tree["bureau"]]


def test_missing_and_forbidden_agency_look_the_same(tree):
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    assert access_agency(user, tree["east"].pk) == tree["east"]
    with pytest.raises(Http404) as forbidden:
        access_agency(user, tree["west"].pk)
    with pytest.raises(Http404) as missing:
        access_agency(user, 987654)
    assert str(forbidden.value) == str(missing.value)


def test_inactive_and_anonymous_users_see_nothing(tree):
    user = UserFactory(is_active=False)
    grant(user, tree["east"], Role.ADMIN)
    assert not visible_agencies(user).exists()
    assert not can(user, Action.VIEW_AGENCY, tree["east"])
    assert not visible_agencies(AnonymousUser()).exists()
    assert not has_any_role(AnonymousUser())


def test_superuser_sees_everything(tree):
    root = UserFactory(is_superuser=True)
    assert visible_agencies(root).count() == 5
    assert can(root, Action.MANAGE_STAFF, tree["school"])


def test_roles_of_a_deactivated_agency_no_longer_apply(tree):
    from gongkai.agencies.services import agency_save

    user = UserFactory()
    grant(user, tree["west"], Role.OFFICE)
    tree["west"].is_active = False
    agency_save(acting_user=None, agency=tree["west"])
    fresh = type(user).objects.get(pk=user.pk)
    assert not visible_agencies(fresh).exists()


def test_agencies_where_follows_inherited_supervision_only_for_granted_actions(tree):
    user = UserFactory()
    grant(user, tree["bureau"], Role.SUPERVISOR)
    grant(user, tree["west"], Role.OFFICE)
    assert set(agencies_where(user, Action.VIEW_AUDIT)) == {tree["bureau"], tree["east"], tree["west"], tree["school"]}
    assert set(agencies_where(user, Action.EDIT_AGENCY)) == {tree["west"]}
    assert not agencies_where(user, Action.MANAGE_STAFF).exists()
