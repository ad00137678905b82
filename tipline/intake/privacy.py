"""What the intake refuses to know about a source, enforced at the WSGI edge.

:class:`ForgetClient` removes the client's address, user agent and proxy
headers from the WSGI environ before Flask sees the request, so no view,
extension, error report or log line in the app can record them, whatever a
future change does (DESIGN.md, threat model 3). It also counts how many body
bytes were read, so an early refusal (413) can read and discard the rest of a
bounded body: a browser that is still sending when the server closes the
connection shows "connection reset" instead of our page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from flask import Flask, request

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Keys that identify or locate a client. Servers set the first three; proxies
# (a Tor onion service has none, but a misconfigured deployment might) the rest.
IDENTIFYING_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "REMOTE_PORT",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
)
INPUT_KEY = "tipline.counted_input"
_CHUNK = 64 * 1024


class CountingInput:
    """``wsgi.input`` with a count of the bytes read so far."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._raw.read(size) if size is not None and size >= 0 else self._raw.read()
        self.consumed += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        data: bytes = self._raw.readline(size) if size >= 0 else self._raw.readline()
        self.consumed += len(data)
        return data

    def __iter__(self) -> Iterable[bytes]:
        return iter(self.readline, b"")


class ForgetClient:
    """WSGI middleware: drop identifying environ keys, count body bytes read."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        for key in IDENTIFYING_KEYS:
            environ.pop(key, None)
        counted = CountingInput(environ["wsgi.input"])
        environ["wsgi.input"] = counted
        environ[INPUT_KEY] = counted
        return self.app(environ, start_response)


def discard_rest_of_body(limit: int) -> None:
    """Read and drop what is left of a request body of known length, up to ``limit``.

    Only bodies with a ``Content-Length`` are drained (reading a raw socket
    past the body would block); a body whose remainder exceeds ``limit`` is
    left unread rather than spending more time on it.
    """
    counted = request.environ.get(INPUT_KEY)
    length = request.content_length
    if not isinstance(counted, CountingInput) or length is None:
        return
    remaining = length - counted.consumed
    if remaining <= 0 or remaining > limit:
        return
    while remaining > 0:
        try:
            data = counted.read(min(_CHUNK, remaining))
        except (OSError, ValueError):
            return
        if not data:
            return
        remaining -= len(data)


def add_onion_location(response: Any) -> Any:
    """Tell Tor Browser about the onion service for this page, when configured."""
    from flask import current_app

    onion = current_app.config.get("ONION_ADDRESS")
    if onion:
        response.headers["Onion-Location"] = f"http://{onion}{request.path}"
    return response


def init_app(app: Flask) -> None:
    app.wsgi_app = ForgetClient(app.wsgi_app)  # type: ignore[method-assign]
    app.after_request(add_onion_location)
