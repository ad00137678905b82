"""Checking that an age file is well formed and addressed right, without its key.

The intake accepts files a browser sealed (tipline.intake.presealed). It
cannot open them, by design, so it checks everything it can see and refuses
the rest:

- the header parses exactly (the strict parser in :mod:`tipline.crypto.format`);
- its stanzas are, by type and count, exactly one per organization recipient,
  each with the argument and body sizes that recipient type produces; a type
  we cannot check (scrypt, plugins, anything unknown) is refused;
- the payload is a nonce and a STREAM of whole 64 KiB chunks and one final
  chunk that may be empty only when it is the only one.

Neither the header MAC nor the chunks' tags can be verified without the file
key: a payload altered in transit still passes here and fails, loudly, when a
reviewer opens it. What this rules out is a file addressed to someone else,
to one recipient too few or too many, or one no age tool would read.

:class:`ShapeChecker` is a write-through filter: bytes go to the destination
as they arrive, apart from the header, which is held (at most
``MAX_SEALED_HEADER`` bytes) until it has been checked. Memory stays bounded
whatever the file's size.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from tipline.crypto.base import Recipient
from tipline.crypto.errors import AgeError, HeaderError, RecipientError
from tipline.crypto.format import FILE_KEY_SIZE, Stanza, b64decode, parse_header
from tipline.crypto.hybrid import ENC_SIZE, HybridRecipient
from tipline.crypto.hybrid import STANZA_TYPE as HYBRID_TYPE
from tipline.crypto.reader import Reader
from tipline.crypto.stream import CHUNK_SIZE, NONCE_SIZE, SEALED_CHUNK_SIZE, TAG_SIZE
from tipline.crypto.x25519 import STANZA_TYPE as X25519_TYPE
from tipline.crypto.x25519 import X25519Recipient

__all__ = ["MAX_SEALED_HEADER", "ShapeChecker", "ShapeError", "StanzaShape", "expected_shapes"]

# A hybrid stanza is about 1.6 KiB; this is room for dozens of recipients.
MAX_SEALED_HEADER = 64 * 1024
_X25519_SHARE_SIZE = 32
# Every native stanza body is the wrapped file key plus a 16-byte AEAD tag.
_WRAPPED_KEY_SIZE = FILE_KEY_SIZE + TAG_SIZE


class ShapeError(AgeError):
    """Not a well-formed age file addressed exactly to the expected recipients."""


@dataclass(frozen=True, order=True)
class StanzaShape:
    """What one recipient's stanza looks like: type, decoded argument sizes, body size."""

    type: str
    arg_sizes: tuple[int, ...]
    body_size: int

    @classmethod
    def of(cls, stanza: Stanza) -> StanzaShape:
        try:
            sizes = tuple(len(b64decode(arg)) for arg in stanza.args)
        except HeaderError as exc:
            raise ShapeError("a stanza argument is not base64") from exc
        return cls(stanza.type, sizes, len(stanza.body))


def expected_shapes(recipients: Sequence[Recipient]) -> list[StanzaShape]:
    """The stanza shapes a file sealed to ``recipients`` must carry.

    :class:`RecipientError` for a recipient type whose stanzas cannot be
    checked this way; such a recipient set cannot take browser-sealed files.
    """
    shapes = []
    for recipient in recipients:
        if isinstance(recipient, HybridRecipient):
            shapes.append(StanzaShape(HYBRID_TYPE, (ENC_SIZE,), _WRAPPED_KEY_SIZE))
        elif isinstance(recipient, X25519Recipient):
            shapes.append(StanzaShape(X25519_TYPE, (_X25519_SHARE_SIZE,), _WRAPPED_KEY_SIZE))
        else:
            raise RecipientError(f"cannot check stanzas for {type(recipient).__name__}")
    if not shapes:
        raise RecipientError("no recipients")
    return sorted(shapes)


def plaintext_size(payload_size: int) -> int:
    """The plaintext size of a STREAM payload of ``payload_size`` bytes (nonce included).

    :class:`ShapeError` if no age STREAM has that size.
    """
    sealed = payload_size - NONCE_SIZE
    if sealed < TAG_SIZE:
        raise ShapeError("payload too short")
    full, last = divmod(sealed, SEALED_CHUNK_SIZE)
    if last == 0:
        return full * CHUNK_SIZE
    if last < TAG_SIZE or (last == TAG_SIZE and full > 0):
        raise ShapeError("payload ends with a truncated or empty chunk")
    return full * CHUNK_SIZE + last - TAG_SIZE


def _plaintext_so_far(payload_size: int) -> int:
    """A lower bound on the plaintext that never decreases as bytes arrive."""
    sealed = max(payload_size - NONCE_SIZE, 0)
    full, last = divmod(sealed, SEALED_CHUNK_SIZE)
    return full * CHUNK_SIZE + max(last - TAG_SIZE, 0)


class ShapeChecker:
    """Write-through filter to ``dst`` that checks the shape of an age file.

    :meth:`write` returns how many *plaintext* bytes the file has grown by
    (for upload limits); :meth:`close` checks the end and returns the
    plaintext size. Both raise :class:`ShapeError` (or :class:`HeaderError`
    from the strict parser), after which nothing more may be written.
    """

    def __init__(self, dst: BinaryIO, expected: Sequence[StanzaShape]) -> None:
        self._dst = dst
        self._expected = Counter(expected)
        self._header: bytearray | None = bytearray()
        self._payload = 0
        self._counted = 0

    def write(self, data: bytes) -> int:
        if self._header is not None:
            self._header += data
            data = self._take_header()
            if self._header is not None:
                return 0
        self._dst.write(data)
        self._payload += len(data)
        grown = _plaintext_so_far(self._payload) - self._counted
        self._counted += grown
        return grown

    def close(self) -> int:
        if self._header is not None:
            raise ShapeError("file ends inside the header")
        return plaintext_size(self._payload)

    def _take_header(self) -> bytes:
        """Check and pass on the header once it is complete; return what follows."""
        assert self._header is not None
        buffer = self._header
        mac_line = buffer.find(b"\n---")
        end = buffer.find(b"\n", mac_line + 1) if mac_line >= 0 else -1
        if end < 0:
            if len(buffer) > MAX_SEALED_HEADER:
                raise ShapeError("header too large")
            if not b"age-encryption.org/v1\n".startswith(bytes(buffer[:22])):
                raise ShapeError("not a binary age v1 file")
            return b""
        header_bytes = bytes(buffer[: end + 1])
        if len(header_bytes) > MAX_SEALED_HEADER:
            raise ShapeError("header too large")
        header = parse_header(Reader(io.BytesIO(header_bytes)))
        found = Counter(StanzaShape.of(stanza) for stanza in header.stanzas)
        if found != self._expected:
            raise ShapeError("stanzas do not match the organization's recipients")
        self._dst.write(header_bytes)
        rest = bytes(buffer[end + 1 :])
        self._header = None
        return rest
