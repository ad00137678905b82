"""The native mlkem768x25519 (X-Wing) post-quantum hybrid recipient type.

``age1pq1...`` recipients and ``AGE-SECRET-KEY-PQ-1...`` identities. The KEM,
its combiner and HPKE itself come from ``cryptography.hazmat.primitives.hpke``;
what we add is the key schedule from the 32-byte seed that the age identity
encodes, which ``cryptography`` does not expose: per filippo.io/hpke-pq the
seed is expanded with SHAKE-256 to 96 bytes, the first 64 being the ML-KEM-768
``d || z`` seed and the last 32 the X25519 private key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from tipline.crypto import bech32
from tipline.crypto.base import Identity, Recipient, check_body
from tipline.crypto.errors import HeaderError, KeyFormatError
from tipline.crypto.format import Stanza, b64decode, b64encode

__all__ = ["HybridIdentity", "HybridRecipient"]

RECIPIENT_HRP = "age1pq"
IDENTITY_HRP = "AGE-SECRET-KEY-PQ-"
STANZA_TYPE = "mlkem768x25519"
_INFO = b"age-encryption.org/mlkem768x25519"
_SEED_SIZE = 32
_MLKEM_PK_SIZE = 1184
_MLKEM_CT_SIZE = 1088
_X25519_SIZE = 32
PUBLIC_KEY_SIZE = _MLKEM_PK_SIZE + _X25519_SIZE  # 1216
ENC_SIZE = _MLKEM_CT_SIZE + _X25519_SIZE  # 1120

_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


class HybridRecipient(Recipient):
    """An ML-KEM-768 + X25519 public key; ``str()`` gives ``age1pq1...``."""

    def __init__(self, public_key: bytes, _key: hpke.MLKEM768X25519PublicKey | None = None) -> None:
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise KeyFormatError(f"a hybrid recipient is {PUBLIC_KEY_SIZE} bytes")
        self._raw = bytes(public_key)
        if _key is not None:  # from HybridIdentity.recipient: already parsed
            self._key = _key
            return
        try:
            self._key = hpke.MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(self._raw[:_MLKEM_PK_SIZE]),
                X25519PublicKey.from_public_bytes(self._raw[_MLKEM_PK_SIZE:]),
            )
        except ValueError as exc:
            raise KeyFormatError("invalid hybrid recipient: bad ML-KEM public key") from exc

    @classmethod
    def from_string(cls, text: str) -> HybridRecipient:
        """Parse an ``age1pq1...`` recipient."""
        hrp, data = bech32.decode(text)
        if hrp != RECIPIENT_HRP:
            raise KeyFormatError(f"not a hybrid recipient (prefix {hrp!r}, want 'age1pq1')")
        return cls(data)

    def public_bytes(self) -> bytes:
        return self._raw

    def wrap(self, file_key: bytes) -> list[Stanza]:
        sealed = _SUITE.encrypt(file_key, self._key, info=_INFO)
        enc, body = sealed[:ENC_SIZE], sealed[ENC_SIZE:]
        return [Stanza(STANZA_TYPE, (b64encode(enc),), body)]

    def __str__(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._raw)

    def __repr__(self) -> str:
        return f"HybridRecipient({str(self)[:24]}...)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HybridRecipient) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._raw))


class HybridIdentity(Identity):
    """A hybrid identity (a 32-byte seed); ``str()`` gives ``AGE-SECRET-KEY-PQ-1...``."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != _SEED_SIZE:
            raise KeyFormatError("a hybrid identity seed is 32 bytes")
        self._seed = bytes(seed)
        expanded = hashlib.shake_256(self._seed).digest(64 + _X25519_SIZE)
        mlkem_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(expanded[:64])
        self._x25519 = X25519PrivateKey.from_private_bytes(expanded[64:])
        self._key = hpke.MLKEM768X25519PrivateKey(mlkem_key, self._x25519)
        mlkem_public, x25519_public = mlkem_key.public_key(), self._x25519.public_key()
        self._public = mlkem_public.public_bytes_raw() + x25519_public.public_bytes_raw()
        # Kept, so recipient() need not parse its own public key again.
        self._public_key = hpke.MLKEM768X25519PublicKey(mlkem_public, x25519_public)

    @classmethod
    def generate(cls) -> HybridIdentity:
        """A new random identity."""
        return cls(os.urandom(_SEED_SIZE))

    @classmethod
    def from_seed(cls, seed: bytes) -> HybridIdentity:
        """Deterministic identity from a 32-byte seed (e.g. a derived key)."""
        return cls(seed)

    @classmethod
    def from_string(cls, text: str) -> HybridIdentity:
        """Parse an ``AGE-SECRET-KEY-PQ-1...`` identity."""
        hrp, data = bech32.decode(text)
        if hrp != IDENTITY_HRP:
            raise KeyFormatError("not a hybrid identity (want 'AGE-SECRET-KEY-PQ-1...')")
        if len(data) != _SEED_SIZE:
            raise KeyFormatError("invalid hybrid identity: wrong length")
        return cls(data)

    def recipient(self) -> HybridRecipient:
        """The matching public recipient."""
        return HybridRecipient(self._public, self._public_key)

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            if len(stanza.args) != 1:
                raise HeaderError("invalid mlkem768x25519 stanza: want exactly one argument")
            enc = b64decode(stanza.args[0])
            if len(enc) != ENC_SIZE:
                raise HeaderError(f"invalid mlkem768x25519 stanza: enc must be {ENC_SIZE} bytes")
            check_body(stanza.body, "mlkem768x25519")
            try:
                # HPKE's decap would just fail to authenticate on a low-order
                # X25519 share; the spec (and the test vectors) want such a
                # stanza rejected as malformed, so check it explicitly.
                self._x25519.exchange(X25519PublicKey.from_public_bytes(enc[_MLKEM_CT_SIZE:]))
            except ValueError as exc:
                raise HeaderError("invalid mlkem768x25519 stanza: low-order X25519 share") from exc
            try:
                return _SUITE.decrypt(enc + stanza.body, self._key, info=_INFO)
            except InvalidTag:
                continue
        return None

    def __str__(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._seed)

    def __repr__(self) -> str:
        return f"HybridIdentity(recipient={str(self.recipient())[:24]}...)"
