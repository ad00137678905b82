"""The blob store: a folder of sealed files, written atomically.

Callers hand the store only ciphertext (they wrap the writer in an age
``encrypt_stream``), so nothing here ever sees plaintext. A blob is written to
a temporary file in the store's own ``tmp/`` folder, flushed to disk, then
renamed into place; a failed or abandoned write removes its temporary file, so
a crash mid-upload leaves no orphan that looks like a real blob.

A seized store tells no more about *when* than the database does (DESIGN.md,
"What a seized server reveals about time"): every blob, and every folder a
write or a deletion touched, gets the start of the current hour as its
modification and access time, and blobs are opened with ``O_NOATIME`` so
that reading one (a source reading a reply) records nothing. The kernel's
own change and birth times cannot be set by a program; :meth:`BlobStore.settle`
(``tipline maintenance settle-blobs``, hourly) copies each blob of an hour
that has ended into a fresh file, which then carries the settling time
instead of the moment it arrived. DESIGN.md says what is still shown.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tipline.atomic import sync_folder
from tipline.models.base import is_id, new_id

HOUR_SECONDS = 3600
# Reading without updating the access time needs the file's owner; others get 0.
_NOATIME = getattr(os, "O_NOATIME", 0)
# A settled blob is read-only; one still writable is this hour's, or unsettled.
SETTLED_MODE = 0o400
_COPY_CHUNK = 1024 * 1024


def this_hour() -> int:
    """The start of the current hour, in seconds since the epoch."""
    return int(time.time()) // HOUR_SECONDS * HOUR_SECONDS


def set_to_hour(*paths: str | os.PathLike[str]) -> None:
    """Give ``paths`` the current hour as their access and modification time."""
    hour = this_hour()
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.utime(path, (hour, hour))


def _create_partial(folder: str) -> tuple[int, str]:
    """A new, empty, owner-only ``partial-*`` file in ``folder``: its descriptor and path.

    What ``tempfile.mkstemp`` does (``O_EXCL``, mode 0600, a fresh random name
    on the rare clash), without its per-call argument handling.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        path = os.path.join(folder, f"partial-{secrets.token_hex(8)}")
        try:
            return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused name for a partial blob", folder)


