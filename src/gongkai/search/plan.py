"""PURE: ranking tiers and filters of a search, independent of the backend.

Tiers, best first; within a tier newer before older (the index's sort key: publication day, then
indexing order). For a query of segments s1 … sn, with P = the whole query as one phrase (the
segments written together, or one after the other with punctuation or a space between them):

1. the title (or document number) contains P;
2. the title contains every segment, not as one phrase (only when n > 1);
3. the text contains P (title, number, body, attachments), not already in 1–2;
4. the text contains every segment, scattered (only when n > 1), not already in 1–3.

Their union is exactly "contains every segment", so ranking never loses a match. Filters are facet
tokens (``facets``) every result must carry. No Django import; ``mypy --strict``.
"""

import re
from dataclasses import dataclass
from typing import Literal

from gongkai.search.tokens import Query, Segment

Columns = Literal["title", "all"]
LAST_RANK = 4
MAX_KEY_DIGITS = 19  # sort keys are 64-bit signed integers


@dataclass(frozen=True)
class Spec:
    """Documents whose ``columns`` contain, for every group of ``groups``, one of its segments."""

    columns: Columns
    groups: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class Tier:
    rank: int
    match: Spec
    exclude: tuple[Spec, ...] = ()


def _each(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], ...]:
    return tuple((segment,) for segment in segments)


def _phrase(query: Query) -> tuple[tuple[Segment, ...], ...]:
    """The whole query as one phrase: its segments written together (招生收费) or with punctuation or a
    space between them (招生 收费, 〔2025〕3号)."""
    if len(query.segments) == 1:
        return _each(query.segments)
    runs = list(query.segments[0].runs)
    for segment in query.segments[1:]:
        runs[-1] += segment.runs[0]
        runs.extend(segment.runs[1:])
    return ((Segment(tuple(runs)), query.phrase),)


def tiers(query: Query) -> tuple[Tier, ...]:
    phrase = _phrase(query)
    if len(query.segments) == 1:
        title, text = Spec("title", phrase), Spec("all", phrase)
        return (Tier(1, title), Tier(3, text, (title,)))
    title_phrase, title_all = Spec("title", phrase), Spec("title", _each(query.segments))
    text_phrase, text_all = Spec("all", phrase), Spec("all", _each(query.segments))
    return (
        Tier(1, title_phrase),
        Tier(2, title_all, (title_phrase,)),
        Tier(3, text_phrase, (title_all,)),
        Tier(4, text_all, (title_all, text_phrase)),
    )


def all_of(query: Query) -> Spec:
    """Every match, whatever its tier (for counting)."""
    return Spec("all", _each(query.segments))


# Facet tokens: what filters select on. Letters and digits only, so every backend stores them as one
# token; the letter says which facet.
_FACET_SAFE = re.compile(r"[^0-9a-z]")


def facet(kind: str, value: object) -> str:
    return kind + _FACET_SAFE.sub("", str(value).lower())


def agency_facets(path: str) -> list[str]:
    """``/1/4/9/`` → the agency and every agency above it, so a filter on 4 selects its subtree."""
    return [facet("a", part) for part in path.strip("/").split("/") if part]


@dataclass(frozen=True)
class Filters:
    agency: int | None = None  # and its subtree
    catalog_node: int | None = None  # and the nodes below it
    topic: int | None = None
    genre: str = ""
    year: int | None = None  # of publication
    validity: str = ""
    kind: str = ""  # item / report / answer

    def facets(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.agency is not None:
            out.append(facet("a", self.agency))
        if self.catalog_node is not None:
            out.append(facet("c", self.catalog_node))
        if self.topic is not None:
            out.append(facet("t", self.topic))
        if self.genre:
            out.append(facet("g", self.genre))
        if self.year is not None:
            out.append(facet("y", self.year))
        if self.validity:
            out.append(facet("v", self.validity))
        if self.kind:
            out.append(facet("k", self.kind))
        return tuple(out)


@dataclass(frozen=True)
class After:
    """Keyset cursor: the last hit shown (its tier and sort key); the next page starts after it."""

    rank: int
    sort_key: int

    def encode(self) -> str:
        return f"{self.rank}-{self.sort_key}"

    @classmethod
    def decode(cls, text: str) -> "After | None":
        rank, _, key = text.partition("-")
        if not (rank.isascii() and rank.isdigit() and key.isascii() and key.isdigit()) or len(key) > MAX_KEY_DIGITS:
            return None
        if not 1 <= int(rank) <= LAST_RANK or int(key) >= 2**63:
            return None
        return cls(int(rank), int(key))


def sort_key(day_ordinal: int, serial: int) -> int:
    """Newer first = larger first: the publication day, then the document's serial (< 2**32)."""
    return (day_ordinal << 32) | (serial & 0xFFFFFFFF)
