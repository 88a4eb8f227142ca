"""Database upkeep the daily jobs include.

SQLite keeps no statistics of its own: without them its planner drives year-long aggregate reads (the
annual reports of a region) from the agency list through every record ever kept, which grows with each
year of history. ``ANALYZE`` with a row limit per index takes seconds even at millions of rows.
PostgreSQL's autovacuum keeps its statistics itself.
"""

import datetime as dt

from django.db import connection

ANALYSIS_LIMIT = 1000  # rows sampled per index: approximate statistics, fast at any size


def database_statistics_update(*, today: dt.date) -> int:  # noqa: ARG001 (the daily jobs' signature)
    """Refresh SQLite's query-planner statistics; returns 1 when refreshed, 0 on other databases."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return 1
