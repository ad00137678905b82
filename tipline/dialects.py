"""The SQL that differs between SQLite and PostgreSQL, written once.

Both databases have ``INSERT ... ON CONFLICT`` (SQLite 3.24+, PostgreSQL
9.5+), but SQLAlchemy builds it only through each dialect's own ``insert``.
Services that must stay correct when two transactions write the same row at
once (a tag added twice, an hourly counter bumped by several workers) use
these helpers instead of checking first and inserting second, which leaves
a window in which the other transaction's row appears.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session, target: Any) -> Any:
    """The dialect's ``insert(target)``, which offers ``on_conflict_do_*``."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(target)
    return sqlite.insert(target)


def insert_new_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table``, skipping any whose key already exists.

    The database decides under its own lock, so a row another transaction
    inserted a moment ago is no error: PostgreSQL waits for that transaction
    and then skips the row; SQLite has only one writer at a time.
    """
    if rows:
        session.execute(insert_for(session, table).on_conflict_do_nothing(), list(rows))
