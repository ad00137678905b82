"""Every failure gets a clear page in the source's language, never a bare 500.

Also the fail-closed switch: when the organization's keys are missing or
invalid the app still starts, but every page is a ``503`` "temporarily
offline" page and no request body is accepted (DESIGN.md, architecture).

Whatever goes wrong, the browser gets a page, not a reset connection: the
rest of a request body is read and dropped before answering (a browser still
sending when the server closes shows "connection reset" instead of ours).

A failure of ours while a source sends something (the database unreachable,
the disk full, a bug) is answered with the form they sent, filled in again
with what they typed (autoescaped like any field; a receipt phrase never),
saying that nothing was saved and to try again later: ``503`` when the
storage failed (tipline.faults.is_storage_failure), ``500`` for anything
else. If the view never got as far as reading the form, it is read here,
files dropped unread into nothing (tipline.intake.request).

Unhandled exceptions are logged by class, database error code and stack
frames only (tipline.faults, installed for both apps by tipline.web): an
exception message can quote what a source wrote, so it is never logged.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, make_response, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from tipline import faults
from tipline.intake.forms import TipForm
from tipline.intake.privacy import discard_rest_of_body
from tipline.intake.request import RECIPIENTS_KEY, files_sent, read_form_discarding_files
from tipline.intake.returning_forms import MessageForm, PhraseForm
from tipline.intake.views import form_page
from tipline.tips.uploads import TooManyFilesError, UploadLimitError

log = logging.getLogger(__name__)
MIB = 1024 * 1024
# Statuses with their own wording; anything else gets the generic page.
KNOWN = (400, 404, 405, 413, 500, 503)
# What a 503 for a storage failure suggests: try again in a while.
RETRY_AFTER_SECONDS = 600


def render_error(status: int, **context: Any) -> ResponseReturnValue:
    return render_template("intake/error.html", status=status, **context), status


def drain() -> None:
    """Read and drop what is left of the request body, within the size limit."""
    discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    if status == 413:
        return too_large(error)
    drain()
    return render_error(status if status in KNOWN else 400)


def too_large(error: HTTPException | UploadLimitError) -> ResponseReturnValue:
    """Over-size upload: drain what is left, then explain the limit.

    The upload batch (tipline.tips.uploads) raises its own domain errors
    mid-stream; the body's own limit (``MAX_CONTENT_LENGTH``) is Werkzeug's 413.
    """
    drain()
    log.info("submission refused: upload over the limit")
    config = current_app.config
    return render_error(
        413,
        too_many_files=isinstance(error, TooManyFilesError),
        max_files=config["MAX_ATTACHMENTS"],
        max_mib=max(1, config["MAX_UPLOAD_BYTES"] // MIB),
    )


def handle_unexpected(error: InternalServerError) -> ResponseReturnValue:
    """Our failure: what the source sent, shown again, and what to do now.

    Flask has already logged the exception (tipline.web.log_exception_safely).
    """
    original = error.original_exception
    storage = original is not None and faults.is_storage_failure(original)
    status = 503 if storage else 500
    failed = "storage" if storage else "error"
    have_form = read_form_discarding_files()
    drain()
    response = None
    if have_form:
        try:
            response = _page_for(request.endpoint, status, failed)
        except Exception as exc:  # this page must not fail too; the plain one below will do
            log.error("the page with the form again failed too: %s", faults.describe(exc))
    if response is None:
        page = render_template("intake/error.html", status=status, storage=storage)
        response = make_response(page, status)
    if storage:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page_for(endpoint: str | None, status: int, failed: str) -> Response | None:
    """The page a POST to ``endpoint`` came from, filled in again; None if none."""
    if endpoint == "intake.tip_form":
        return _form_again(status, failed=failed, files_dropped=files_sent())
    if endpoint == "intake.tip_sealed":
        # Sealed in the browser: the words never reached us to be shown back.
        return _form_again(status, formdata=False, sealed_notice=failed)
    if endpoint == "source.post_message":
        page = render_template(
            "intake/message_failed.html",
            form=MessageForm(),
            failed=failed,
            files_dropped=files_sent(),
        )
        return make_response(page, status)
    if endpoint == "source.sign_in":
        form = PhraseForm()
        form.phrase.data = ""  # never echo a phrase, right or wrong
        return make_response(
            render_template("intake/return.html", form=form, failed=failed), status
        )
    return None


def _form_again(status: int, *, formdata: bool = True, **context: Any) -> Response:
    """The tip form, filled in with what was sent (unless ``formdata`` is False).

    With its scripts when the flood check can say which (it reads the
    database); without them otherwise: the form works fully without.
    """
    form = TipForm() if formdata else TipForm(formdata=None)
    try:
        return form_page(form, status, **context)
    except Exception as exc:
        if not faults.is_storage_failure(exc):
            raise
        return make_response(render_template("intake/form.html", form=form, **context), status)


def offline_guard() -> ResponseReturnValue | None:
    """While the keys are unusable, answer everything except CSS with a 503."""
    if current_app.extensions.get(RECIPIENTS_KEY) or request.endpoint == "static":
        return None
    drain()
    return render_error(503)


def init_app(app: Flask) -> None:
    app.before_request(offline_guard)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(UploadLimitError, too_large)
    app.register_error_handler(InternalServerError, handle_unexpected)
