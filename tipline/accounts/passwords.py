"""Passwords: rules, Argon2id, the keyed verifier and the per-user wrap key.

``Argon2id(password, per-user salt)`` gives 64 bytes. The first half is never
stored; only ``HMAC-SHA256(INSTANCE_SECRET, first half)`` is (the verifier).
The second half goes through HKDF with the instance secret as salt to an
X25519 identity that the user's copy of the organization identity is sealed
to. Without the instance secret (kept outside the database) a stolen database
allows no offline guessing of either.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tipline import wordlist
from tipline.accounts.errors import WeakPasswordError
from tipline.crypto import X25519Identity

MIN_LENGTH = 14
# Bounds the KDF's input so a huge form field cannot be used to burn CPU.
MAX_LENGTH = 1024
SALT_SIZE = 16
SUGGESTED_WORDS = 6
_WRAP_INFO = b"tipline/accounts/wrap-key/v1/"
_RECIPIENT_INFO = b"tipline/accounts/wrap-recipient/v1/"
# Salt for the dummy derivation run for unknown users (equal timing).
_DUMMY_SALT = b"tipline-no-user!"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored per user so a config change locks nobody out."""

    memory_kib: int
    iterations: int
    lanes: int


@dataclass(frozen=True)
class DerivedKeys:
    """What a password yields: the stored verifier, the wrap identity, and the
    HMAC that vouches for the wrap identity's recipient (:func:`recipient_mac`)."""

    verifier: bytes
    wrap_identity: X25519Identity
    recipient_mac: bytes

    def matches(self, stored_verifier: bytes) -> bool:
        return hmac.compare_digest(self.verifier, stored_verifier)

    def __repr__(self) -> str:
        return "DerivedKeys(...)"


def check_password(password: str) -> None:
    """Raise :class:`WeakPasswordError` unless ``password`` meets the rules."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(
            f"Use at least {MIN_LENGTH} characters (a passphrase of words is best)."
        )
    if len(password) > MAX_LENGTH:
        raise WeakPasswordError(f"Use at most {MAX_LENGTH} characters.")
    if not password.strip():
        raise WeakPasswordError("A password cannot be only spaces.")


def suggest() -> str:
    """A diceware passphrase (6 EFF words, about 77 bits) to offer as a password."""
    return wordlist.generate(SUGGESTED_WORDS)


def one_time_password() -> str:
    """A fresh one-time password handed out by an admin (7 words, ~90 bits)."""
    return wordlist.generate(wordlist.PHRASE_WORDS)


def new_salt() -> bytes:
    return os.urandom(SALT_SIZE)


def _secret(instance_secret: str) -> bytes:
    if not instance_secret:
        raise ValueError("INSTANCE_SECRET is not configured")
    return instance_secret.encode("utf-8")


def derive(
    password: str, salt: bytes, params: KdfParams, instance_secret: str, user_id: str
) -> DerivedKeys:
    """Run Argon2id once and split the result into verifier and wrap identity."""
    secret = _secret(instance_secret)
    stretched = Argon2id(
        salt=salt,
        length=64,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(password.encode("utf-8"))
    verifier = hmac.new(secret, stretched[:32], hashlib.sha256).digest()
    # The user id in the info binds a wrap key to its row: copying another
    # user's salt and verifier does not yield their wrap key.
    wrap_seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=secret, info=_WRAP_INFO + user_id.encode()
    ).derive(stretched[32:])
    wrap_identity = X25519Identity.from_bytes(wrap_seed)
    mac = recipient_mac(instance_secret, user_id, str(wrap_identity.recipient()))
    return DerivedKeys(verifier, wrap_identity, mac)


def recipient_mac(instance_secret: str, user_id: str, recipient: str) -> bytes:
    """HMAC under the instance secret binding a wrap recipient to its user."""
    message = _RECIPIENT_INFO + user_id.encode() + b"\n" + recipient.encode()
    return hmac.new(_secret(instance_secret), message, hashlib.sha256).digest()


def derive_dummy(params: KdfParams, instance_secret: str) -> None:
    """Spend the same time as :func:`derive` for a username that does not exist."""
    derive("dummy password for timing", _DUMMY_SALT, params, instance_secret, "")
