"""The agency's defence period in a review or litigation case: the due date and its explanation.

- 行政复议: 《中华人民共和国行政复议法》（2023年修订）第四十八条 — 被申请人应当自收到行政复议申请书副本或者
  行政复议申请笔录复印件之日起十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料. Under
  第八十八条第二款 the law's “三日”“五日”“七日”“十日” are working days (工作日，不含法定休假日), so the ten
  days are counted on the working-day calendar. Copies received before the revision took effect
  (1 January 2024) fall under the former law (第二十三条: 十日; 第四十条: only “五日”“七日” were working
  days), that is ten calendar days counted as below.
- 行政诉讼: 《中华人民共和国行政诉讼法》第六十七条 — 被告应当在收到起诉状副本之日起十五日内向人民法院提交
  作出行政行为的证据和所依据的规范性文件，并提出答辩状. Fifteen calendar days; the law's own rules
  on periods defer to the civil procedure law (行政诉讼法第一百零一条), whose rule is: the starting day is
  not counted (期间开始的日，不计算在期间内), and a period whose last day is a statutory day off ends on
  the first day after it (期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期).
  Weekends are days off; a make-up working weekend day (调休上班) is a working day.

The calendar is passed in (``gongkai.workdays.WorkCalendar``; the Django layer passes
``workcalendar.selectors.work_calendar()``). Pure Python: no Django import.
"""

import datetime as dt
from dataclasses import dataclass

from gongkai.appeals.kinds import CaseKind
from gongkai.workdays import WorkCalendar
from gongkai.workdays.errors import unconfirmed_years_message
from gongkai.workdays.explain import chinese_date, weekday_name

REVIEW_LAW_2023_IN_FORCE = dt.date(2024, 1, 1)
REVIEW_DAYS = 10
LITIGATION_DAYS = 15

REVIEW_BASIS = (
    "《中华人民共和国行政复议法》（2023年修订）第四十八条：被申请人应当自收到行政复议申请书副本或者行政复议申请笔录"
    "复印件之日起十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。第八十八条第二款：本法关于行政"
    "复议期间有关“三日”、“五日”、“七日”、“十日”的规定是指工作日，不含法定休假日。"
)
REVIEW_BASIS_BEFORE_2024 = (
    "《中华人民共和国行政复议法》（2017年修正）第二十三条：被申请人应当自收到申请书副本或者申请笔录复印件之日起"
    "十日内，提出书面答复，并提交当初作出具体行政行为的证据、依据和其他有关材料。期间依照民事诉讼法关于期间的规定"
    "计算（第四十条）：期间开始的日不计算在期间内，期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间"
    "届满的日期。"
)
LITIGATION_BASIS = (
    "《中华人民共和国行政诉讼法》第六十七条：被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据"
    "和所依据的规范性文件，并提出答辩状。期间依照民事诉讼法关于期间的规定计算（行政诉讼法第一百零一条）：期间开始的"
    "日不计算在期间内，期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
)


@dataclass(frozen=True)
class DefenceDeadline:
    """The last day to submit the defence (答复 / 答辩状) with the evidence, and why."""

    kind: CaseKind
    received_on: dt.date  # the day the copy of the application or complaint was received
    due: dt.date
    days: int
    workdays: bool  # counted in working days (review under the 2023 law) or calendar days
    period_end: dt.date  # the last calendar day of the period before moving off a day off (== due otherwise)
    basis: str
    explanation: str
    warnings: tuple[str, ...] = ()

    @property
    def moved(self) -> bool:
        return self.period_end != self.due

    def days_left(self, today: dt.date) -> int:
        """Calendar days from ``today`` to the due date (0 on the day, negative when past)."""
        return (self.due - today).days

    def overdue(self, today: dt.date) -> bool:
        return today > self.due


def defence_deadline(kind: CaseKind, received_on: dt.date, calendar: WorkCalendar) -> DefenceDeadline:
    """The defence deadline of a case whose copy was received on ``received_on``."""
    if kind is CaseKind.REVIEW and received_on >= REVIEW_LAW_2023_IN_FORCE:
        return _review_workdays(received_on, calendar)
    days = LITIGATION_DAYS if kind.is_litigation else REVIEW_DAYS
    basis = LITIGATION_BASIS if kind.is_litigation else REVIEW_BASIS_BEFORE_2024
    return _calendar_days(kind, received_on, days, basis, calendar)


def _review_workdays(received_on: dt.date, calendar: WorkCalendar) -> DefenceDeadline:
    computation = calendar.explain_add_workdays(received_on, REVIEW_DAYS)
    due = computation.result
    explanation = (
        f"自收到{CaseKind.REVIEW.copy_label}之日（{chinese_date(received_on)}）的次日起计算十个工作日"
        f"（不含法定休假日）：{computation.summary}答复期限为{chinese_date(due)}（{weekday_name(due)}）。"
    )
    return DefenceDeadline(
        kind=CaseKind.REVIEW,
        received_on=received_on,
        due=due,
        days=REVIEW_DAYS,
        workdays=True,
        period_end=due,
        basis=REVIEW_BASIS,
        explanation=explanation,
        warnings=computation.warnings,
    )


def _is_workday(calendar: WorkCalendar, day: dt.date) -> bool:
    """``calendar.is_workday`` without its unconfirmed-year warning (reported in ``warnings`` instead)."""
    return calendar.add_workdays(calendar.add_workdays(day, -1, warn=False), 1, warn=False) == day


def _calendar_days(
    kind: CaseKind, received_on: dt.date, days: int, basis: str, calendar: WorkCalendar
) -> DefenceDeadline:
    period_end = received_on + dt.timedelta(days=days)
    due = period_end if _is_workday(calendar, period_end) else calendar.add_workdays(period_end, 1, warn=False)
    explanation = (
        f"自收到{kind.copy_label}之日（{chinese_date(received_on)}）的次日起计算{days}日，"
        f"期间届满的最后一日为{chinese_date(period_end)}（{calendar.day_name(period_end)}）"
    )
    if due != period_end:
        explanation += f"，是法定休假日，顺延至休假日后的第一日{chinese_date(due)}（{weekday_name(due)}）。"
    else:
        explanation += "。"
    explanation += f"{kind.defence_short}期限为{chinese_date(due)}。"
    missing = [year for year in sorted({period_end.year, due.year}) if not calendar.is_confirmed_year(year)]
    return DefenceDeadline(
        kind=kind,
        received_on=received_on,
        due=due,
        days=days,
        workdays=False,
        period_end=period_end,
        basis=basis,
        explanation=explanation,
        warnings=(unconfirmed_years_message(missing),) if missing else (),
    )
