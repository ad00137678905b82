"""Account services: creation, authentication, lockout, password changes, disabling."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.accounts import custody, passwords, review_sessions, service
from tipline.accounts.errors import (
    AuthenticationError,
    InvalidUsernameError,
    KeyUnavailableError,
    PolicyError,
    WeakPasswordError,
)
from tipline.accounts.settings import AccountSettings
from tipline.crypto import HybridIdentity
from tipline.models import AuditEvent, ReviewSession, WrappedKey
from tipline.models.base import utcnow

PASSWORD = "a long enough password for tests"


def create(
    session: Session,
    settings: AccountSettings,
    identity: HybridIdentity,
    role: str = "reviewer",
    username: str = "pat",
    password: str | None = PASSWORD,
):
    return service.create_user(
        session,
        settings,
        username=username,
        role=role,
        identity=identity,
        actor=None,
        password=password,
    )


def test_new_accounts_get_a_one_time_password_that_must_be_changed(
    db_session, settings, org_identity
) -> None:
    user, password = create(db_session, settings, org_identity, password=None)
    assert user.must_change_password
    assert len(password.split()) == 7
    assert service.authenticate(db_session, settings, "pat", password).user is user


def test_reviewers_and_admins_hold_a_copy_organizers_never(
    db_session, settings, org_identity
) -> None:
    reviewer, _ = create(db_session, settings, org_identity, "reviewer", "rev")
    admin, _ = create(db_session, settings, org_identity, "admin", "adm")
    organizer, _ = create(db_session, settings, org_identity, "organizer", "org")
    assert custody.has_copy(db_session, reviewer.id)
    assert custody.has_copy(db_session, admin.id)
    assert not custody.has_copy(db_session, organizer.id)
    assert service.authenticate(db_session, settings, "org", PASSWORD).identity is None
    opened = service.authenticate(db_session, settings, "rev", PASSWORD).identity
    assert opened is not None and str(opened) == str(org_identity)


def test_a_key_holder_cannot_be_created_without_the_key(db_session, settings) -> None:
    with pytest.raises(KeyUnavailableError):
        create(db_session, settings, None, "reviewer")  # type: ignore[arg-type]


def test_usernames_are_unique_and_well_formed(db_session, settings, org_identity) -> None:
    create(db_session, settings, org_identity, username="Pat")
    with pytest.raises(InvalidUsernameError):
        create(db_session, settings, org_identity, username="pat")
    with pytest.raises(InvalidUsernameError):
        create(db_session, settings, org_identity, username="no spaces")


def test_short_passwords_are_refused(db_session, settings, org_identity) -> None:
    with pytest.raises(WeakPasswordError):
        create(db_session, settings, org_identity, password="x" * 13)


def test_unknown_user_and_wrong_password_fail_alike_with_the_same_work(
    db_session, settings, org_identity, monkeypatch
) -> None:
    create(db_session, settings, org_identity)
    calls: list[str] = []
    real = passwords.derive

    def counting(*args: Any, **kwargs: Any):
        calls.append("kdf")
        return real(*args, **kwargs)

    monkeypatch.setattr(passwords, "derive", counting)
    messages = []
    for username, password in (("nobody", PASSWORD), ("pat", "wrong password entirely")):
        calls.clear()
        with pytest.raises(AuthenticationError) as info:
            service.authenticate(db_session, settings, username, password)
        messages.append(str(info.value))
        assert calls == ["kdf"], username
    assert messages[0] == messages[1]


def test_failures_back_off_then_lock(db_session, settings, org_identity) -> None:
    settings = dataclasses.replace(settings, lockout_attempts=5, lockout_minutes=15)
    user, _ = create(db_session, settings, org_identity)
    now = utcnow()
    delays = []
    for attempt in range(5):
        moment = now + timedelta(hours=attempt)  # each attempt after the previous delay
        with pytest.raises(AuthenticationError):
            service.authenticate(db_session, settings, "pat", "wrong password entirely", moment)
        delays.append((user.next_attempt_at - moment) if user.next_attempt_at else None)
    assert delays[:2] == [None, None]  # the first failures are free
    assert delays[2] == timedelta(seconds=2) and delays[3] == timedelta(seconds=4)
    assert delays[4] == timedelta(minutes=15)  # locked
    locked_at = now + timedelta(hours=4)
    # While locked even the right password fails, with the same message.
    with pytest.raises(AuthenticationError):
        service.authenticate(
            db_session, settings, "pat", PASSWORD, locked_at + timedelta(minutes=5)
        )
    later = locked_at + timedelta(minutes=16)
    assert service.authenticate(db_session, settings, "pat", PASSWORD, later).user is user
    # The count is cleared only by a correct TOTP code, not by the password
    # alone: otherwise someone with the password could guess codes forever.
    assert user.failed_logins == 5
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert actions.count("auth.login_failed") == 5 and "auth.locked" in actions


def test_backoff_refuses_an_attempt_made_too_soon(db_session, settings, org_identity) -> None:
    create(db_session, settings, org_identity)
    now = utcnow()
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            service.authenticate(db_session, settings, "pat", "wrong password entirely", now)
    with pytest.raises(AuthenticationError):
        service.authenticate(db_session, settings, "pat", PASSWORD, now + timedelta(seconds=1))
    service.authenticate(db_session, settings, "pat", PASSWORD, now + timedelta(seconds=3))


def test_password_change_rewraps_the_copy(db_session, settings, org_identity) -> None:
    user, _ = create(db_session, settings, org_identity)
    old_row = db_session.get(WrappedKey, user.id).sealed_identity
    service.change_own_password(db_session, settings, user, PASSWORD, "a brand new long password")
    new_row = db_session.get(WrappedKey, user.id).sealed_identity
    assert new_row != old_row
    # The old password neither signs in nor opens the new copy.
    with pytest.raises(AuthenticationError):
        service.authenticate(db_session, settings, "pat", PASSWORD, utcnow() + timedelta(hours=1))
    old_keys = passwords.derive(
        PASSWORD,
        user.password_salt,
        settings.kdf,
        settings.instance_secret,
        user.id,
    )
    with pytest.raises(KeyUnavailableError):
        custody.open_identity(new_row, old_keys.wrap_identity)
    result = service.authenticate(
        db_session, settings, "pat", "a brand new long password", utcnow() + timedelta(hours=2)
    )
    assert str(result.identity) == str(org_identity)


def test_password_change_needs_the_current_password(db_session, settings, org_identity) -> None:
    user, _ = create(db_session, settings, org_identity)
    with pytest.raises(AuthenticationError):
        service.change_own_password(
            db_session, settings, user, "not my password at all", "a brand new long password"
        )
    with pytest.raises(WeakPasswordError):
        service.change_own_password(db_session, settings, user, PASSWORD, PASSWORD)
    with pytest.raises(WeakPasswordError):
        service.change_own_password(db_session, settings, user, PASSWORD, "too short")


def test_disabling_deletes_the_copy_and_sessions(db_session, settings, org_identity) -> None:
    create(db_session, settings, org_identity, "admin", "boss")
    user, _ = create(db_session, settings, org_identity)
    review_sessions.create(db_session, settings, user, org_identity, "active")
    service.disable_user(db_session, user, actor=None)
    db_session.flush()
    assert db_session.get(WrappedKey, user.id) is None
    count = db_session.scalar(
        select(func.count()).select_from(ReviewSession).where(ReviewSession.user_id == user.id)
    )
    assert count == 0
    with pytest.raises(AuthenticationError):
        service.authenticate(db_session, settings, "pat", PASSWORD)


def test_the_last_admin_cannot_be_disabled(db_session, settings, org_identity) -> None:
    admin, _ = create(db_session, settings, org_identity, "admin", "boss")
    with pytest.raises(PolicyError):
        service.disable_user(db_session, admin, actor=None)


def test_reset_issues_a_one_time_password_and_a_new_copy(
    db_session, settings, org_identity
) -> None:
    create(db_session, settings, org_identity, "admin", "boss")
    user, _ = create(db_session, settings, org_identity)
    service.disable_user(db_session, user, actor=None)
    with pytest.raises(KeyUnavailableError):
        service.reset_password(db_session, settings, user, None, actor=None)
    password = service.reset_password(db_session, settings, user, org_identity, actor=None)
    assert user.must_change_password and not user.disabled
    result = service.authenticate(db_session, settings, "pat", password)
    assert str(result.identity) == str(org_identity)
    with pytest.raises(AuthenticationError):
        service.authenticate(db_session, settings, "pat", PASSWORD)


def test_reset_of_an_organizer_needs_no_key(db_session, settings, org_identity) -> None:
    user, _ = create(db_session, settings, org_identity, "organizer")
    password = service.reset_password(db_session, settings, user, None, actor=None)
    assert service.authenticate(db_session, settings, "pat", password).identity is None
    assert not custody.has_copy(db_session, user.id)


def test_services_record_audit_events(db_session, settings, org_identity) -> None:
    user, _ = create(db_session, settings, org_identity)
    service.reset_password(db_session, settings, user, org_identity, actor=None)
    actions = db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == ["user.create", "user.password_reset"]
