"""A region's reports checked in one go: which of the region's agencies a checked report belongs to, which
agencies have no report among the files, and which reports are of another year or of no agency of the
region.

Names are matched as printed: the same name once spaces and brackets' width are ignored, else the one
agency whose name the report's agency contains or is contained in (``教育局`` in ``某某市教育局``); two
agencies that fit equally well leave the report unmatched rather than guessed.

Pure Python: no Django import.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.reports.document import ReportDoc


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


@dataclass
class RegionRow:
    """One agency of the region and the checked reports that are its."""

    name: str
    reports: list[int] = field(default_factory=list)  # indexes into the checked reports


@dataclass
class RegionMatch:
    rows: list[RegionRow]
    other_year: list[int]  # reports of a region agency, but of another year
    unmatched: list[int]  # reports of no agency of the region (or of an unrecognised one)

    @property
    def missing(self) -> list[str]:
        return [row.name for row in self.rows if not row.reports]


def _agency_of(name: str | None, keys: list[str]) -> int | None:
    if not name:
        return None
    key = _key(name)
    if key in keys:
        return keys.index(key)
    fits = [i for i, k in enumerate(keys) if k and (k in key or key in k)]
    if len(fits) == 1:
        return fits[0]
    # the longest agency name inside the report's one (一个区的"教育局" and "教育局机关服务中心")
    inside = sorted((i for i in fits if keys[i] in key), key=lambda i: len(keys[i]), reverse=True)
    if len(inside) > 1 and len(keys[inside[0]]) > len(keys[inside[1]]):
        return inside[0]
    return None


def match_region(agencies: Sequence[str], docs: Sequence[ReportDoc], year: int | None) -> RegionMatch:
    """The region's agencies (names, in the order given) with the indexes of ``docs`` that are theirs for
    ``year`` (any year when ``None``)."""
    keys = [_key(name) for name in agencies]
    rows = [RegionRow(name) for name in agencies]
    other_year: list[int] = []
    unmatched: list[int] = []
    for index, doc in enumerate(docs):
        found = _agency_of(doc.get("agency"), keys)
        if found is None:
            unmatched.append(index)
        elif year is not None and doc.get("year") != year:
            other_year.append(index)
        else:
            rows[found].reports.append(index)
    return RegionMatch(rows, other_year, unmatched)
