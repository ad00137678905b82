"""STREAM payload: chunking, buffering, early ends, and throughput."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest

from tipline.crypto import (
    DecryptReader,
    HybridIdentity,
    PayloadError,
    X25519Identity,
    decrypt,
    decrypt_stream,
    encrypt,
    encrypt_stream,
)
from tipline.crypto.stream import CHUNK_SIZE, SEALED_CHUNK_SIZE

IDENTITY = X25519Identity.generate()
RECIPIENTS = [IDENTITY.recipient()]


class Recorder(io.BytesIO):
    """A destination that remembers it was not closed and counts writes."""

    writes = 0

    def write(self, data) -> int:  # type: ignore[override]
        self.writes += 1
        return super().write(data)


def _header_len(sealed: bytes) -> int:
    return sealed.index(b"\n", sealed.index(b"\n---") + 1) + 1 + 16


@pytest.mark.parametrize(
    ("size", "chunks"),
    [
        (0, 1),
        (1, 1),
        (CHUNK_SIZE - 1, 1),
        (CHUNK_SIZE, 1),
        (CHUNK_SIZE + 1, 2),
        (3 * CHUNK_SIZE, 3),
    ],
)
def test_chunk_layout(size: int, chunks: int) -> None:
    data = os.urandom(size)
    one_shot = encrypt(data, RECIPIENTS)
    streamed = io.BytesIO()
    with encrypt_stream(streamed, RECIPIENTS) as writer:
        writer.write(data)
    for sealed in (one_shot, streamed.getvalue()):
        payload = len(sealed) - _header_len(sealed)
        assert payload == size + 16 * chunks  # no empty final chunk unless size == 0
        assert decrypt(sealed, [IDENTITY]) == data


def test_writer_buffers_at_most_one_chunk_and_leaves_dst_open() -> None:
    dst = Recorder()
    writer = encrypt_stream(dst, RECIPIENTS)
    start = len(dst.getvalue())
    writer.write(b"a" * CHUNK_SIZE)
    assert len(dst.getvalue()) == start  # held back: it might be the final chunk
    writer.write(b"b")
    assert len(dst.getvalue()) == start + SEALED_CHUNK_SIZE
    writer.write(memoryview(b"c" * (5 * CHUNK_SIZE)))
    assert len(dst.getvalue()) == start + 6 * SEALED_CHUNK_SIZE  # 1 byte held back
    assert len(writer._buf) <= CHUNK_SIZE
    writer.close()
    writer.close()  # idempotent
    assert not dst.closed
    assert decrypt(dst.getvalue(), [IDENTITY]) == b"a" * CHUNK_SIZE + b"b" + b"c" * 5 * CHUNK_SIZE
    with pytest.raises(ValueError):
        writer.write(b"late")


def test_small_writes_make_the_same_plaintext() -> None:
    data = os.urandom(3 * CHUNK_SIZE + 17)
    dst = io.BytesIO()
    with encrypt_stream(dst, RECIPIENTS, armor=True) as writer:
        for i in range(0, len(data), 1000):
            assert writer.write(data[i : i + 1000]) == len(data[i : i + 1000])
    assert decrypt(dst.getvalue(), [IDENTITY]) == data


def test_exception_in_with_block_leaves_the_file_invalid() -> None:
    dst = io.BytesIO()
    with pytest.raises(RuntimeError), encrypt_stream(dst, RECIPIENTS) as writer:
        writer.write(b"partial plaintext")
        raise RuntimeError("producer failed")
    with pytest.raises(PayloadError):
        decrypt(dst.getvalue(), [IDENTITY])


def test_reader_api() -> None:
    data = os.urandom(2 * CHUNK_SIZE + 100)
    sealed = encrypt(data, RECIPIENTS)
    reader = decrypt_stream(io.BytesIO(sealed), [IDENTITY])
    assert isinstance(reader, DecryptReader) and reader.readable()
    assert reader.read(0) == b""
    assert reader.read(10) == data[:10]
    buf = bytearray(CHUNK_SIZE)
    assert reader.readinto(buf) == CHUNK_SIZE - 10  # stops at the chunk boundary
    assert bytes(buf[: CHUNK_SIZE - 10]) == data[10:CHUNK_SIZE]
    rest = list(reader.chunks())
    assert [len(c) for c in rest] == [CHUNK_SIZE, 100]
    assert reader.read() == b"" and reader.read(5) == b""
    reader = decrypt_stream(io.BytesIO(sealed), [IDENTITY])
    assert io.BufferedReader(reader).read() == data  # usable as a raw stream
    with decrypt_stream(io.BytesIO(sealed), [IDENTITY]) as reader:
        assert reader.read() == data
    assert reader.closed
    with pytest.raises(ValueError):
        reader.read(1)


class NoReadinto:
    """An input with only ``read``, returning small pieces (like a socket)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, 1000) if size >= 0 else 1000)


def test_reader_accepts_read_only_inputs_returning_short_reads() -> None:
    data = os.urandom(CHUNK_SIZE * 2 + 5)
    sealed = encrypt(data, [HybridIdentity.from_seed(bytes(32)).recipient()], armor=True)
    reader = decrypt_stream(NoReadinto(sealed), [HybridIdentity.from_seed(bytes(32))])
    assert reader.read() == data


