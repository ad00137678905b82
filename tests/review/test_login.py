"""Sign-in through the web: password, TOTP (enrolment, replay), forced change, lockout."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select, update

from tests.review.factories import DEFAULT_PASSWORD, fresh_code, login, make_user, totp_secret
from tipline.accounts import service, totp
from tipline.accounts.settings import AccountSettings
from tipline.models import ReviewSession, User

GENERIC = "Sign-in failed: wrong username or password"


def _sid(client) -> str | None:
    with client.session_transaction() as cookie:
        return cookie.get("sid")


def test_full_first_sign_in_with_a_one_time_password(
    review_app: Flask, db_session, org_identity
) -> None:
    user, one_time = service.create_user(
        db_session,
        AccountSettings.from_config(review_app.config),
        username="newbie",
        role="reviewer",
        identity=org_identity,
        actor=None,
    )
    client = review_app.test_client()
    response = client.post("/login", data={"username": "newbie", "password": one_time})
    assert response.headers["Location"].endswith("/login/enrol")
    page = client.get("/login/enrol").get_data(as_text=True)
    assert "<svg" in page and "<script" not in page and "<img" not in page
    secret = re.search(r'class="totp-secret">([^<]+)<', page).group(1).replace(" ", "")
    code = totp.code_at_step(secret, totp.current_step())
    response = client.post("/login/enrol", data={"code": code})
    assert response.headers["Location"].endswith("/login/password")
    # Not signed in yet: other pages send them back to this step.
    assert client.get("/account").headers["Location"].endswith("/login/password")
    short = client.post("/login/password", data={"password": "too short", "confirm": "too short"})
    assert short.status_code == 200 and "/login/password" in short.request.path
    new = "my own brand new passphrase"
    response = client.post("/login/password", data={"password": new, "confirm": new})
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    page = client.get("/account").get_data(as_text=True)
    assert "unlocked: yes" in page
    db_session.refresh(user)
    assert user.totp_confirmed and not user.must_change_password
    # The one-time password is gone; the new one works.
    other = review_app.test_client()
    assert GENERIC in other.post(
        "/login", data={"username": "newbie", "password": one_time}
    ).get_data(as_text=True)
    login(other, user, new)


def test_unknown_user_and_wrong_password_look_the_same(
    review_app: Flask, reviewer_user: User
) -> None:
    client = review_app.test_client()
    unknown = client.post("/login", data={"username": "nobody", "password": DEFAULT_PASSWORD})
    wrong = client.post(
        "/login", data={"username": reviewer_user.username, "password": "wrong password entirely"}
    )
    assert unknown.status_code == wrong.status_code == 200
    assert GENERIC in unknown.get_data(as_text=True)

    def strip(response, username: str) -> str:  # the typed username is echoed back
        return response.get_data(as_text=True).replace(username, "NAME")

    assert strip(unknown, "nobody") == strip(wrong, reviewer_user.username)


def test_lockout_through_the_form(review_app: Flask, reviewer_user: User) -> None:
    review_app.config["LOGIN_LOCKOUT_ATTEMPTS"] = 3
    client = review_app.test_client()
    for _ in range(3):
        client.post(
            "/login",
            data={"username": reviewer_user.username, "password": "wrong password entirely"},
        )
    response = client.post(
        "/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD}
    )
    assert GENERIC in response.get_data(as_text=True)
    assert _sid(client) is None


def test_a_totp_code_cannot_be_replayed(review_app: Flask, reviewer_user: User) -> None:
    client = review_app.test_client()
    code = fresh_code(client, reviewer_user)
    client.post("/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD})
    assert client.post("/login/code", data={"code": code}).status_code == 302
    client.post("/logout")
    client.post("/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD})
    response = client.post("/login/code", data={"code": code})
    assert response.status_code == 200
    assert "already used" in response.get_data(as_text=True)


def test_too_many_wrong_codes_end_the_attempt(
    review_app: Flask, reviewer_user: User, db_session
) -> None:
    review_app.config["LOGIN_LOCKOUT_ATTEMPTS"] = 100
    client = review_app.test_client()
    client.post("/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD})
    right = totp.code_at_step(totp_secret(review_app.config, reviewer_user), totp.current_step())
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(4):
        assert client.post("/login/code", data={"code": wrong}).status_code == 200
        # Backoff applies to codes too; let the next attempt through.
        db_session.execute(
            update(User).where(User.id == reviewer_user.id).values(next_attempt_at=None)
        )
    response = client.post("/login/code", data={"code": wrong})
    assert response.headers["Location"].endswith("/login")
    assert _sid(client) is None
    assert db_session.scalars(select(ReviewSession)).all() == []


def test_each_step_issues_a_new_session_id(
    review_app: Flask, reviewer_user: User, db_session
) -> None:
    client = review_app.test_client()
    with client.session_transaction() as cookie:
        cookie["sid"] = "planted-by-an-attacker"
        cookie["skey"] = "A" * 43 + "="
    client.post("/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD})
    pending = _sid(client)
    assert pending not in (None, "planted-by-an-attacker")
    client.post("/login/code", data={"code": fresh_code(client, reviewer_user)})
    final = _sid(client)
    assert final not in (None, pending)
    rows = db_session.scalars(select(ReviewSession)).all()
    assert [row.stage for row in rows] == ["active"]


def test_organizers_sign_in_without_a_key(review_app: Flask, organizer_client) -> None:
    page = organizer_client.get("/account").get_data(as_text=True)
    assert "unlocked: no" in page and "organizers never hold it" in page
    response = organizer_client.get("/")
    assert response.status_code == 403


def test_reviewers_are_unlocked(reviewer_client) -> None:
    page = reviewer_client.get("/account").get_data(as_text=True)
    assert "unlocked: yes" in page


def test_sign_in_records_login_and_unlock(
    review_app: Flask, reviewer_user: User, db_session
) -> None:
    from tipline.models import AuditEvent

    login(review_app.test_client(), reviewer_user)
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == reviewer_user.id)
    ).all()
    assert "auth.login" in actions and "auth.unlock" in actions


def test_user_make_helper_enrols(review_app: Flask, db_session, org_identity) -> None:
    user = make_user(db_session, review_app.config, org_identity, role="admin")
    assert user.totp_confirmed and not user.must_change_password


def test_unlocked_identity_is_refused_to_organizers(organizer_client) -> None:
    from tipline.accounts.errors import NotUnlockedError
    from tipline.review.auth import current_user, unlocked_identity

    with organizer_client:
        organizer_client.get("/account")
        assert current_user().role == "organizer"
        with pytest.raises(NotUnlockedError):
            unlocked_identity()


def test_unlocked_identity_opens_for_reviewers(reviewer_client, org_identity) -> None:
    from tipline.review.auth import unlocked_identity

    with reviewer_client:
        reviewer_client.get("/account")
        assert str(unlocked_identity()) == str(org_identity)


def test_current_user_outside_a_session_redirects(review_app: Flask) -> None:
    from tipline.review.auth import NotSignedInError, current_user

    with review_app.test_request_context("/"):
        review_app.preprocess_request()
        with pytest.raises(NotSignedInError):
            current_user()


def test_request_bodies_are_limited(review_app: Flask) -> None:
    import io

    assert review_app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    client = review_app.test_client()
    # A file part: not covered by MAX_FORM_MEMORY_SIZE, only by MAX_CONTENT_LENGTH.
    data = {"username": "x", "password": "y", "f": (io.BytesIO(b"z" * 1_500_000), "f.bin")}
    response = client.post("/login", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


def test_enrolling_in_two_windows_at_once(review_app: Flask, db_session, org_identity) -> None:
    """The second window, after the first confirmed the app: sign in again, no 500."""
    user = make_user(db_session, review_app.config, org_identity, role="reviewer")
    user.totp_confirmed, user.totp_secret_sealed = False, None
    db_session.flush()
    first, second = review_app.test_client(), review_app.test_client()
    for client in (first, second):
        response = client.post(
            "/login", data={"username": user.username, "password": DEFAULT_PASSWORD}
        )
        assert response.headers["Location"].endswith("/login/enrol")
    assert first.get("/login/enrol").status_code == 200
    db_session.refresh(user)
    code = totp.code_at_step(totp_secret(review_app.config, user), totp.current_step())
    assert first.post("/login/enrol", data={"code": code}).status_code == 302
    response = second.get("/login/enrol")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert "already set up" in second.get("/login").get_data(as_text=True)
