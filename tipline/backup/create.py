"""Writing a backup: a tar stream sealed with age as it is produced.

Nothing is staged: the tar writer writes into tipline's age writer, which
writes ciphertext to the caller's file, so no plaintext byte (not even the
database rows) reaches the disk, and memory holds at most one database
chunk (tables.CHUNK_BYTES) and one manifest part. The blobs are already
sealed; they are copied as they are, under the same outer seal.

Which blobs: those the database snapshot refers to (tipline.models.blob_columns),
read after the snapshot. Blobs are never changed in place except by key
rotation, which swaps a whole file atomically; an open file keeps the version
it had, so every blob in the archive is whole. A blob removed between the
snapshot and its copy (a tip deleted meanwhile) is counted as missing and the
backup still holds everything else.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from tipline import audit, migrate
from tipline.backup import BackupError, manifest, tables
from tipline.backup.pipe import BlockWriter, Hasher
from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.crypto import Recipient, encrypt_stream
from tipline.models.blob_columns import BLOB_COLUMNS
from tipline.progress import Progress

ID_BYTES = 4096
_SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds: counts only."""

    rows: int
    blobs: int
    blob_bytes: int
    missing_blobs: int
    files: int


def record_created(session: Session, name: str) -> None:
    """Write ``backup.created`` for the backup with id ``name`` (the caller commits).

    ``tipline doctor`` finds the newest backup from the newest such event.
    """
    audit.record(session, actor=None, action="backup.created", object_type="backup", object_id=name)


def backup_id(path: str | os.PathLike[str]) -> str:
    """How the audit log names a backup file: 16 hex digits of SHA-256 over its start.

    The start of an age file is its header, which holds a fresh random file
    key wrapped to each recipient, so no two backups share it; hashing only
    that keeps the id cheap for a file of many gigabytes.
    """
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read(ID_BYTES)).hexdigest()[:16]


class _Archive:
    """A tar stream written straight into blocks for the sealing thread, with a manifest.

    tarfile encodes the headers; file data is read with ``readinto`` straight
    into the block that goes to the sealing thread (tipline.backup.pipe), and
    hashed in the hashing thread, so each byte is copied once, by the kernel. (tarfile's own
    streaming mode would copy every byte through its internal buffer twice
    more, which halves the throughput.)
    """

    def __init__(self, sink: BlockWriter, hasher: Hasher) -> None:
        self.sink = sink
        self.hasher = hasher
        self.manifest = manifest.ManifestWriter()
        self.block = sink.take()
        self.fill = 0
        self.written = 0

    def _room(self) -> memoryview:
        """The free part of the current block (a full block is sent first)."""
        if self.fill == len(self.block):
            self.sink.send(self.block, self.fill)
            self.block, self.fill = self.sink.take(), 0
        return memoryview(self.block)[self.fill :]

    def _header(self, name: str, size: int) -> None:
        # Plain ustar: every name fits (manifest.MAX_NAME), so the reader
        # needs no extended headers.
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, 0
        self._write(info.tobuf(tarfile.USTAR_FORMAT, "ascii", "strict"))

    def _write(self, data: bytes) -> None:
        """Copy a small piece (a header, padding, a database chunk) into the blocks."""
        view = memoryview(data)
        while view:
            room = self._room()
            n = min(len(room), len(view))
            room[:n] = view[:n]
            self.fill += n
            view = view[n:]
        self.written += len(data)

    def _pad(self, size: int) -> None:
        remainder = size % tarfile.BLOCKSIZE
        if remainder:
            self._write(bytes(tarfile.BLOCKSIZE - remainder))

    def add(self, name: str, src: BinaryIO, size: int) -> None:
        """Copy exactly ``size`` bytes of ``src`` in as part ``name``."""
        self._header(name, size)
        digest = hashlib.sha256()
        left = size
        while left:
            room = self._room()
            n = src.readinto(room[: min(left, len(room))])  # type: ignore[attr-defined]
            if not n:
                raise BackupError(f"{name} ended early while being copied")
            self.hasher.update(digest, room[:n])
            self.fill += n
            left -= n
        self.written += size
        self._pad(size)
        if self.manifest.add(name, size, digest.hexdigest):
            self._manifest_part()

    def add_bytes(self, name: str, data: bytes) -> None:
        self.add(name, io.BytesIO(data), len(data))

    def _raw(self, name: str, data: bytes) -> None:
        """A part that is not itself listed in the manifest (manifest parts, the end)."""
        self._header(name, len(data))
        self._write(data)
        self._pad(len(data))

    def _manifest_part(self) -> None:
        self.hasher.wait()  # every sum in it is final
        self._raw(*self.manifest.part())

    def finish(self, end: Mapping[str, Any]) -> None:
        if self.manifest.entries:
            self._manifest_part()
        self._raw(manifest.END_NAME, _json({**end, "manifest_parts": self.manifest.parts}))
        # End of archive: two zero blocks, then padding to a whole record.
        self._write(bytes(2 * tarfile.BLOCKSIZE))
        self._write(bytes(-self.written % tarfile.RECORDSIZE))
        self.sink.send(self.block, self.fill)


def _json(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True).encode()


