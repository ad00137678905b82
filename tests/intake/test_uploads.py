"""Sealing files as they stream: ciphertext only on disk, limits, cleanup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Recipient, decrypt
from tipline.tips.uploads import (
    TooManyFilesError,
    UploadBatch,
    UploadLimitError,
    UploadTooLargeError,
    clean_content_type,
    clean_filename,
)

CHUNK = b"PLAINTEXT-MARKER-0123456789-" * 2340  # ~64 KiB of recognisable bytes


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def batch_for(store: BlobStore, recipients: list[Recipient], **limits: int) -> UploadBatch:
    return UploadBatch(
        store,
        recipients,
        max_bytes=limits.get("max_bytes", 10**9),
        max_files=limits.get("max_files", 5),
    )


def files_on_disk(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_streamed_file_decrypts_to_what_was_written(
    store: BlobStore, recipients: list[Recipient], org_identity: HybridIdentity
) -> None:
    batch = batch_for(store, recipients)
    sink = batch.sink("C:\\Users\\me\\informe final.pdf", "application/pdf; name=x")
    for _ in range(40):  # 2.5 MiB, written the way Werkzeug writes: in pieces
        sink.write(CHUNK)
    assert sink.seek(0) == 0
    sealed = sink.result
    assert sealed is not None
    assert sealed.filename == "informe final.pdf"
    assert sealed.content_type == "application/pdf"
    assert sealed.size == 40 * len(CHUNK)
    assert decrypt(store.read(sealed.blob_id), [org_identity]) == CHUNK * 40


def test_nothing_plaintext_is_ever_on_disk(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients)
    sink = batch.sink("a.txt", "text/plain")
    for _ in range(20):
        sink.write(CHUNK)
        # Mid-stream, the partial file in tmp/ is already ciphertext.
        for path in files_on_disk(store.root):
            assert b"PLAINTEXT-MARKER" not in path.read_bytes()
    sink.finish()
    for path in files_on_disk(store.root):
        assert b"PLAINTEXT-MARKER" not in path.read_bytes()


def test_empty_part_creates_no_blob(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients)
    sink = batch.sink("", "application/octet-stream")
    sink.write(b"")
    sink.seek(0)
    assert sink.result is None
    assert list(store.ids()) == []
    assert batch.file_count == 0


def test_total_limit_is_enforced_mid_stream(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients, max_bytes=3 * len(CHUNK))
    first = batch.sink("one", "")
    first.write(CHUNK)
    first.write(CHUNK)
    first.finish()
    second = batch.sink("two", "")
    with pytest.raises(UploadTooLargeError) as caught:
        second.write(CHUNK + b"x")
    assert isinstance(caught.value, UploadLimitError)
    batch.discard()
    assert list(store.ids()) == []
    assert files_on_disk(store.root / "tmp") == []


def test_file_count_limit(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients, max_files=2)
    for name in ("a", "b"):
        assert batch.seal_bytes(name, "", b"data") is not None
    with pytest.raises(TooManyFilesError):
        batch.seal_bytes("c", "", b"data")
    batch.discard()
    assert list(store.ids()) == []
    assert files_on_disk(store.root / "tmp") == []


def test_discard_removes_finished_and_half_written_blobs(
    store: BlobStore, recipients: list[Recipient]
) -> None:
    batch = batch_for(store, recipients)
    batch.seal_bytes("done.txt", "text/plain", b"finished file")
    batch.put(b"already sealed document")
    open_sink = batch.sink("partial.bin", "")
    open_sink.write(CHUNK)  # a client that disconnects here
    assert len(list(store.ids())) == 2
    assert len(files_on_disk(store.root / "tmp")) == 1
    batch.discard()
    assert list(store.ids()) == []
    assert files_on_disk(store.root / "tmp") == []


def test_keep_protects_blobs_from_discard(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients)
    sealed = batch.seal_bytes("x", "", b"kept")
    stray = batch.seal_bytes("y", "", b"not referred to by any row")
    assert sealed is not None and stray is not None
    batch.keep([sealed.blob_id])
    batch.discard()
    assert list(store.ids()) == [sealed.blob_id]


def test_memory_stays_bounded_for_large_files(
    store: BlobStore, recipients: list[Recipient]
) -> None:
    import tracemalloc

    batch = batch_for(store, recipients)
    sink = batch.sink("big.bin", "")
    tracemalloc.start()
    try:
        for _ in range(320):  # 20 MiB
            sink.write(CHUNK)
        sink.finish()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024, peak
    assert sink.result is not None
    assert store.exists(sink.result.blob_id)


def test_writes_after_finish_are_refused(store: BlobStore, recipients: list[Recipient]) -> None:
    batch = batch_for(store, recipients)
    sink = batch.sink("x", "")
    sink.write(b"abc")
    sink.finish()
    with pytest.raises(ValueError):
        sink.write(b"more")
    with pytest.raises(OSError):
        sink.read()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("/home/me/Documents/carta.docx", "carta.docx"),
        ("C:\\fakepath\\foto 1.jpg", "foto 1.jpg"),
        ("evil\x00name\r\n.txt", "evilname.txt"),
        ("", ""),
        (None, ""),
        ("x" * 400, "x" * 255),
    ],
)
def test_clean_filename(raw: str | None, expected: str) -> None:
    assert clean_filename(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("image/JPEG", "image/jpeg"),
        ("text/plain; charset=utf-8", "text/plain"),
        ("text/html\r\nX-Injected: 1", "application/octet-stream"),
        ("", "application/octet-stream"),
        (None, "application/octet-stream"),
        ("nonsense", "application/octet-stream"),
    ],
)
def test_clean_content_type(raw: str | None, expected: str) -> None:
    assert clean_content_type(raw) == expected


def test_batch_needs_recipients(store: BlobStore) -> None:
    with pytest.raises(ValueError):
        UploadBatch(store, [], max_bytes=1, max_files=1)


def test_checked_sink_streams_presealed_files_with_bounded_memory(
    store: BlobStore, recipients: list[Recipient], org_identity: HybridIdentity
) -> None:
    """A file sealed in the browser goes to disk as it arrives, never held whole."""
    import tracemalloc

    from tipline.crypto import encrypt
    from tipline.crypto.shape import expected_shapes

    plaintext = CHUNK * 320  # ~20 MiB
    sealed = encrypt(plaintext, recipients)
    batch = batch_for(store, recipients)
    sink = batch.checked_sink(expected_shapes(recipients))
    view = memoryview(sealed)
    tracemalloc.start()
    try:
        for start in range(0, len(sealed), 65536):
            sink.write(bytes(view[start : start + 65536]))
        result = sink.finish()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024, peak
    assert result is not None and result.size == len(plaintext)
    assert batch.total_bytes == len(plaintext)  # limits count plaintext, not ciphertext
    assert decrypt(store.read(result.blob_id), [org_identity]) == plaintext


def test_checked_sink_refusal_leaves_no_blob(store: BlobStore, recipients: list[Recipient]) -> None:
    from tipline.crypto import X25519Identity, encrypt
    from tipline.crypto.shape import ShapeError, expected_shapes

    batch = batch_for(store, recipients)
    sink = batch.checked_sink(expected_shapes(recipients))
    with pytest.raises(ShapeError):
        sink.write(encrypt(CHUNK, [X25519Identity.generate().recipient()]))
    batch.discard()
    assert files_on_disk(store.root) == []
