"""Figures of enquiries per period (and per source): the numbers agencies' reports quote, e.g.
"共受理局长信箱17件，反馈率100%，满意率100%" or "办结率100%". Pure Python: no Django import.

Definitions (the cohort is the enquiries **received** in the period, ``first <= received_on <= last``;
replies, closings and ratings are counted when they happened on or before ``as_of``, by default
whatever the records know, so a case received on 30 December and answered on 3 January counts as
replied in a report written later in January):

- **received** (受理): the cohort's size. Voided, withdrawn and converted enquiries are not passed in
  (``selectors.figures_for`` leaves them out: spam is not a case, a withdrawn case was never answered
  on the merits, a converted one is counted among disclosure applications).
- **replied** (已答复): cohort enquiries with a reply sent (first reply on or before ``as_of``).
- **closed** (办结): cohort enquiries closed on or before ``as_of``; a reopened case that is not closed
  again is open.
- **closed on time** (按期办结): closed, and the reply that ended the case (the latest reply; the
  closing day when there is none) was sent on or before its handling deadline (``due``, recomputed when
  a case is reopened). The deadline binds the reply; closing the file a few days later is not late.
- **反馈率 (reply rate)** = replied / received.
- **办结率 (completion rate)** = closed / received.
- **按期办结率 (on-time rate)** = closed on time / closed.
- **满意率 (satisfaction rate)** = (满意 + 基本满意) / rated, where *rated* is the cohort enquiries with
  a rating on or before ``as_of``; **unrated enquiries are excluded** from numerator and denominator.
  The latest rating of a case counts (a reopened case keeps its 不满意 until the asker rates the new reply).
- **median working days to reply** (答复用时中位数): over replied cohort enquiries, the working days
  after the day of receipt up to and including the day of the first reply
  (``calendar.workdays_between(received_on, replied_on)``: a reply on the day of receipt is 0, on the
  next working day 1; weekends and holidays are not counted).

A rate with a zero denominator is ``None`` (shown as "—"), never 0% or 100%.
"""

import datetime as dt
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from gongkai.consultations.sources import Rating
from gongkai.workdays import WorkCalendar

NOT_AVAILABLE = "—"


@dataclass(frozen=True)
class EnquiryRecord:
    """What the figures need of one enquiry (plain data: the Django layer builds these)."""

    received_on: dt.date
    due: dt.date | None = None
    replied_on: dt.date | None = None  # the first reply
    closed_on: dt.date | None = None  # None while open (also after a reopening)
    rating: Rating | str | None = None  # the latest rating, if any
    rated_on: dt.date | None = None
    last_replied_on: dt.date | None = None  # the latest reply (defaults to ``replied_on``)
    source: str = ""  # the source's name, to group by