@pytest.mark.parametrize("cut", [1, 16, SEALED_CHUNK_SIZE, SEALED_CHUNK_SIZE + 17])
def test_truncation_is_an_error_never_a_short_read(cut: int) -> None:
    data = os.urandom(2 * CHUNK_SIZE + 100)
    sealed = encrypt(data, RECIPIENTS)
    reader = decrypt_stream(io.BytesIO(sealed[:-cut]), [IDENTITY])
    got = bytearray()
    with pytest.raises(PayloadError):
        while chunk := reader.read(4096):
            got += chunk
    assert data.startswith(bytes(got)) and len(got) % CHUNK_SIZE == 0
    with pytest.raises(PayloadError):  # sticky: never turns into a clean EOF
        reader.read(1)


def test_truncation_at_a_chunk_boundary_is_detected() -> None:
    data = os.urandom(2 * CHUNK_SIZE)
    sealed = encrypt(data, RECIPIENTS)
    # Drop the final chunk entirely: what is left ends on a non-final chunk.
    reader = decrypt_stream(io.BytesIO(sealed[:-SEALED_CHUNK_SIZE]), [IDENTITY])
    assert next(reader.chunks()) == data[:CHUNK_SIZE]
    with pytest.raises(PayloadError, match="no final chunk"):
        reader.read()


def test_trailing_data_is_rejected() -> None:
    with pytest.raises(PayloadError):
        decrypt(encrypt(b"tip", RECIPIENTS) + b"\x00", [IDENTITY])
    # After a full final chunk the data is authentic, so it is released first.
    data = os.urandom(CHUNK_SIZE)
    reader = decrypt_stream(io.BytesIO(encrypt(data, RECIPIENTS) + b"\x00"), [IDENTITY])
    assert next(reader.chunks()) == data
    with pytest.raises(PayloadError, match="trailing"):
        reader.read()


def test_a_large_write_is_sealed_in_one_go() -> None:
    """Whole chunks of one large write reach ``dst`` in a single write (encrypt_into)."""

    class Counting(io.BytesIO):
        writes = 0

        def write(self, data: Any) -> int:
            Counting.writes += 1
            return super().write(data)

    data = os.urandom(16 * CHUNK_SIZE + 7)
    out = Counting()
    writer = encrypt_stream(out, RECIPIENTS)
    before = Counting.writes
    writer.write(data)
    assert Counting.writes - before == 1  # 16 chunks sealed at once; the rest held back
    writer.close()
    assert decrypt(out.getvalue(), [IDENTITY]) == data


def _read_blocks(reader: DecryptReader, block: int) -> tuple[bytes, Exception | None]:
    """Everything ``readinto`` returns with a ``block``-byte buffer, then the error if any."""
    got = bytearray()
    buf = bytearray(block)
    try:
        while n := reader.readinto(buf):
            got += buf[:n]
    except PayloadError as exc:
        return bytes(got), exc
    return bytes(got), None


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_SIZE, CHUNK_SIZE + 1, 4 * CHUNK_SIZE, 5 * CHUNK_SIZE - 1]
)
@pytest.mark.parametrize("block", [CHUNK_SIZE, 3 * CHUNK_SIZE + 5, 16 * CHUNK_SIZE])
def test_readinto_decrypts_whole_chunks_in_batches(size: int, block: int) -> None:
    data = os.urandom(size)
    sealed = encrypt(data, RECIPIENTS)
    reader = decrypt_stream(NoReadinto(sealed), [IDENTITY])
    assert _read_blocks(reader, block) == (data, None)
    assert reader.readinto(bytearray(block)) == 0  # stays at the end


@pytest.mark.parametrize("damaged_chunk", [0, 2, 4])
def test_readinto_releases_what_verified_then_raises_and_leaves_no_plaintext(
    damaged_chunk: int,
) -> None:
    data = os.urandom(4 * CHUNK_SIZE + 9)
    sealed = bytearray(encrypt(data, RECIPIENTS))
    sealed[_header_len(bytes(sealed)) + damaged_chunk * SEALED_CHUNK_SIZE + 3] ^= 1
    reader = decrypt_stream(io.BytesIO(bytes(sealed)), [IDENTITY])
    buf = bytearray(b"\xff" * 16 * CHUNK_SIZE)
    try:
        n = reader.readinto(buf)  # the chunks before the damaged one
    except PayloadError:
        n = 0
    assert n == damaged_chunk * CHUNK_SIZE and bytes(buf[:n]) == data[:n]
    # decrypt_into wrote the damaged chunk's plaintext before its tag failed: wiped.
    damaged = len(data[n : n + CHUNK_SIZE])
    assert bytes(buf[n : n + damaged]) == bytes(damaged)
    for _ in range(2 if n else 1):  # raised at the next read, and at every read after
        with pytest.raises(PayloadError, match="authenticate"):
            reader.readinto(buf)


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (1, "authenticate"),
        (SEALED_CHUNK_SIZE, "no final chunk"),
        (SEALED_CHUNK_SIZE + 17, "authenticate"),
        (-1, "trailing"),
    ],
)
def test_readinto_detects_truncation_and_trailing_data(cut: int, message: str) -> None:
    data = os.urandom(3 * CHUNK_SIZE)
    sealed = encrypt(data, RECIPIENTS)
    sealed = sealed + b"\x00" if cut < 0 else sealed[:-cut]
    got, error = _read_blocks(decrypt_stream(io.BytesIO(sealed), [IDENTITY]), 16 * CHUNK_SIZE)
    assert error is not None and message in str(error)
    assert data.startswith(got) and len(got) % CHUNK_SIZE == 0
