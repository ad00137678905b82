"""Sign-in attempts are counted before they are checked, atomically.

A password or TOTP code is a guess. Every guess that is evaluated must be
counted, however many arrive at once, and a guess that cannot be counted must
not be evaluated. So each attempt first *counts itself as failed* in one
conditional statement::

    UPDATE users SET failed_logins = failed_logins + 1,
                     next_attempt_at = <backoff for the new count>
    WHERE <this account> AND NOT disabled
      AND (next_attempt_at IS NULL OR next_attempt_at <= now)
    RETURNING *

and the caller commits that before running the KDF or comparing the code.
The database decides under its row lock (PostgreSQL re-checks the condition
after the previous holder commits; SQLite has one writer at a time), so of
twelve guesses sent at once only those the backoff allows are counted and
checked; the rest match no row and are refused unchecked. An attempt that
turns out right is then refunded (:func:`refund`), or, after a correct TOTP
code, the count is cleared (:func:`clear`).

The statement is the first of its transaction (no read before it), so on
SQLite it waits for the write lock instead of failing on a stale snapshot.

Backoff and lockout (the policy is unchanged): the first ``FREE_FAILURES``
failures cost nothing; each further one makes the next attempt wait
``2 ** (failures - FREE_FAILURES)`` seconds, at most ``MAX_BACKOFF_SECONDS``;
at ``LOGIN_LOCKOUT_ATTEMPTS`` the account locks for ``LOGIN_LOCKOUT_MINUTES``,
and every failure after that locks it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from tipline import audit
from tipline.accounts.settings import AccountSettings
from tipline.models.user import User

log = logging.getLogger(__name__)

# Failures allowed before backoff starts, and the longest backoff delay.
FREE_FAILURES = 2
MAX_BACKOFF_SECONDS = 60


@dataclass(frozen=True)
class Attempt:
    """One counted attempt; ``user`` is None when it was refused unchecked."""

    user: User | None
    failures: int = 0
    # The deadline this attempt set, so a refund can take back only its own.
    wait_until: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.user is not None


def backoff(failures: int) -> timedelta | None:
    """How long the next attempt must wait after ``failures`` (below the lockout)."""
    if failures <= FREE_FAILURES:
        return None
    return timedelta(seconds=min(2 ** min(failures - FREE_FAILURES, 16), MAX_BACKOFF_SECONDS))


def _next_attempt_at(settings: AccountSettings, now: datetime) -> Any:
    """``CASE`` over the new count, with every deadline bound from Python."""
    new = User.failed_logins + 1
    lockout = settings.lockout_attempts
    whens: list[tuple[ColumnElement[bool], datetime]] = [
        (new >= lockout, now + timedelta(minutes=settings.lockout_minutes))
    ]
    failures = FREE_FAILURES + 1
    while (delay := backoff(failures)) is not None and delay.total_seconds() < MAX_BACKOFF_SECONDS:
        whens.append((new == failures, now + delay))
        failures += 1
    whens.append((new > FREE_FAILURES, now + timedelta(seconds=MAX_BACKOFF_SECONDS)))
    return case(*whens, else_=None)


def count(
    session: Session, settings: AccountSettings, account: ColumnElement[bool], now: datetime
) -> Attempt:
    """Count one attempt on the account ``account`` selects, if it may try now.

    The caller commits before checking the guess (see the module docstring).
    """
    statement = (
        update(User)
        .where(
            and_(
                account,
                User.disabled.is_(False),
                or_(User.next_attempt_at.is_(None), User.next_attempt_at <= now),
            )
        )
        .values(
            failed_logins=User.failed_logins + 1, next_attempt_at=_next_attempt_at(settings, now)
        )
        .returning(User)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    user = session.scalars(statement).one_or_none()
    if user is None:
        return Attempt(None)
    return Attempt(user, user.failed_logins, user.next_attempt_at)


def count_for_user(
    session: Session, settings: AccountSettings, user: User, now: datetime
) -> Attempt:
    return count(session, settings, User.id == user.id, now)


def refund(session: Session, attempt: Attempt) -> None:
    """The guess was right: take back this attempt's count and its own backoff."""
    if attempt.user is None:
        return
    restore = case((User.next_attempt_at == attempt.wait_until, None), else_=User.next_attempt_at)
    session.execute(
        update(User)
        .where(User.id == attempt.user.id, User.failed_logins > 0)
        .values(failed_logins=User.failed_logins - 1, next_attempt_at=restore)
        .execution_options(synchronize_session=False)
    )
    session.refresh(attempt.user, ["failed_logins", "next_attempt_at"])


def failed(session: Session, settings: AccountSettings, attempt: Attempt) -> None:
    """The guess was wrong (it is already counted): audit it, and a lockout."""
    user = attempt.user
    if user is None:
        return
    audit.record(
        session, actor=None, action="auth.login_failed", object_type="user", object_id=user.id
    )
    if attempt.failures >= settings.lockout_attempts:
        audit.record(
            session, actor=None, action="auth.locked", object_type="user", object_id=user.id
        )
        log.warning("account locked after %d failed attempts", attempt.failures)


def clear(session: Session, user: User) -> None:
    """A complete sign-in (correct TOTP code): no failures, no waiting."""
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=0, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(user, "failed_logins", 0)
    set_committed_value(user, "next_attempt_at", None)
