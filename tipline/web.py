"""What both app factories share: config, database, blob store, headers, logs.

Each app still has its own factory (``tipline.intake.create_app`` and
``tipline.review.create_app``), its own ``SECRET_KEY`` and its own cookie
name, as in SecureDrop; this module only removes the copy-paste between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from flask import Flask, current_app, request

from tipline import db, faults, security
from tipline.blobs import BlobStore
from tipline.config import load_config

PACKAGE_DIR = Path(__file__).resolve().parent
BLOBS_KEY = "tipline.blobs"


def create_base_app(
    import_name: str,
    kind: Literal["intake", "review"],
    test_config: Mapping[str, Any] | None,
) -> Flask:
    """A Flask app with validated config, a database, a blob store and headers."""
    config = load_config(test_config=test_config)
    app = Flask(
        import_name,
        instance_path=config["INSTANCE_PATH"],
        instance_relative_config=True,
        template_folder=str(PACKAGE_DIR / "templates"),
        static_folder=str(PACKAGE_DIR / "static"),
    )
    app.config.update(config)
    app.config["TIPLINE_APP"] = kind
    app.config["SECRET_KEY"] = config[f"{kind.upper()}_SECRET_KEY"]
    app.config["SESSION_COOKIE_NAME"] = f"tipline_{kind}"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.config.setdefault("SESSION_COOKIE_SECURE", False)
    # Flask-WTF tokens live in the session; one hour is enough to write a tip.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", 3600)
    # We send Referrer-Policy: no-referrer, so browsers send no Referer for the
    # HTTPS referrer check to inspect; the token plus SameSite=Strict suffice.
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    security.configure_logging(app.config["LOG_LEVEL"])
    # SQLite's write lock up front for every transaction (tipline.db explains).
    db.init_app(app, immediate=True)
    app.extensions[BLOBS_KEY] = BlobStore(app.config["BLOB_DIR"])
    security.init_app(app)
    app.log_exception = lambda exc_info: log_exception_safely(app, exc_info)  # type: ignore[method-assign]
    return app


def log_exception_safely(
    app: Flask,
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None]
    | tuple[None, None, None],
) -> None:
    """Flask's ``log_exception``, without the message: it may quote a tip, or
    SQL parameters. Class names, database error codes and frames only."""
    _kind, error, tb = exc_info
    faults.log_unhandled(app.logger, error, tb, f"{request.method} {request.path}")


def get_blobs() -> BlobStore:
    store: BlobStore = current_app.extensions[BLOBS_KEY]
    return store
