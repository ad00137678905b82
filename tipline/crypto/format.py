"""The age v1 header: stanzas, canonical base64, parsing, encoding and MAC.

The parser follows the ABNF in the spec exactly and rejects everything else,
because the header is authenticated by a MAC over its *bytes*: any leniency
here (extra spaces, CRLF, padded or non-canonical base64) would let the same
logical header have several encodings, i.e. make files malleable.
"""

from __future__ import annotations

import binascii
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tipline.crypto.errors import HeaderError
from tipline.crypto.reader import Reader

__all__ = [
    "COLUMNS_PER_LINE",
    "FILE_KEY_SIZE",
    "INTRO",
    "Header",
    "Stanza",
    "b64decode",
    "b64encode",
    "encode_header",
    "hkdf_sha256",
    "parse_header",
]

INTRO = b"age-encryption.org/v1\n"
FILE_KEY_SIZE = 16
COLUMNS_PER_LINE = 64
BYTES_PER_LINE = COLUMNS_PER_LINE // 4 * 3
MAC_SIZE = 32
# Generous caps so a hostile header cannot make us buffer without bound; real
# headers are a few KiB (a hybrid stanza's argument line is ~1.5 KiB).
MAX_LINE = 64 * 1024
MAX_HEADER = 16 * 1024 * 1024

_B64_RE = re.compile(rb"[A-Za-z0-9+/]*")
_VCHAR_RE = re.compile(rb"[\x21-\x7e]+")


def b64encode(data: bytes) -> str:
    """Standard base64 without ``=`` padding (age's "raw" base64)."""
    return binascii.b2a_base64(data, newline=False).rstrip(b"=").decode("ascii")


def b64decode(text: str | bytes) -> bytes:
    """Decode unpadded base64, rejecting padding and non-canonical encodings.

    Raises :class:`HeaderError`. Canonical means the unused low bits of the
    last character are zero; we check it by re-encoding, which is simple and
    obviously correct.
    """
    raw = text.encode("ascii", "replace") if isinstance(text, str) else bytes(text)
    if not _B64_RE.fullmatch(raw) or len(raw) % 4 == 1:
        raise HeaderError("invalid base64 (bad character, padding or length)")
    try:
        data = binascii.a2b_base64(raw + b"=" * (-len(raw) % 4), strict_mode=True)
    except binascii.Error as exc:
        raise HeaderError("invalid base64") from exc
    if b64encode(data).encode("ascii") != raw:
        raise HeaderError("non-canonical base64 encoding")
    return data


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF-SHA-256 (RFC 5869): extract with ``salt``, expand with ``info``.

    Written out with one-shot ``hmac.digest`` calls because it is on the
    per-file hot path three times, and this is several times faster than
    building a ``cryptography`` HKDF object each time (the tests check the
    two agree). An empty salt is the same HMAC key as HashLen zero bytes.
    """
    if not 0 < length <= 255 * 32:
        raise ValueError("invalid HKDF output length")
    prk = hmac.digest(salt, ikm, "sha256")
    if length <= 32:  # the only case age uses: one expand block
        return hmac.digest(prk, info + b"\x01", "sha256")[:length]
    out = b""
    block = b""
    counter = 1
    while len(out) < length:
        block = hmac.digest(prk, block + info + bytes([counter]), "sha256")
        out += block
        counter += 1
    return out[:length]


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: a type, its arguments and a binary body."""

    type: str
    args: tuple[str, ...] = ()
    body: bytes = field(default=b"", repr=False)

    def encode(self) -> bytes:
        """Serialize as ``-> type args...`` plus the body wrapped at 64 columns."""
        for arg in (self.type, *self.args):
            if not _VCHAR_RE.fullmatch(arg.encode("ascii", "replace")):
                raise ValueError(f"invalid stanza argument {arg!r}")
        out = ["-> " + " ".join((self.type, *self.args)) + "\n"]
        body = b64encode(self.body)
        # The final line must be shorter than 64 columns, so a body whose
        # encoding is a multiple of 64 gets an extra empty line.
        for i in range(0, len(body) + 1, COLUMNS_PER_LINE):
            out.append(body[i : i + COLUMNS_PER_LINE] + "\n")
        return "".join(out).encode("ascii")


