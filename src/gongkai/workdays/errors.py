"""Conditions the calendar reports: a date outside its span, a year without official data."""

import datetime as dt


class CalendarRangeError(ValueError):
    """A date outside the span the calendar indexes."""

    def __init__(self, day: dt.date, first: dt.date, last: dt.date) -> None:
        super().__init__(f"日期 {day.isoformat()} 超出工作日日历支持范围（{first.isoformat()} 至 {last.isoformat()}）")
        self.day = day


class UnconfirmedYearWarning(UserWarning):
    """A computation touched a year whose official holiday arrangement is not known.

    The result was computed on Monday–Friday rules; it must be re-checked once the State Council's
    arrangement for that year has been entered.
    """


def unconfirmed_years_message(years: list[int]) -> str:
    named = "、".join(f"{year}年" for year in years)
    return (
        f"{named}的法定节假日安排尚未确认（官方日历数据不含该年度），本次按周一至周五推算；"
        "请在工作日历中录入该年度安排后复核。"
    )
