"""When an annual report is due (《条例》第四十九条), the supervisor's earlier internal date, the reminders
before them, and where a report stands against them.

* Art. 49(1): 县级以上人民政府部门 submit the previous year's report to the government's disclosure
  office (政府信息公开工作主管部门) and publish it **by 31 January**.
* Art. 49(2): the disclosure office publishes the government's own report **by 31 March**.
* Public enterprises and institutions (公共企事业单位, e.g. schools) report under their own rules
  (Art. 55), not under Art. 49: the platform lets them write a report but never marks them late.
* Reports of 2008–2018 fall under the Regulations of 2007 (in force from 1 May 2008 until the revision
  took effect on 15 May 2019; the report of 2018 was due in March 2019): Art. 31 of 2007 gave every
  administrative organ, department or government, the same day, **31 March**. The report checker reads
  such reports from other websites.

Pure Python: no Django import.
"""

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai.workdays.explain import chinese_date


class ReporterKind(StrEnum):
    GOVERNMENT = "government"  # 人民政府: 31 March
    DEPARTMENT = "department"  # 政府部门: 31 January
    INSTITUTION = "institution"  # 公共企事业单位: not under Art. 49


DEPARTMENT_DAY = (1, 31)
GOVERNMENT_DAY = (3, 31)
REVISED_FROM_YEAR = 2019  # the first report year under the 2019 revision (Art. 49)
BEFORE_REVISION_DAY = (3, 31)  # 2007 Regulations Art. 31, every administrative organ
DEFAULT_REMINDER_DAYS: tuple[int, ...] = (10, 3, 1)  # calendar days before a date


def statutory_deadline(year: int, kind: ReporterKind | str) -> dt.date | None:
    """The last day to publish the report of ``year`` (None for institutions)."""
    kind = ReporterKind(kind)
    if kind is ReporterKind.INSTITUTION:
        return None
    if year < REVISED_FROM_YEAR:
        month, day = BEFORE_REVISION_DAY
    else:
        month, day = GOVERNMENT_DAY if kind is ReporterKind.GOVERNMENT else DEPARTMENT_DAY
    return dt.date(year + 1, month, day)


def statutory_article(year: int) -> str:
    """The article that sets the day for the report of ``year``, as cited in a finding."""
    return "《条例》第四十九条" if year >= REVISED_FROM_YEAR else "2007年《条例》第三十一条"


def statutory_rule(kind: ReporterKind | str) -> str:
    kind = ReporterKind(kind)
    if kind is ReporterKind.GOVERNMENT:
        return "《条例》第四十九条第二款：县级以上地方人民政府的年度报告应当在每年3月31日前向社会公布。"
    if kind is ReporterKind.DEPARTMENT:
        return "《条例》第四十九条第一款：县级以上人民政府部门应当在每年1月31日前提交并向社会公布上一年度报告。"
    return "公共企事业单位依照《条例》第五十五条和主管部门的规定公开信息，不适用第四十九条的期限。"


_GOVERNMENT_NAME = re.compile(r"人民政府(?:办公室|办公厅)?$")


def kind_from_name(name: str | None) -> ReporterKind:
    """A best guess for reports read from outside: "…人民政府" (or its 办公室/办公厅 writing the
    government's report) is a government, anything else a department."""
    if name and _GOVERNMENT_NAME.search(name.strip()):
        return ReporterKind.GOVERNMENT
    return ReporterKind.DEPARTMENT


def internal_deadline(year: int, month: int, day: int) -> dt.date:
    """The supervisor's own date for receiving reports of ``year`` (in the following year)."""
    try:
        return dt.date(year + 1, month, day)
    except ValueError as exc:
        raise ValueError(f"内部报送日期无效：{month}月{day}日") from exc


class Standing(StrEnum):
    """Where one agency's report of a year stands (the supervisor's roll-up)."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    PUBLISHED = "published"
    PUBLISHED_LATE = "published_late"
    LATE = "late"  # not published and the statutory date has passed
    NOT_REQUIRED = "not_required"  # institutions without a report

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    Standing.NOT_STARTED: "未开始",
    Standing.DRAFT: "草稿",
    Standing.SUBMITTED: "已报送待审",
    Standing.RETURNED: "已退回修改",
    Standing.ACCEPTED: "已审核通过待发布",
    Standing.PUBLISHED: "已发布",
    Standing.PUBLISHED_LATE: "逾期发布",
    Standing.LATE: "逾期未发布",
    Standing.NOT_REQUIRED: "不适用",
}


def standing(
    *,
    state: str | None,
    published_on: dt.date | None,
    deadline: dt.date | None,
    today: dt.date,
) -> Standing:
    """``state`` is the report's workflow state (None = no report yet)."""
    if published_on is not None:
        if deadline is not None and published_on > deadline:
            return Standing.PUBLISHED_LATE
        return Standing.PUBLISHED
    if deadline is not None and today > deadline:
        return Standing.LATE
    if state is None:
        return Standing.NOT_REQUIRED if deadline is None else Standing.NOT_STARTED
    return Standing(state)


@dataclass(frozen=True)
class Reminder:
    kind: str  # "internal" / "statutory"
    due: dt.date
    days_before: int  # the stage: days before the date, 0 on the day, -1 once overdue

    @property
    def text(self) -> str:
        what = "内部报送期限" if self.kind == "internal" else "法定公开期限"
        day = chinese_date(self.due)
        if self.days_before > 0:
            return f"距{what}（{day}）还有{self.days_before}天"
        if self.days_before == 0:
            return f"今天是{what}（{day}）"
        return f"已超过{what}（{day}）"


def reminders_due(
    today: dt.date,
    *,
    internal: dt.date | None,
    statutory: dt.date | None,
    days: tuple[int, ...] = DEFAULT_REMINDER_DAYS,
) -> list[Reminder]:
    """The reminder stage each date has reached on ``today``: the nearest of ``days`` before it that
    has begun, the day itself (0), or overdue (-1) once it has passed. The caller sends each
    (kind, due, stage) once, so a day the daily job did not run is caught up the next day without
    repeating an earlier stage."""
    found = []
    for kind, due in (("internal", internal), ("statutory", statutory)):
        if due is None:
            continue
        left = (due - today).days
        if left < 0:
            found.append(Reminder(kind, due, -1))
        elif left == 0:
            found.append(Reminder(kind, due, 0))
        else:
            begun = [d for d in days if d > 0 and left <= d]
            if begun:
                found.append(Reminder(kind, due, min(begun)))
    return found