@dataclass(frozen=True)
class Rate:
    """A ratio with its parts; ``value`` is ``None`` when the denominator is zero."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> Decimal | None:
        """Percentage rounded half up to one decimal: 95.24 → 95.2, 2/3 → 66.7."""
        if not self.denominator:
            return None
        exact = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def text(self) -> str:
        """ "100%", "95.2%", "66.7%"; "—" without a denominator."""
        percent = self.percent
        if percent is None:
            return NOT_AVAILABLE
        shown = percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent
        return f"{shown}%"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Figures:
    first: dt.date
    last: dt.date
    received: int = 0
    replied: int = 0
    closed: int = 0
    closed_on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0
    median_reply_workdays: float | None = None
    source: str = ""

    @property
    def reply_rate(self) -> Rate:
        """反馈率 = replied / received."""
        return Rate(self.replied, self.received)

    @property
    def completion_rate(self) -> Rate:
        """办结率 = closed / received."""
        return Rate(self.closed, self.received)

    @property
    def on_time_rate(self) -> Rate:
        """按期办结率 = closed on time / closed."""
        return Rate(self.closed_on_time, self.closed)

    @property
    def satisfaction_rate(self) -> Rate:
        """满意率 = (满意 + 基本满意) / rated; unrated enquiries are excluded."""
        return Rate(self.satisfied + self.basically_satisfied, self.rated)

    @property
    def median_text(self) -> str:
        """ "2个工作日", "2.5个工作日", "—"."""
        if self.median_reply_workdays is None:
            return NOT_AVAILABLE
        value = self.median_reply_workdays
        shown = str(int(value)) if value == int(value) else f"{value:.1f}"
        return f"{shown}个工作日"

    def rows(self) -> list[tuple[str, str]]:
        """Label/value rows in Chinese, for a table or an export."""
        return [
            ("受理", str(self.received)),
            ("已答复", str(self.replied)),
            ("办结", str(self.closed)),
            ("按期办结", str(self.closed_on_time)),
            ("反馈率", self.reply_rate.text),
            ("办结率", self.completion_rate.text),
            ("按期办结率", self.on_time_rate.text),
            ("已评价", str(self.rated)),
            ("满意", str(self.satisfied)),
            ("基本满意", str(self.basically_satisfied)),
            ("不满意", str(self.dissatisfied)),
            ("满意率", self.satisfaction_rate.text),
            ("答复用时中位数", self.median_text),
        ]


def _known(day: dt.date | None, as_of: dt.date | None) -> dt.date | None:
    if day is None or (as_of is not None and day > as_of):
        return None
    return day


def _rating(value: Rating | str | None) -> Rating | None:
    if value is None or value == "":
        return None
    return Rating(value)


def compute(
    records: Iterable[EnquiryRecord],
    *,
    first: dt.date,
    last: dt.date,
    calendar: WorkCalendar,
    as_of: dt.date | None = None,
    source: str = "",
) -> Figures:
    """The figures of the enquiries received in ``[first, last]`` (see the module docstring)."""
    if last < first:
        raise ValueError(f"统计期间的结束日期（{last.isoformat()}）不能早于开始日期（{first.isoformat()}）。")
    received = replied = closed = on_time = 0
    counts = dict.fromkeys(Rating, 0)
    reply_days: list[int] = []
    for record in records:
        if not first <= record.received_on <= last:
            continue
        received += 1
        replied_on = _known(record.replied_on, as_of)
        if replied_on is not None:
            replied += 1
            reply_days.append(calendar.workdays_between(record.received_on, replied_on, warn=False))
        closed_on = _known(record.closed_on, as_of)
        if closed_on is not None:
            closed += 1
            ended = _known(record.last_replied_on, as_of) or replied_on or closed_on
            if record.due is not None and ended <= record.due:
                on_time += 1
        rating = _rating(record.rating)
        if rating is not None and (record.rated_on is None or _known(record.rated_on, as_of) is not None):
            counts[rating] += 1
    return Figures(
        first=first,
        last=last,
        received=received,
        replied=replied,
        closed=closed,
        closed_on_time=on_time,
        rated=sum(counts.values()),
        satisfied=counts[Rating.SATISFIED],
        basically_satisfied=counts[Rating.BASICALLY_SATISFIED],
        dissatisfied=counts[Rating.DISSATISFIED],
        median_reply_workdays=float(statistics.median(reply_days)) if reply_days else None,
        source=source,
    )


def compute_by_source(
    records: Iterable[EnquiryRecord],
    *,
    first: dt.date,
    last: dt.date,
    calendar: WorkCalendar,
    as_of: dt.date | None = None,
    sources: Iterable[str] = (),
) -> list[Figures]:
    """One ``Figures`` per source name, in the order of ``sources`` (every one listed, also with no
    enquiries) followed by any other source found in the records, alphabetically."""
    grouped: dict[str, list[EnquiryRecord]] = {name: [] for name in sources}
    extra: dict[str, list[EnquiryRecord]] = {}
    for record in records:
        (grouped if record.source in grouped else extra).setdefault(record.source, []).append(record)
    ordered = list(grouped.items()) + sorted(extra.items())
    return [
        compute(rows, first=first, last=last, calendar=calendar, as_of=as_of, source=name) for name, rows in ordered
    ]


class PeriodUnit(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {PeriodUnit.MONTH: "按月", PeriodUnit.QUARTER: "按季度", PeriodUnit.YEAR: "按年"}[self]


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    label: str = field(default="")


def _month_start(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _label(unit: PeriodUnit, start: dt.date) -> str:
    if unit is PeriodUnit.MONTH:
        return f"{start.year}年{start.month}月"
    if unit is PeriodUnit.QUARTER:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年"


def split_periods(first: dt.date, last: dt.date, unit: PeriodUnit | str) -> list[Period]:
    """Calendar months, quarters or years covering ``[first, last]``, the ends clipped to it."""
    unit = PeriodUnit(unit)
    if last < first:
        return []
    step = {PeriodUnit.MONTH: 1, PeriodUnit.QUARTER: 3, PeriodUnit.YEAR: 12}[unit]
    if unit is PeriodUnit.MONTH:
        start = first.replace(day=1)
    elif unit is PeriodUnit.QUARTER:
        start = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    else:
        start = dt.date(first.year, 1, 1)
    periods = []
    while start <= last:
        following = _month_start(start, step)
        end = following - dt.timedelta(days=1)
        periods.append(Period(max(start, first), min(end, last), _label(unit, start)))
        start = following
    return periods


def compute_periods(
    records: Iterable[EnquiryRecord],
    periods: Iterable[Period],
    *,
    calendar: WorkCalendar,
    as_of: dt.date | None = None,
    key: Callable[[EnquiryRecord], bool] | None = None,
) -> list[Figures]:
    """``compute`` for each period (``key`` filters the records, e.g. one source)."""
    rows = [r for r in records if key is None or key(r)]
    return [compute(rows, first=p.first, last=p.last, calendar=calendar, as_of=as_of) for p in periods]
