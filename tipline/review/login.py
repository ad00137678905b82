"""The sign-in steps of the review app (views on :data:`tipline.review.auth.bp`).

1. ``/login``: username and password. A correct password unwraps the user's
   copy of the organization identity into a short-lived pending session.
2. ``/login/enrol`` (no authenticator yet: QR code as inline SVG) or
   ``/login/code``: a TOTP code, refused if already used.
3. ``/login/password``: after a one-time password, choose a new one (the copy
   of the key is re-wrapped under it).
4. The session is re-issued under a new id and key at every step, so no id
   from before sign-in survives it (no session fixation).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from tipline.accounts import passwords, review_sessions, service, totp, two_factor
from tipline.accounts.attempts import Attempt
from tipline.accounts.errors import AccountError, AuthenticationError, InvalidCodeError
from tipline.accounts.settings import AccountSettings
from tipline.cookie_tokens import CookieToken
from tipline.db import get_session
from tipline.models.review_session import ReviewSession
from tipline.models.user import User
from tipline.review.auth import (
    STEP_ENDPOINTS,
    account_settings,
    bp,
    current_session,
    current_user_or_none,
    end_session,
    home_url,
    start_session,
)
from tipline.review.auth_forms import CodeForm, LoginForm, NewPasswordForm


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    user = current_user_or_none()
    if user is not None:
        return redirect(home_url(user))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        session = get_session()
        username, settings = form.username.data or "", account_settings()
        attempt = service.begin_sign_in(session, settings, username)
        session.commit()  # counted before it is checked (tipline.accounts.attempts)
        try:
            result = service.authenticate(
                session, settings, username, form.password.data or "", attempt=attempt
            )
        except AuthenticationError as exc:
            session.commit()  # the failure count and audit event must stick
            error = str(exc)
        else:
            found = current_session()
            if found is not None:
                review_sessions.delete_token(session, found[1])
            user = result.user
            stage = "totp" if user.totp_confirmed else "enrol"
            token = review_sessions.create(
                session, account_settings(), user, result.identity, stage
            )
            session.commit()
            start_session(token)
            return redirect(url_for(STEP_ENDPOINTS[stage]))
    return render_template("review/auth/login.html", form=form, error=error)


StepView = Callable[[ReviewSession, CookieToken, User], ResponseReturnValue]


class CodeCheck(Protocol):
    """two_factor.verify_code or two_factor.confirm_enrolment."""

    def __call__(
        self,
        session: Session,
        settings: AccountSettings,
        user: User,
        code: str,
        *,
        attempt: Attempt,
    ) -> None: ...


def _elsewhere() -> ResponseReturnValue:
    """Where to send someone who opened a sign-in step that is not theirs now."""
    found = current_session()
    if found is None:
        return redirect(url_for("auth.login"))
    if found[0].stage == "active":
        return redirect(home_url(found[2]))
    return redirect(url_for(STEP_ENDPOINTS[found[0].stage]))


def _step(stage: str) -> Callable[[StepView], Callable[[], ResponseReturnValue]]:
    """A sign-in step's view, called only in a session at ``stage``; others go elsewhere."""

    def decorate(view: StepView) -> Callable[[], ResponseReturnValue]:
        @functools.wraps(view)
        def wrapped() -> ResponseReturnValue:
            found = current_session()
            if found is None or found[0].stage != stage:
                return _elsewhere()
            return view(*found)

        return wrapped

    return decorate


@bp.route("/login/code", methods=["GET", "POST"])
@_step("totp")
def code(row: ReviewSession, token: CookieToken, user: User) -> ResponseReturnValue:
    form = CodeForm()
    done, error = _submit_code(form, row, token, user, two_factor.verify_code)
    if done is not None:
        return done
    return render_template("review/auth/code.html", form=form, error=error)


