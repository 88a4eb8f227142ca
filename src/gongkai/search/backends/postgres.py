"""PostgreSQL backend: ``tsvector`` lexemes with a GIN index, verified by substring.

Migration ``search/0002`` adds to ``search_searchdocument``: ``terms`` (tsvector of every bigram and
every single character of the document's runs, the same of its title and document number written
``^招生`` so that title tiers are found by the index too, plus facet tokens written ``@a4``; built with
``array_to_tsvector``, so no text search parser touches our tokens and no positions limit long texts),
``match_title`` (title and document number, a line apart) and ``match_body`` (``search.tokens.match_text``:
the runs joined by single spaces).
The GIN index finds the documents holding every lexeme of the query; ``strpos`` on the match texts
keeps those containing each segment and sorts them into tiers, newest first by ``sort_key``.
"""

from collections.abc import Sequence
from typing import Any

from gongkai.search.backends.base import Hit, IndexRow, page_by_tiers
from gongkai.search.plan import After, Spec, Tier
from gongkai.search.plan import all_of as _all_of
from gongkai.search.tokens import Query, Segment, distinct_terms, match_text

TABLE = "search_searchdocument"


def _lexemes(segment: Segment) -> set[str]:
    out: set[str] = set()
    for run in segment.runs:
        out.update(run[i : i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    return out


TITLE = "^"  # marks the lexemes of the title and document number
FACET = "@"


def terms(row: IndexRow) -> list[str]:
    """The document's lexemes: its text's, its title's (marked) and its facets (marked)."""
    title = distinct_terms((row.title, row.number))
    return sorted(
        distinct_terms((row.body,)) | title | {TITLE + t for t in title} | {FACET + f for f in row.facets.split()}
    )


def _and(lexemes: set[str], mark: str) -> str:
    return " & ".join(f"'{mark}{lexeme}'" for lexeme in sorted(lexemes))


def tsquery(spec: Spec, facets: Sequence[str]) -> str:
    """Lexemes every match holds: of each group, those of its one segment, or any of its segments'
    (in the title when the spec is about the title)."""
    mark = TITLE if spec.columns == "title" else ""
    parts = []
    for group in spec.groups:
        alternatives = [_and(_lexemes(segment), mark) for segment in group]
        parts.append(alternatives[0] if len(group) == 1 else "(" + " | ".join(f"({a})" for a in alternatives) + ")")
    return " & ".join(parts + [f"'{FACET}{f}'" for f in facets])


def _verify(spec: Spec) -> tuple[str, list[str]]:
    parts, params = [], []
    for group in spec.groups:
        alternatives = []
        for segment in group:
            if spec.columns == "title":
                alternatives.append("strpos(match_title, %s) > 0")
                params.append(segment.text)
            else:
                alternatives.append("strpos(match_title, %s) > 0 OR strpos(match_body, %s) > 0")
                params.extend([segment.text, segment.text])
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts), params


def _where(spec: Spec, exclude: Sequence[Spec], facets: Sequence[str]) -> tuple[str, list[Any]]:
    sql, params = _verify(spec)
    where, args = [f"terms @@ %s::tsquery AND {sql}"], [tsquery(spec, facets), *params]
    for other in exclude:
        sql, params = _verify(other)
        where.append(f"NOT ({sql})")
        args.extend(params)
    return " AND ".join(where), args


class PostgresBackend:
    name = "postgresql-tsvector"

    def add(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            f"UPDATE {TABLE} SET terms = array_to_tsvector(%s::text[]), match_title = %s, match_body = %s "
            "WHERE sort_key = %s",
            [
                (
                    terms(row),
                    match_text(row.title) + "\n" + match_text(row.number),  # no phrase spans the two
                    match_text(row.body),
                    row.sort_key,
                )
                for row in rows
            ],
        )

    def remove(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            f"UPDATE {TABLE} SET terms = NULL, match_title = NULL, match_body = NULL WHERE sort_key = %s",
            [(row.sort_key,) for row in rows],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"UPDATE {TABLE} SET terms = NULL, match_title = NULL, match_body = NULL")

    def page(self, cursor: Any, query: Query, facets: Sequence[str], after: After | None, limit: int) -> list[Hit]:
        def keys(tier: Tier, before: int | None, n: int) -> list[int]:
            where, params = _where(tier.match, tier.exclude, facets)
            if before is not None:
                where += " AND sort_key < %s"
                params.append(before)
            cursor.execute(f"SELECT sort_key FROM {TABLE} WHERE {where} ORDER BY sort_key DESC LIMIT %s", [*params, n])
            return [key for (key,) in cursor.fetchall()]

        return page_by_tiers(query, after, limit, keys)

    def count(self, cursor: Any, query: Query, facets: Sequence[str], cap: int) -> int:
        where, params = _where(_all_of(query), (), facets)
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {where} LIMIT %s) AS m", [*params, cap])
        return int(cursor.fetchone()[0])

    def size_bytes(self, cursor: Any) -> int:
        cursor.execute(
            "SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index "
            "WHERE indrelid = %s::regclass AND indexrelid::regclass::text = 'search_terms_gin'",
            [TABLE],
        )
        index = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT coalesce(sum(pg_column_size(terms) + pg_column_size(match_title) + pg_column_size(match_body)), 0)"
            f" FROM {TABLE}"
        )
        return index + int(cursor.fetchone()[0])
