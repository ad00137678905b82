"""TOTP (RFC 6238) with replay protection, and the enrolment QR code.

Codes are 6 digits over 30-second steps; one step either side is accepted for
clock drift. A code is accepted only for a time step later than the last one
accepted for that user, so a code seen over a shoulder or in a proxy log cannot
be used again. The shared secret is stored sealed (ChaCha20-Poly1305) under a
key derived from the instance secret, bound to the user id
(tipline.crypto.secretbox).
"""

from __future__ import annotations

import hmac
import time

import pyotp
import segno

from tipline.accounts.errors import KeyUnavailableError
from tipline.crypto import secretbox

STEP_SECONDS = 30
DIGITS = 6
# Steps either side of now that are still accepted (clock drift, slow typing).
DRIFT_STEPS = 1
_KEY_INFO = b"tipline/accounts/totp-secret/v1"


def new_secret() -> str:
    """A fresh base32 secret of 160 bits (RFC 4226's recommendation)."""
    return pyotp.random_base32(32)


def seal_secret(secret: str, instance_secret: str, user_id: str) -> bytes:
    """Seal a TOTP secret for storage; the user id is authenticated data."""
    return secretbox.seal(secret.encode("ascii"), instance_secret, _KEY_INFO, user_id.encode())


def open_secret(sealed: bytes, instance_secret: str, user_id: str) -> str:
    """Open a sealed TOTP secret; :class:`KeyUnavailableError` if it does not authenticate."""
    try:
        plain = secretbox.open_sealed(sealed, instance_secret, _KEY_INFO, user_id.encode())
    except secretbox.SecretBoxError as exc:
        raise KeyUnavailableError(
            "the TOTP secret does not open with this instance secret"
        ) from exc
    return plain.decode("ascii")


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


def code_at_step(secret: str, step: int) -> str:
    """The code valid during ``step`` (used by tests and the matcher)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).at(step * STEP_SECONDS)


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code equals ``code`` (within the drift window), else None."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    now_step = current_step(now)
    found = None
    # Check every candidate (no early exit) so timing says nothing about which.
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at_step(secret, step), code) and found is None:
            found = step
    return found


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=username, issuer_name=issuer
    )


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline ``<svg>`` element (no script, no image URL)."""
    qr = segno.make(uri, error="m")
    svg: str = qr.svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="TOTP enrolment QR code"
    )
    return svg


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
