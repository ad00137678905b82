"""Response hardening shared by both apps, and the no-identifying-logs rule.

Every response gets a strict Content-Security-Policy (nothing from another
origin, no inline script), no referrer, no sniffing, no caching. Logging is
set up so that neither our code nor the servers we run record addresses or
user agents (DESIGN.md, threat model 3).
"""

from __future__ import annotations

import ipaddress
import logging
import re

from flask import Flask, Response

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# Downloads of files a source uploaded: nothing in them may run or load.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"

_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
# Anything shaped like an IPv6 address; candidates are confirmed with the
# ipaddress module so times such as 12:30:45 stay readable.
_IPV6_CANDIDATE = re.compile(r"(?<![\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![\w:])")


def apply_headers(response: Response) -> Response:
    """The headers every response carries (registered with ``after_request``)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Cache-Control"] = "no-store"
    headers["Pragma"] = "no-cache"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    return response


def init_app(app: Flask) -> None:
    app.after_request(apply_headers)


class RedactAddresses(logging.Filter):
    """Blank out anything shaped like an IP address before a record is written.

    Belt and braces: our own code never logs addresses, but a library might
    (the servers' access logs, a proxy-aware error message).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _IPV6_CANDIDATE.sub(_blank_ipv6, _IPV4.sub("[addr]", message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _blank_ipv6(match: re.Match[str]) -> str:
    try:
        ipaddress.IPv6Address(match.group(0))
    except ValueError:
        return match.group(0)
    return "[addr]"


def configure_logging(level: str = "INFO") -> None:
    """Log events to stderr, addresses removed; silence per-request access logs."""
    root = logging.getLogger()
    if not any(isinstance(f, RedactAddresses) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactAddresses())
        root.addHandler(handler)
    root.setLevel(level)
    # Werkzeug's access log starts every line with the client address.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("gunicorn.access").disabled = True
