"""The site-wide budget of wrong receipt phrases per hour, counted in the database.

Why global: the intake identifies no one (no IP address, no user agent), so
there is no "someone" to slow down individually. Why a budget at all when a
phrase has about 90 bits: guessing is hopeless either way, but each attempt
costs the server one slow KDF (scrypt, tens of MiB), and the budget bounds
that cost per hour however many machines send guesses. The price, stated
plainly: while the budget is spent, real sources are turned away too, told to
come back later. The check comes *before* the KDF, so a spent budget tells a
guesser nothing about any phrase.

The counter is a tipline.hourly counter, shared by concurrent workers.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tipline import hourly
from tipline.conversation import SignInLimitError
from tipline.models.ratelimit import PhraseFailureCount


def failures_this_hour(session: Session) -> int:
    """Wrong phrases counted so far in the current hour (a read, no lock)."""
    return hourly.count_this_hour(session, PhraseFailureCount)


def check_budget(session: Session, limit: int) -> None:
    """Refuse (:class:`SignInLimitError`) before any work once the budget is spent."""
    if failures_this_hour(session) >= limit:
        raise SignInLimitError("Too many wrong receipt phrases this hour; try again later.")


def record_failure(session: Session) -> int:
    """Count one wrong phrase in this hour; returns the new count.

    The caller commits even though the sign-in failed: a rolled-back count
    would be no budget at all.
    """
    return hourly.increment(session, PhraseFailureCount)
