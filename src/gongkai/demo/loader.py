"""Load the demo region idempotently, through the same services staff use (so it is audited too)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from stdnum.cn import uscc

from gongkai.agencies.models import Agency, AgencyKind, Department, ReadingRoom
from gongkai.agencies.roles import ROLE_LABELS
from gongkai.agencies.services import agency_save, department_save, membership_grant
from gongkai.audit.services import instance_save
from gongkai.demo.appeals import load_appeals
from gongkai.demo.applications import load_applications
from gongkai.demo.consultations import load_consultations
from gongkai.demo.data import ADMIN_USERNAME, DEMO_PASSWORD, REGION, REGION_CODE, STAFF, AgencySpec
from gongkai.demo.datalists import load_datalists
from gongkai.demo.plans import load_plans
from gongkai.demo.publications import load_publications
from gongkai.demo.reports import load_reports
from gongkai.demo.serviceguides import load_service_guides


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    description: str


def credit_code(kind: str, serial: int) -> str:
    """A checksum-valid, obviously fictional 统一社会信用代码 (registration type 1=机关, 2=事业单位)."""
    body = f"1{'1' if kind != AgencyKind.INSTITUTION else '2'}{REGION_CODE}{serial:09d}"
    return body + uscc.calc_check_digit(body)


def _ensure_agency(spec: AgencySpec, parent: Agency | None, index: int, agencies: dict[str, Agency]) -> None:
    agency = Agency.objects.filter(name=spec.name).first() or Agency(name=spec.name)
    agency.short_name = spec.short_name
    agency.kind = spec.kind
    agency.credit_code = credit_code(spec.kind, spec.org_serial)
    agency.parent = parent
    agency.sort_order = index
    agency.office_name = spec.office_name
    agency.office_address = spec.address
    agency.postcode = "999100"
    agency.office_hours = "工作日 上午8:30-12:00，下午14:30-17:30（法定节假日除外）"
    agency.phone = spec.phone
    agency.fax = spec.phone[:-1] + "9"
    agency.email = f"gongkai.{spec.key.replace('_', '-')}@example.gov.cn"
    agency.website = f"https://{spec.key.replace('_', '-')}.example.gov.cn/"
    agency_save(acting_user=None, agency=agency)
    agencies[spec.key] = agency
    for order, name in enumerate(spec.departments):
        department = Department.objects.filter(agency=agency, name=name).first()
        if department is None:
            department_save(
                acting_user=None,
                department=Department(agency=agency, name=name, kind=spec.department_kind, sort_order=order),
            )
    for order, (name, address, hours) in enumerate(spec.reading_rooms):
        if not ReadingRoom.objects.filter(agency=agency, name=name).exists():
            instance_save(
                acting_user=None,
                instance=ReadingRoom(
                    agency=agency, name=name, address=address, opening_hours=hours, phone=spec.phone, sort_order=order
                ),
            )
    for child_index, child in enumerate(spec.children):
        _ensure_agency(child, agency, child_index, agencies)


def _ensure_user(username: str, full_name: str, *, superuser: bool = False):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    user.full_name = full_name
    user.email = f"{username}@example.gov.cn"
    user.is_staff = True
    user.is_active = True
    user.is_superuser = superuser
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    instance_save(acting_user=None, instance=user, exclude=("password", "last_login"))
    return user


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create or refresh the demo region; returns the logins to print."""
    agencies: dict[str, Agency] = {}
    _ensure_agency(REGION, None, 0, agencies)
    logins = [DemoLogin(ADMIN_USERNAME, DEMO_PASSWORD, "平台管理员（全部权限）")]
    users = {ADMIN_USERNAME: _ensure_user(ADMIN_USERNAME, "平台管理员", superuser=True)}
    for staff in STAFF:
        user = _ensure_user(staff.username, staff.full_name)
        users[staff.username] = user
        agency = agencies[staff.agency_key]
        department = Department.objects.filter(agency=agency, name=staff.department).first()
        membership_grant(acting_user=None, user=user, agency=agency, role=staff.role, department=department)
        where = f"{agency.name}{('·' + staff.department) if staff.department else ''}"
        logins.append(DemoLogin(staff.username, DEMO_PASSWORD, f"{ROLE_LABELS[staff.role]}，{where}"))
    load_publications(agencies, users)
    load_datalists(agencies, users)
    load_applications(agencies, users)
    load_appeals(agencies, users)
    load_consultations(agencies, users)
    load_reports(agencies, users)
    load_plans(agencies, users)
    load_service_guides(agencies, users)
    return logins
