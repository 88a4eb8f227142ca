"""The result of a period computation and its explanation in words staff can check."""

import datetime as dt
from dataclasses import dataclass

_WEEKDAYS = "一二三四五六日"


def weekday_name(day: dt.date) -> str:
    return f"周{_WEEKDAYS[day.weekday()]}"


def chinese_date(day: dt.date, *, with_year: bool = True) -> str:
    text = f"{day.month}月{day.day}日"
    return f"{day.year}年{text}" if with_year else text


@dataclass(frozen=True)
class SkippedRun:
    """Consecutive non-working days of one holiday (or one weekend) that were not counted."""

    name: str
    first: dt.date
    last: dt.date
    days: int


@dataclass(frozen=True)
class WorkdayComputation:
    """``result`` is the ``n``-th working day after ``start`` (before it when ``n`` < 0)."""

    start: dt.date
    n: int
    result: dt.date
    warnings: tuple[str, ...]
    skipped: tuple[tuple[dt.date, str], ...]
    makeup_days: tuple[tuple[dt.date, str], ...]

    def skipped_runs(self) -> list[SkippedRun]:
        runs: list[SkippedRun] = []
        for day, name in self.skipped:
            last = runs[-1] if runs else None
            if last is not None and last.name == name and (day - last.last).days == 1:
                runs[-1] = SkippedRun(name, last.first, day, last.days + 1)
            else:
                runs.append(SkippedRun(name, day, day, 1))
        return runs

    @property
    def text(self) -> str:
        """The summary followed by any unconfirmed-year warning."""
        return self.summary + ("注意：" + "".join(self.warnings) if self.warnings else "")

    @property
    def summary(self) -> str:
        """One sentence staff can check, e.g.

        自2026年9月30日起（当日不计）向后计算1个工作日：跳过国庆节假期10月1日至10月7日，截止2026年10月8日（周四）。
        """
        direction = "向后" if self.n >= 0 else "向前"
        parts = [f"自{chinese_date(self.start)}起（当日不计）{direction}计算{abs(self.n)}个工作日"]
        details: list[str] = []
        holidays = [run for run in self.skipped_runs() if run.name != "周末"]
        weekend_days = sum(run.days for run in self.skipped_runs() if run.name == "周末")
        if holidays:
            details.append(
                "跳过"
                + "、".join(
                    f"{run.name}假期{chinese_date(run.first, with_year=False)}"
                    + (f"至{chinese_date(run.last, with_year=False)}" if run.last != run.first else "")
                    for run in holidays
                )
            )
        if weekend_days:
            details.append(f"不计周末{weekend_days}天")
        if self.makeup_days:
            details.append(
                "计入调休上班日"
                + "、".join(
                    f"{chinese_date(day, with_year=False)}（{weekday_name(day)}）" for day, _ in self.makeup_days
                )
            )
        sentence = parts[0] + ("：" + "，".join(details) if details else "")
        sentence += f"，{'截止' if self.n >= 0 else '为'}{chinese_date(self.result)}（{weekday_name(self.result)}）。"
        return sentence
