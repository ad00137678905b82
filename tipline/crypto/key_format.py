"""Parsing recipient and identity strings and files, and key-file formatting.

File conventions follow the age tool: one key per line, blank lines and lines
starting with ``#`` ignored. Errors name the line number but never echo an
identity line, which may be a secret key with a typo in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from tipline.crypto.errors import KeyFormatError
from tipline.crypto.hybrid import HybridIdentity, HybridRecipient
from tipline.crypto.x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AnyIdentity",
    "AnyRecipient",
    "format_identity_file",
    "parse_identities_file",
    "parse_identity",
    "parse_recipient",
    "parse_recipients_file",
]

AnyRecipient = X25519Recipient | HybridRecipient
AnyIdentity = X25519Identity | HybridIdentity


def parse_recipient(text: str) -> AnyRecipient:
    """Parse an ``age1pq1...`` (hybrid) or ``age1...`` (X25519) recipient."""
    text = text.strip()
    if text.startswith("age1pq1"):
        return HybridRecipient.from_string(text)
    if text.startswith("age1"):
        return X25519Recipient.from_string(text)
    if text.startswith(("ssh-", "ecdsa-")):
        raise KeyFormatError("SSH recipients are not supported; use an age1... recipient")
    if text.startswith("AGE-SECRET-KEY-"):
        raise KeyFormatError("this is a secret key (identity), not a recipient")
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise KeyFormatError(f"unknown recipient type: {shown!r} (want age1... or age1pq1...)")


def parse_identity(text: str) -> AnyIdentity:
    """Parse an ``AGE-SECRET-KEY-PQ-1...`` or ``AGE-SECRET-KEY-1...`` identity."""
    text = text.strip()
    if text.startswith("AGE-SECRET-KEY-PQ-1"):
        return HybridIdentity.from_string(text)
    if text.startswith("AGE-SECRET-KEY-1"):
        return X25519Identity.from_string(text)
    if text.startswith("age1"):
        raise KeyFormatError("this is a recipient (public key), not an identity")
    raise KeyFormatError(
        "unknown identity type (want AGE-SECRET-KEY-1... or AGE-SECRET-KEY-PQ-1...)"
    )


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


T = TypeVar("T")


def _parse_key_file(text: str, parse: Callable[[str], T], file_name: str, plural: str) -> list[T]:
    """Every key in a key file, one per line; raises naming the bad line number.

    The error never quotes the line itself: it may be a secret key.
    """
    keys = []
    for number, line in _lines(text):
        try:
            keys.append(parse(line))
        except KeyFormatError as exc:
            raise KeyFormatError(f"{file_name} line {number}: {exc}") from None
    if not keys:
        raise KeyFormatError(f"no {plural} found in {file_name}")
    return keys


def parse_recipients_file(text: str) -> list[AnyRecipient]:
    """All recipients in a recipients file; raises if there are none."""
    return _parse_key_file(text, parse_recipient, "recipients file", "recipients")


def parse_identities_file(text: str) -> list[AnyIdentity]:
    """All identities in an identity file (as written by age-keygen); raises if none."""
    return _parse_key_file(text, parse_identity, "identity file", "identities")


def format_identity_file(identity: AnyIdentity, now: datetime.datetime | None = None) -> str:
    """An identity file in age-keygen's layout (created / public key comments)."""
    now = now or datetime.datetime.now(datetime.UTC)
    created = now.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"# created: {created}\n# public key: {identity.recipient()}\n{identity}\n"