@dataclass(frozen=True)
class Header:
    """A parsed header: its stanzas, MAC, and the bytes the MAC covers."""

    stanzas: tuple[Stanza, ...]
    mac: bytes = field(repr=False)
    mac_input: bytes = field(repr=False)

    def verify_mac(self, file_key: bytes) -> bool:
        """Constant-time check of the header MAC under ``file_key``."""
        return hmac.compare_digest(header_mac(file_key, self.mac_input), self.mac)


def header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    """HMAC-SHA-256 of the header bytes up to and including ``---``."""
    key = hkdf_sha256(file_key, b"", b"header")
    return hmac.digest(key, mac_input, "sha256")


def encode_header(stanzas: Sequence[Stanza], file_key: bytes) -> bytes:
    """Serialize a complete header (with MAC) for ``stanzas``."""
    if not stanzas:
        raise ValueError("an age header needs at least one recipient stanza")
    mac_input = INTRO + b"".join(s.encode() for s in stanzas) + b"---"
    return mac_input + b" " + b64encode(header_mac(file_key, mac_input)).encode() + b"\n"


def _line(src: Reader, what: str) -> bytes:
    line, ok = src.readline(MAX_LINE)
    if not ok:
        if not line:
            raise HeaderError(f"unexpected end of file in header ({what})")
        raise HeaderError(f"header line too long or unterminated ({what})")
    return line


def parse_header(src: Reader) -> Header:
    """Parse a v1 header from ``src``, leaving ``src`` at the payload.

    Raises :class:`HeaderError` for anything that is not exactly the ABNF.
    """
    intro, ok = src.readline(MAX_LINE)
    if intro != INTRO:
        if not intro:
            raise HeaderError("empty input: not an age file")
        if ok and intro.startswith(b"age-encryption.org/"):
            raise HeaderError("unsupported age format version")
        raise HeaderError("not an age file (no 'age-encryption.org/v1' line)")
    raw = bytearray(intro)
    stanzas: list[Stanza] = []
    while True:
        if len(raw) > MAX_HEADER:
            raise HeaderError("header too large")
        line = _line(src, "stanza or MAC line")
        if line.startswith(b"---"):
            prefix, _, rest = line[:-1].partition(b" ")
            if prefix != b"---" or not rest or b" " in rest:
                raise HeaderError("malformed header MAC line")
            mac = b64decode(rest)
            if len(mac) != MAC_SIZE:
                raise HeaderError("malformed header MAC line (wrong MAC length)")
            if not stanzas:
                raise HeaderError("header has no recipient stanzas")
            return Header(tuple(stanzas), mac, bytes(raw) + b"---")
        if not line.startswith(b"->"):
            raise HeaderError("malformed header line (expected '->' or '---')")
        raw += line
        parts = line[:-1].split(b" ")
        if parts[0] != b"->" or len(parts) < 2:
            raise HeaderError("malformed stanza line (needs '-> ' and a type)")
        for part in parts[1:]:
            if not _VCHAR_RE.fullmatch(part):
                raise HeaderError("malformed stanza argument (empty or invalid character)")
        args = tuple(p.decode("ascii") for p in parts[1:])
        body = bytearray()
        while True:
            body_line = _line(src, "stanza body")
            raw += body_line
            if len(body_line) - 1 > COLUMNS_PER_LINE:
                raise HeaderError("stanza body line longer than 64 columns")
            body += b64decode(body_line[:-1])
            if len(body_line) - 1 < COLUMNS_PER_LINE:
                break  # a short line (possibly empty) ends the stanza
        stanzas.append(Stanza(args[0], args[1:], bytes(body)))
