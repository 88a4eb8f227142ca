"""Administrator-entered corrections to the official data (the Django app stores them)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DayOverride:
    """One date declared a working day or a day off, e.g. from a new year's State Council notice."""

    day: dt.date
    is_workday: bool
    name: str
    source: str = ""
