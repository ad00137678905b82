"""Sessions through the web: logout, timeouts, sign out everywhere, password change."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select, update

from tests.review.factories import DEFAULT_PASSWORD, login
from tipline.models import ReviewSession, User, WrappedKey
from tipline.models.base import utcnow


def _rows(db_session, user: User) -> list[ReviewSession]:
    db_session.expire_all()
    return list(db_session.scalars(select(ReviewSession).where(ReviewSession.user_id == user.id)))


def test_logout_deletes_the_session_ciphertext(
    review_app: Flask, reviewer_user: User, db_session
) -> None:
    client = review_app.test_client()
    login(client, reviewer_user)
    rows = _rows(db_session, reviewer_user)
    assert len(rows) == 1 and rows[0].sealed_identity
    response = client.post("/logout")
    assert response.headers["Location"].endswith("/login")
    assert _rows(db_session, reviewer_user) == []
    assert client.get("/account").headers["Location"].endswith("/login")
    with client.session_transaction() as cookie:
        assert "sid" not in cookie and "skey" not in cookie


def test_the_cookie_key_is_not_stored_on_the_server(
    review_app: Flask, reviewer_client, reviewer_user: User, db_session
) -> None:
    import base64

    with reviewer_client.session_transaction() as cookie:
        key = base64.urlsafe_b64decode(cookie["skey"])
        sid = cookie["sid"]
    (row,) = _rows(db_session, reviewer_user)
    assert key not in row.sealed_identity and row.id_hash != sid


def _age(db_session, user: User, **columns) -> None:
    db_session.execute(
        update(ReviewSession).where(ReviewSession.user_id == user.id).values(**columns)
    )


def test_idle_timeout(review_app: Flask, reviewer_client, reviewer_user: User, db_session) -> None:
    idle = review_app.config["SESSION_IDLE_MINUTES"]
    _age(db_session, reviewer_user, last_seen_at=utcnow() - timedelta(minutes=idle - 5))
    assert reviewer_client.get("/account").status_code == 200
    # Using the session moved last_seen_at forward.
    assert _rows(db_session, reviewer_user)[0].last_seen_at > utcnow() - timedelta(minutes=1)
    _age(db_session, reviewer_user, last_seen_at=utcnow() - timedelta(minutes=idle + 1))
    response = reviewer_client.get("/account")
    assert response.headers["Location"].endswith("/login")
    assert _rows(db_session, reviewer_user) == []


def test_absolute_timeout(
    review_app: Flask, reviewer_client, reviewer_user: User, db_session
) -> None:
    hours = review_app.config["SESSION_ABSOLUTE_HOURS"]
    _age(db_session, reviewer_user, created_at=utcnow() - timedelta(hours=hours, minutes=1))
    assert reviewer_client.get("/account").headers["Location"].endswith("/login")
    assert _rows(db_session, reviewer_user) == []


def test_sign_out_everywhere(review_app: Flask, reviewer_user: User, db_session) -> None:
    laptop, phone = review_app.test_client(), review_app.test_client()
    login(laptop, reviewer_user)
    login(phone, reviewer_user)
    assert len(_rows(db_session, reviewer_user)) == 2
    assert phone.post("/logout/everywhere").headers["Location"].endswith("/login")
    assert _rows(db_session, reviewer_user) == []
    assert laptop.get("/account").headers["Location"].endswith("/login")


def test_password_change_rewraps_and_ends_other_sessions(
    review_app: Flask, reviewer_user: User, db_session
) -> None:
    here, there = review_app.test_client(), review_app.test_client()
    login(here, reviewer_user)
    login(there, reviewer_user)
    before = db_session.get(WrappedKey, reviewer_user.id).sealed_identity
    new = "another long passphrase for me"
    response = here.post(
        "/account/password", data={"current": DEFAULT_PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(WrappedKey, reviewer_user.id).sealed_identity != before
    assert "unlocked: yes" in here.get("/account").get_data(as_text=True)
    assert there.get("/account").headers["Location"].endswith("/login")
    other = review_app.test_client()
    failed = other.post(
        "/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD}
    )
    assert "Sign-in failed" in failed.get_data(as_text=True)
    login(other, reviewer_user, new)
    assert "unlocked: yes" in other.get("/account").get_data(as_text=True)


def test_password_change_refuses_a_wrong_current_password(reviewer_client) -> None:
    response = reviewer_client.post(
        "/account/password",
        data={"current": "not my password at all", "password": "x" * 20, "confirm": "x" * 20},
    )
    assert response.status_code == 400
    assert "Sign-in failed" in response.get_data(as_text=True)


def test_password_change_refuses_short_passwords(reviewer_client) -> None:
    response = reviewer_client.post(
        "/account/password",
        data={"current": DEFAULT_PASSWORD, "password": "short", "confirm": "short"},
    )
    assert response.status_code == 400


def test_disabled_accounts_lose_their_sessions_at_once(
    review_app: Flask, admin_client, reviewer_client, reviewer_user: User, db_session
) -> None:
    admin_client.post(f"/admin/users/{reviewer_user.id}/disable")
    assert reviewer_client.get("/account").headers["Location"].endswith("/login")
    count = db_session.scalar(
        select(func.count())
        .select_from(ReviewSession)
        .where(ReviewSession.user_id == reviewer_user.id)
    )
    assert count == 0
