"""Admin pages: accounts (create, disable, reset password or TOTP) and the audit log.

Creating or resetting an admin or reviewer wraps a new copy of the
organization identity, taken from the acting admin's own unlocked session.
One-time passwords are shown once, in the response to the POST that made
them; they are never put in a flash message (those travel in the cookie).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from tipline import audit
from tipline.accounts import custody, service, two_factor
from tipline.accounts.errors import AccountError
from tipline.crypto import Identity
from tipline.db import get_session
from tipline.models.user import User
from tipline.review.auth import account_settings, current_user, roles_required, unlocked_identity
from tipline.review.auth_forms import ROLE_LABELS, CreateUserForm
from tipline.review.common import int_arg

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles_required("admin")
def users() -> ResponseReturnValue:
    session = get_session()
    accounts = service.list_users(session)
    return render_template(
        "review/admin/users.html",
        users=accounts,
        has_copy={user.id: custody.has_copy(session, user.id) for user in accounts},
        locked={user.id: service.is_locked(user) for user in accounts},
        role_labels=ROLE_LABELS,
    )


def _identity_for(role: str) -> Identity | None:
    # Raises NotUnlockedError (a 403 page) if this admin's session holds no key.
    return unlocked_identity() if role in ("admin", "reviewer") else None


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def new_user() -> ResponseReturnValue:
    form = CreateUserForm()
    error = None
    if form.validate_on_submit():
        role = form.role.data or ""
        identity = _identity_for(role)
        session = get_session()
        try:
            user, password = service.create_user(
                session,
                account_settings(),
                username=form.username.data or "",
                role=role,
                identity=identity,
                actor=current_user(),
            )
        except AccountError as exc:
            session.rollback()
            error = str(exc)
        else:
            session.commit()
            return _show_password(user, password, created=True)
    return render_template("review/admin/new_user.html", form=form, error=error)


def _show_password(user: User, password: str, *, created: bool) -> ResponseReturnValue:
    return render_template(
        "review/admin/one_time_password.html", user=user, password=password, created=created
    )


def _target(user_id: str) -> User:
    try:
        return service.get_user(get_session(), user_id)
    except AccountError:
        abort(404)


@bp.route("/users/<user_id>/disable", methods=["POST"])
@roles_required("admin")
def disable_user(user_id: str) -> ResponseReturnValue:
    user = _target(user_id)
    session = get_session()
    try:
        service.disable_user(session, user, current_user())
    except AccountError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        session.commit()
        flash(f"Disabled {user.username}: their key copy and sessions are deleted.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<user_id>/reset-password", methods=["POST"])
@roles_required("admin")
def reset_password(user_id: str) -> ResponseReturnValue:
    user = _target(user_id)
    actor = current_user()
    if user.id == actor.id:
        flash("Change your own password on your account page.", "error")
        return redirect(url_for("admin.users"))
    identity = _identity_for(user.role)
    session = get_session()
    try:
        password = service.reset_password(session, account_settings(), user, identity, actor)
    except AccountError as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("admin.users"))
    session.commit()
    return _show_password(user, password, created=False)


@bp.route("/users/<user_id>/reset-totp", methods=["POST"])
@roles_required("admin")
def reset_totp(user_id: str) -> ResponseReturnValue:
    user = _target(user_id)
    session = get_session()
    two_factor.reset(session, user, current_user())
    session.commit()
    flash(f"{user.username} will set up an authenticator app at their next sign-in.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/audit")
@roles_required("admin")
def audit_log() -> ResponseReturnValue:
    before = int_arg("before", 0, minimum=1) or None
    session = get_session()
    rows = audit.events(session, before=before, limit=audit.PAGE_SIZE + 1)
    older = rows[audit.PAGE_SIZE - 1].seq if len(rows) > audit.PAGE_SIZE else None
    shown = rows[: audit.PAGE_SIZE]
    counts = {
        event.seq: ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in found.items())
        for event in shown
        if (found := audit.event_counts(event))
    }
    return render_template(
        "review/admin/audit.html", events=shown, counts=counts, older=older, before=before
    )
