"""The two-thread stream helpers keep order, stop cleanly and pass errors on."""

from __future__ import annotations

import io

import pytest

from tipline.backup.pipe import BackgroundReader, BackgroundWriter


def test_the_writer_keeps_order_and_reports_errors() -> None:
    out: list[bytes] = []
    writer = BackgroundWriter(out.append)
    for number in range(100):
        writer.write(memoryview(bytearray(str(number).encode())))
    writer.close()
    assert out == [str(n).encode() for n in range(100)]

    def broken(_data: bytes) -> None:
        raise OSError("disk full")

    failing = BackgroundWriter(broken)
    failing.write(b"x")
    with pytest.raises(OSError, match="disk full"):
        failing.close()


def test_the_reader_reads_ahead_in_order_and_passes_errors_on() -> None:
    data = bytes(range(256)) * 500
    reader = BackgroundReader(io.BytesIO(data).read, 1000)
    got = b""
    while chunk := reader.read(300):
        got += chunk
    assert got == data

    def broken(_n: int) -> bytes:
        raise ValueError("tampered")

    with pytest.raises(ValueError, match="tampered"):
        BackgroundReader(broken).read()


def test_the_reader_stops_when_abandoned() -> None:
    reader = BackgroundReader(io.BytesIO(bytes(10**7)).read, 1000)
    assert reader.read(10) == bytes(10)
    reader.close()