@bp.route("/login/enrol", methods=["GET", "POST"])
@_step("enrol")
def enrol(row: ReviewSession, token: CookieToken, user: User) -> ResponseReturnValue:
    if user.totp_confirmed:
        # Set up meanwhile, from another window: this half sign-in cannot go on.
        return _throw_away(token, "Your authenticator app is already set up. Sign in again.")
    session = get_session()
    secret = two_factor.begin_enrolment(session, account_settings(), user)
    session.commit()
    form = CodeForm()
    done, error = _submit_code(form, row, token, user, two_factor.confirm_enrolment)
    if done is not None:
        return done
    uri = totp.provisioning_uri(secret, user.username, current_app.config["ORGANIZATION_NAME"])
    return render_template(
        "review/auth/enrol.html",
        form=form,
        error=error,
        qr_svg=totp.qr_svg(uri),
        secret=totp.grouped(secret),
    )


def _submit_code(
    form: CodeForm, row: ReviewSession, token: CookieToken, user: User, check: CodeCheck
) -> tuple[ResponseReturnValue | None, str | None]:
    """Check a posted code with ``check`` (no post: nothing to do).

    ``(where to go next, None)`` once the code is right or the attempt is
    thrown away; else ``(None, the message to show)``.
    """
    if not form.validate_on_submit():
        return None, None
    session = get_session()
    tries = review_sessions.count_code_attempt(session, row)
    attempt = two_factor.begin_code(session, account_settings(), user)
    session.commit()  # counted before it is checked (tipline.accounts.attempts)
    if tries is None:
        return _throw_away(token), None
    try:
        check(session, account_settings(), user, form.code.data or "", attempt=attempt)
    except (InvalidCodeError, AuthenticationError) as exc:
        session.commit()  # the audit events
        if tries >= review_sessions.MAX_CODE_FAILURES or isinstance(exc, AuthenticationError):
            return _throw_away(token), None
        return None, str(exc)
    return _after_second_factor(row, token, user), None


def _throw_away(
    token: CookieToken, message: str = "Too many wrong codes. Sign in again."
) -> ResponseReturnValue:
    """End this sign-in attempt (too many wrong codes, a locked account...)."""
    session = get_session()
    review_sessions.delete_token(session, token)
    session.commit()
    end_session()
    flash(message, "error")
    return redirect(url_for("auth.login"))


def _after_second_factor(row: ReviewSession, token: CookieToken, user: User) -> ResponseReturnValue:
    if user.must_change_password:
        session = get_session()
        new = review_sessions.advance(session, account_settings(), row, token, user, "password")
        session.commit()
        start_session(new)
        return redirect(url_for("auth.new_password"))
    return _complete(row, token, user)


@bp.route("/login/password", methods=["GET", "POST"])
@_step("password")
def new_password(row: ReviewSession, token: CookieToken, user: User) -> ResponseReturnValue:
    form = NewPasswordForm()
    error = None
    if form.validate_on_submit():
        session = get_session()
        try:
            identity = (
                review_sessions.open_identity(row, token)
                if row.sealed_identity is not None
                else None
            )
            service.change_password(
                session, account_settings(), user, form.password.data or "", identity
            )
        except AccountError as exc:
            session.rollback()
            error = str(exc)
        else:
            return _complete(row, token, user)
    return render_template(
        "review/auth/new_password.html",
        form=form,
        error=error,
        suggestion=passwords.suggest(),
        min_length=passwords.MIN_LENGTH,
    )


def _complete(row: ReviewSession, token: CookieToken, user: User) -> ResponseReturnValue:
    """Issue the real session under a new id and key (the service records the sign-in)."""
    session = get_session()
    unlocked = row.sealed_identity is not None
    new = review_sessions.complete_sign_in(session, account_settings(), row, token, user)
    session.commit()
    start_session(new)
    if user.holds_key and not unlocked:
        flash(
            "Signed in, but your copy of the organization key is missing: "
            "ask an admin to reset your password.",
            "error",
        )
    return redirect(home_url(user))
