"""The recipient/identity interfaces and helpers shared by the native types.

A :class:`Recipient` wraps a file key into one or more stanzas; an
:class:`Identity` looks at all the stanzas of a header and either returns the
file key, returns ``None`` ("not addressed to me"), or raises
:class:`~tipline.crypto.errors.HeaderError` for a stanza of its own type that
is malformed (the spec's "MUST reject").
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tipline.crypto.errors import HeaderError
from tipline.crypto.format import FILE_KEY_SIZE, Stanza

__all__ = ["Identity", "Recipient", "aead_unwrap", "aead_wrap"]

_ZERO_NONCE = bytes(12)
WRAPPED_KEY_SIZE = FILE_KEY_SIZE + 16


class Recipient(ABC):
    """Something a file can be encrypted to."""

    #: True for recipient types whose stanza must be the only one in the
    #: header (scrypt: a passphrase-protected file must not also be openable
    #: by someone else, or "I typed the passphrase" would prove nothing).
    must_be_alone: bool = False

    @abstractmethod
    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Return the stanza(s) that let the matching identity recover ``file_key``."""


class Identity(ABC):
    """Something that can open files encrypted to a matching recipient."""

    @abstractmethod
    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key if a stanza is addressed to this identity, else ``None``.

        Raises :class:`HeaderError` if a stanza of this identity's type is malformed.
        """


def aead_wrap(key: bytes, file_key: bytes) -> bytes:
    """Encrypt the file key under a single-use wrap key (fixed zero nonce)."""
    return ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)


def check_body(body: bytes, kind: str) -> None:
    """Reject a stanza body that is not exactly one wrapped file key.

    Done before any decryption attempt, as the spec requires, so differently
    sized bodies cannot be used as a partitioning oracle.
    """
    if len(body) != WRAPPED_KEY_SIZE:
        raise HeaderError(f"invalid {kind} stanza: body must be {WRAPPED_KEY_SIZE} bytes")


def aead_unwrap(key: bytes, body: bytes) -> bytes | None:
    """Decrypt a wrapped file key; ``None`` if it does not authenticate."""
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None
