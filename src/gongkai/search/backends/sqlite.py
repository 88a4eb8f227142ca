"""SQLite FTS5 backend (the embedded default).

One contentless FTS5 table ``search_fts`` (migration ``search/0002``): its rowid is the document's sort
key, its columns hold the pre-tokenized text of ``search.tokens`` (``ascii`` tokenizer: spaces separate
tokens, every non-ASCII character belongs to a token, so our tokens are stored as they are), with a
one-character prefix index for one-character queries. A segment is an FTS5 phrase; the tiers are
column filters and NOT; results come in descending rowid order, which FTS5 walks without sorting.
Contentless rows are deleted by giving their indexed values back, which ``SearchDocument`` keeps.
"""

from collections.abc import Sequence
from typing import Any

from gongkai.search.backends.base import Hit, IndexRow, page_by_tiers
from gongkai.search.plan import After, Spec, Tier
from gongkai.search.plan import all_of as _all_of
from gongkai.search.tokens import Query, Segment, document_field

TABLE = "search_fts"
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, number, body, facets, content='', columnsize=0, prefix='1', tokenize='ascii')"
)
_COLUMNS = {"title": "{title number}", "all": "{title number body}"}


def _phrase(segment: Segment) -> str:
    tokens = segment.tokens()
    text = '"' + " ".join(token.text for token in tokens) + '"'
    return text + "*" if tokens[-1].prefix else text


def _group(group: tuple[Segment, ...]) -> str:
    return _phrase(group[0]) if len(group) == 1 else "(" + " OR ".join(_phrase(s) for s in group) + ")"


def _spec(spec: Spec) -> str:
    return f"{_COLUMNS[spec.columns]} : ({' AND '.join(_group(g) for g in spec.groups)})"


def expression(spec: Spec, exclude: Sequence[Spec] = (), facets: Sequence[str] = ()) -> str:
    """The FTS5 MATCH expression: documents of ``spec`` with ``facets``, none of ``exclude``."""
    expr = f"({_spec(spec)})" + "".join(f" NOT ({_spec(other)})" for other in exclude)
    if facets:
        expr = "{facets} : (" + " AND ".join(f'"{f}"' for f in facets) + f") AND ({expr})"
    return expr


def _values(row: IndexRow) -> tuple[int, str, str, str, str]:
    return (row.sort_key, document_field(row.title), document_field(row.number), document_field(row.body), row.facets)


class SQLiteBackend:
    name = "sqlite-fts5"

    def add(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE}(rowid, title, number, body, facets) VALUES (%s, %s, %s, %s, %s)",
            # In rowid order: FTS5 flushes its in-memory segment whenever a rowid is not above the last one.
            [_values(row) for row in sorted(rows, key=lambda row: row.sort_key)],
        )

    def remove(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE}({TABLE}, rowid, title, number, body, facets) VALUES ('delete', %s, %s, %s, %s, %s)",
            [_values(row) for row in rows],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")

    def page(self, cursor: Any, query: Query, facets: Sequence[str], after: After | None, limit: int) -> list[Hit]:
        def keys(tier: Tier, before: int | None, n: int) -> list[int]:
            sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
            params: list[Any] = [expression(tier.match, tier.exclude, facets)]
            if before is not None:
                sql += " AND rowid < %s"
                params.append(before)
            cursor.execute(sql + " ORDER BY rowid DESC LIMIT %s", [*params, n])
            return [key for (key,) in cursor.fetchall()]

        return page_by_tiers(query, after, limit, keys)

    def count(self, cursor: Any, query: Query, facets: Sequence[str], cap: int) -> int:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s)",
            [expression(_all_of(query), (), facets), cap],
        )
        return int(cursor.fetchone()[0])

    def size_bytes(self, cursor: Any) -> int:
        cursor.execute(f"SELECT coalesce(sum(length(block)), 0) FROM {TABLE}_data")
        return int(cursor.fetchone()[0])
