"""The global hourly submission limit, counted in the database.

Services only: they take a ``Session`` and never commit. The count is a
tipline.hourly counter, so concurrent workers cannot both slip under the
limit. On PostgreSQL the counter row stays locked until the submitting
transaction ends, which is why the intake counts as the *last* step before it
flushes the tip, after the slow key derivation and sealing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tipline import hourly
from tipline.models.ratelimit import SubmissionCount


class RateLimitError(Exception):
    """The intake has accepted its hourly quota of tips; try again later."""


def submissions_this_hour(session: Session) -> int:
    """How many tips were counted in the current hour (a read, no lock)."""
    return hourly.count_this_hour(session, SubmissionCount)


def check_quota(session: Session, limit: int) -> None:
    """Fail fast, before any expensive work, when the quota is already used up."""
    if submissions_this_hour(session) >= limit:
        raise RateLimitError()


def record_submission(session: Session, limit: int) -> int:
    """Count one submission in this hour; :class:`RateLimitError` past ``limit``.

    Returns the new count. The caller's transaction rollback undoes the
    increment when the submission fails for any other reason.
    """
    count = hourly.increment(session, SubmissionCount)
    if count > limit:
        raise RateLimitError()
    return count