def write_backup(
    dst: BinaryIO,
    engine: Engine,
    config: Mapping[str, Any],
    recipients: Sequence[Recipient],
    progress: Progress,
) -> BackupSummary:
    """Write a sealed backup of the configured instance to ``dst``."""
    writer = encrypt_stream(dst, recipients)
    # Three threads: this one reads files into blocks, one hashes them, one
    # seals and writes them (tipline.backup.pipe).
    hasher = Hasher()
    sink = BlockWriter(writer.write, hasher=hasher)
    try:
        summary = _write_archive(_Archive(sink, hasher), engine, config, progress)
        sink.close()
    except BaseException:
        sink.abort()
        raise
    finally:
        hasher.close()
    writer.close()
    return summary


def _write_archive(
    archive: _Archive, engine: Engine, config: Mapping[str, Any], progress: Progress
) -> BackupSummary:
    store = BlobStore(config["BLOB_DIR"])
    with tables.snapshot(engine) as connection:
        revision = migrate.current_revision(connection)
        archive.add_bytes(
            manifest.HEADER_NAME,
            _json(
                {
                    "format": manifest.FORMAT,
                    "revision": revision,
                    "dialect": connection.dialect.name,
                    "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
                }
            ),
        )
        files = _add_folder(archive, "instance", Path(config["INSTANCE_PATH"]), _skip(config))
        files += _add_folder(archive, "keys", Path(config["KEYS_DIR"]), set())
        counts = _add_tables(archive, connection, progress)
        blob_ids = sorted(_referenced(connection))
    blobs, blob_bytes, missing = _add_blobs(archive, store, blob_ids, progress)
    archive.finish({"tables": counts, "blobs": blobs, "missing_blobs": missing})
    return BackupSummary(
        rows=sum(counts.values()),
        blobs=blobs,
        blob_bytes=blob_bytes,
        missing_blobs=missing,
        files=files,
    )


def _skip(config: Mapping[str, Any]) -> set[Path]:
    """What the instance part leaves out: the blob store and the SQLite files."""
    skip = {Path(config["BLOB_DIR"]).resolve()}
    url = str(config["DATABASE_URL"])
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///")).resolve()
        skip.update(database.with_name(database.name + suffix) for suffix in _SQLITE_SUFFIXES)
    return skip


def _files(root: Path, skip: set[Path]) -> Iterator[tuple[str, Path]]:
    """Each regular file under ``root``, sorted: not hidden, not ours, not under ``skip``.

    A skipped folder (the blob store, inside the instance folder) is never
    entered: walking its thousands of files only to leave each out cost a
    third of a second per GiB. Symbolic links are neither followed nor kept.
    """
    if not root.is_dir():
        return
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skip]
        for name in names:
            path = here / name
            if name.startswith(".") or name.endswith(".tmp"):
                continue  # our own temporary files, and hidden ones
            if path.is_symlink() or not path.is_file() or path.resolve() in skip:
                continue
            found.append((path.relative_to(root).as_posix(), path))
    yield from sorted(found, key=lambda item: item[1])


def _add_folder(archive: _Archive, prefix: str, root: Path, skip: set[Path]) -> int:
    count = 0
    for relative, path in _files(root, skip):
        name = f"{prefix}/{relative}"
        if not manifest.NAME_PATTERNS[prefix].match(name) or len(name) > manifest.MAX_NAME:
            raise BackupError(f"{path}: a file name the backup cannot hold; rename or move it")
        with path.open("rb") as handle:
            archive.add(name, handle, os.fstat(handle.fileno()).st_size)
        count += 1
    return count


def _add_tables(archive: _Archive, connection: Connection, progress: Progress) -> dict[str, int]:
    counts = tables.row_counts(connection)
    progress.start("database", sum(counts.values()))
    number = 0
    dumped = dict.fromkeys(counts, 0)
    for table in tables.tables():
        for chunk in tables.dump(connection, table):
            number += 1
            archive.add_bytes(f"database/{number:06d}-{chunk.table}.jsonl", chunk.data)
            dumped[chunk.table] += chunk.rows
            progress.advance(chunk.rows)
    progress.finish()
    return dumped


def _referenced(connection: Connection) -> set[str]:
    ids: set[str] = set()
    for column in BLOB_COLUMNS:
        ids.update(str(value) for value in connection.scalars(select(column)))
    return ids


def _add_blobs(
    archive: _Archive, store: BlobStore, blob_ids: list[str], progress: Progress
) -> tuple[int, int, int]:
    sizes: dict[str, int] = {}
    for blob_id in blob_ids:
        try:
            sizes[blob_id] = store.size(blob_id)
        except BlobNotFoundError:
            continue
    progress.start("blobs", sum(sizes.values()))
    copied = total = 0
    for blob_id in sizes:
        try:
            handle = store.open(blob_id)
        except BlobNotFoundError:
            continue  # deleted since the snapshot
        with handle:
            size = os.fstat(handle.fileno()).st_size
            archive.add(f"blobs/{blob_id}", handle, size)
        copied += 1
        total += size
        progress.advance(size)
    progress.finish()
    return copied, total, len(blob_ids) - copied
