"""The age payload: STREAM with ChaCha20-Poly1305 over 64 KiB chunks.

Chunk ``i`` is sealed under the payload key with the 12-byte nonce
``i`` (11 bytes, big endian) ``||`` ``0x01`` for the final chunk, ``0x00``
otherwise. The final chunk may be short but is empty only when the whole
plaintext is.

Writing holds back at most one chunk: a full chunk cannot be sealed until we
know whether more data follows (it might be the final one). Reading keeps one
byte of look-ahead for the same reason, and releases a chunk's plaintext only
after its tag verified. Both sides reuse one ``ChaCha20Poly1305`` object and
move data through ``memoryview`` slices, so the Python overhead per 64 KiB
chunk is a few hundred nanoseconds next to the AEAD's tens of microseconds.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tipline.crypto.armor import ArmorWriter
from tipline.crypto.errors import AgeError, PayloadError
from tipline.crypto.format import hkdf_sha256
from tipline.crypto.reader import Reader

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

__all__ = [
    "CHUNK_SIZE",
    "NONCE_SIZE",
    "DecryptReader",
    "EncryptWriter",
    "payload_key",
    "seal_payload",
]

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16
_MAX_CHUNKS = 1 << 88  # the counter is 11 bytes
_T = TypeVar("_T")


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    """The payload key: HKDF-SHA-256(file key, salt = nonce, info = "payload")."""
    return hkdf_sha256(file_key, nonce, b"payload")


def seal_payload(file_key: bytes, data: bytes | bytearray | memoryview) -> bytes:
    """Nonce and STREAM-sealed chunks of a payload held whole in memory.

    The one-shot path for :func:`~tipline.crypto.encrypt`: no buffering, and
    for a small tip just one AEAD call.
    """
    nonce = os.urandom(NONCE_SIZE)
    aead = ChaCha20Poly1305(payload_key(file_key, nonce))
    view = memoryview(data).cast("B")
    last = max(0, (len(view) - 1) // CHUNK_SIZE)  # index of the final chunk
    parts = [nonce]
    for i in range(last + 1):
        piece = view[i * CHUNK_SIZE : (i + 1) * CHUNK_SIZE]
        parts.append(aead.encrypt(((i << 8) | (i == last)).to_bytes(12, "big"), piece, None))
    return b"".join(parts)


class EncryptWriter:
    """Writable end of an age file. Call :meth:`close` (or use ``with``) to finish it.

    ``close()`` seals the final chunk and writes the armor footer but leaves
    ``dst`` open. Leaving a ``with`` block through an exception does *not*
    finish the file: a half-written stream must stay detectably truncated,
    never become a valid encryption of partial data.
    """

    def __init__(self, dst: BinaryIO, header: bytes, file_key: bytes, *, armor: bool) -> None:
        self._dst = dst
        self._armor = ArmorWriter(dst) if armor else None
        self._sink = self._armor.write if self._armor is not None else dst.write
        nonce = os.urandom(NONCE_SIZE)
        self._aead = ChaCha20Poly1305(payload_key(file_key, nonce))
        self._sink(header)
        self._sink(nonce)
        self._buf = bytearray()
        self._out = bytearray()
        self._counter = 0
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def writable(self) -> bool:
        return not self._closed

    def _nonce(self, last: int) -> bytes:
        if self._counter >= _MAX_CHUNKS:
            raise PayloadError("payload too large for the STREAM counter")
        nonce = ((self._counter << 8) | last).to_bytes(12, "big")
        self._counter += 1
        return nonce

    def _seal(self, data: bytes | bytearray | memoryview, last: int) -> None:
        self._sink(self._aead.encrypt(self._nonce(last), data, None))

    def _seal_many(self, view: memoryview, count: int) -> None:
        """Seal ``count`` whole, non-final chunks of ``view`` and write them at once.

        ``encrypt_into`` writes each sealed chunk into one reused buffer, so a
        large write (a backup's 1 MiB blocks) costs one ``write`` call and no
        allocation per chunk. (The buffer is reused: a ``write`` must not keep
        the object it is handed, as the io protocol requires.)
        """
        size = count * SEALED_CHUNK_SIZE
        if len(self._out) < size:
            self._out = bytearray(size)
        out = memoryview(self._out)
        aead = self._aead
        for i in range(count):
            start = i * CHUNK_SIZE
            at = i * SEALED_CHUNK_SIZE
            aead.encrypt_into(
                self._nonce(0),
                view[start : start + CHUNK_SIZE],
                None,
                out[at : at + SEALED_CHUNK_SIZE],
            )
        self._sink(out[:size])

    def write(self, data: ReadableBuffer) -> int:
        """Encrypt ``data``; returns ``len(data)`` (in bytes)."""
        if self._closed:
            raise ValueError("write to a closed EncryptWriter")
        view = memoryview(data).cast("B")
        size = len(view)
        buf = self._buf
        pos = 0
        if buf:
            pos = min(CHUNK_SIZE - len(buf), size)
            buf += view[:pos]
            if pos == size:
                return size
            self._seal(buf, 0)  # full, and more data follows: not final
            buf.clear()
        # Seal whole chunks straight from the caller's buffer, keeping back
        # the last one (it could turn out to be the final chunk).
        whole = (size - pos - 1) // CHUNK_SIZE if size > pos else 0
        if whole:
            self._seal_many(view[pos:], whole)
            pos += whole * CHUNK_SIZE
        buf += view[pos:]
        return size

    def flush(self) -> None:
        """Flush ``dst`` (buffered plaintext stays buffered until a chunk fills)."""
        flush = getattr(self._dst, "flush", None)
        if callable(flush):
            flush()

    def close(self) -> None:
        """Seal the final chunk and finish the armor; ``dst`` stays open."""
        if self._closed:
            return
        self._seal(self._buf, 1)
        self._buf.clear()
        if self._armor is not None:
            self._armor.close()
        self._closed = True
        self.flush()

    def abort(self) -> None:
        """Stop without writing a final chunk (the output stays invalid)."""
        self._buf.clear()
        self._closed = True

    def __enter__(self) -> EncryptWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class DecryptReader(io.RawIOBase):
    """Readable plaintext of an age file whose header has been opened.

    Reads return plaintext only from chunks that authenticated. Any problem
    (tampering, truncation, trailing data) raises :class:`PayloadError` (or
    :class:`~tipline.crypto.errors.ArmorError` for armored input) once the
    plaintext before it has been consumed, and again on every later read:
    an early end is never reported as a short, clean EOF.
    """

    def __init__(self, src: Reader, file_key: bytes, nonce: bytes) -> None:
        super().__init__()
        self._src = src
        self._aead = ChaCha20Poly1305(payload_key(file_key, nonce))
        self._buf = bytearray(SEALED_CHUNK_SIZE + 1)
        self._view = memoryview(self._buf)
        self._carry = 0  # look-ahead byte already at the front of _buf
        self._counter = 0
        self._chunk = b""
        self._off = 0
        self._eof = False
        self._error: AgeError | None = None
        self._pending: AgeError | None = None
        self._many = bytearray()  # ciphertext of a batch of chunks (_open_many)

    def readable(self) -> bool:
        return True

    def _fail(self, message: str) -> PayloadError:
        self._error = PayloadError(f"{message} (chunk {self._counter})")
        return self._error

    def _open(self, data: memoryview, last: int) -> bytes | None:
        nonce = ((self._counter << 8) | last).to_bytes(12, "big")
        try:
            return self._aead.decrypt(nonce, data, None)
        except InvalidTag:
            return None

    def _open_to(self, data: memoryview, last: int, out: memoryview) -> int | None:
        """Open ``data`` into the start of ``out``; its length, or None if it fails."""
        target = out[: len(data) - TAG_SIZE]
        nonce = ((self._counter << 8) | last).to_bytes(12, "big")
        try:
            self._aead.decrypt_into(nonce, data, None, target)
        except InvalidTag:
            # decrypt_into writes the plaintext before it checks the tag.
            target[:] = bytes(len(target))
            return None
        return len(target)

    def _check(self) -> bool:
        """Raise a stored error; False once the final chunk has been read."""
        if self._error is not None:
            raise self._error
        if self._pending is not None:
            self._error, self._pending = self._pending, None
            raise self._error
        return not self._eof

    def _rules(self, left: int, attempt: Callable[[int], _T | None]) -> _T:
        """Open the next chunk by STREAM's rules; ``left`` counts its bytes and all after it.

        ``attempt(last)`` opens the chunk as final (1) or not (0) and returns
        None if its tag does not verify.
        """
        if left > SEALED_CHUNK_SIZE:
            # A full chunk with more data after it: normally not final.
            result = attempt(0)
            if result is None:
                result = attempt(1)
                if result is None:
                    raise self._fail("payload chunk failed to authenticate")
                # A valid final chunk followed by more bytes: release it, as
                # it is authentic, then report the trailing data.
                self._eof = True
                self._pending = PayloadError("trailing data after the final payload chunk")
        elif left == SEALED_CHUNK_SIZE:
            self._eof = True
            result = attempt(1)
            if result is None:
                result = attempt(0)
                if result is None:
                    raise self._fail("payload chunk failed to authenticate")
                self._pending = PayloadError("payload truncated: no final chunk")
        else:
            self._eof = True
            if left == TAG_SIZE and self._counter > 0:
                raise self._fail("final payload chunk is empty")
            if left < TAG_SIZE:
                raise self._fail("payload truncated")
            result = attempt(1)
            if result is None:
                raise self._fail("payload chunk failed to authenticate (or truncated)")
        self._counter += 1
        return result

    def _fill(self, view: memoryview) -> int:
        """Read into ``view`` after the look-ahead byte; the byte count, that byte included."""
        view[: self._carry] = self._view[: self._carry]
        try:
            n = self._carry + self._src.readinto_full(view[self._carry :])
        except AgeError as exc:  # armor errors surface while reading
            self._error = exc
            raise
        self._carry = 0
        return n

    def _next_chunk(self) -> bytes | None:
        """Authenticate and return the next chunk; ``None`` after the final one."""
        if not self._check():
            return None
        n = self._fill(self._view)
        data = self._view[: min(n, SEALED_CHUNK_SIZE)]
        plain = self._rules(n, partial(self._open, data))
        if not self._eof:
            self._buf[0] = self._buf[SEALED_CHUNK_SIZE]
            self._carry = 1
        return plain

    def _open_many(self, view: memoryview) -> int:
        """Decrypt as many whole chunks as ``view`` holds into it; 0 after the final one.

        One read for all their ciphertext, then :meth:`_rules` chunk by chunk.
        A chunk that fails ends the batch: what verified before it is
        returned, and the error is raised at the next read.
        """
        if not self._check():
            return 0
        count = len(view) // CHUNK_SIZE
        need = count * SEALED_CHUNK_SIZE + 1
        if len(self._many) < need:
            self._many = bytearray(need)
        sealed = memoryview(self._many)
        n = self._fill(sealed[:need])
        done = 0
        for start in range(0, count * SEALED_CHUNK_SIZE, SEALED_CHUNK_SIZE):
            data = sealed[start : min(n, start + SEALED_CHUNK_SIZE)]
            try:
                done += self._rules(n - start, partial(self._open_to, data, out=view[done:]))
            except AgeError:
                if done:
                    return done  # self._error is raised at the next read
                raise
            if self._eof:
                return done
        self._view[0] = sealed[need - 1]
        self._carry = 1
        return done

    def read(self, size: int | None = -1) -> bytes:
        """Read up to ``size`` plaintext bytes (all remaining if negative)."""
        if self.closed:
            raise ValueError("read from a closed DecryptReader")
        if size is None or size < 0:
            return self.readall()
        if size == 0:
            return b""
        while self._off >= len(self._chunk):
            chunk = self._next_chunk()
            if chunk is None:
                return b""
            self._chunk, self._off = chunk, 0
        if self._off == 0 and size >= len(self._chunk):
            out = self._chunk
        else:
            out = self._chunk[self._off : self._off + size]
        self._off += len(out)
        return out

    def readinto(self, buffer: WriteableBuffer) -> int:
        """Read up to ``len(buffer)`` plaintext bytes into ``buffer``.

        A buffer of one chunk or more, with no chunk part-way read, is filled
        by :meth:`_open_many`: whole chunks decrypted straight into it, after
        one read of their ciphertext. (A backup's restore reads 1 MiB blocks
        this way: 16 chunks for each call and no copy.)
        """
        view = memoryview(buffer).cast("B")
        if len(view) >= CHUNK_SIZE and self._off >= len(self._chunk):
            if self.closed:
                raise ValueError("read from a closed DecryptReader")
            return self._open_many(view)
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes]:
        """Yield the remaining plaintext one authenticated chunk at a time."""
        if self.closed:
            raise ValueError("read from a closed DecryptReader")
        if self._off < len(self._chunk):
            rest = self._chunk[self._off :]
            self._off = len(self._chunk)
            yield rest
        while (chunk := self._next_chunk()) is not None:
            self._chunk, self._off = chunk, len(chunk)
            if chunk:
                yield chunk
