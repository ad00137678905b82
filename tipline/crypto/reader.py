"""A small buffered reader shared by the header parser, armor and STREAM code.

Why not ``io.BufferedReader``: the inputs we get are arbitrary ``BinaryIO``
objects (files, sockets, WSGI streams, our own armor decoder), not
``RawIOBase`` instances, and the header parser needs ``peek``/``readline``
with a hard length limit so a hostile file cannot make us buffer an unbounded
line. After the header the payload reader drains what is buffered here and
then reads straight from the underlying object into its own chunk buffer, so
payload bytes are copied only once.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Readable", "Reader"]

_READ_SIZE = 16 * 1024


class Readable(Protocol):
    """Anything with a binary ``read(n)``."""

    def read(self, size: int = -1, /) -> bytes: ...


class Reader:
    """Buffered view of a :class:`Readable`, with ``peek``/``readline``."""

    def __init__(self, raw: Readable) -> None:
        self._raw = raw
        # Prefer readinto: it lets the payload reader fill its own buffer.
        readinto = getattr(raw, "readinto", None)
        self._readinto = readinto if callable(readinto) else None
        self._buf = bytearray()
        self._pos = 0
        self._eof = False

    def _buffered(self) -> int:
        return len(self._buf) - self._pos

    def _fill(self, want: int) -> None:
        """Buffer at least ``want`` bytes unless the input ends first."""
        if self._pos:
            # Compact lazily, so consuming many short lines stays O(n).
            del self._buf[: self._pos]
            self._pos = 0
        while len(self._buf) < want and not self._eof:
            data = self._raw.read(max(_READ_SIZE, want - len(self._buf)))
            if not data:
                self._eof = True
            else:
                self._buf += data

    def peek(self, size: int) -> bytes:
        """Return up to ``size`` upcoming bytes without consuming them."""
        if self._buffered() < size:
            self._fill(size)
        return bytes(self._buf[self._pos : self._pos + size])

    def read(self, size: int) -> bytes:
        """Read up to ``size`` bytes (fewer only at end of input)."""
        if self._buffered() < size:
            self._fill(size)
        out = bytes(self._buf[self._pos : self._pos + size])
        self._pos += len(out)
        return out

    def readline(self, limit: int) -> tuple[bytes, bool]:
        """Read one line including its ``\\n``.

        Returns ``(line, ok)``: ``ok`` is False when no newline was found within
        ``limit`` bytes or before end of input; ``line`` then holds what was
        consumed (at most ``limit`` bytes).
        """
        while True:
            end = min(len(self._buf), self._pos + limit)
            idx = self._buf.find(b"\n", self._pos, end)
            if idx >= 0:
                line = bytes(self._buf[self._pos : idx + 1])
                self._pos = idx + 1
                return line, True
            if end - self._pos >= limit or self._eof:
                line = bytes(self._buf[self._pos : end])
                self._pos = end
                return line, False
            self._fill(self._buffered() + _READ_SIZE)

    def at_eof(self) -> bool:
        """True if no byte is left to read."""
        if self._buffered():
            return False
        self._fill(1)
        return self._buffered() == 0

    def readinto_full(self, view: memoryview) -> int:
        """Fill ``view`` completely unless the input ends; return bytes read."""
        total = 0
        size = len(view)
        if self._buffered():
            n = min(size, self._buffered())
            view[:n] = self._buf[self._pos : self._pos + n]
            self._pos += n
            total = n
        while total < size and not self._eof:
            if self._readinto is not None:
                got = self._readinto(view[total:])
                if got is None:  # non-blocking stream with no data yet
                    raise BlockingIOError("non-blocking input is not supported")
            else:
                data = self._raw.read(size - total)
                got = len(data)
                view[total : total + got] = data
            if not got:
                self._eof = True
            total += got
        return total
