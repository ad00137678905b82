"""Declarative base with a naming convention, and small shared column helpers.

The naming convention gives every constraint and index a predictable name, so
Alembic migrations can drop and alter them on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import MetaData, Result
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Table option for rows a source's action creates. SQLite otherwise gives each
# row a rowid that counts up, and stores rows in that order: the order in
# which tips, files, messages and sign-ins arrived. WITHOUT ROWID tables are
# stored by their primary key (a random id) instead. PostgreSQL has no such
# option; DESIGN.md says what its files still show.
NO_ROWID = {"sqlite_with_rowid": False}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: What :func:`new_id` makes (tips, cases, users, tags, blobs...): 32 lowercase hex digits.
ID_PATTERN = "[0-9a-f]{32}"
_ID = re.compile(ID_PATTERN)


def new_id() -> str:
    """A random, unguessable identifier (128 bits, hex)."""
    return secrets.token_hex(16)


def is_id(value: object) -> bool:
    """Whether ``value`` looks like an id from :func:`new_id`.

    Anything else (a mistyped or tampered link, a path, a huge string) never
    reaches a query or the file system.
    """
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def affected_rows(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (its ``rowcount``).

    The one place that reads it: SQLAlchemy types ``Session.execute`` as a
    plain ``Result``, while only the ``CursorResult`` of a DML statement has
    ``rowcount``; both databases' drivers report it for these statements.
    """
    return int(result.rowcount)  # type: ignore[attr-defined]


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (both databases store it the same way)."""
    return datetime.now(UTC).replace(tzinfo=None)


def coarse_now() -> datetime:
    """Now, truncated to the hour: what we record about when a source acted."""
    return utcnow().replace(minute=0, second=0, microsecond=0)


def ceil_hour(at: datetime) -> datetime:
    """``at`` rounded *up* to the hour: a deadline kept no finer than the hour."""
    floor = at.replace(minute=0, second=0, microsecond=0)
    return floor if floor == at else floor + timedelta(hours=1)


def size_bucket(size: int) -> int:
    """Round a byte count up to a power of two (min 1 KiB), hiding exact sizes."""
    bucket = 1024
    while bucket < size:
        bucket *= 2
    return bucket
