"""The first admin, created by ``tipline init`` while there is no account at all."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.accounts import service
from tipline.accounts.errors import PolicyError
from tipline.accounts.settings import AccountSettings
from tipline.crypto import Identity
from tipline.models.user import User


def needs_first_admin(session: Session) -> bool:
    """True while the database has no account of any kind."""
    return int(session.scalar(select(func.count()).select_from(User)) or 0) == 0


def create_first_admin(
    session: Session, settings: AccountSettings, identity: Identity, username: str
) -> str:
    """Create the first admin with a copy of ``identity``; return its one-time password.

    The admin must change the password and enrol TOTP at first sign-in.
    Refuses if any account exists (an admin then creates accounts in the app).
    """
    if not needs_first_admin(session):
        raise PolicyError("accounts already exist; the first admin is created only once")
    _user, password = service.create_user(
        session, settings, username=username, role="admin", identity=identity, actor=None
    )
    return password
