"""Server-side review sessions that carry the organization identity sealed.

At sign-in the unwrapped identity is re-sealed to a fresh random per-session
key. The cookie holds the session id and that key; the row holds only the
id's SHA-256 and the ciphertext. Any worker process (or host) that receives
the cookie can open the identity for the length of one request; none keeps it.
Rows are deleted at logout, on expiry (idle or absolute), when the account is
disabled or reset, and opportunistically by :func:`purge_expired`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from tipline import audit
from tipline.accounts import custody
from tipline.accounts.errors import KeyUnavailableError, NotUnlockedError, SessionInvalidError
from tipline.accounts.settings import AccountSettings
from tipline.cookie_tokens import CookieNames, CookieToken
from tipline.crypto import Identity
from tipline.models.base import affected_rows, utcnow
from tipline.models.review_session import SESSION_STAGES, ReviewSession
from tipline.models.user import User

# A half-finished sign-in (waiting for a code or a new password) lasts this long.
PENDING_MINUTES = 10
# last_seen_at is written at most this often, to spare the database a write per request.
TOUCH_SECONDS = 60
# The review app keeps its token under these names in its signed session cookie.
COOKIE = CookieNames("sid", "skey")
# Wrong codes allowed in one half-finished sign-in before it is thrown away.
MAX_CODE_FAILURES = 5


def create(
    session: Session,
    settings: AccountSettings,
    user: User,
    identity: Identity | None,
    stage: str,
    now: datetime | None = None,
) -> CookieToken:
    """Start a session at ``stage``, sealing ``identity`` (if any) to a fresh key."""
    if stage not in SESSION_STAGES:
        raise ValueError(f"unknown session stage {stage!r}")
    now = now or utcnow()
    purge_expired(session, settings, now)
    token = CookieToken.new()
    sealed = None
    if identity is not None and user.holds_key:
        sealed = custody.seal_identity(identity, custody.session_key(token.key))
    session.add(
        ReviewSession(
            id_hash=token.id_hash,
            user_id=user.id,
            stage=stage,
            created_at=now,
            last_seen_at=now,
            sealed_identity=sealed,
            totp_failures=0,
        )
    )
    return token


def load(
    session: Session, settings: AccountSettings, token: CookieToken, now: datetime | None = None
) -> tuple[ReviewSession, User]:
    """The live session and its user; expired or orphaned sessions are deleted."""
    now = now or utcnow()
    row = session.get(ReviewSession, token.id_hash)
    if row is None:
        raise SessionInvalidError("no such session")
    user = session.get(User, row.user_id)
    if user is None or user.disabled or is_expired(row, settings, now):
        session.delete(row)
        session.flush()
        raise SessionInvalidError("session expired")
    if now - row.last_seen_at >= timedelta(seconds=TOUCH_SECONDS):
        row.last_seen_at = now
    return row, user


def is_expired(row: ReviewSession, settings: AccountSettings, now: datetime) -> bool:
    if row.stage != "active":
        return now - row.created_at > timedelta(minutes=PENDING_MINUTES)
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_absolute_hours)
    return now - row.last_seen_at > idle or now - row.created_at > absolute


def open_identity(row: ReviewSession, token: CookieToken) -> Identity:
    """The organization identity held by this session, for this request only."""
    if row.sealed_identity is None:
        raise NotUnlockedError()
    try:
        return custody.open_identity(row.sealed_identity, custody.session_key(token.key))
    except KeyUnavailableError as exc:
        raise NotUnlockedError() from exc


def advance(
    session: Session,
    settings: AccountSettings,
    row: ReviewSession,
    token: CookieToken,
    user: User,
    stage: str,
    now: datetime | None = None,
) -> CookieToken:
    """Move to the next sign-in stage under a new id and key (no fixation)."""
    identity = open_identity(row, token) if row.sealed_identity is not None else None
    session.delete(row)
    session.flush()
    return create(session, settings, user, identity, stage, now)


def count_code_attempt(session: Session, row: ReviewSession) -> int | None:
    """Count a TOTP code typed in this half-finished sign-in, before it is checked.

    Returns the codes tried so far, this one included; None once
    :data:`MAX_CODE_FAILURES` were tried (the caller then throws the attempt
    away). Atomic, like the account's count (tipline.accounts.attempts):
    codes sent at once cannot share a try.
    """
    tries = session.scalar(
        update(ReviewSession)
        .where(
            ReviewSession.id_hash == row.id_hash,
            ReviewSession.totp_failures < MAX_CODE_FAILURES,
        )
        .values(totp_failures=ReviewSession.totp_failures + 1)
        .returning(ReviewSession.totp_failures)
        .execution_options(synchronize_session=False)
    )
    return None if tries is None else int(tries)


def complete_sign_in(
    session: Session,
    settings: AccountSettings,
    row: ReviewSession,
    token: CookieToken,
    user: User,
    now: datetime | None = None,
) -> CookieToken:
    """The last step: the real session, under a new id and key.

    Recorded as ``auth.login``, and ``auth.unlock`` when the session holds
    the organization key.
    """
    unlocked = row.sealed_identity is not None
    new = advance(session, settings, row, token, user, "active", now)
    user.last_login_at = now or utcnow()
    audit.record(session, actor=user, action="auth.login", object_type="user", object_id=user.id)
    if unlocked:
        audit.record(
            session, actor=user, action="auth.unlock", object_type="user", object_id=user.id
        )
    return new


def sign_out(session: Session, row: ReviewSession, token: CookieToken, user: User) -> None:
    """End this session (``auth.logout`` if it was signed in, not half-way)."""
    delete_token(session, token)
    if row.stage == "active":
        audit.record(
            session, actor=user, action="auth.logout", object_type="user", object_id=user.id
        )


def sign_out_everywhere(session: Session, user: User) -> int:
    """End every session of ``user`` on every device (``auth.logout_everywhere``)."""
    count = delete_for_user(session, user.id)
    audit.record(
        session, actor=user, action="auth.logout_everywhere", object_type="user", object_id=user.id
    )
    return count


def delete_token(session: Session, token: CookieToken) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.id_hash == token.id_hash))


def delete_for_user(session: Session, user_id: str, keep: CookieToken | None = None) -> int:
    """Delete every session of a user ("sign out everywhere"), optionally but one."""
    stmt = delete(ReviewSession).where(ReviewSession.user_id == user_id)
    if keep is not None:
        stmt = stmt.where(ReviewSession.id_hash != keep.id_hash)
    result = session.execute(stmt.execution_options(synchronize_session=False))
    return affected_rows(result)


def count_for_user(session: Session, user_id: str) -> int:
    stmt = (
        select(func.count())
        .select_from(ReviewSession)
        .where(ReviewSession.user_id == user_id, ReviewSession.stage == "active")
    )
    return int(session.scalar(stmt) or 0)


def purge_expired(session: Session, settings: AccountSettings, now: datetime | None = None) -> int:
    """Delete every expired session row (called at each sign-in)."""
    now = now or utcnow()
    idle = now - timedelta(minutes=settings.session_idle_minutes)
    absolute = now - timedelta(hours=settings.session_absolute_hours)
    pending = now - timedelta(minutes=PENDING_MINUTES)
    stmt = delete(ReviewSession).where(
        or_(
            and_(ReviewSession.stage != "active", ReviewSession.created_at < pending),
            and_(
                ReviewSession.stage == "active",
                or_(ReviewSession.last_seen_at < idle, ReviewSession.created_at < absolute),
            ),
        )
    )
    result = session.execute(stmt.execution_options(synchronize_session=False))
    return affected_rows(result)
