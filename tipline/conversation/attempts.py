"""The site-wide budget of wrong receipt phrases per hour, counted in the database.

Why global: the intake identifies no one (no IP address, no user agent), so
there is no "someone" to slow down individually. Why a budget at all when a
phrase has about 90 bits: guessing is hopeless either way, but each attempt
costs the server one slow KDF (scrypt, tens of MiB), and the budget bounds
that cost per hour however many machines send guesses. The price, stated
plainly: while the budget is spent, real sources are turned away too, told to
come back later. The check comes *before* the KDF, so a spent budget tells a
guesser nothing about any phrase.

The counter is one ``INSERT ... ON CONFLICT DO UPDATE`` per wrong phrase (as
tipline.intake.limits does for submissions), so concurrent workers share it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tipline.conversation import SignInLimitError
from tipline.models.base import coarse_now
from tipline.models.source_session import PhraseFailureCount

# Older rows are of no use to the budget; drop them as we go.
KEEP_HOURS = 48


def failures_this_hour(session: Session) -> int:
    """Wrong phrases counted so far in the current hour (a read, no lock)."""
    count = session.scalar(
        select(PhraseFailureCount.count).where(PhraseFailureCount.hour == coarse_now())
    )
    return int(count or 0)


def check_budget(session: Session, limit: int) -> None:
    """Refuse (:class:`SignInLimitError`) before any work once the budget is spent."""
    if failures_this_hour(session) >= limit:
        raise SignInLimitError("Too many wrong receipt phrases this hour; try again later.")


def record_failure(session: Session) -> int:
    """Count one wrong phrase in this hour; returns the new count.

    The caller commits even though the sign-in failed: a rolled-back count
    would be no budget at all.
    """
    hour = coarse_now()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(PhraseFailureCount)
        .values(hour=hour, count=1)
        .on_conflict_do_update(
            index_elements=[PhraseFailureCount.hour],
            set_={"count": PhraseFailureCount.count + 1},
        )
        .returning(PhraseFailureCount.count)
    )
    count = int(session.execute(statement).scalar_one())
    session.execute(
        delete(PhraseFailureCount).where(
            PhraseFailureCount.hour < hour - timedelta(hours=KEEP_HOURS)
        )
    )
    return count
