"""Bech32 (BIP 173) encoding, as age uses it for keys.

Differences from BIP 173 that the age spec requires: there is no length limit
on the data part (an ``age1pq1...`` recipient is ~1950 characters), and the
HRP is returned in the case it was written in, so callers can insist on the
canonical case (``AGE-SECRET-KEY-`` upper, ``age`` lower) like the reference
implementation does.
"""

from __future__ import annotations

from tipline.crypto.errors import KeyFormatError

__all__ = ["decode", "encode"]

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_REV = {c: i for i, c in enumerate(_CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate(_GENERATOR):
            if (top >> i) & 1:
                chk ^= g
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or (acc << (to_bits - bits)) & maxv:
        # Leftover bits must be fewer than one input group and all zero;
        # anything else is a non-canonical encoding of the same bytes.
        raise KeyFormatError("invalid Bech32 padding")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under ``hrp``; the result has the case of ``hrp``."""
    if hrp.lower() != hrp and hrp.upper() != hrp:
        raise ValueError("mixed-case Bech32 HRP")
    lower = hrp.lower()
    values = _convert_bits(data, 8, 5, True)
    poly = _polymod([*_hrp_expand(lower), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    text = lower + "1" + "".join(_CHARSET[v] for v in values + checksum)
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
    values: list[int] = []
    for c in text[pos + 1 :].lower():
        v = _CHARSET_REV.get(c)
        if v is None:
            raise KeyFormatError("invalid Bech32 string: invalid character in data")
        values.append(v)
    if _polymod([*_hrp_expand(hrp.lower()), *values]) != 1:
        raise KeyFormatError("invalid Bech32 string: checksum mismatch (mistyped?)")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, False))
