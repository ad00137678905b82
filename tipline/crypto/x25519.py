"""The native X25519 recipient type (``age1...`` / ``AGE-SECRET-KEY-1...``)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from tipline.crypto import bech32
from tipline.crypto.base import Identity, Recipient, aead_unwrap, aead_wrap, check_body
from tipline.crypto.errors import HeaderError, KeyFormatError
from tipline.crypto.format import Stanza, b64decode, b64encode, hkdf_sha256

__all__ = ["X25519Identity", "X25519Recipient"]

RECIPIENT_HRP = "age"
IDENTITY_HRP = "AGE-SECRET-KEY-"
STANZA_TYPE = "X25519"
_INFO = b"age-encryption.org/v1/X25519"
_KEY_SIZE = 32


class X25519Recipient(Recipient):
    """An X25519 public key; ``str()`` gives its ``age1...`` encoding."""

    __slots__ = ("_key", "_raw")

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != _KEY_SIZE:
            raise KeyFormatError("an X25519 recipient is 32 bytes")
        self._raw = bytes(public_key)
        self._key = X25519PublicKey.from_public_bytes(self._raw)

    @classmethod
    def from_string(cls, text: str) -> X25519Recipient:
        """Parse an ``age1...`` recipient."""
        hrp, data = bech32.decode(text)
        if hrp != RECIPIENT_HRP:
            raise KeyFormatError(f"not an X25519 recipient (prefix {hrp!r}, want 'age1')")
        if len(data) != _KEY_SIZE:
            raise KeyFormatError("invalid X25519 recipient: wrong length")
        return cls(data)

    def public_bytes(self) -> bytes:
        return self._raw

    def wrap(self, file_key: bytes) -> list[Stanza]:
        # A fresh ephemeral key for every stanza, as the spec requires.
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(self._key)
        wrap_key = hkdf_sha256(shared, share + self._raw, _INFO)
        return [Stanza(STANZA_TYPE, (b64encode(share),), aead_wrap(wrap_key, file_key))]

    def __str__(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._raw)

    def __repr__(self) -> str:
        return f"X25519Recipient({self!s})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519Recipient) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._raw))


class X25519Identity(Identity):
    """An X25519 secret key; ``str()`` gives ``AGE-SECRET-KEY-1...`` (a secret!)."""

    __slots__ = ("_key", "_public", "_secret")

    def __init__(self, secret: bytes) -> None:
        if len(secret) != _KEY_SIZE:
            raise KeyFormatError("an X25519 identity is 32 bytes")
        self._secret = bytes(secret)
        self._key = X25519PrivateKey.from_private_bytes(self._secret)
        self._public = self._key.public_key().public_bytes_raw()

    @classmethod
    def generate(cls) -> X25519Identity:
        """A new random identity."""
        return cls(os.urandom(_KEY_SIZE))

    @classmethod
    def from_bytes(cls, secret: bytes) -> X25519Identity:
        """Deterministic identity from 32 bytes (e.g. a derived key)."""
        return cls(secret)

    @classmethod
    def from_string(cls, text: str) -> X25519Identity:
        """Parse an ``AGE-SECRET-KEY-1...`` identity."""
        hrp, data = bech32.decode(text)
        if hrp != IDENTITY_HRP:
            raise KeyFormatError("not an X25519 identity (want 'AGE-SECRET-KEY-1...')")
        if len(data) != _KEY_SIZE:
            raise KeyFormatError("invalid X25519 identity: wrong length")
        return cls(data)

    def recipient(self) -> X25519Recipient:
        """The matching public recipient."""
        return X25519Recipient(self._public)

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            if len(stanza.args) != 1:
                raise HeaderError("invalid X25519 stanza: want exactly one argument")
            share = b64decode(stanza.args[0])
            if len(share) != _KEY_SIZE:
                raise HeaderError("invalid X25519 stanza: share must be 32 bytes")
            check_body(stanza.body, "X25519")
            try:
                shared = self._key.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError as exc:
                # OpenSSL refuses an all-zero shared secret (a low-order share);
                # the spec says to abort rather than treat it as "not mine".
                raise HeaderError("invalid X25519 stanza: low-order share") from exc
            wrap_key = hkdf_sha256(shared, share + self._public, _INFO)
            file_key = aead_unwrap(wrap_key, stanza.body)
            if file_key is not None:
                return file_key
        return None

    def __str__(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._secret)

    def __repr__(self) -> str:
        # Never the secret: identities end up in logs and tracebacks.
        return f"X25519Identity(recipient={self.recipient()!s})"
