"""What every search backend does, on a DB-API cursor of Django's connection (``%s`` parameters).

A backend indexes rows (``IndexRow``: the document's sort key, texts and facet tokens) and answers a
query tier by tier, newest first, with a keyset cursor, so page 1 000 costs what page 1 costs.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from gongkai.search.plan import After, Tier, tiers
from gongkai.search.tokens import Query


@dataclass(frozen=True)
class IndexRow:
    sort_key: int
    title: str
    number: str
    body: str
    facets: str  # space-separated facet tokens (plan.facet)


@dataclass(frozen=True)
class Hit:
    rank: int  # the tier (plan.tiers)
    sort_key: int


class Backend(Protocol):
    name: str

    def add(self, cursor: Any, rows: Sequence[IndexRow]) -> None: ...

    def remove(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        """Forget ``rows``, given exactly as they were added."""

    def clear(self, cursor: Any) -> None: ...

    def page(self, cursor: Any, query: Query, facets: Sequence[str], after: After | None, limit: int) -> list[Hit]: ...

    def count(self, cursor: Any, query: Query, facets: Sequence[str], cap: int) -> int:
        """How many documents match, counting no further than ``cap``."""

    def size_bytes(self, cursor: Any) -> int:
        """The index's size on disk (for the benchmark and the rebuild command)."""


def page_by_tiers(
    query: Query, after: After | None, limit: int, keys: Callable[[Tier, int | None, int], list[int]]
) -> list[Hit]:
    """Up to ``limit`` hits after ``after``: each tier newest first, the next tier when one runs out.
    ``keys(tier, before, n)`` gives the tier's first ``n`` sort keys below ``before`` (``None``: from the top)."""
    hits: list[Hit] = []
    for tier in tiers(query):
        if after is not None and tier.rank < after.rank:
            continue
        before = after.sort_key if after is not None and tier.rank == after.rank else None
        hits.extend(Hit(tier.rank, key) for key in keys(tier, before, limit - len(hits)))
        if len(hits) >= limit:
            break
    return hits
