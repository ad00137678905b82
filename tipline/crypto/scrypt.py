"""The native scrypt (passphrase) recipient type.

An scrypt stanza must be the only stanza in its header: otherwise anyone
holding one of the other identities could produce a file that "opens with the
passphrase", defeating the implicit authentication of passphrase encryption.
:class:`ScryptRecipient` declares ``must_be_alone`` so :func:`encrypt` refuses
to mix it, and the decryption side rejects such headers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from tipline.crypto.base import Identity, Recipient, aead_unwrap, aead_wrap, check_body
from tipline.crypto.errors import HeaderError
from tipline.crypto.format import Stanza, b64decode, b64encode

__all__ = ["DEFAULT_MAX_WORK_FACTOR", "DEFAULT_WORK_FACTOR", "ScryptIdentity", "ScryptRecipient"]

STANZA_TYPE = "scrypt"
_LABEL = b"age-encryption.org/v1/scrypt"
_SALT_SIZE = 16
DEFAULT_WORK_FACTOR = 18
DEFAULT_MAX_WORK_FACTOR = 22
# log2(N) must be < 128*r/8 = 128 for scrypt with r=8; far beyond any sane cost.
_ABSOLUTE_MAX = 63
_DECIMAL_RE = re.compile(r"[1-9][0-9]*")


def _passphrase_bytes(passphrase: str | bytes) -> bytes:
    data = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
    if not data:
        raise ValueError("the passphrase must not be empty")
    return data


def _wrap_key(passphrase: bytes, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    return kdf.derive(passphrase)


class ScryptRecipient(Recipient):
    """Encrypt to a passphrase, with scrypt cost ``2**work_factor``."""

    must_be_alone = True

    def __init__(self, passphrase: str | bytes, work_factor: int = DEFAULT_WORK_FACTOR) -> None:
        if not 1 <= work_factor <= _ABSOLUTE_MAX:
            raise ValueError(f"scrypt work factor must be between 1 and {_ABSOLUTE_MAX}")
        self._passphrase = _passphrase_bytes(passphrase)
        self.work_factor = work_factor

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(_SALT_SIZE)
        key = _wrap_key(self._passphrase, salt, self.work_factor)
        args = (b64encode(salt), str(self.work_factor))
        return [Stanza(STANZA_TYPE, args, aead_wrap(key, file_key))]

    def __repr__(self) -> str:
        return f"ScryptRecipient(work_factor={self.work_factor})"


class ScryptIdentity(Identity):
    """Decrypt with a passphrase, refusing work factors above ``max_work_factor``.

    The cap matters: the work factor comes from the (untrusted) file, and each
    step doubles the time and memory an attacker can make us spend.
    """

    def __init__(
        self, passphrase: str | bytes, max_work_factor: int = DEFAULT_MAX_WORK_FACTOR
    ) -> None:
        if not 1 <= max_work_factor <= _ABSOLUTE_MAX:
            raise ValueError(f"max work factor must be between 1 and {_ABSOLUTE_MAX}")
        self._passphrase = _passphrase_bytes(passphrase)
        self.max_work_factor = max_work_factor

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            if len(stanzas) != 1:
                raise HeaderError("an scrypt stanza must be the only stanza in the header")
            if len(stanza.args) != 2:
                raise HeaderError("invalid scrypt stanza: want a salt and a work factor")
            salt = b64decode(stanza.args[0])
            if len(salt) != _SALT_SIZE:
                raise HeaderError("invalid scrypt stanza: salt must be 16 bytes")
            if not _DECIMAL_RE.fullmatch(stanza.args[1]) or len(stanza.args[1]) > 2:
                raise HeaderError("invalid scrypt stanza: malformed work factor")
            work_factor = int(stanza.args[1])
            if work_factor > self.max_work_factor:
                raise HeaderError(
                    f"scrypt work factor {work_factor} exceeds the limit {self.max_work_factor}"
                )
            check_body(stanza.body, "scrypt")
            return aead_unwrap(_wrap_key(self._passphrase, salt, work_factor), stanza.body)
        return None

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_work_factor={self.max_work_factor})"
