"""TOTP: enrolment, replay refusal, sealed secrets, failures counted."""

from __future__ import annotations

import dataclasses
import time

import pytest
from sqlalchemy.orm import Session

from tipline.accounts import attempts, service, totp, two_factor
from tipline.accounts.errors import AuthenticationError, InvalidCodeError, KeyUnavailableError
from tipline.models.user import User

PASSWORD = "a long enough password for tests"


@pytest.fixture
def user(db_session: Session, settings, org_identity) -> User:
    user, _ = service.create_user(
        db_session,
        settings,
        username="pat",
        role="reviewer",
        identity=org_identity,
        actor=None,
        password=PASSWORD,
    )
    return user


def enrol(session: Session, settings, user: User, now: float) -> str:
    secret = two_factor.begin_enrolment(session, settings, user)
    two_factor.confirm_enrolment(
        session, settings, user, totp.code_at_step(secret, totp.current_step(now)), now
    )
    return secret


def test_enrolment_reuses_the_pending_secret_until_confirmed(db_session, settings, user) -> None:
    first = two_factor.begin_enrolment(db_session, settings, user)
    assert two_factor.begin_enrolment(db_session, settings, user) == first
    assert not user.totp_confirmed
    with pytest.raises(InvalidCodeError):
        two_factor.verify_code(db_session, settings, user, totp.code_at_step(first, 1))
    enrol(db_session, settings, user, time.time())
    assert user.totp_confirmed


def test_a_code_is_accepted_once(db_session, settings, user) -> None:
    now = time.time()
    secret = enrol(db_session, settings, user, now - 60)
    code = totp.code_at_step(secret, totp.current_step(now))
    two_factor.verify_code(db_session, settings, user, code, now)
    with pytest.raises(InvalidCodeError, match="already used"):
        two_factor.verify_code(db_session, settings, user, code, now)


def test_an_older_code_is_refused_after_a_newer_one(db_session, settings, user) -> None:
    now = time.time()
    secret = enrol(db_session, settings, user, now - 300)
    step = totp.current_step(now)
    two_factor.verify_code(db_session, settings, user, totp.code_at_step(secret, step), now)
    # The previous step is within the drift window, yet already superseded.
    with pytest.raises(InvalidCodeError):
        two_factor.verify_code(db_session, settings, user, totp.code_at_step(secret, step - 1), now)
    two_factor.verify_code(db_session, settings, user, totp.code_at_step(secret, step + 1), now)


def test_the_enrolment_code_cannot_be_replayed_at_sign_in(db_session, settings, user) -> None:
    now = time.time()
    secret = enrol(db_session, settings, user, now)
    with pytest.raises(InvalidCodeError):
        two_factor.verify_code(
            db_session, settings, user, totp.code_at_step(secret, totp.current_step(now)), now
        )


def test_codes_outside_the_window_and_malformed_codes_fail(db_session, settings, user) -> None:
    now = time.time()
    secret = enrol(db_session, settings, user, now - 600)
    for code in (totp.code_at_step(secret, totp.current_step(now) + 3), "12345", "abcdef", ""):
        attempts.clear(db_session, user)  # no backoff between these attempts
        with pytest.raises(InvalidCodeError):
            two_factor.verify_code(db_session, settings, user, code, now)


def test_wrong_codes_count_towards_the_lockout(db_session, settings, user) -> None:
    settings = dataclasses.replace(settings, lockout_attempts=3)
    now = time.time()
    secret = enrol(db_session, settings, user, now - 600)
    wrong = "000000" if totp.code_at_step(secret, totp.current_step(now)) != "000000" else "111111"
    for _ in range(3):
        with pytest.raises(InvalidCodeError):
            two_factor.verify_code(db_session, settings, user, wrong, now)
    # Locked: even the right code is refused now.
    with pytest.raises(AuthenticationError):
        two_factor.verify_code(
            db_session, settings, user, totp.code_at_step(secret, totp.current_step(now)), now
        )


def test_the_secret_is_stored_sealed(db_session, settings, user) -> None:
    secret = two_factor.begin_enrolment(db_session, settings, user)
    sealed = user.totp_secret_sealed
    assert sealed is not None and secret.encode() not in sealed
    assert totp.open_secret(sealed, settings.instance_secret, user.id) == secret
    with pytest.raises(KeyUnavailableError):
        totp.open_secret(sealed, "another-instance-secret-0123456789abcdef", user.id)
    with pytest.raises(KeyUnavailableError):
        totp.open_secret(sealed, settings.instance_secret, "another-user")


def test_reset_forgets_the_authenticator(db_session, settings, user) -> None:
    enrol(db_session, settings, user, time.time())
    two_factor.reset(db_session, user, actor=None)
    assert not user.totp_confirmed and user.totp_secret_sealed is None


def test_enrolment_qr_code_is_inline_svg() -> None:
    uri = totp.provisioning_uri(totp.new_secret(), "pat", "Rights Group")
    assert uri.startswith("otpauth://totp/") and "issuer=Rights%20Group" in uri
    svg = totp.qr_svg(uri)
    assert svg.startswith("<svg") and "<script" not in svg and "href" not in svg
