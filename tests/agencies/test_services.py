import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.roles import Role
from gongkai.agencies.services import agency_save, membership_grant, membership_revoke
from gongkai.audit.models import AuditEvent
from tests.factories import AgencyFactory, DepartmentFactory, UserFactory, valid_credit_code

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree(tree):
    assert tree["city"].path == f"/{tree['city'].pk}/"
    assert tree["school"].path == f"/{tree['city'].pk}/{tree['bureau'].pk}/{tree['east'].pk}/{tree['school'].pk}/"
    assert tree["school"].depth == 3
    assert tree["school"].ancestor_ids() == [tree["city"].pk, tree["bureau"].pk, tree["east"].pk]


def test_moving_an_agency_repaths_its_subtree_and_is_audited(tree):
    actor = UserFactory(is_superuser=True)
    east = tree["east"]
    east.parent = tree["city"]
    agency_save(acting_user=actor, agency=east)
    school = Agency.objects.get(pk=tree["school"].pk)
    assert school.path == f"/{tree['city'].pk}/{east.pk}/{school.pk}/"
    event = AuditEvent.objects.filter(action="agency.update", target_id=str(east.pk)).latest("id")
    assert event.actor == actor
    assert event.before["parent"] == "测试市教育局"
    assert event.after["parent"] == "测试市人民政府"
    assert event.after["path"] == f"/{tree['city'].pk}/{east.pk}/"


def test_parent_inside_own_subtree_is_refused_and_nothing_changes(tree):
    bureau = tree["bureau"]
    bureau.parent = tree["school"]
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as err:
        agency_save(acting_user=None, agency=bureau)
    assert "循环" in str(err.value)
    assert Agency.objects.get(pk=bureau.pk).parent_id == tree["city"].pk
    assert AuditEvent.objects.count() == events


def test_invalid_credit_code_is_refused_with_chinese_message(db):
    code = valid_credit_code(7)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as err:
        AgencyFactory(credit_code=wrong)
    assert "校验位" in str(err.value)
    assert not Agency.objects.exists()


def test_unchanged_save_writes_no_audit_event(tree):
    before = AuditEvent.objects.count()
    agency_save(acting_user=None, agency=tree["east"])
    assert AuditEvent.objects.count() == before


def test_grant_is_idempotent_and_audited(tree):
    user = UserFactory()
    dept = DepartmentFactory(agency=tree["bureau"])
    first = membership_grant(acting_user=None, user=user, agency=tree["bureau"], role=Role.OFFICER)
    again = membership_grant(acting_user=None, user=user, agency=tree["bureau"], role=Role.OFFICER, department=dept)
    assert first.pk == again.pk
    assert Membership.objects.count() == 1
    actions = list(
        AuditEvent.objects.filter(action__startswith="membership.", target_id=str(first.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["membership.grant", "membership.update"]
    membership_revoke(acting_user=None, membership=again)
    assert not Membership.objects.exists()
    assert AuditEvent.objects.filter(action="membership.revoke").count() == 1


def test_department_of_another_agency_cannot_be_assigned(tree):
    user = UserFactory()
    foreign = DepartmentFactory(agency=tree["west"])
    with pytest.raises(ValidationError) as err:
        membership_grant(acting_user=None, user=user, agency=tree["east"], role=Role.OFFICER, department=foreign)
    assert "不属于该机构" in str(err.value)
    assert not Membership.objects.exists()
