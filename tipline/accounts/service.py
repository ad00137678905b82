"""Account services: create, authenticate, change and reset passwords, disable.

Every function takes the caller's ``Session``, records audit events, raises
:mod:`tipline.accounts.errors` exceptions and never commits. Sign-in throttling
lives here too: after a few failures each further attempt must wait longer
(exponential backoff), and at ``LOGIN_LOCKOUT_ATTEMPTS`` consecutive failures
the account locks for ``LOGIN_LOCKOUT_MINUTES``; every failure after that locks
it again, until a successful sign-in or an admin reset clears the count.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tipline import audit
from tipline.accounts import custody, passwords, review_sessions
from tipline.accounts.errors import (
    AuthenticationError,
    InvalidUsernameError,
    KeyUnavailableError,
    PolicyError,
    UserNotFoundError,
    WeakPasswordError,
)
from tipline.accounts.passwords import DerivedKeys, KdfParams
from tipline.accounts.settings import AccountSettings
from tipline.crypto import Identity
from tipline.models.base import new_id, utcnow
from tipline.models.user import ROLES, User

log = logging.getLogger(__name__)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
# Failures allowed before backoff starts, and the longest backoff delay.
FREE_FAILURES = 2
MAX_BACKOFF_SECONDS = 60


@dataclass(frozen=True)
class Authenticated:
    """A correct password: the user, and their unwrapped identity if they hold one."""

    user: User
    identity: Identity | None

    def __repr__(self) -> str:
        return f"Authenticated(user={self.user.id!r}, unlocked={self.identity is not None})"


def normalize_username(raw: str) -> str:
    """Lower-case, trimmed; :class:`InvalidUsernameError` unless 2–64 safe characters."""
    username = raw.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise InvalidUsernameError(
            "A username is 2 to 64 characters: letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return username


def find_user(session: Session, username: str) -> User | None:
    try:
        name = normalize_username(username)
    except InvalidUsernameError:
        return None
    return session.scalars(select(User).where(User.username == name)).one_or_none()


def get_user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserNotFoundError("no such account")
    return user


def get_by_username(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise UserNotFoundError(f"no account named {username.strip().lower()!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def usernames(session: Session, user_ids: Iterable[str | None]) -> dict[str, str]:
    """``{user id: username}`` for the accounts named (one query; unknown ids left out)."""
    wanted = {user_id for user_id in user_ids if user_id}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def _derive(settings: AccountSettings, user: User, password: str) -> DerivedKeys:
    params = KdfParams(user.kdf_memory_kib, user.kdf_iterations, user.kdf_lanes)
    return passwords.derive(password, user.password_salt, params, settings.instance_secret, user.id)


def _set_password(
    session: Session,
    settings: AccountSettings,
    user: User,
    password: str,
    identity: Identity | None,
    *,
    one_time: bool,
) -> None:
    """New salt and verifier; re-wrap the identity (or drop the copy if none given)."""
    params = settings.kdf
    user.password_salt = passwords.new_salt()
    user.kdf_memory_kib, user.kdf_iterations, user.kdf_lanes = (
        params.memory_kib,
        params.iterations,
        params.lanes,
    )
    keys = _derive(settings, user, password)
    user.password_verifier = keys.verifier
    user.must_change_password = one_time
    user.password_changed_at = utcnow()
    if user.holds_key and identity is not None:
        custody.store_copy(session, user, identity, keys)
    else:
        custody.delete_copy(session, user.id)


def create_user(
    session: Session,
    settings: AccountSettings,
    *,
    username: str,
    role: str,
    identity: Identity | None,
    actor: User | None,
    password: str | None = None,
) -> tuple[User, str]:
    """Create an account; returns it and its password (one-time unless given).

    Admins and reviewers get a wrapped copy of ``identity`` (required for
    them); organizers never do, whatever is passed.
    """
    if role not in ROLES:
        raise PolicyError(f"role must be one of {', '.join(ROLES)}")
    name = normalize_username(username)
    if find_user(session, name) is not None:
        raise InvalidUsernameError(f"the username {name!r} is already taken")
    user = User(id=new_id(), username=name, role=role, failed_logins=0)
    if user.holds_key and identity is None:
        raise KeyUnavailableError(
            "creating an admin or reviewer needs the unlocked organization key"
        )
    one_time = password is None
    secret = passwords.one_time_password() if password is None else password
    passwords.check_password(secret)
    with session.no_autoflush:
        session.add(user)
        _set_password(session, settings, user, secret, identity, one_time=one_time)
    session.flush()
    audit.record(session, actor=actor, action="user.create", object_type="user", object_id=user.id)
    log.info("account created (role %s)", role)
    return user, secret


def authenticate(
    session: Session,
    settings: AccountSettings,
    username: str,
    password: str,
    now: datetime | None = None,
) -> Authenticated:
    """Check a username and password; unwrap the user's identity if they hold one.

    Unknown, disabled, throttled and locked accounts all raise the same
    :class:`AuthenticationError` after the same KDF work.
    """
    now = now or utcnow()
    user = find_user(session, username)
    usable = user is not None and not user.disabled and len(password) <= passwords.MAX_LENGTH
    if user is None or not usable or _throttled(user, now):
        passwords.derive_dummy(settings.kdf, settings.instance_secret)
        if user is not None and usable:
            log.info("sign-in refused: account is throttled or locked")
        raise AuthenticationError()
    keys = _derive(settings, user, password)
    if not keys.matches(user.password_verifier):
        register_failure(session, settings, user, now)
        raise AuthenticationError()
    identity = None
    if user.holds_key:
        try:
            identity = custody.open_copy(session, user, keys)
        except KeyUnavailableError:
            log.warning("a key holder signed in without a usable copy of the organization key")
    return Authenticated(user, identity)


def _throttled(user: User, now: datetime) -> bool:
    return user.next_attempt_at is not None and now < user.next_attempt_at


def is_locked(user: User, now: datetime | None = None) -> bool:
    """True while the account must wait before another sign-in attempt."""
    return _throttled(user, now or utcnow())


def register_failure(
    session: Session, settings: AccountSettings, user: User, now: datetime
) -> None:
    """Count a failed password or code and set the backoff or lockout."""
    # An atomic increment: concurrent failures in other processes all count.
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["failed_logins"])
    failures = user.failed_logins
    audit.record(
        session, actor=None, action="auth.login_failed", object_type="user", object_id=user.id
    )
    if failures >= settings.lockout_attempts:
        user.next_attempt_at = now + timedelta(minutes=settings.lockout_minutes)
        audit.record(
            session, actor=None, action="auth.locked", object_type="user", object_id=user.id
        )
        log.warning("account locked after %d failed attempts", failures)
    elif failures > FREE_FAILURES:
        delay = min(2 ** (failures - FREE_FAILURES), MAX_BACKOFF_SECONDS)
        user.next_attempt_at = now + timedelta(seconds=delay)


def clear_failures(user: User) -> None:
    user.failed_logins = 0
    user.next_attempt_at = None


def change_password(
    session: Session,
    settings: AccountSettings,
    user: User,
    new_password: str,
    identity: Identity | None,
) -> None:
    """Set ``user``'s own new password, re-wrapping their copy with ``identity``."""
    passwords.check_password(new_password)
    if _derive(settings, user, new_password).matches(user.password_verifier):
        raise WeakPasswordError("Choose a password different from the current one.")
    if user.holds_key and identity is None and custody.has_copy(session, user.id):
        raise KeyUnavailableError(
            "sign in again to change your password (your key is not unlocked)"
        )
    _set_password(session, settings, user, new_password, identity, one_time=False)
    audit.record(
        session, actor=user, action="auth.password_change", object_type="user", object_id=user.id
    )


