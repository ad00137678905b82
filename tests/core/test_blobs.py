"""The blob store writes atomically and leaves nothing behind on failure."""

from __future__ import annotations

import pytest

from tipline.blobs import BlobNotFoundError, BlobStore


def test_put_read_delete(tmp_path):
    store = BlobStore(tmp_path)
    blob_id = store.put(b"sealed bytes")
    assert store.exists(blob_id)
    assert store.read(blob_id) == b"sealed bytes"
    assert list(store.ids()) == [blob_id]
    store.delete(blob_id)
    assert not store.exists(blob_id)
    assert list(store.ids()) == []


def test_failed_write_leaves_no_blob_and_no_temporary_file(tmp_path):
    store = BlobStore(tmp_path)
    with pytest.raises(RuntimeError), store.writer() as (blob_id, handle):
        handle.write(b"partial")
        raise RuntimeError("client went away")
    assert not store.exists(blob_id)
    assert list(store.ids()) == []
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("bad", ["../../etc/passwd", "", "ABCDEF", "0" * 31, "g" * 32])
def test_ids_that_are_not_ours_are_not_found(tmp_path, bad):
    store = BlobStore(tmp_path)
    with pytest.raises(BlobNotFoundError):
        store.open(bad)
    assert not store.exists(bad)


def test_missing_blob(tmp_path):
    with pytest.raises(BlobNotFoundError):
        BlobStore(tmp_path).read("0" * 32)


def test_a_stored_blob_survives_a_power_cut(tmp_path, monkeypatch):
    # The rename that makes a blob visible is durable only once its folder is
    # synced (and the store's root, for a folder the write created).
    synced: list[str] = []
    monkeypatch.setattr("tipline.blobs.sync_folder", lambda folder: synced.append(str(folder)))
    store = BlobStore(tmp_path)
    blob_id = store.put(b"sealed bytes")
    assert synced == [str(tmp_path / blob_id[:2]), str(tmp_path)]
    synced.clear()
    with store.writer(blob_id, sync=False) as (_, handle):  # a restore syncs in bulk
        handle.write(b"sealed again")
    assert synced == []


def test_a_new_store_makes_its_folders_and_keeps_partial_files_private(tmp_path):
    # The writer makes folders only when a write finds them missing (not with
    # an mkdir per blob): a store whose root does not exist yet still works,
    # a partial file is its owner's alone, and a second blob in an existing
    # shard folder syncs that folder only.
    root = tmp_path / "not" / "yet"
    store = BlobStore(root)
    with store.writer() as (blob_id, handle):
        handle.write(b"sealed")
        (partial,) = (root / "tmp").iterdir()
        assert partial.name.startswith("partial-") and partial.stat().st_mode & 0o777 == 0o600
    assert (root / "tmp").stat().st_mode & 0o777 == 0o700
    assert (root / blob_id[:2]).stat().st_mode & 0o777 == 0o700
    assert store.read(blob_id) == b"sealed"
    assert list((root / "tmp").iterdir()) == []


def test_only_a_new_shard_folder_syncs_the_root(tmp_path, monkeypatch):
    synced: list[str] = []
    monkeypatch.setattr("tipline.blobs.sync_folder", lambda folder: synced.append(str(folder)))
    monkeypatch.setattr("tipline.blobs.new_id", lambda: "ab" + "0" * 30)
    store = BlobStore(tmp_path)
    store.put(b"first")
    monkeypatch.setattr("tipline.blobs.new_id", lambda: "ab" + "1" * 30)
    synced.clear()
    store.put(b"second")
    assert synced == [str(tmp_path / "ab")]
