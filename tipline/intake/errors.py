"""Every failure gets a clear page in the source's language, never a bare 500.

Also the fail-closed switch: when the organization's keys are missing or
invalid the app still starts, but every page is a ``503`` "temporarily
offline" page and no request body is accepted (DESIGN.md, architecture).

Unhandled exceptions are logged by class, database error code and stack
frames only (tipline.faults, installed for both apps by tipline.web): an
exception message can quote what a source wrote, so it is never logged.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from tipline.intake.privacy import discard_rest_of_body
from tipline.intake.request import RECIPIENTS_KEY
from tipline.tips.uploads import TooManyFilesError, UploadLimitError

log = logging.getLogger(__name__)
MIB = 1024 * 1024
# Statuses with their own wording; anything else gets the generic page.
KNOWN = (400, 404, 405, 413, 500, 503)


def render_error(status: int, **context: Any) -> ResponseReturnValue:
    return render_template("intake/error.html", status=status, **context), status


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    if status == 413:
        return too_large(error)
    # Let the browser see the page rather than a reset connection.
    discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])
    return render_error(status if status in KNOWN else 400)


def too_large(error: HTTPException | UploadLimitError) -> ResponseReturnValue:
    """Over-size upload: drain what is left, then explain the limit.

    The upload batch (tipline.tips.uploads) raises its own domain errors
    mid-stream; the body's own limit (``MAX_CONTENT_LENGTH``) is Werkzeug's 413.
    """
    discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])
    log.info("submission refused: upload over the limit")
    config = current_app.config
    return render_error(
        413,
        too_many_files=isinstance(error, TooManyFilesError),
        max_files=config["MAX_ATTACHMENTS"],
        max_mib=max(1, config["MAX_UPLOAD_BYTES"] // MIB),
    )


def handle_unexpected(error: Exception) -> ResponseReturnValue:
    # Flask has already called log_exception (ours, below).
    return render_error(500)


def offline_guard() -> ResponseReturnValue | None:
    """While the keys are unusable, answer everything except CSS with a 503."""
    if current_app.extensions.get(RECIPIENTS_KEY) or request.endpoint == "static":
        return None
    discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])
    return render_error(503)


def init_app(app: Flask) -> None:
    app.before_request(offline_guard)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(UploadLimitError, too_large)
    app.register_error_handler(InternalServerError, handle_unexpected)
