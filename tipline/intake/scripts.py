"""Self-hosted scripts on intake pages, each allowed by its hash and no other way.

Intake pages work fully without JavaScript. A page may still carry a script
that improves on that when it runs (the tip form's in-browser sealing,
``static/seal/``, and during a flood its proof of work, ``static/pow.js``).
Such a script is a file in the package's static folder, loaded with an
``integrity`` attribute, and that page's Content-Security-Policy allows
exactly that file's SHA-384 hash: not ``'self'``, not inline code, not
another file. The hash is computed from the file when the app starts, so the
policy can never drift from what is served.

Pages without scripts keep the site-wide policy (tipline.security.CSP), which
allows no script at all.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from flask import Flask, Response

from tipline.security import CSP
from tipline.web import PACKAGE_DIR

STATIC_DIR = PACKAGE_DIR / "static"
SCRIPTS_KEY = "tipline.intake.scripts"
# The in-browser sealing bundle, built by js/build.mjs (its name carries the
# js/package.json version; the licences note sits beside it).
SEAL_SCRIPT = "seal/tipline-seal-1.3.0.js"
# The flood-time proof of work (tipline.intake.flood_guard), hand-written.
POW_SCRIPT = "pow.js"


@dataclass(frozen=True)
class PageScript:
    """One static script: its path under ``static/`` and its SRI/CSP hash."""

    path: str
    integrity: str  # "sha384-<base64>", the same string in both places

    @classmethod
    def load(cls, path: str) -> PageScript:
        digest = hashlib.sha384((STATIC_DIR / path).read_bytes()).digest()
        return cls(path, "sha384-" + base64.b64encode(digest).decode("ascii"))


def policy(scripts: Sequence[PageScript]) -> str:
    """The site-wide policy plus ``script-src`` for exactly these scripts."""
    if not scripts:
        return CSP
    return CSP + "; script-src " + " ".join(f"'{script.integrity}'" for script in scripts)


def allow(response: Response, scripts: Sequence[PageScript]) -> Response:
    """Set the page's policy so that ``scripts`` (and nothing else) may run."""
    response.headers["Content-Security-Policy"] = policy(scripts)
    return response


def init_app(app: Flask) -> None:
    """Hash the scripts once, at start-up."""
    app.extensions[SCRIPTS_KEY] = {
        "seal": PageScript.load(SEAL_SCRIPT),
        "pow": PageScript.load(POW_SCRIPT),
    }


def script(app: Flask, name: str) -> PageScript:
    scripts: dict[str, PageScript] = app.extensions[SCRIPTS_KEY]
    return scripts[name]
