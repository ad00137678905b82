"""Small values sealed under a key derived from the instance secret.

For what the server must read back on its own, without any reviewer's key,
yet should not be readable from a stolen database alone: a reviewer's TOTP
secret (tipline.accounts.totp), a reviewer's notification address
(tipline.notify.subscriptions). The instance secret lives in
``instance/config.py``, outside the database.

Each use names its own ``purpose`` (the key is HMAC-SHA256(instance secret,
purpose)), and binds the value to its row with ``context`` (authenticated
data, e.g. the user id), so a sealed value copied to another row or used for
another purpose does not open. Format: 12-byte nonce, then
ChaCha20-Poly1305 ciphertext and tag.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

NONCE_SIZE = 12


class SecretBoxError(ValueError):
    """The sealed value does not open with this instance secret, purpose and context."""


def _key(instance_secret: str, purpose: bytes) -> bytes:
    return hmac.new(instance_secret.encode("utf-8"), purpose, hashlib.sha256).digest()


def seal(data: bytes, instance_secret: str, purpose: bytes, context: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return nonce + ChaCha20Poly1305(_key(instance_secret, purpose)).encrypt(nonce, data, context)


def open_sealed(sealed: bytes, instance_secret: str, purpose: bytes, context: bytes) -> bytes:
    try:
        return ChaCha20Poly1305(_key(instance_secret, purpose)).decrypt(
            sealed[:NONCE_SIZE], sealed[NONCE_SIZE:], context
        )
    except (InvalidTag, ValueError) as exc:
        raise SecretBoxError("the sealed value does not open with this instance secret") from exc
