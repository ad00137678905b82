"""Strict, streaming ASCII armor (RFC 7468 "strict" PEM, label AGE ENCRYPTED FILE).

Armored files are malleable unless the decoder is strict, so we accept exactly
one encoding per file: 64-column lines, canonical padded base64 on the last
line only, no headers, no blank lines. The only tolerances are the ones the
spec allows: whitespace before and after the PEM block (at most 1 KiB each)
and CRLF line endings (used consistently, as declared by the BEGIN line).

Both directions work in bulk on runs of full lines, with per-line Python work
only at the end of the file, so armoring costs little next to the AEAD.
"""

from __future__ import annotations

import binascii
from typing import BinaryIO

from tipline.crypto.errors import ArmorError
from tipline.crypto.reader import Reader

__all__ = ["BEGIN", "END", "ArmorReader", "ArmorWriter", "looks_armored"]

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
_COLS = 64
_BYTES_PER_LINE = 48
_WHITESPACE = b" \t\r\n"
_MAX_WHITESPACE = 1024
_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BULK_LINES = 1024  # ~64 KiB of armor per bulk step


def looks_armored(head: bytes) -> bool:
    """Guess from the first bytes of an input whether it is armored.

    Binary age files start with their version line. Anything that starts
    (after whitespace) with a PEM boundary, or that has our BEGIN line near
    the top, is handed to the armor decoder so that it gets a precise armor
    error instead of a confusing header error.
    """
    if head.startswith(b"age-encryption.org/"):
        return False
    return head.lstrip(_WHITESPACE).startswith(b"-----") or BEGIN in head


class ArmorWriter:
    """Armor everything written to it into ``dst``; :meth:`close` writes the footer."""

    def __init__(self, dst: BinaryIO) -> None:
        self._dst = dst
        self._pending = bytearray()
        self._started = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._started:
            self._dst.write(BEGIN + b"\n")
            self._started = True
        self._pending += data
        full = len(self._pending) // _BYTES_PER_LINE * _BYTES_PER_LINE
        if full:
            self._dst.write(_encode_lines(memoryview(self._pending)[:full]))
            del self._pending[:full]

    def close(self) -> None:
        if not self._started:
            self._dst.write(BEGIN + b"\n")
            self._started = True
        if self._pending:
            self._dst.write(binascii.b2a_base64(self._pending))
            self._pending.clear()
        self._dst.write(END + b"\n")


def _encode_lines(data: memoryview) -> bytes:
    """Base64 of ``data`` (a multiple of 48 bytes) as 64-column LF-terminated lines."""
    enc = binascii.b2a_base64(data, newline=False)
    lines = len(enc) // _COLS
    out = bytearray(lines * (_COLS + 1))
    # Copy column by column with extended slices: 64 C-level copies instead
    # of one Python-level slice per line.
    out[_COLS :: _COLS + 1] = b"\n" * lines
    for col in range(_COLS):
        out[col :: _COLS + 1] = enc[col::_COLS]
    return bytes(out)


class ArmorReader:
    """Decode a strict armored age file from ``src``, as a readable stream."""

    def __init__(self, src: Reader) -> None:
        self._src = src
        self._eol = b""
        self._out = bytearray()
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if not self._eol:
            self._read_begin()
        while not self._done and (size < 0 or len(self._out) < size):
            self._decode_more()
        if size < 0 or size >= len(self._out):
            out = bytes(self._out)
            self._out.clear()
        else:
            out = bytes(self._out[:size])
            del self._out[:size]
        return out

    def _read_begin(self) -> None:
        skipped = 0
        while True:
            head = self._src.peek(1)
            if not head or head not in _WHITESPACE:
                break
            self._src.read(1)
            skipped += 1
            if skipped > _MAX_WHITESPACE:
                raise ArmorError("invalid armor: too much leading whitespace")
        line, ok = self._src.readline(len(BEGIN) + 2)
        if ok and line in (BEGIN + b"\n", BEGIN + b"\r\n"):
            self._eol = line[len(BEGIN) :]
            return
        if not line:
            raise ArmorError("invalid armor: empty input")
        raise ArmorError("invalid armor: first line is not '-----BEGIN AGE ENCRYPTED FILE-----'")

    def _decode_more(self) -> None:
        eol = self._eol
        stride = _COLS + len(eol)
        block = self._src.peek(_BULK_LINES * stride)
        n = len(block) // stride
        region = block[: n * stride]
        # Fast path: every line in the region is 64 alphabet chars + EOL.
        if n and region[_COLS::stride] == eol[:1] * n:
            text = region.replace(eol, b"")
            if len(text) == n * _COLS and not text.translate(None, _ALPHABET):
                self._out += binascii.a2b_base64(text, strict_mode=True)
                self._src.read(n * stride)
                return
        # Slow path: take the plain full lines one by one up to the first
        # line that is something else, then deal with that line.
        line, ok = self._src.readline(stride + 1)
        if ok and line.endswith(eol) and len(line) == stride:
            body = line[:_COLS]
            if not body.translate(None, _ALPHABET):
                self._out += binascii.a2b_base64(body, strict_mode=True)
                return
        if not ok and line != END:
            raise ArmorError("invalid armor: line too long, or missing end line")
        body = line[: -len(eol)] if ok and line.endswith(eol) else line
        if ok and not line.endswith(eol):
            raise ArmorError("invalid armor: inconsistent line endings")
        if body == END:
            self._finish()
            return
        self._out += _decode_last_line(body)
        end_line, _ = self._src.readline(len(END) + 2)
        if end_line not in (END + eol, END):
            raise ArmorError("invalid armor: expected the END line after a short line")
        self._finish()

    def _finish(self) -> None:
        self._done = True
        tail = self._src.read(_MAX_WHITESPACE + 1)
        if tail.strip(_WHITESPACE):
            raise ArmorError("invalid armor: trailing data after the END line")
        if len(tail) > _MAX_WHITESPACE:
            raise ArmorError("invalid armor: too much trailing whitespace")


def _decode_last_line(body: bytes) -> bytes:
    """Decode the final (short or padded) line, insisting on canonical base64."""
    if not body:
        raise ArmorError("invalid armor: empty line")
    if len(body) > _COLS or len(body) % 4:
        raise ArmorError("invalid armor: bad line length (missing padding?)")
    try:
        data = binascii.a2b_base64(body, strict_mode=True)
    except binascii.Error as exc:
        raise ArmorError("invalid armor: bad base64") from exc
    if binascii.b2a_base64(data, newline=False) != body:
        raise ArmorError("invalid armor: non-canonical base64")
    return data
