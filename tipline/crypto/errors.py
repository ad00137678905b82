"""Exceptions raised by the age implementation.

Every failure mode that the C2SP CCTV test vectors distinguish has its own
class, so callers (and the vector tests) can tell a malformed header from a
wrong key from a tampered payload. All of them subclass :class:`AgeError`, so
``except AgeError`` is enough for code that only needs to know "this did not
open". Messages never include key material or plaintext.
"""

from __future__ import annotations

__all__ = [
    "AgeError",
    "ArmorError",
    "HeaderError",
    "HeaderMACError",
    "KeyFormatError",
    "NoIdentityError",
    "PayloadError",
    "RecipientError",
]


class AgeError(Exception):
    """Base class of every error raised by :mod:`tipline.crypto`."""


class HeaderError(AgeError):
    """The age header (or the payload nonce after it) is malformed."""


class NoIdentityError(AgeError):
    """The header parsed, but none of the identities unwrapped the file key."""

    def __init__(self, message: str = "no identity matched any of the file's recipients") -> None:
        super().__init__(message)


class HeaderMACError(AgeError):
    """A file key was unwrapped but the header MAC does not verify.

    This means the header was tampered with (or the stanza that matched was
    forged by someone who does not know the file key of the real header).
    """

    def __init__(self, message: str = "header MAC mismatch: the header was modified") -> None:
        super().__init__(message)


class PayloadError(AgeError):
    """The encrypted payload is truncated, tampered with, or has trailing data."""


class ArmorError(AgeError):
    """The ASCII armor is not the strict PEM encoding age requires."""


class KeyFormatError(AgeError, ValueError):
    """A recipient or identity string (or key file) could not be parsed.

    It is also a :class:`ValueError`, so generic input validation code that
    catches ``ValueError`` handles it. Messages about identities never echo the
    offending text: it may be a (slightly mistyped) secret key.
    """


class RecipientError(AgeError, ValueError):
    """The set of recipients cannot be used together (e.g. scrypt mixed with others)."""