def _open_quietly(path: Path) -> BinaryIO:
    """Open for reading without updating the access time (when we own the file)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOATIME)
    except PermissionError:  # O_NOATIME on a file we do not own
        descriptor = os.open(path, os.O_RDONLY)
    return os.fdopen(descriptor, "rb")


def _list_quietly(folder: Path) -> list[Path]:
    """A folder's entries, leaving its access time as it was.

    Listing a folder sets its access time to now; every maintenance run
    (settling, sweeps, rotation, backups) lists the whole store, which would
    leave exact times on every folder (DESIGN.md promises only hours).
    """
    before = folder.stat()
    entries = sorted(folder.iterdir())
    with contextlib.suppress(OSError):
        os.utime(folder, ns=(before.st_atime_ns, folder.stat().st_mtime_ns))
    return entries


class BlobNotFoundError(LookupError):
    """No blob has that id."""


class BlobStore:
    """Sealed files under ``root``, sharded by the first two hex digits."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, blob_id: str) -> Path:
        if not is_id(blob_id):
            raise BlobNotFoundError(blob_id)
        return self.root / blob_id[:2] / blob_id

    @contextlib.contextmanager
    def writer(
        self, blob_id: str | None = None, *, sync: bool = True
    ) -> Iterator[tuple[str, BinaryIO]]:
        """Yield ``(blob_id, file)``; the blob exists only if the block succeeds.

        With ``blob_id`` the block writes that id: a restore puts a blob back
        under its own id, and key rotation replaces a blob's contents with
        the same data sealed to the new key. The rename is atomic, so a
        reader sees the old file or the new one, never a mix, and a crash
        leaves the old one in place. ``sync=False`` skips the per-file fsync for
        a caller that syncs the whole store itself before relying on it (a
        restore: thousands of files, then an fsync of each, batched).
        """
        # Plain strings and os calls: on the intake this runs once per tip,
        # and pathlib's and tempfile's own bookkeeping was a measurable part
        # of its CPU, as were two mkdir calls with their stat calls per blob.
        root = os.fspath(self.root)
        tmp_dir = os.path.join(root, "tmp")
        replacing = blob_id is not None
        if blob_id is None:
            blob_id = new_id()
        final = os.fspath(self._path(blob_id))
        folder = os.path.dirname(final)
        try:
            fd, tmp_name = _create_partial(tmp_dir)
        except FileNotFoundError:  # a new store: the folders are made when missing
            os.makedirs(tmp_dir, mode=0o700, exist_ok=True)
            fd, tmp_name = _create_partial(tmp_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield blob_id, handle
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            try:
                os.mkdir(folder, 0o700)
                new_folder = True
            except FileExistsError:
                new_folder = False
            if replacing:
                with self._swap_lock():  # never under a settling copy of the old data
                    os.replace(tmp_name, final)
            else:
                os.replace(tmp_name, final)
            if sync:
                # The file's data is on disk; the rename is not until its folder
                # is synced. A source is shown a phrase only after this, so a
                # power cut cannot keep the tip's row and lose its blob.
                sync_folder(folder)
                if new_folder:
                    sync_folder(root)
            set_to_hour(final, folder, tmp_dir, root)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            set_to_hour(tmp_dir, root)
            raise

    def put(self, data: bytes) -> str:
        """Store ``data`` (already sealed) and return its id."""
        with self.writer() as (blob_id, handle):
            handle.write(data)
        return blob_id

    def open(self, blob_id: str) -> BinaryIO:
        try:
            return _open_quietly(self._path(blob_id))
        except FileNotFoundError as exc:
            raise BlobNotFoundError(blob_id) from exc

    def read(self, blob_id: str) -> bytes:
        with self.open(blob_id) as handle:
            return handle.read()

    def exists(self, blob_id: str) -> bool:
        try:
            return self._path(blob_id).is_file()
        except BlobNotFoundError:
            return False

    def delete(self, blob_id: str) -> None:
        with contextlib.suppress(FileNotFoundError, BlobNotFoundError):
            path = self._path(blob_id)
            with self._swap_lock():
                path.unlink()
            set_to_hour(path.parent)

    def size(self, blob_id: str) -> int:
        """The blob's size in bytes (of the sealed file)."""
        try:
            return self._path(blob_id).stat().st_size
        except FileNotFoundError as exc:
            raise BlobNotFoundError(blob_id) from exc

    @contextlib.contextmanager
    def _swap_lock(self) -> Iterator[None]:
        """Settling a blob excludes deleting or replacing it, across processes,
        so that settling never puts back a blob deleted or re-sealed meanwhile.

        The lock is on the store's folder itself (flock works on a folder's
        descriptor): no lock file to sweep, back up or mistake for a blob.
        """
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.root, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # releases the lock

    def settle(self) -> int:
        """Give each blob of an hour that has ended a fresh file, once; return how many.

        A blob's change time (ctime) and, on most file systems, its birth time
        are the moment it was stored, to the nanosecond, and no program can set
        them. A copy made now carries *now* instead: run hourly, every blob of
        an hour gets the same settling time (in random id order), keeping its
        hour as modification time. Settled blobs are made read-only, which
        marks them as done.
        """
        hour, settled = this_hour(), 0
        for blob_id in list(self.ids()):
            path = self._path(blob_id)
            try:
                info = path.stat()
            except FileNotFoundError:
                continue
            if info.st_mtime >= hour or not info.st_mode & stat.S_IWUSR:
                continue  # this hour's, or settled already
            if self._settle_one(path, info):
                settled += 1
        return settled

    def _settle_one(self, path: Path, info: os.stat_result) -> bool:
        mtime = int(info.st_mtime)
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="settle-")
        try:
            with os.fdopen(descriptor, "wb") as target, _open_quietly(path) as source:
                shutil.copyfileobj(source, target, _COPY_CHUNK)
                target.flush()
                os.fsync(target.fileno())
            os.chmod(tmp_name, SETTLED_MODE)
            os.utime(tmp_name, (mtime, mtime))
            with self._swap_lock():
                if path.stat().st_ino != info.st_ino:
                    # Replaced meanwhile (key rotation, a restore): keep the new
                    # data; it is settled on the next run.
                    raise FileNotFoundError(path)
                os.replace(tmp_name, path)  # (a deleted blob raised above: it stays deleted)
        except FileNotFoundError:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            return False
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        finally:
            set_to_hour(path.parent, tmp_dir)
        return True

    def modified_at(self, blob_id: str) -> float:
        """The hour the blob was written (seconds since the epoch), for orphan sweeps."""
        try:
            return self._path(blob_id).stat().st_mtime
        except FileNotFoundError as exc:
            raise BlobNotFoundError(blob_id) from exc

    def partial_files(self) -> Iterator[Path]:
        """Temporary files in ``tmp/``: writes in flight, or left by a crash."""
        tmp_dir = self.root / "tmp"
        if tmp_dir.is_dir():
            yield from (path for path in _list_quietly(tmp_dir) if path.is_file())

    def ids(self) -> Iterator[str]:
        """Every stored blob id (for maintenance: orphan sweeps, rotation)."""
        if not self.root.is_dir():
            return
        for shard in _list_quietly(self.root):
            if shard.is_dir() and len(shard.name) == 2:
                for path in _list_quietly(shard):
                    if is_id(path.name):
                        yield path.name
