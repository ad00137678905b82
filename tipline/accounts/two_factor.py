"""TOTP services: enrolment, verification with replay refusal, reset.

Acceptance is a single conditional ``UPDATE ... WHERE totp_last_step < step``,
so even two processes racing with the same code accept it at most once.
A code is a guess like a password: it is counted as a failed attempt before
it is compared (tipline.accounts.attempts; the view commits in between), so
backoff and lockout bound guessing by someone who has the password, however
many codes they send at once. A correct code clears the count.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from tipline import audit
from tipline.accounts import attempts, review_sessions, totp
from tipline.accounts.attempts import Attempt
from tipline.accounts.errors import AuthenticationError, InvalidCodeError, PolicyError
from tipline.accounts.settings import AccountSettings
from tipline.models.base import affected_rows, utcnow
from tipline.models.user import User


def _secret(settings: AccountSettings, user: User) -> str | None:
    if user.totp_secret_sealed is None:
        return None
    return totp.open_secret(user.totp_secret_sealed, settings.instance_secret, user.id)


def begin_enrolment(session: Session, settings: AccountSettings, user: User) -> str:
    """The pending secret to show as a QR code (created once, reused on reload)."""
    if user.totp_confirmed:
        raise PolicyError("this account already has an authenticator app")
    secret = _secret(settings, user)
    if secret is None:
        secret = totp.new_secret()
        user.totp_secret_sealed = totp.seal_secret(secret, settings.instance_secret, user.id)
        user.totp_last_step = None
    return secret


def begin_code(
    session: Session, settings: AccountSettings, user: User, now: float | None = None
) -> Attempt:
    """Count a code attempt as failed, if the account may try now; commit before checking."""
    return attempts.count_for_user(session, settings, user, _moment(now))


def confirm_enrolment(
    session: Session,
    settings: AccountSettings,
    user: User,
    code: str,
    now: float | None = None,
    *,
    attempt: Attempt | None = None,
) -> None:
    """Confirm the authenticator app with its first code; that code is then spent."""
    if user.totp_confirmed:
        raise PolicyError("this account already has an authenticator app")
    _accept(session, settings, user, code, now, attempt)
    user.totp_confirmed = True
    audit.record(
        session, actor=user, action="auth.totp_enrol", object_type="user", object_id=user.id
    )


def verify_code(
    session: Session,
    settings: AccountSettings,
    user: User,
    code: str,
    now: float | None = None,
    *,
    attempt: Attempt | None = None,
) -> None:
    """Check a sign-in code; :class:`InvalidCodeError` if wrong or already used."""
    if not user.totp_confirmed:
        raise InvalidCodeError("this account has no authenticator app yet")
    _accept(session, settings, user, code, now, attempt)


def _moment(now: float | None) -> datetime:
    return utcnow() if now is None else datetime.fromtimestamp(now, UTC).replace(tzinfo=None)


def _accept(
    session: Session,
    settings: AccountSettings,
    user: User,
    code: str,
    now: float | None,
    attempt: Attempt | None,
) -> None:
    if attempt is None:
        attempt = begin_code(session, settings, user, now)
    if not attempt.allowed:
        raise AuthenticationError()  # disabled, throttled or locked: not checked
    secret = _secret(settings, user)
    step = None if secret is None else totp.matching_step(secret, code, now)
    if step is None:
        attempts.failed(session, settings, attempt)
        raise InvalidCodeError()
    accepted = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if affected_rows(accepted) != 1:
        attempts.failed(session, settings, attempt)
        raise InvalidCodeError("That code was already used. Wait for the next one.")
    session.refresh(user, ["totp_last_step"])
    attempts.clear(session, user)


def reset(session: Session, user: User, actor: User | None) -> None:
    """Forget the authenticator app; the user enrols again at next sign-in."""
    user.totp_secret_sealed = None
    user.totp_confirmed = False
    user.totp_last_step = None
    review_sessions.delete_for_user(session, user.id)
    audit.record(
        session, actor=actor, action="user.totp_reset", object_type="user", object_id=user.id
    )
