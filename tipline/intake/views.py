"""The intake's pages: landing, the tip form, and the receipt.

Views validate the form, call one service (``submit_tip``), commit, and only
then tell the upload batch to keep its blobs; anything else, including an
exception, leaves the batch to be discarded at the end of the request.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, render_template, request
from flask import session as flask_session
from flask.typing import ResponseReturnValue

from tipline.db import get_session
from tipline.i18n import current_language
from tipline.intake.forms import TipForm
from tipline.intake.request import files_sent, sealed_files, upload_batch
from tipline.tips.submit import (
    InvalidSubmissionError,
    RateLimitError,
    SubmitSettings,
    TipInput,
    submit_tip,
)

bp = Blueprint("intake", __name__)
log = logging.getLogger(__name__)
FINGERPRINT_KEY = "tipline.intake.fingerprint"


@bp.get("/")
def landing() -> ResponseReturnValue:
    return render_template(
        "intake/landing.html", fingerprint=current_app.extensions[FINGERPRINT_KEY]
    )


@bp.route("/tip", methods=["GET", "POST"])
def tip_form() -> ResponseReturnValue:
    form = TipForm()
    if request.method == "GET":
        return render_template("intake/form.html", form=form)
    return _submit(form)


def _reshow(form: TipForm, status: int, **notice: bool) -> ResponseReturnValue:
    """The form again, with what was typed (never the files), and why."""
    return (
        render_template("intake/form.html", form=form, files_dropped=files_sent(), **notice),
        status,
    )


def _submit(form: TipForm) -> ResponseReturnValue:
    if form.tripped_honeypot:
        # A person who filled it (it is hidden and labelled "leave empty") gets
        # the form back with their text and the field shown; a bot gets nothing.
        log.info("submission refused: honeypot field filled")
        form.validate()
        return _reshow(form, 400, honeypot=True)
    if not form.validate():
        if form.csrf_failed:
            log.info("submission refused: CSRF token missing or expired")
            return _reshow(form, 400, csrf_failed=True)
        log.info("submission refused: %d invalid field(s)", len(form.errors))
        return _reshow(form, 400)

    files = sealed_files()
    data = TipInput(
        what_happened=form.what_happened.data or "",
        language=current_language(),
        county_fips=form.county_fips,
        place=form.place.data or "",
        when=form.when.data or "",
        agencies=tuple(form.agencies.data or ()),
        knowledge=tuple(form.knowledge.data or ()),
    )
    batch = upload_batch()
    session = get_session()
    try:
        receipt = submit_tip(
            session, batch, data, files, SubmitSettings.from_config(current_app.config)
        )
        session.commit()
    except RateLimitError:
        session.rollback()
        log.warning("submission refused: hourly limit reached")
        return _reshow(form, 429, rate_limited=True)
    except InvalidSubmissionError:
        session.rollback()
        log.info("submission refused by the service")
        return _reshow(form, 400)
    batch.keep(receipt.blob_ids)
    # A new CSRF token for the next form: resending this POST (reload, back)
    # then fails the token check instead of storing the same tip twice.
    flask_session.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    log.info("tip received with %d attachment(s)", len(files))
    # The receipt is rendered in the POST response itself, not after a
    # redirect: post/redirect/get would need the phrase to survive until the
    # next request, i.e. to be stored server-side or in a cookie, and the
    # phrase must never be stored or put in a cookie. Cache-Control: no-store
    # (on every response) keeps it out of the browser's cache; reloading
    # would ask to resend the form, which the page warns about.
    return render_template("intake/receipt.html", phrase=receipt.phrase, files=len(files))
