"""Admin pages: create, disable, reset password or TOTP; the audit log; CSRF."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select, update

from tests.conftest import bind_to_connection
from tipline import audit
from tipline.accounts import service, totp
from tipline.accounts.settings import AccountSettings
from tipline.models import ReviewSession, User, WrappedKey


def _one_time_password(response) -> str:
    match = re.search(
        r'class="one-time-password"><code>([^<]+)</code>', response.get_data(as_text=True)
    )
    assert match, response.get_data(as_text=True)
    return match.group(1)


def _finish_first_sign_in(client, username: str, password: str) -> None:
    response = client.post("/login", data={"username": username, "password": password})
    assert response.headers["Location"].endswith("/login/enrol")
    page = client.get("/login/enrol").get_data(as_text=True)
    secret = re.search(r'class="totp-secret">([^<]+)<', page).group(1).replace(" ", "")
    client.post("/login/enrol", data={"code": totp.code_at_step(secret, totp.current_step())})
    new = "chosen by the new person"
    response = client.post("/login/password", data={"password": new, "confirm": new})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_admin_creates_a_key_holder_who_can_unlock(
    role, review_app: Flask, admin_client, db_session
) -> None:
    response = admin_client.post("/admin/users/new", data={"username": "casey", "role": role})
    assert response.status_code == 200
    password = _one_time_password(response)
    user = db_session.scalars(select(User).where(User.username == "casey")).one()
    assert user.role == role and user.must_change_password
    assert db_session.get(WrappedKey, user.id) is not None
    client = review_app.test_client()
    _finish_first_sign_in(client, "casey", password)
    assert "unlocked: yes" in client.get("/account").get_data(as_text=True)


def test_organizers_never_get_a_copy(admin_client, db_session) -> None:
    admin_client.post("/admin/users/new", data={"username": "org", "role": "organizer"})
    user = db_session.scalars(select(User).where(User.username == "org")).one()
    assert db_session.get(WrappedKey, user.id) is None


def test_bad_usernames_are_refused(admin_client, admin_user: User) -> None:
    response = admin_client.post(
        "/admin/users/new", data={"username": admin_user.username, "role": "reviewer"}
    )
    assert "already taken" in response.get_data(as_text=True)


def test_an_admin_without_the_key_cannot_wrap_a_copy(
    admin_client, admin_user: User, db_session
) -> None:
    db_session.execute(
        update(ReviewSession)
        .where(ReviewSession.user_id == admin_user.id)
        .values(sealed_identity=None)
    )
    response = admin_client.post("/admin/users/new", data={"username": "x1", "role": "reviewer"})
    assert response.status_code == 403, response.get_data(as_text=True)
    assert "Key not available" in response.get_data(as_text=True)
    assert db_session.scalars(select(User).where(User.username == "x1")).first() is None
    ok = admin_client.post("/admin/users/new", data={"username": "x2", "role": "organizer"})
    assert ok.status_code == 200


def test_disable_deletes_copy_and_sessions(
    admin_client, reviewer_client, reviewer_user: User, db_session
) -> None:
    response = admin_client.post(f"/admin/users/{reviewer_user.id}/disable")
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(User, reviewer_user.id).disabled
    assert db_session.get(WrappedKey, reviewer_user.id) is None


def test_reset_password_issues_a_new_one_time_password(
    review_app: Flask, admin_client, reviewer_user: User, db_session
) -> None:
    response = admin_client.post(f"/admin/users/{reviewer_user.id}/reset-password")
    password = _one_time_password(response)
    db_session.expire_all()
    user = db_session.get(User, reviewer_user.id)
    assert user.must_change_password
    result = service.authenticate(
        db_session, AccountSettings.from_config(review_app.config), user.username, password
    )
    assert result.identity is not None


def test_admins_reset_their_own_password_on_the_account_page(
    admin_client, admin_user: User
) -> None:
    response = admin_client.post(f"/admin/users/{admin_user.id}/reset-password")
    assert response.status_code == 302


def test_reset_totp_makes_the_user_enrol_again(
    review_app: Flask, admin_client, reviewer_user: User, db_session
) -> None:
    admin_client.post(f"/admin/users/{reviewer_user.id}/reset-totp")
    client = review_app.test_client()
    response = client.post(
        "/login",
        data={
            "username": reviewer_user.username,
            "password": "correct horse battery staple lawyer",
        },
    )
    assert response.headers["Location"].endswith("/login/enrol")


def test_unknown_users_are_404(admin_client) -> None:
    assert admin_client.post("/admin/users/nobody/disable").status_code == 404


def test_audit_log_is_paginated_newest_first(admin_client, admin_user: User, db_session) -> None:
    for number in range(audit.PAGE_SIZE + 5):
        audit.record(
            db_session,
            actor=admin_user,
            action="tip.view",
            object_type="tip",
            object_id=f"t{number}",
        )
    db_session.flush()
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    seqs = [int(s) for s in re.findall(r"<tr>\s*<td>(\d+)</td>", page)]
    assert len(seqs) == audit.PAGE_SIZE and seqs == sorted(seqs, reverse=True)
    older = re.search(r'href="(/admin/audit\?before=\d+)"', page).group(1)
    second = admin_client.get(older).get_data(as_text=True)
    more = [int(s) for s in re.findall(r"<tr>\s*<td>(\d+)</td>", second)]
    assert more and max(more) < min(seqs)


def test_admin_actions_are_audited(admin_client, reviewer_user: User, db_session) -> None:
    from tipline.models import AuditEvent

    admin_client.post(f"/admin/users/{reviewer_user.id}/reset-totp")
    admin_client.post(f"/admin/users/{reviewer_user.id}/disable")
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.object_id == reviewer_user.id).order_by(AuditEvent.seq)
    ).all()
    assert [e.action for e in events][-2:] == ["user.totp_reset", "user.disable"]


def test_every_form_needs_a_csrf_token(
    base_config, db_connection, instance_dir, db_session, org_identity
) -> None:
    from tests.review.factories import make_user
    from tipline.review import create_app

    app = create_app({**base_config, "WTF_CSRF_ENABLED": True})
    bind_to_connection(app, db_connection)
    user = make_user(db_session, app.config, org_identity, role="admin")
    client = app.test_client()
    response = client.post(
        "/login",
        data={"username": user.username, "password": "correct horse battery staple lawyer"},
    )
    assert response.status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={
            "username": user.username,
            "csrf_token": token,
            "password": "correct horse battery staple lawyer",
        },
    )
    assert response.status_code == 302
