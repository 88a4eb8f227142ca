"""Where enquiries come from, as data: the default sources every agency starts with, and the ratings.

Three kinds of source:

- **public channels** (公众在线提交): the asker writes on the portal (网站留言, 局长信箱) and gets a tracking
  code and a password for the status page;
- **staff-registered** (工作人员登记): the office writes down what came by phone, letter, visit or the
  agency's new-media accounts (咨询电话/热线, 来信, 来访, 政务新媒体);
- **assigned from above** (上级交办): cases forwarded by the 12345 hotline, the mayor's or the party
  secretary's mailbox, or a higher authority, with the assigning body, its reference number and, often,
  its own deadline (which then wins over the source's).

The handling deadlines below are **defaults the agency configures** (admin: 咨询来源), not law: the
disclosure regulation sets no period for consultations. They follow common practice of the bureaus'
own rules (a few working days for online messages and the hotline, longer for letters and visits).
``suggested_channel`` maps a source to the Art. 31 channel (``rules.receipt``) that staff most likely
choose when an enquiry turns out to be a disclosure application; staff may choose another.

Pure Python: no Django import.
"""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.rules.receipt import Channel


class SourceKind(StrEnum):
    PUBLIC = "public"
    REGISTERED = "registered"
    ASSIGNED = "assigned"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SourceKind.PUBLIC: "公众在线提交",
    SourceKind.REGISTERED: "工作人员登记",
    SourceKind.ASSIGNED: "上级交办",
}


@dataclass(frozen=True)
class SourceSpec:
    code: str  # stable key: the setup finds an agency's default source by it (names may be edited)
    name: str
    kind: SourceKind
    deadline_workdays: int
    assigner: str = ""  # default assigning body of an assigned source (staff may change it per case)
    channel: Channel | None = None  # suggested Art. 31 channel on conversion to an application


DEFAULT_SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec("website", "网站留言", SourceKind.PUBLIC, 5, channel=Channel.ONLINE),
    SourceSpec("mailbox", "局长信箱", SourceKind.PUBLIC, 5, channel=Channel.ONLINE),
    SourceSpec("hotline", "咨询电话/热线", SourceKind.REGISTERED, 3, channel=Channel.ORAL),
    SourceSpec("letter", "来信", SourceKind.REGISTERED, 15, channel=Channel.ORDINARY_POST),
    SourceSpec("visit", "来访", SourceKind.REGISTERED, 15, channel=Channel.IN_PERSON),
    SourceSpec("new_media", "政务新媒体", SourceKind.REGISTERED, 5, channel=Channel.ONLINE),
    SourceSpec("assigned_12345", "12345热线交办", SourceKind.ASSIGNED, 5, assigner="12345政务服务便民热线"),
    SourceSpec("assigned_mayor", "市长信箱交办", SourceKind.ASSIGNED, 5, assigner="市长信箱"),
    SourceSpec("assigned_secretary", "书记信箱交办", SourceKind.ASSIGNED, 5, assigner="书记信箱"),
    SourceSpec("assigned_superior", "上级部门交办", SourceKind.ASSIGNED, 5),
)
SOURCES_BY_CODE = {spec.code: spec for spec in DEFAULT_SOURCES}

# A handful of categories to start with (an education bureau's usual questions); agencies edit them.
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "招生入学",
    "学籍管理",
    "教育收费",
    "学生资助",
    "教师队伍",
    "校园安全",
    "政府信息公开",
    "其他",
)

MIN_DEADLINE_WORKDAYS = 1
MAX_DEADLINE_WORKDAYS = 60


def suggested_channel(code: str) -> Channel | None:
    """The Art. 31 channel of a default source's enquiries, ``None`` for assigned and custom sources."""
    spec = SOURCES_BY_CODE.get(code)
    return spec.channel if spec is not None else None


class Rating(StrEnum):
    """The asker's rating of a reply, given once per reply on the status page."""

    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return _RATING_LABELS[self]

    @property
    def is_satisfied(self) -> bool:
        """Counted as satisfied in 满意率: 满意 and 基本满意."""
        return self is not Rating.DISSATISFIED


_RATING_LABELS = {
    Rating.SATISFIED: "满意",
    Rating.BASICALLY_SATISFIED: "基本满意",
    Rating.DISSATISFIED: "不满意",
}
