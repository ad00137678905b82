"""Sign-in machinery of the review app: the ``auth`` blueprint, guards, helpers.

Every request (but static files) loads its server-side session from the
cookie (tipline.accounts.review_sessions): an expired, unknown or disabled session
is deleted and the visitor is anonymous. Views are guarded with
:func:`login_required` or :func:`roles_required` (anonymous: redirect to the
sign-in page; wrong role: 403). :func:`unlocked_identity` opens the
organization identity sealed in the session, for this request only; sessions
without one (organizers) get a 403 page instead.

The blueprint's views live in :mod:`tipline.review.login` (the sign-in steps)
and :mod:`tipline.review.account` (account page, sign out).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as cookie
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, InternalServerError

from tipline import faults
from tipline.accounts import review_sessions
from tipline.accounts.errors import NotUnlockedError, SessionInvalidError
from tipline.accounts.settings import AccountSettings
from tipline.cookie_tokens import CookieToken
from tipline.crypto import Identity
from tipline.db import get_session
from tipline.models.review_session import ReviewSession
from tipline.models.user import ROLES, User

P = ParamSpec("P")
View = Callable[P, ResponseReturnValue]

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
# The sign-in step view for each unfinished session stage.
STEP_ENDPOINTS = {"totp": "auth.code", "enrol": "auth.enrol", "password": "auth.new_password"}
# Review forms are small; nothing here uploads files.
MAX_CONTENT_LENGTH = 1024 * 1024


class NotSignedInError(SessionInvalidError):
    """:func:`current_user` was called outside a signed-in request."""


def init_app(app: Flask) -> None:
    """CSRF on every form, size limit, session loading, guards' error pages."""
    csrf.init_app(app)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    app.before_request(_load_session)
    app.context_processor(_template_context)
    app.register_error_handler(NotUnlockedError, _not_unlocked)
    app.register_error_handler(SessionInvalidError, _to_login_handler)
    app.register_error_handler(CSRFError, _csrf_error)
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, _http_error)
    app.register_error_handler(InternalServerError, _server_error)


def _load_session() -> None:
    g.review_user, g.review_row, g.review_token = None, None, None
    if request.endpoint == "static":
        return
    token = CookieToken.from_cookie(cookie, review_sessions.COOKIE)
    if token is None:
        return
    session = get_session()
    try:
        row, user = review_sessions.load(session, account_settings(), token)
    except SessionInvalidError:
        session.commit()  # the expired row was deleted
        cookie.clear()
        flash(
            "Your session ended (signed out, timed out, or the account changed). Sign in again.",
            "info",
        )
        return
    session.commit()  # keeps last_seen_at; a no-op for most requests
    g.review_user, g.review_row, g.review_token = user, row, token


def start_session(token: CookieToken) -> None:
    """Replace the whole cookie (and its CSRF token) with a new session's."""
    cookie.clear()
    cookie.update(token.to_cookie(review_sessions.COOKIE))


def end_session() -> None:
    cookie.clear()
    g.review_user, g.review_row, g.review_token = None, None, None


def current_session() -> tuple[ReviewSession, CookieToken, User] | None:
    """This request's session row, token and user, at any sign-in stage."""
    row, token, user = g.get("review_row"), g.get("review_token"), g.get("review_user")
    if row is None or token is None or user is None:
        return None
    return row, token, user


def current_user_or_none() -> User | None:
    """The fully signed-in user, or ``None`` (anonymous or half-way through sign-in)."""
    found = current_session()
    if found is None or found[0].stage != "active":
        return None
    return found[2]


def current_user() -> User:
    """The signed-in user; raises :class:`NotSignedInError` (redirect to sign-in) if none."""
    user = current_user_or_none()
    if user is None:
        raise NotSignedInError("not signed in")
    return user


def unlocked_identity() -> Identity:
    """The organization identity from this request's session (not kept after it).

    Raises :class:`~tipline.accounts.errors.NotUnlockedError` (a 403 page) when the
    session holds none: organizers, or a key holder whose copy was missing.
    """
    cached: Identity | None = g.get("review_identity")
    if cached is not None:
        return cached
    found = current_session()
    if found is None or found[0].stage != "active":
        raise NotUnlockedError()
    identity = review_sessions.open_identity(found[0], found[1])
    g.review_identity = identity
    return identity


def account_settings() -> AccountSettings:
    """The account services' settings, from this app's config."""
    return AccountSettings.from_config(current_app.config)


def identity_or_none() -> Identity | None:
    """The unlocked organization identity, or ``None`` when this session holds none."""
    try:
        return unlocked_identity()
    except NotUnlockedError:
        return None


def home_url(user: User) -> str:
    """Where a signed-in user starts: the inbox, or (organizers) the organizer view."""
    return url_for("inbox.index") if user.holds_key else url_for("organizer.index")


def is_unlocked() -> bool:
    try:
        unlocked_identity()
    except NotUnlockedError:
        return False
    return True


def login_required(view: View[P]) -> View[P]:
    """Only for signed-in users (any role); others are sent to the sign-in page."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        if current_user_or_none() is None:
            return _to_login()
        return view(*args, **kwargs)

    return wrapped


def roles_required(*roles: str) -> Callable[[View[P]], View[P]]:
    """Only for signed-in users with one of ``roles``; others get a 403 page."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view: View[P]) -> View[P]:
        @functools.wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
            user = current_user_or_none()
            if user is None:
                return _to_login()
            if user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _to_login() -> ResponseReturnValue:
    # Someone half-way through signing in goes back to the step they are at.
    found = current_session()
    if found is not None and found[0].stage in STEP_ENDPOINTS:
        return redirect(url_for(STEP_ENDPOINTS[found[0].stage]))
    return redirect(url_for("auth.login"))


def _to_login_handler(_exc: SessionInvalidError) -> ResponseReturnValue:
    return _to_login()


def _not_unlocked(exc: NotUnlockedError) -> ResponseReturnValue:
    return render_template(
        "review/error.html", code=403, title="Key not available", message=str(exc), unlock_hint=True
    ), 403


def _csrf_error(exc: CSRFError) -> ResponseReturnValue:
    message = "The form expired or was sent from elsewhere. Go back, reload the page and retry."
    return render_template(
        "review/error.html", code=400, title="Form expired", message=message
    ), 400


_MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "Your account's role does not allow this page."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Not allowed", "This address does not accept that kind of request."),
    413: ("Too large", "What you sent is larger than this site accepts."),
}


def _http_error(exc: HTTPException) -> ResponseReturnValue:
    code = exc.code or 500
    title, message = _MESSAGES.get(code, ("Error", "Something went wrong."))
    return render_template("review/error.html", code=code, title=title, message=message), code


def _server_error(exc: InternalServerError) -> ResponseReturnValue:
    """Our failure (already logged by class and error code, tipline.web)."""
    original = exc.original_exception
    if original is not None and faults.is_storage_failure(original):
        code, title = 503, "Try again in a moment"
        message = (
            "The database or the disk cannot take changes right now, so this was not done. "
            "Try again in a moment; if it keeps happening, tell an admin: the server's log "
            "names the error."
        )
    else:
        code, title = 500, "Something went wrong"
        message = "This was not done because of an error on the server; the log names it."
    return render_template("review/error.html", code=code, title=title, message=message), code


def _template_context() -> dict[str, object]:
    return {"current_user": current_user_or_none()}
