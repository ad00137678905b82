"""The global hourly submission limit, counted in the database.

Services only: they take a ``Session`` and never commit. The increment is one
atomic ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` (SQLite 3.35+ and
PostgreSQL alike), so concurrent workers cannot both slip under the limit.
On PostgreSQL the counter row stays locked until the submitting transaction
ends, which is why the intake counts as the *last* step before it flushes the
tip, after the slow key derivation and sealing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tipline.models.base import coarse_now
from tipline.models.ratelimit import SubmissionCount

# Rows older than this are of no use to the limit; drop them as we go.
KEEP_HOURS = 48


class RateLimitError(Exception):
    """The intake has accepted its hourly quota of tips; try again later."""


def submissions_this_hour(session: Session) -> int:
    """How many tips were counted in the current hour (a read, no lock)."""
    count = session.scalar(
        select(SubmissionCount.count).where(SubmissionCount.hour == coarse_now())
    )
    return int(count or 0)


def check_quota(session: Session, limit: int) -> None:
    """Fail fast, before any expensive work, when the quota is already used up."""
    if submissions_this_hour(session) >= limit:
        raise RateLimitError()


def record_submission(session: Session, limit: int) -> int:
    """Count one submission in this hour; :class:`RateLimitError` past ``limit``.

    Returns the new count. The caller's transaction rollback undoes the
    increment when the submission fails for any other reason.
    """
    hour = coarse_now()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(SubmissionCount)
        .values(hour=hour, count=1)
        .on_conflict_do_update(
            index_elements=[SubmissionCount.hour],
            set_={"count": SubmissionCount.count + 1},
        )
        .returning(SubmissionCount.count)
    )
    count = int(session.execute(statement).scalar_one())
    session.execute(
        delete(SubmissionCount).where(SubmissionCount.hour < hour - timedelta(hours=KEEP_HOURS))
    )
    if count > limit:
        raise RateLimitError()
    return count
