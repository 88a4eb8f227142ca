"""Official holiday data from the ``chinese-calendar`` package, with Chinese holiday names.

The package holds the State Council's yearly arrangements (国务院办公厅关于部分节假日安排的通知):
the days off (including weekend days inside a holiday break) and the 调休 make-up working days on
weekends. For a year it does not know (2027 in release 1.11) it raises; the calendar then falls back
to Monday–Friday rules with a warning instead.
"""

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from chinese_calendar import constants

CHINESE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
    }
)


def _chinese(name: str) -> str:
    return CHINESE_NAMES.get(name, name)


def official_holidays() -> dict[dt.date, str]:
    """Days off under the official arrangements, by Chinese holiday name."""
    return {day: _chinese(name) for day, name in constants.holidays.items()}


def official_makeup_workdays() -> dict[dt.date, str]:
    """Weekend days that are working days (调休上班), named after the holiday they make up for."""
    return {day: f"{_chinese(name)}调休上班" for day, name in constants.workdays.items()}


def official_years() -> frozenset[int]:
    """Years whose arrangement the package holds (every year from its first to its last)."""
    years = {day.year for day in constants.holidays}
    return frozenset(range(min(years), max(years) + 1))
