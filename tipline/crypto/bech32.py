"""Bech32 (BIP 173) encoding, as age uses it for keys.

Differences from BIP 173 that the age spec requires: there is no length limit
on the data part (an ``age1pq1...`` recipient is ~1950 characters), and the
HRP is returned in the case it was written in, so callers can insist on the
canonical case (``AGE-SECRET-KEY-`` upper, ``age`` lower) like the reference
implementation does.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable

from tipline.crypto.errors import KeyFormatError

__all__ = ["decode", "encode"]

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
# Regrouping bytes into 5-bit symbols is what RFC 4648 base32 does, in C:
# these tables translate between its alphabet, Bech32's, and symbol values.
# An age1pq1 recipient has ~1950 symbols and the intake encodes one per tip;
# the bit-by-bit Python loops of BIP 173's reference code cost ~16 ms each.
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CHARSET = bytes.maketrans(_B32, _CHARSET.encode())
_TO_VALUES = bytes.maketrans(_B32, bytes(range(32)))
_INVALID = 255
_FROM_CHARSET = bytes(
    _CHARSET.index(chr(c)) if chr(c) in _CHARSET else _INVALID for c in range(256)
)
_VALUES_TO_B32 = bytes.maketrans(bytes(range(32)), _B32)
# The generator terms to XOR in for each value of the checksum's top five
# bits, so the per-symbol step is one lookup instead of five tests.
_TERMS = tuple(
    _GENERATOR[0] * (top & 1)
    ^ _GENERATOR[1] * (top >> 1 & 1)
    ^ _GENERATOR[2] * (top >> 2 & 1)
    ^ _GENERATOR[3] * (top >> 3 & 1)
    ^ _GENERATOR[4] * (top >> 4 & 1)
    for top in range(32)
)


def _polymod(values: Iterable[int]) -> int:
    chk = 1
    terms = _TERMS
    for v in values:
        chk = (chk & 0x1FFFFFF) << 5 ^ v ^ terms[chk >> 25]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under ``hrp``; the result has the case of ``hrp``."""
    if hrp.lower() != hrp and hrp.upper() != hrp:
        raise ValueError("mixed-case Bech32 HRP")
    lower = hrp.lower()
    # base32 pads the last group with zero bits, exactly as Bech32 does.
    symbols = base64.b32encode(data).rstrip(b"=")
    values = symbols.translate(_TO_VALUES)
    poly = _polymod([*_hrp_expand(lower), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = "".join(_CHARSET[(poly >> 5 * (5 - i)) & 31] for i in range(6))
    text = lower + "1" + symbols.translate(_TO_CHARSET).decode("ascii") + checksum
    return text.upper() if hrp.upper() == hrp and hrp.lower() != hrp else text


def decode(text: str) -> tuple[str, bytes]:
    """Decode a Bech32 string into ``(hrp, data)``.

    The HRP is returned as written (not lowercased). Raises
    :class:`KeyFormatError` with a message that never repeats ``text``, since
    the input may be a secret key.
    """
    if text.lower() != text and text.upper() != text:
        raise KeyFormatError("invalid Bech32 string: mixed case")
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise KeyFormatError("invalid Bech32 string: separator at invalid position")
    hrp = text[:pos]
    if any(not 33 <= ord(c) <= 126 for c in hrp):
        raise KeyFormatError("invalid Bech32 string: invalid character in prefix")
    try:
        raw = text[pos + 1 :].lower().encode("ascii")
    except UnicodeEncodeError:
        raise KeyFormatError("invalid Bech32 string: invalid character in data") from None
    values = raw.translate(_FROM_CHARSET)
    if _INVALID in values:
        raise KeyFormatError("invalid Bech32 string: invalid character in data")
    if _polymod([*_hrp_expand(hrp.lower()), *values]) != 1:
        raise KeyFormatError("invalid Bech32 string: checksum mismatch (mistyped?)")
    return hrp, _regroup(values[:-6])


def _regroup(values: bytes) -> bytes:
    """5-bit symbols back to bytes, refusing a non-canonical padding."""
    leftover = len(values) * 5 % 8
    # Leftover bits must be fewer than one symbol and all zero; anything else
    # is a non-canonical encoding of the same bytes.
    if leftover >= 5 or (values and values[-1] & ((1 << leftover) - 1)):
        raise KeyFormatError("invalid Bech32 padding")
    padded = values.translate(_VALUES_TO_B32) + b"=" * (-len(values) % 8)
    try:
        return base64.b32decode(padded)
    except binascii.Error as exc:  # not reachable after the checks above; belt and braces
        raise KeyFormatError("invalid Bech32 padding") from exc
