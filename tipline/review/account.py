"""The account page, password change and signing out (views on ``auth.bp``).

Signing out deletes the server-side session row, and with it the only
ciphertext of the organization identity the session held; "sign out
everywhere" deletes every session of the account, on every device.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from tipline.accounts import attempts, custody, passwords, review_sessions, service
from tipline.accounts.errors import AccountError, NotUnlockedError
from tipline.db import get_session
from tipline.models.base import utcnow
from tipline.notify import NotifyError, subscriptions
from tipline.notify.settings import MailSettings
from tipline.review.auth import (
    account_settings,
    bp,
    current_session,
    current_user,
    end_session,
    login_required,
    unlocked_identity,
)
from tipline.review.auth_forms import ChangePasswordForm
from tipline.review.upkeep_forms import NotificationForm


@bp.route("/account")
@login_required
def account() -> ResponseReturnValue:
    return _render_account(ChangePasswordForm(), None)


def _render_account(
    form: ChangePasswordForm,
    error: str | None,
    notify_form: NotificationForm | None = None,
    notify_error: str | None = None,
) -> str:
    user = current_user()
    if notify_form is None:
        choice = subscriptions.current(get_session(), current_app.config, user)
        notify_form = NotificationForm(formdata=None, mode=choice.mode, email=choice.address)
    try:
        fingerprint = custody.fingerprint(unlocked_identity())
    except NotUnlockedError:
        fingerprint = None
    return render_template(
        "review/auth/account.html",
        user=user,
        form=form,
        error=error,
        unlocked=fingerprint is not None,
        fingerprint=fingerprint,
        session_count=review_sessions.count_for_user(get_session(), user.id),
        suggestion=passwords.suggest(),
        min_length=passwords.MIN_LENGTH,
        notify_form=notify_form,
        notify_error=notify_error,
        mail_configured=MailSettings.from_config(current_app.config).configured,
    )


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password() -> ResponseReturnValue:
    user = current_user()
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _render_account(form, None), 400
    session = get_session()
    attempt = attempts.count_for_user(session, account_settings(), user, utcnow())
    session.commit()  # counted before the current password is checked
    try:
        service.change_own_password(
            session,
            account_settings(),
            user,
            form.current.data or "",
            form.password.data or "",
            attempt=attempt,
        )
    except AccountError as exc:
        session.commit()  # keep the failure count if the current password was wrong
        return _render_account(form, str(exc)), 400
    found = current_session()
    signed_out = review_sessions.delete_for_user(session, user.id, keep=found[1] if found else None)
    session.commit()
    flash(
        "Password changed; your copy of the key is now sealed under it."
        + (f" {signed_out} other session(s) were signed out." if signed_out else ""),
        "success",
    )
    return redirect(url_for("auth.account"))


@bp.route("/account/notifications", methods=["POST"])
@login_required
def notifications() -> ResponseReturnValue:
    form = NotificationForm()
    if not form.validate_on_submit():
        return _render_account(ChangePasswordForm(formdata=None), None, form), 400
    session = get_session()
    try:
        changed = subscriptions.choose(
            session, current_app.config, current_user(), form.mode.data, form.email.data
        )
    except NotifyError as exc:
        session.rollback()
        return _render_account(ChangePasswordForm(formdata=None), None, form, str(exc)), 400
    session.commit()
    flash("Notifications saved." if changed else "Nothing to change.", "success")
    return redirect(url_for("auth.account"))


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    found = current_session()
    if found is not None:
        session = get_session()
        review_sessions.sign_out(session, *found)
        session.commit()
    end_session()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout/everywhere", methods=["POST"])
@login_required
def logout_everywhere() -> ResponseReturnValue:
    session = get_session()
    count = review_sessions.sign_out_everywhere(session, current_user())
    session.commit()
    end_session()
    flash(f"Signed out of {count} session(s) on every device.", "info")
    return redirect(url_for("auth.login"))
