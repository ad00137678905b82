"""Factories for accounts and signed-in clients (plain functions, no fixtures).

``make_user`` creates a fully enrolled account (password set, TOTP confirmed,
no forced password change) through the real services; ``login`` signs a
test client in through the real password + TOTP flow.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import update
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tipline.accounts import service, totp
from tipline.accounts.settings import AccountSettings
from tipline.config import DEFAULTS
from tipline.crypto import Identity
from tipline.db import get_db
from tipline.models.user import User

DEFAULT_PASSWORD = "correct horse battery staple lawyer"


def make_user(
    session: Session,
    config: Mapping[str, Any],
    org_identity: Identity | None,
    role: str = "reviewer",
    username: str | None = None,
    password: str = DEFAULT_PASSWORD,
) -> User:
    """An account ready to sign in: password ``password``, TOTP set up."""
    user, _ = service.create_user(
        session,
        AccountSettings.from_config({**DEFAULTS, **config}),
        username=username or f"{role}-{secrets.token_hex(4)}",
        role=role,
        identity=org_identity if role in ("admin", "reviewer") else None,
        actor=None,
        password=password,
    )
    secret = totp.new_secret()
    user.totp_secret_sealed = totp.seal_secret(secret, config["INSTANCE_SECRET"], user.id)
    user.totp_confirmed = True
    user.must_change_password = False
    session.flush()
    return user


def totp_secret(config: Mapping[str, Any], user: User) -> str:
    """The user's TOTP secret (what their authenticator app knows)."""
    assert user.totp_secret_sealed is not None
    return totp.open_secret(user.totp_secret_sealed, config["INSTANCE_SECRET"], user.id)


def fresh_code(client: FlaskClient, user: User) -> str:
    """A code the server will accept now for ``user``.

    Replay protection refuses a time step already used; tests that sign the
    same user in several times within 30 seconds would otherwise have to
    wait, so this forgets the last step first. (Replay refusal itself is
    tested without this helper.)
    """
    app = client.application
    with app.app_context():
        session = get_db(app).session()
        session.execute(update(User).where(User.id == user.id).values(totp_last_step=None))
        session.commit()
        session.close()
    return totp.code_at_step(totp_secret(app.config, user), totp.current_step())


def login(client: FlaskClient, user: User, password: str = DEFAULT_PASSWORD) -> TestResponse:
    """Sign ``client`` in as ``user`` through /login and /login/code."""
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/login/code"), response.headers["Location"]
    response = client.post("/login/code", data={"code": fresh_code(client, user)})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert "/login" not in response.headers["Location"], response.headers["Location"]
    return response
