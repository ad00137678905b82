"""age v1 (age-encryption.org/v1) file encryption on ``cryptography``'s primitives.

Everything tipline seals is a standard age file, so it can also be opened
offline with the reference ``age`` tool (or ``rage``, ``typage``)::

    identity = HybridIdentity.generate()
    sealed = encrypt(b"tip", [identity.recipient()])
    assert decrypt(sealed, [identity]) == b"tip"

Recipient types: ``mlkem768x25519`` (post-quantum hybrid, the default),
``X25519`` and ``scrypt`` (passphrase). Streaming: :func:`encrypt_stream`,
:func:`decrypt_stream`. Errors: subclasses of :class:`AgeError`.
"""

from __future__ import annotations

from tipline.crypto.api import decrypt, decrypt_stream, encrypt, encrypt_stream
from tipline.crypto.base import Identity, Recipient
from tipline.crypto.errors import (
    AgeError,
    ArmorError,
    HeaderError,
    HeaderMACError,
    KeyFormatError,
    NoIdentityError,
    PayloadError,
    RecipientError,
)
from tipline.crypto.format import Stanza
from tipline.crypto.hybrid import HybridIdentity, HybridRecipient
from tipline.crypto.key_format import (
    parse_identities_file,
    parse_identity,
    parse_recipient,
    parse_recipients_file,
)
from tipline.crypto.keyring import KeyRing
from tipline.crypto.scrypt import ScryptIdentity, ScryptRecipient
from tipline.crypto.stream import DecryptReader, EncryptWriter
from tipline.crypto.x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AgeError",
    "ArmorError",
    "DecryptReader",
    "EncryptWriter",
    "HeaderError",
    "HeaderMACError",
    "HybridIdentity",
    "HybridRecipient",
    "Identity",
    "KeyFormatError",
    "KeyRing",
    "NoIdentityError",
    "PayloadError",
    "Recipient",
    "RecipientError",
    "ScryptIdentity",
    "ScryptRecipient",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "decrypt_stream",
    "encrypt",
    "encrypt_stream",
    "parse_identities_file",
    "parse_identity",
    "parse_recipient",
    "parse_recipients_file",
]
