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
import functools
from collections.abc import Iterable

from tipline.crypto.errors import KeyFormatError

__all__ = ["decode", "encode"]

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
# An age1pq1 recipient has ~1950 symbols and the intake encodes one per tip;
# the bit-by-bit Python loops of BIP 173's reference code cost ~16 ms each.
# Decoding regroups symbols into bytes with RFC 4648 base32 (the same
# regrouping): these tables translate between its alphabet, Bech32's, and
# symbol values. Encoding works on the data as one integer (below).
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_INVALID = 255
_FROM_CHARSET = bytes(
    _CHARSET.index(chr(c)) if chr(c) in _CHARSET else _INVALID for c in range(256)
)
_VALUES_TO_B32 = bytes.maketrans(bytes(range(32)), _B32)
_VALUES_TO_CHARSET = bytes.maketrans(bytes(range(32)), _CHARSET.encode())
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


def _polymod(values: Iterable[int], chk: int = 1) -> int:
    terms = _TERMS
    for v in values:
        chk = (chk & 0x1FFFFFF) << 5 ^ v ^ terms[chk >> 25]
    return chk


# The checksum of a long key without a Python step per symbol. Each step is
# linear over GF(2) in the running checksum and in the symbol it takes in, so
# the checksum is a constant (from the HRP and the length) XOR the sum of
# what each bit of the data contributes on its own: checksum bit i is the
# parity of the data, read as one integer, masked by _checksum_masks(n)[i].
# The masks are built once per data length (one length per key type). An
# age1pq1 recipient (~1950 symbols, one per tip on the intake) takes 30
# big-integer ANDs instead of ~1950 steps.


@functools.cache
def _checksum_masks(symbols: int) -> tuple[int, ...]:
    """For each checksum bit, the data bits (of ``symbols`` 5-bit symbols) it sums."""
    # Bit j = 5q + b of the data (q counted from its last symbol) goes
    # through q more data steps and the six zero steps after it.
    terms = _TERMS
    contributions = bytearray()
    column = [_polymod([0] * 6, 1 << b) for b in range(5)]
    for _ in range(symbols):
        for value in column:
            contributions += value.to_bytes(4, "little")
        column = [(c & 0x1FFFFFF) << 5 ^ terms[c >> 25] for c in column]
    masks = []
    for bit in range(30):
        # Byte bit // 8 of every contribution, as "1"/"0" for its bit bit % 8,
        # lowest data bit last: the mask in binary.
        ones = bytes(0x31 if value >> bit % 8 & 1 else 0x30 for value in range(256))
        digits = contributions[bit // 8 :: 4].translate(ones)[::-1]
        masks.append(int(digits or b"0", 2))
    return tuple(masks)


@functools.cache
def _checksum_base(hrp: str, symbols: int) -> int:
    """The checksum of ``hrp`` followed by ``symbols`` zero symbols and six zeros."""
    return _polymod([*_hrp_expand(hrp), *[0] * (symbols + 6)])


@functools.cache
def _spread_steps(groups: int) -> tuple[tuple[int, int, int], ...]:
    """How :func:`_symbol_values` moves ``groups`` (a power of two) symbols apart.

    Each step halves blocks of ``g`` symbols (``5g`` bits at a stride of
    ``g`` bytes): the low half stays, the high half moves up ``3g/2`` bits,
    which leaves blocks of ``g/2`` symbols at a stride of ``g/2`` bytes.
    """
    steps = []
    size = groups
    while size > 1:
        half = size // 2
        low = (1 << 5 * half) - 1
        repeat = groups // size
        steps.append(
            (
                int.from_bytes(low.to_bytes(size, "big") * repeat, "big"),
                int.from_bytes((low << 5 * half).to_bytes(size, "big") * repeat, "big"),
                3 * half,
            )
        )
        size = half
    return tuple(steps)


def _symbol_values(bits: int, symbols: int) -> bytes:
    """The 5-bit symbols of ``bits`` (``symbols`` of them), one per byte.

    What base32 does, but as eleven steps on one integer rather than a
    Python step per five bytes (base64.b32encode is pure Python).
    """
    if symbols == 0:
        return b""
    groups = 1 << (symbols - 1).bit_length()
    for low, high, shift in _spread_steps(groups):
        bits = bits & low | (bits & high) << shift
    return bits.to_bytes(groups, "big")[groups - symbols :]


def _checksum(hrp: str, bits: int, symbols: int) -> int:
    """BIP 173's ``polymod(hrp_expand(hrp) + data symbols + [0] * 6)``."""
    chk = _checksum_base(hrp, symbols)
    for bit, mask in enumerate(_checksum_masks(symbols)):
        chk ^= ((bits & mask).bit_count() & 1) << bit
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under ``hrp``; the result has the case of ``hrp``."""
    if hrp.lower() != hrp and hrp.upper() != hrp:
        raise ValueError("mixed-case Bech32 HRP")
    lower = hrp.lower()
    symbols = (len(data) * 8 + 4) // 5
    # The data as one integer, padded with zero bits to whole symbols.
    bits = int.from_bytes(data, "big") << (symbols * 5 - len(data) * 8)
    poly = _checksum(lower, bits, symbols) ^ 1
    checksum = "".join(_CHARSET[(poly >> 5 * (5 - i)) & 31] for i in range(6))
    values = _symbol_values(bits, symbols)
    text = lower + "1" + values.translate(_VALUES_TO_CHARSET).decode("ascii") + checksum
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
