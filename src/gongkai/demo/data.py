"""The fictional region 示范市 as plain data. Names, codes and addresses are invented."""

from dataclasses import dataclass, field

from gongkai.agencies.models import AgencyKind, DepartmentKind
from gongkai.agencies.roles import Role

REGION_CODE = "990100"  # not a real administrative division code

CITY_DIVISIONS = [
    "办公室",
    "政策法规处",
    "基础教育处",
    "职业教育与成人教育处",
    "高等教育处",
    "招生考试处",
    "财务处",
    "人事处",
    "教师工作处",
    "学生资助管理中心",
]
DISTRICT_SECTIONS = ["办公室", "基础教育股", "招生办公室", "计划财务股", "人事股"]
SCHOOL_OFFICES = ["校长办公室", "教务处", "总务处"]


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    short_name: str
    kind: str
    org_serial: int
    office_name: str
    address: str
    phone: str
    departments: list[str] = field(default_factory=list)
    department_kind: str = DepartmentKind.DIVISION
    children: list["AgencySpec"] = field(default_factory=list)
    reading_rooms: list[tuple[str, str, str]] = field(default_factory=list)


def _school(key: str, name: str, short: str, *, serial: int, address: str, phone: str) -> AgencySpec:
    return AgencySpec(
        key,
        name,
        short,
        AgencyKind.INSTITUTION,
        serial,
        "校长办公室",
        address,
        phone,
        SCHOOL_OFFICES,
        DepartmentKind.INTERNAL,
    )


REGION = AgencySpec(
    "city",
    "示范市人民政府",
    "示范市政府",
    AgencyKind.GOVERNMENT,
    1,
    "示范市人民政府办公室（市政务公开办公室）",
    "示范市人民大道1号",
    "0999-12345001",
    ["办公室", "政务公开办公室"],
    DepartmentKind.INTERNAL,
    reading_rooms=[("示范市政府信息查阅中心", "示范市档案馆一楼（文化路8号）", "工作日 9:00-17:00")],
    children=[
        AgencySpec(
            "bureau",
            "示范市教育局",
            "市教育局",
            AgencyKind.DEPARTMENT,
            2,
            "示范市教育局办公室",
            "示范市人民路100号",
            "0999-12346001",
            CITY_DIVISIONS,
            reading_rooms=[
                ("示范市教育局政府信息公开查阅室", "示范市人民路100号一楼大厅", "工作日 8:30-12:00，14:30-17:30"),
                ("示范市图书馆政府信息查阅点", "示范市图书馆二楼（书院街18号）", "周二至周日 9:00-20:30"),
            ],
            children=[
                AgencySpec(
                    "dongcheng",
                    "示范市东城区教育局",
                    "东城区教育局",
                    AgencyKind.DEPARTMENT,
                    11,
                    "东城区教育局办公室",
                    "示范市东城区和平路20号",
                    "0999-12347001",
                    DISTRICT_SECTIONS,
                    DepartmentKind.SECTION,
                    children=[
                        _school(
                            "dc_primary",
                            "示范市东城区实验小学",
                            "东城实验小学",
                            serial=101,
                            address="示范市东城区育才街5号",
                            phone="0999-12347101",
                        ),
                        _school(
                            "dc_middle",
                            "示范市东城区第一初级中学",
                            "东城一中",
                            serial=102,
                            address="示范市东城区文昌路66号",
                            phone="0999-12347102",
                        ),
                    ],
                ),
                AgencySpec(
                    "xihu",
                    "示范市西湖区教育局",
                    "西湖区教育局",
                    AgencyKind.DEPARTMENT,
                    12,
                    "西湖区教育局办公室",
                    "示范市西湖区湖滨路3号",
                    "0999-12348001",
                    DISTRICT_SECTIONS,
                    DepartmentKind.SECTION,
                    children=[
                        _school(
                            "xh_primary",
                            "示范市西湖区中心小学",
                            "西湖中心小学",
                            serial=201,
                            address="示范市西湖区柳岸路9号",
                            phone="0999-12348101",
                        ),
                    ],
                ),
                _school("no1", "示范市第一中学", "市一中", serial=21, address="示范市学府路1号", phone="0999-12346101"),
                AgencySpec(
                    "exam",
                    "示范市教育考试院",
                    "市教育考试院",
                    AgencyKind.INSTITUTION,
                    22,
                    "示范市教育考试院综合办公室",
                    "示范市人民路102号",
                    "0999-12346201",
                    ["综合办公室", "考务处", "招生处", "社会考试处"],
                ),
            ],
        ),
    ],
)


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    agency_key: str
    role: Role
    department: str | None = None


DEMO_PASSWORD = "Gongkai@2026"
ADMIN_USERNAME = "admin"

STAFF = [
    StaffSpec("officer", "李信息", "bureau", Role.OFFICER, "基础教育处"),
    StaffSpec("reviewer", "王审核", "bureau", Role.REVIEWER, "办公室"),
    StaffSpec("approver", "张签发", "bureau", Role.APPROVER, "办公室"),
    StaffSpec("office", "陈公开", "bureau", Role.OFFICE, "办公室"),
    StaffSpec("supervisor", "赵监督", "city", Role.SUPERVISOR, "政务公开办公室"),
    StaffSpec("agencyadmin", "周管理", "bureau", Role.ADMIN, "办公室"),
    StaffSpec("dc_office", "刘东城", "dongcheng", Role.OFFICE, "办公室"),
    # Districts with applications: the office head approves extensions (Art. 33), the office handles.
    StaffSpec("dc_approver", "郑东城", "dongcheng", Role.APPROVER, "办公室"),
    StaffSpec("xh_office", "吴西湖", "xihu", Role.OFFICE, "办公室"),
    StaffSpec("xh_approver", "冯西湖", "xihu", Role.APPROVER, "办公室"),
]
