"""Site-wide counters per coarse hour, kept in the database.

Used for one thing now: the bytes of attachments stored per hour
(tipline.tips.attachment_budget). The increment is one atomic
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` (SQLite 3.35+ and
PostgreSQL alike), so concurrent workers add up correctly. On PostgreSQL
the row stays locked until the transaction ends, so only tips that carry
files wait on each other there, and only for their commit.

There used to be budgets of submissions and of wrong receipt phrases per
hour here; they are gone on purpose (issue 10): anyone could spend them and
turn every real source away for the rest of the hour.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline.dialects import insert_for
from tipline.models.base import coarse_now
from tipline.models.hourly_count import AttachmentBytes

HourlyCount = type[AttachmentBytes]

# Older rows are of no use to any budget; drop them as we go.
KEEP_HOURS = 48


def count_this_hour(session: Session, model: HourlyCount) -> int:
    """The count so far in the current hour (a read, no lock)."""
    count = session.scalar(select(model.count).where(model.hour == coarse_now()))
    return int(count or 0)


def increment(session: Session, model: HourlyCount, amount: int = 1) -> int:
    """Add ``amount`` to the current hour's count and return the new count."""
    hour = coarse_now()
    statement = (
        insert_for(session, model)
        .values(hour=hour, count=amount)
        .on_conflict_do_update(index_elements=[model.hour], set_={"count": model.count + amount})
        .returning(model.count)
    )
    count = int(session.execute(statement).scalar_one())
    session.execute(delete(model).where(model.hour < hour - timedelta(hours=KEEP_HOURS)))
    return count
