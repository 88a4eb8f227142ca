"""Factories for tests: records are created through the same services the application uses."""

import factory
from stdnum.cn import uscc

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, AgencyKind, Department, Membership
from gongkai.agencies.roles import Role
from gongkai.agencies.services import agency_save, membership_grant


def valid_credit_code(n: int) -> str:
    body = f"11880000{n:09d}"
    return body + uscc.calc_check_digit(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试员{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市第{n}教育局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    kind = AgencyKind.DEPARTMENT
    credit_code = factory.Sequence(valid_credit_code)
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return agency_save(acting_user=None, agency=model_class(*args, **kwargs))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"第{n}处")


def grant(user: User, agency: Agency, role: Role) -> Membership:
    return membership_grant(acting_user=None, user=user, agency=agency, role=role)
