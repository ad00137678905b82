"""Account services: create, authenticate, change and reset passwords, disable.

Every function takes the caller's ``Session``, records audit events, raises
:mod:`tipline.accounts.errors` exceptions and never commits. Sign-in attempts
are throttled (backoff, then lockout) and counted *before* the password is
checked (tipline.accounts.attempts): a web view calls :func:`begin_sign_in`,
commits, then :func:`authenticate` with that attempt, so no guess is ever
evaluated without having been counted, however many arrive at once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.accounts import attempts, custody, passwords, review_sessions
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
from tipline.models.base import is_id, new_id, utcnow
from tipline.models.user import ROLES, User

log = logging.getLogger(__name__)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


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
    user = session.get(User, user_id) if is_id(user_id) else None
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


def begin_sign_in(
    session: Session, settings: AccountSettings, username: str, now: datetime | None = None
) -> attempts.Attempt:
    """Count a sign-in attempt on ``username`` as failed, if it may try now.

    Commit before :func:`authenticate` checks the password. Unknown,
    disabled, throttled and locked accounts get an attempt that is not
    allowed (nothing is counted: there is nothing to guess against).
    """
    try:
        name = normalize_username(username)
    except InvalidUsernameError:
        return attempts.Attempt(None)
    return attempts.count(session, settings, User.username == name, now or utcnow())


def authenticate(
    session: Session,
    settings: AccountSettings,
    username: str,
    password: str,
    now: datetime | None = None,
    *,
    attempt: attempts.Attempt | None = None,
) -> Authenticated:
    """Check a username and password; unwrap the user's identity if they hold one.

    ``attempt`` is what :func:`begin_sign_in` counted (and the caller
    committed); without one, it is counted here, in the caller's transaction
    (scripts and tests). Unknown, disabled, throttled and locked accounts all
    raise the same :class:`AuthenticationError` after the same KDF work. A
    right password takes its attempt back; the failure count itself is
    cleared only by a correct TOTP code (tipline.accounts.two_factor).
    """
    if attempt is None:
        attempt = begin_sign_in(session, settings, username, now)
    user = attempt.user
    if user is None or len(password) > passwords.MAX_LENGTH:
        passwords.derive_dummy(settings.kdf, settings.instance_secret)
        if user is None and find_user(session, username) is not None:
            log.info("sign-in refused: account is disabled, throttled or locked")
        attempts.failed(session, settings, attempt)
        raise AuthenticationError()
    keys = _derive(settings, user, password)
    if not keys.matches(user.password_verifier):
        attempts.failed(session, settings, attempt)
        raise AuthenticationError()
    attempts.refund(session, attempt)
    identity = None
    if user.holds_key:
        try:
            identity = custody.open_copy(session, user, keys)
        except KeyUnavailableError:
            log.warning("a key holder signed in without a usable copy of the organization key")
    return Authenticated(user, identity)


def is_locked(user: User, now: datetime | None = None) -> bool:
    """True while the account must wait before another sign-in attempt."""
    return user.next_attempt_at is not None and (now or utcnow()) < user.next_attempt_at


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
    session: Session,
    settings: AccountSettings,
    user: User,
    current: str,
    new_password: str,
    *,
    attempt: attempts.Attempt | None = None,
) -> None:
    """The account page's change: check ``current``, unwrap with it, re-wrap under the new.

    ``current`` is a guess like a sign-in's: the view counts it first
    (:func:`tipline.accounts.attempts.count_for_user`) and commits.
    """
    if attempt is None:
        attempt = attempts.count_for_user(session, settings, user, utcnow())
    if not attempt.allowed or len(current) > passwords.MAX_LENGTH:
        attempts.failed(session, settings, attempt)
        raise AuthenticationError()
    keys = _derive(settings, user, current)
    if not keys.matches(user.password_verifier):
        attempts.failed(session, settings, attempt)
        raise AuthenticationError()
    attempts.refund(session, attempt)
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
    attempts.clear(session, user)
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
