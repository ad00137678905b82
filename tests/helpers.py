"""Plain helpers more than one test folder uses (fixtures are in tests/conftest.py)."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any


def distinctive(label: str, size: int) -> bytes:
    """``size`` bytes that are easy to find again: a label repeated with a counter."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += f"<{label}:{counter:08d}>".encode()
        counter += 1
    return bytes(out[:size])


def decode_flask_cookie(value: str) -> dict[str, Any]:
    """The payload of a Flask session cookie, without checking its signature.

    itsdangerous: ``[.]base64(payload).timestamp.signature``; a leading dot
    means the payload is zlib-compressed.
    """
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if compressed:
        raw = zlib.decompress(raw)
    data: dict[str, Any] = json.loads(raw)
    return data
