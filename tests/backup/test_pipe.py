"""The two-thread stream helpers keep order, stop cleanly and pass errors on."""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time

import pytest

from tipline.backup.pipe import BlockReader, BlockWriter, Hasher


def test_the_writer_keeps_order_and_reports_errors() -> None:
    out: list[bytes] = []
    writer = BlockWriter(lambda view: out.append(bytes(view)), block=8, depth=2)
    for number in range(100):
        block = writer.take()
        data = str(number).encode()
        block[: len(data)] = data
        writer.send(block, len(data))
    writer.close()
    assert out == [str(n).encode() for n in range(100)]

    def broken(_data: memoryview) -> None:
        raise OSError("disk full")

    failing = BlockWriter(broken, block=8, depth=2)
    failing.send(failing.take(), 1)
    with pytest.raises(OSError, match="disk full"):
        failing.close()


def test_a_failing_sink_never_leaves_the_caller_waiting_for_a_block() -> None:
    def broken(_data: memoryview) -> None:
        raise OSError("disk full")

    writer = BlockWriter(broken, block=8, depth=1)
    writer.send(writer.take(), 1)
    with pytest.raises(OSError, match="disk full"):
        for _ in range(3):
            writer.send(writer.take(), 1)
    writer.abort()


def test_the_reader_reads_ahead_in_order_and_passes_errors_on() -> None:
    data = bytes(range(256)) * 500
    reader = BlockReader(io.BytesIO(data).readinto, block=1000, depth=2)
    got = bytearray()
    while chunk := reader.read(300):
        got += chunk
    assert got == data and reader.read(300) == b""
    reader.close()

    def broken(_view: memoryview) -> int:
        raise ValueError("tampered")

    with pytest.raises(ValueError, match="tampered"):
        BlockReader(broken).read()


def test_the_reader_holds_at_most_its_blocks_and_stops_when_abandoned() -> None:
    calls = []

    def readinto(view: memoryview) -> int:
        calls.append(len(view))
        return len(view)  # an endless stream

    reader = BlockReader(readinto, block=1000, depth=3)
    assert len(reader.read(10)) == 10
    reader.close()  # does not wait for the endless stream to end
    assert len(calls) <= 4  # the pool's blocks, and the one just handed back


def test_the_hasher_runs_in_order_and_gives_blocks_back_only_after_hashing_them() -> None:
    data = os.urandom(50_000)
    source = io.BytesIO(data)
    filled = []

    def readinto(view: memoryview) -> int:
        filled.append(len(view))
        return source.readinto(view)

    hasher = Hasher()
    reader = BlockReader(readinto, block=1000, depth=2, hasher=hasher)
    digest = hashlib.sha256()
    gate = threading.Event()
    hasher.then(lambda _: gate.wait(), None)  # hold the hasher back
    for _ in range(2):  # the second read gives the first block back, through the hasher
        hasher.update(digest, reader.read())
    time.sleep(0.2)
    assert len(filled) == 2  # so no block was refilled before its views were hashed
    gate.set()
    while view := reader.read():
        hasher.update(digest, view)
    hasher.wait()
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    reader.close()

    hasher.then(lambda _: 1 / 0, None)
    with pytest.raises(ZeroDivisionError):
        hasher.wait()
    hasher.close()
