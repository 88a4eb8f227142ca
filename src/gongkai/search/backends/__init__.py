"""Search backends: SQLite FTS5 (default) and PostgreSQL; ``backend_for`` picks by the database in use."""

from gongkai.search.backends.base import Backend, Hit, IndexRow
from gongkai.search.backends.postgres import PostgresBackend
from gongkai.search.backends.sqlite import SQLiteBackend

__all__ = ["Backend", "Hit", "IndexRow", "backend_for"]


def backend_for(vendor: str) -> Backend:
    """The backend for Django's ``connection.vendor``."""
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SQLiteBackend()
    raise ValueError(f"no search backend for the {vendor} database")
