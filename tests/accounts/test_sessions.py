"""Server-side sessions: sealed identity, expiry, purge, rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tipline.accounts import review_sessions, service
from tipline.accounts.errors import NotUnlockedError, SessionInvalidError
from tipline.cookie_tokens import CookieToken
from tipline.models import ReviewSession
from tipline.models.base import utcnow

PASSWORD = "a long enough password for tests"


@pytest.fixture
def user(db_session, settings, org_identity):
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


def test_the_row_holds_a_hash_and_ciphertext_only(db_session, settings, user, org_identity) -> None:
    token = review_sessions.create(db_session, settings, user, org_identity, "active")
    row = db_session.scalars(select(ReviewSession)).one()
    assert row.id_hash == token.id_hash != token.session_id
    assert row.sealed_identity is not None
    assert str(org_identity).encode() not in row.sealed_identity
    assert token.key not in row.sealed_identity
    assert str(review_sessions.open_identity(row, token)) == str(org_identity)


def test_the_wrong_key_opens_nothing(db_session, settings, user, org_identity) -> None:
    token = review_sessions.create(db_session, settings, user, org_identity, "active")
    row, _ = review_sessions.load(db_session, settings, token)
    with pytest.raises(NotUnlockedError):
        review_sessions.open_identity(row, CookieToken(token.session_id, bytes(32)))


def test_sessions_without_identity_are_not_unlocked(db_session, settings, user) -> None:
    token = review_sessions.create(db_session, settings, user, None, "active")
    row, _ = review_sessions.load(db_session, settings, token)
    with pytest.raises(NotUnlockedError):
        review_sessions.open_identity(row, token)


def test_idle_timeout(db_session, settings, user) -> None:
    now = utcnow()
    token = review_sessions.create(db_session, settings, user, None, "active", now)
    idle = timedelta(minutes=settings.session_idle_minutes)
    review_sessions.load(db_session, settings, token, now + idle - timedelta(seconds=1))
    with pytest.raises(SessionInvalidError):
        review_sessions.load(db_session, settings, token, now + 2 * idle)
    assert db_session.get(ReviewSession, token.id_hash) is None


def test_use_postpones_the_idle_timeout_but_not_the_absolute_one(
    db_session, settings, user
) -> None:
    start = utcnow()
    token = review_sessions.create(db_session, settings, user, None, "active", start)
    moment = start
    absolute = start + timedelta(hours=settings.session_absolute_hours)
    while moment + timedelta(minutes=20) < absolute:
        moment += timedelta(minutes=20)
        review_sessions.load(db_session, settings, token, moment)
    with pytest.raises(SessionInvalidError):
        review_sessions.load(db_session, settings, token, absolute + timedelta(minutes=1))


def test_pending_sign_ins_expire_quickly(db_session, settings, user) -> None:
    now = utcnow()
    token = review_sessions.create(db_session, settings, user, None, "totp", now)
    with pytest.raises(SessionInvalidError):
        review_sessions.load(
            db_session,
            settings,
            token,
            now + timedelta(minutes=review_sessions.PENDING_MINUTES + 1),
        )


def test_purge_removes_every_expired_row(db_session, settings, user) -> None:
    fresh = review_sessions.create(db_session, settings, user, None, "active")
    old = utcnow() - timedelta(days=1)
    review_sessions.create(db_session, settings, user, None, "active", old)
    review_sessions.create(db_session, settings, user, None, "totp", old)
    db_session.flush()
    assert review_sessions.purge_expired(db_session, settings) == 2
    assert [r.id_hash for r in db_session.scalars(select(ReviewSession))] == [fresh.id_hash]


def test_every_sign_in_purges_expired_rows(db_session, settings, user) -> None:
    old = utcnow() - timedelta(days=1)
    stale = review_sessions.create(db_session, settings, user, None, "active", old)
    db_session.flush()
    review_sessions.create(db_session, settings, user, None, "totp")
    db_session.flush()
    assert db_session.get(ReviewSession, stale.id_hash) is None


def test_advance_rotates_id_and_key(db_session, settings, user, org_identity) -> None:
    token = review_sessions.create(db_session, settings, user, org_identity, "totp")
    row, _ = review_sessions.load(db_session, settings, token)
    new = review_sessions.advance(db_session, settings, row, token, user, "active")
    assert new.session_id != token.session_id and new.key != token.key
    assert db_session.get(ReviewSession, token.id_hash) is None
    row, _ = review_sessions.load(db_session, settings, new)
    assert row.stage == "active"
    assert str(review_sessions.open_identity(row, new)) == str(org_identity)


def test_delete_for_user_can_keep_one(db_session, settings, user) -> None:
    keep = review_sessions.create(db_session, settings, user, None, "active")
    for _ in range(2):
        review_sessions.create(db_session, settings, user, None, "active")
    db_session.flush()
    assert review_sessions.delete_for_user(db_session, user.id, keep=keep) == 2
    assert review_sessions.count_for_user(db_session, user.id) == 1


def test_tokens_round_trip_through_the_cookie_and_reject_junk() -> None:
    token = CookieToken.new()
    assert (
        CookieToken.from_cookie(token.to_cookie(review_sessions.COOKIE), review_sessions.COOKIE)
        == token
    )
    assert CookieToken.from_cookie({}, review_sessions.COOKIE) is None
    assert (
        CookieToken.from_cookie({"sid": "x", "skey": "not base64!"}, review_sessions.COOKIE) is None
    )
    assert CookieToken.from_cookie({"sid": "x", "skey": "AAAA"}, review_sessions.COOKIE) is None
    assert "key" not in repr(token).lower().replace("cookietoken", "")
