"""Padmé padding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.crypto.padding import LENGTH_PREFIX, pad, padme_length, unpad


def test_known_padme_lengths() -> None:
    # From the PURBs paper's definition: keep floor(log2(floor(log2 L))) + 1 bits.
    assert [padme_length(n) for n in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11)] == [
        0,
        1,
        2,
        3,
        4,
        5,
        7,
        8,
        10,
        10,
        12,
    ]
    assert padme_length(100) == 104
    assert padme_length(1000) == 1024
    assert padme_length(2000) == 2048
    assert padme_length(1_000_000) == 1_015_808
    with pytest.raises(ValueError):
        padme_length(-1)


@settings(max_examples=300)
@given(st.integers(0, 10**9))
def test_padme_properties(length: int) -> None:
    padded = padme_length(length)
    assert padded >= length
    assert padded - length <= max(1, length) * 0.12 + 1  # at most ~12% overhead
    assert padme_length(padded) == padded  # padded lengths are fixed points


def test_few_distinct_sizes_leak_little() -> None:
    sizes = {padme_length(n) for n in range(1024, 2049)}
    assert len(sizes) == 17  # multiples of 64 from 1024 to 2048


@given(st.binary(max_size=5000))
def test_pad_round_trip(data: bytes) -> None:
    padded = pad(data)
    assert len(padded) == padme_length(len(data) + LENGTH_PREFIX)
    assert unpad(padded) == data


def test_unpad_rejects_anything_pad_cannot_make() -> None:
    padded = pad(b"x" * 301)
    assert len(padded) > 305  # there is padding to tamper with
    with pytest.raises(ValueError):
        unpad(padded[:-1])  # wrong total length
    with pytest.raises(ValueError):
        unpad(padded + b"\x00")
    with pytest.raises(ValueError):
        unpad(padded[:-1] + b"\x01")  # non-zero padding
    with pytest.raises(ValueError):
        unpad(b"\xff\xff\xff\xff" + padded[4:])  # length beyond the data
    with pytest.raises(ValueError):
        unpad(b"\x00\x00")