def change_own_password(
    session: Session, settings: AccountSettings, user: User, current: str, new_password: str
) -> None:
    """The account page's change: check ``current``, unwrap with it, re-wrap under the new."""
    now = utcnow()
    if _throttled(user, now) or len(current) > passwords.MAX_LENGTH:
        raise AuthenticationError()
    keys = _derive(settings, user, current)
    if not keys.matches(user.password_verifier):
        register_failure(session, settings, user, now)
        raise AuthenticationError()
    identity = (
        custody.open_copy(session, user, keys) if custody.has_copy(session, user.id) else None
    )
    change_password(session, settings, user, new_password, identity)


def reset_password(
    session: Session,
    settings: AccountSettings,
    user: User,
    identity: Identity | None,
    actor: User | None,
) -> str:
    """A new one-time password (returned), a new copy, no sessions; re-enables the account."""
    if user.holds_key and identity is None:
        raise KeyUnavailableError(
            "resetting an admin or reviewer needs the unlocked organization key"
        )
    secret = passwords.one_time_password()
    _set_password(session, settings, user, secret, identity, one_time=True)
    clear_failures(user)
    was_disabled, user.disabled = user.disabled, False
    review_sessions.delete_for_user(session, user.id)
    audit.record(
        session, actor=actor, action="user.password_reset", object_type="user", object_id=user.id
    )
    if was_disabled:
        audit.record(
            session, actor=actor, action="user.enable", object_type="user", object_id=user.id
        )
    return secret


def disable_user(session: Session, user: User, actor: User | None) -> None:
    """Disable ``user``: delete their copy of the key and all their sessions."""
    if user.is_admin and not user.disabled and _active_admins(session) <= 1:
        raise PolicyError("refusing to disable the last active admin")
    user.disabled = True
    custody.delete_copy(session, user.id)
    review_sessions.delete_for_user(session, user.id)
    audit.record(session, actor=actor, action="user.disable", object_type="user", object_id=user.id)


def _active_admins(session: Session) -> int:
    stmt = (
        select(func.count()).select_from(User).where(User.role == "admin", User.disabled.is_(False))
    )
    return int(session.scalar(stmt) or 0)
