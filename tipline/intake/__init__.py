"""The public intake app: the tip form, sealing, and the receipt phrase.

It imports nothing from the review side and loads only the organization's
public recipients (``keys/recipients.txt``): a seized intake server cannot
open anything it stored (DESIGN.md, threat model 1). If the keys are missing
or invalid it starts anyway and serves a "temporarily offline" page on every
path, accepting nothing (fail closed).

No JavaScript is needed. The tip form carries self-hosted scripts, each
allowed by its hash (tipline.intake.scripts): one seals the tip in the
source's browser when it runs (tipline.intake.sealed), and while the intake
is under a flood another solves a proof of work (tipline.intake.flood_guard).
Without them the server seals and the form posts as always. Nothing is
loaded from anywhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from tipline.web import create_base_app

log = logging.getLogger(__name__)
STAMP_KEY = "tipline.intake.recipients_stamp"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the intake app (flaskr-style factory)."""
    app = create_base_app(__name__, "intake", test_config)
    from tipline import i18n
    from tipline.intake import (
        errors,
        flood_guard,
        privacy,
        request,
        returning,
        scripts,
        sealed,  # noqa: F401  (adds /tip/sealed to views.bp)
        views,
    )

    load_keys(app)
    scripts.init_app(app)
    app.before_request(lambda: refresh_keys(app))
    request.configure(app)
    i18n.init_app(app)
    privacy.init_app(app)
    errors.init_app(app)
    flood_guard.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(returning.bp)
    return app


def refresh_keys(app: Flask) -> None:
    """Reload the recipients when recipients.txt was replaced (a key rotation).

    One ``stat`` per request. The rotation renames a complete new file into
    place, so every worker switches to the new key at its next request, and
    each request seals everything it stores to one set of recipients: its
    upload batch takes them once.
    """
    from tipline.key_folder import recipients_stamp

    if recipients_stamp(app.config["KEYS_DIR"]) != app.extensions.get(STAMP_KEY):
        load_keys(app)


def load_keys(app: Flask) -> None:
    """Load the public recipients, or switch the app to offline mode."""
    from tipline.intake.page_cache import PageCache
    from tipline.intake.request import RECIPIENTS_KEY
    from tipline.intake.sealed import seal_recipients
    from tipline.intake.views import FINGERPRINT_KEY, PAGE_CACHE_KEY, SEAL_RECIPIENTS_KEY
    from tipline.key_folder import KeysError, fingerprint, load_recipients, recipients_stamp

    # The blank form names the recipients: render it again for the new ones.
    app.extensions[PAGE_CACHE_KEY] = PageCache()
    # Taken before reading, so a file replaced meanwhile is read again next time.
    app.extensions[STAMP_KEY] = recipients_stamp(app.config["KEYS_DIR"])
    try:
        recipients = load_recipients(app.config["KEYS_DIR"])
        app.extensions[FINGERPRINT_KEY] = fingerprint(app.config["KEYS_DIR"])
    except KeysError as exc:
        log.error("intake is offline, accepting nothing: %s", _describe(exc, app))
        app.extensions[RECIPIENTS_KEY] = []
        app.extensions[FINGERPRINT_KEY] = None
        app.extensions[SEAL_RECIPIENTS_KEY] = None
        return
    app.extensions[RECIPIENTS_KEY] = recipients
    app.extensions[SEAL_RECIPIENTS_KEY] = seal_recipients(recipients)


def _describe(exc: Exception, app: Flask) -> str:
    """One line naming the problem, never quoting the file (someone may have
    pasted a secret identity into the recipients file by mistake)."""
    cause = exc.__cause__
    where = f"recipients in {app.config['KEYS_DIR']}"
    if isinstance(cause, OSError):
        return f"{where} cannot be read ({cause.strerror or type(cause).__name__})"
    if cause is not None:
        return f"{where} are not valid age recipients"
    return f"{where} list no recipient"
