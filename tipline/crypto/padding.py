"""Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted
Files and Communication with PURBs", PETS 2019) for small sealed documents.

Padmé rounds a length ``L`` up so that only its top ``floor(log2 log2 L) + 1``
bits can be non-zero: the padded length reveals O(log log L) bits about ``L``
and costs at most ~12% overhead (less for larger inputs), much better than
rounding to powers of two.

:func:`pad` prefixes a 4-byte big-endian length so :func:`unpad` is exact, and
:func:`unpad` accepts only the one padded form :func:`pad` produces (right
total length, all-zero padding), so a padded document has no malleable slack.
"""

from __future__ import annotations

__all__ = ["LENGTH_PREFIX", "pad", "padme_length", "unpad"]

LENGTH_PREFIX = 4
_MAX_LENGTH = (1 << (8 * LENGTH_PREFIX)) - 1


def padme_length(length: int) -> int:
    """The Padmé-padded size for ``length`` bytes (>= ``length``)."""
    if length < 0:
        raise ValueError("length must be non-negative")
    if length < 2:
        return length
    exponent = length.bit_length() - 1  # floor(log2 L)
    # Keep floor(log2 E) + 1 significant bits; clear the rest by rounding up.
    zero_bits = exponent - exponent.bit_length()
    mask = (1 << zero_bits) - 1
    return (length + mask) & ~mask


def pad(data: bytes) -> bytes:
    """``len(data)`` (4 bytes) + ``data`` + zeros, to a Padmé length."""
    if len(data) > _MAX_LENGTH:
        raise ValueError("data too long to pad")
    body = len(data).to_bytes(LENGTH_PREFIX, "big") + data
    return body + bytes(padme_length(len(body)) - len(body))


def unpad(padded: bytes) -> bytes:
    """Invert :func:`pad`; raise ValueError for anything :func:`pad` cannot produce."""
    if len(padded) < LENGTH_PREFIX:
        raise ValueError("padded data too short")
    length = int.from_bytes(padded[:LENGTH_PREFIX], "big")
    end = LENGTH_PREFIX + length
    if end > len(padded):
        raise ValueError("padded data is truncated (length prefix too large)")
    if len(padded) != padme_length(end):
        raise ValueError("padded data has the wrong total length")
    if padded[end:].lstrip(b"\x00"):
        raise ValueError("padding bytes are not zero")
    return bytes(padded[LENGTH_PREFIX:end])
