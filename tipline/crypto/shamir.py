"""Shamir secret sharing over GF(256), with shares that can be written as words.

Used for M-of-N recovery of the organization key: any ``threshold`` shares
rebuild the secret, fewer reveal nothing about it (information-theoretically).

Share layout (bytes): ``version (1) || threshold (1) || x (1) || y``, where
``y`` is the evaluation at ``x`` of one random polynomial per byte of
``secret || SHA-256(secret)[:4]``. Sharing that short hash along with the
secret lets :func:`combine_shares` detect wrong, corrupted or mixed-up shares
instead of silently returning garbage; it is hidden like the secret itself.

Word form: the share bytes plus a 32-bit checksum, in 11-bit groups, one word
each from a 2048-word list (``wordlist.txt``). Words are at least two edits
apart and their first four letters are unique, so a typo gives an unknown
word, and a wrong-but-valid or misplaced word fails the checksum.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from functools import cache
from importlib import resources

__all__ = ["combine_shares", "share_to_words", "split_secret", "wordlist", "words_to_share"]

_VERSION = 1
_SECRET_CHECK = 4
_WORD_CHECK = 4
_BITS_PER_WORD = 11

# GF(256) with the AES polynomial x^8 + x^4 + x^3 + x + 1; 3 generates the group.
_EXP = [0] * 510
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _EXP[_i + 255] = _value
    _LOG[_value] = _i
    _value ^= (_value << 1) ^ (0x11B if _value & 0x80 else 0)
del _i, _value


def _mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return _EXP[_LOG[a] + _LOG[b]]


def _div(a: int, b: int) -> int:
    if a == 0:
        return 0
    return _EXP[_LOG[a] - _LOG[b] + 255]


def _secret_check(secret: bytes) -> bytes:
    return hashlib.sha256(b"tipline shamir secret\x00" + secret).digest()[:_SECRET_CHECK]


def split_secret(secret: bytes, threshold: int, shares: int) -> list[bytes]:
    """Split ``secret`` into ``shares`` shares, any ``threshold`` of which rebuild it."""
    if not secret:
        raise ValueError("the secret must not be empty")
    if not 1 <= threshold <= shares <= 255:
        raise ValueError("need 1 <= threshold <= shares <= 255")
    value = secret + _secret_check(secret)
    # coefficients[j] holds the degree-(j+1) coefficient for every byte.
    coefficients = [os.urandom(len(value)) for _ in range(threshold - 1)]
    out = []
    for x in range(1, shares + 1):
        y = bytearray(value)
        power = 1
        for coeff in coefficients:
            power = _mul(power, x)
            for k, c in enumerate(coeff):
                y[k] ^= _mul(c, power)
        out.append(bytes([_VERSION, threshold, x]) + bytes(y))
    return out


def combine_shares(shares: list[bytes]) -> bytes:
    """Rebuild the secret from at least ``threshold`` shares of one split.

    Raises ValueError if the shares are malformed, too few, from different
    splits, or corrupted (the embedded check does not verify).
    """
    points: dict[int, bytes] = {}
    threshold = length = None
    for share in shares:
        if len(share) < 3 + _SECRET_CHECK + 1 or share[0] != _VERSION or share[2] == 0:
            raise ValueError("malformed share")
        if threshold is None:
            threshold, length = share[1], len(share)
        if share[1] != threshold or len(share) != length:
            raise ValueError("shares come from different splits")
        x, y = share[2], bytes(share[3:])
        if points.get(x, y) != y:
            raise ValueError(f"two different shares have the same index {x}")
        points[x] = y
    if threshold is None:
        raise ValueError("no shares given")
    if len(points) < threshold:
        raise ValueError(f"need at least {threshold} different shares, got {len(points)}")
    xs = sorted(points)[:threshold]
    value = bytearray(len(points[xs[0]]))
    for i in xs:
        # Lagrange basis polynomial for x_i, evaluated at 0 (minus is xor).
        basis = 1
        for j in xs:
            if j != i:
                basis = _mul(basis, _div(j, j ^ i))
        for k, yk in enumerate(points[i]):
            value[k] ^= _mul(yk, basis)
    secret, check = bytes(value[:-_SECRET_CHECK]), bytes(value[-_SECRET_CHECK:])
    if not hmac.compare_digest(check, _secret_check(secret)):
        raise ValueError("shares do not combine: wrong, corrupted or mixed-up shares")
    return secret


@cache
def wordlist() -> tuple[str, ...]:
    """The 2048 share words, in index order."""
    text = resources.files("tipline.crypto").joinpath("wordlist.txt").read_text("utf-8")
    words = tuple(w for w in text.split("\n") if w and not w.startswith("#"))
    if len(words) != 1 << _BITS_PER_WORD or len(set(words)) != len(words):
        raise RuntimeError("tipline/crypto/wordlist.txt is damaged")
    return words


@cache
def _word_index() -> dict[str, int]:
    index = {w: i for i, w in enumerate(wordlist())}
    index.update({w[:4]: i for i, w in enumerate(wordlist())})  # prefixes are unique
    return index


def _word_check(data: bytes) -> bytes:
    return hashlib.sha256(b"tipline shamir words\x00" + data).digest()[:_WORD_CHECK]


def share_to_words(share: bytes) -> str:
    """A share as space-separated words, with a checksum."""
    data = bytes(share) + _word_check(share)
    nbits = len(data) * 8
    nwords = -(-nbits // _BITS_PER_WORD)
    number = int.from_bytes(data, "big") << (nwords * _BITS_PER_WORD - nbits)
    words = wordlist()
    mask = (1 << _BITS_PER_WORD) - 1
    shifts = range((nwords - 1) * _BITS_PER_WORD, -1, -_BITS_PER_WORD)
    return " ".join(words[(number >> s) & mask] for s in shifts)


def words_to_share(text: str) -> bytes:
    """Parse :func:`share_to_words` output (case, extra spaces, 4-letter prefixes ok)."""
    index = _word_index()
    number = 0
    tokens = re.split(r"[\s,.\-]+", text.strip().lower())
    tokens = [t for t in tokens if t]
    for position, token in enumerate(tokens, start=1):
        value = index.get(token)
        if value is None:
            raise ValueError(f"word {position} ({token!r}) is not in the share word list")
        number = (number << _BITS_PER_WORD) | value
    total_bits = len(tokens) * _BITS_PER_WORD
    # The byte length is not stored: at most two lengths fit this many words,
    # and the checksum tells which one is right.
    for nbytes in (total_bits // 8, total_bits // 8 - 1):
        pad = total_bits - nbytes * 8
        if nbytes <= _WORD_CHECK or pad >= _BITS_PER_WORD or number & ((1 << pad) - 1):
            continue
        data = (number >> pad).to_bytes(nbytes, "big")
        share, check = data[:-_WORD_CHECK], data[-_WORD_CHECK:]
        if hmac.compare_digest(check, _word_check(share)):
            return share
    raise ValueError("share words checksum mismatch: a word is wrong, missing or out of order")
