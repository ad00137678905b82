"""Site-wide counters per coarse hour, kept in the database.

tipline identifies no one, so its abuse limits are global budgets: tips
accepted per hour (tipline.tips.limits) and wrong receipt phrases per hour
(tipline.conversation.attempts). Both count in a table with one row per hour,
so the budget holds across worker processes and hosts. The increment is one
atomic ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` (SQLite 3.35+ and
PostgreSQL alike): concurrent workers cannot both slip under a limit. On
PostgreSQL the row stays locked until the transaction ends.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tipline.models.base import coarse_now
from tipline.models.ratelimit import PhraseFailureCount, SubmissionCount

HourlyCount = type[SubmissionCount] | type[PhraseFailureCount]

# Older rows are of no use to any budget; drop them as we go.
KEEP_HOURS = 48


def count_this_hour(session: Session, model: HourlyCount) -> int:
    """The count so far in the current hour (a read, no lock)."""
    count = session.scalar(select(model.count).where(model.hour == coarse_now()))
    return int(count or 0)


def increment(session: Session, model: HourlyCount) -> int:
    """Add one to the current hour's count and return the new count."""
    hour = coarse_now()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(model)
        .values(hour=hour, count=1)
        .on_conflict_do_update(index_elements=[model.hour], set_={"count": model.count + 1})
        .returning(model.count)
    )
    count = int(session.execute(statement).scalar_one())
    session.execute(delete(model).where(model.hour < hour - timedelta(hours=KEEP_HOURS)))
    return count
