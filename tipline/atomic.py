"""Writing a file all at once or not at all.

:func:`atomic_output` hands out a hidden temporary file beside the target;
only if the block succeeds is it flushed, fsynced and renamed over the
target (then the folder is fsynced, so the rename survives a power cut). A
failure or an interruption removes the temporary file and leaves any
earlier file at the target untouched: ``tipline age -o`` never leaves a
partial plaintext, ``tipline backup create`` never a partial backup.
:func:`sync_folder` and :func:`sync_tree` make other writes durable the
same way.

A target that exists and is not a regular file (``/dev/null``, a FIFO, a
terminal) is written directly: renaming over it would replace the device
with a file (as root, ``-o /dev/null`` would have replaced /dev/null).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class OutputError(OSError):
    """The temporary file could not be created next to the target."""


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], prefix: str) -> Iterator[BinaryIO]:
    """Yield a file to write; it becomes ``path`` only when the block succeeds."""
    if _is_special(path):
        try:
            special = open(path, "wb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror, str(path)) from exc
        with special:
            yield special
        return
    # Beside the path as given (not where a link points): the rename must stay
    # on one file system and replace what ``path`` names.
    directory = Path(os.path.abspath(path)).parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, dir=directory)
    except OSError as exc:
        raise OutputError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(directory)


def sync_folder(directory: str | os.PathLike[str]) -> None:
    """fsync a folder, so the names created or renamed in it survive a power cut."""
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def sync_tree(root: str | os.PathLike[str]) -> int:
    """fsync every file and folder under ``root`` (itself included); return the file count.

    For a caller that wrote many files without an fsync each (a restore):
    syncing them afterwards lets the kernel write them back together, and
    unlike ``os.sync()`` it flushes only these files, not the whole machine.
    Everything is opened with ``O_NOATIME`` (the caller owns what it wrote):
    listing a folder would otherwise set its access time, and the blob store
    keeps its times to the hour (tipline.blobs).
    """
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _NOATIME)
    try:
        return _sync_open_folder(fd)
    finally:
        os.close(fd)


_NOATIME = getattr(os, "O_NOATIME", 0)


def _sync_open_folder(folder_fd: int) -> int:
    with os.scandir(folder_fd) as entries:
        children = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    files = 0
    for name, is_folder in children:
        flags = os.O_RDONLY | os.O_NOFOLLOW | _NOATIME | (os.O_DIRECTORY if is_folder else 0)
        fd = os.open(name, flags, dir_fd=folder_fd)
        try:
            if is_folder:
                files += _sync_open_folder(fd)
            else:
                os.fsync(fd)
                files += 1
        finally:
            os.close(fd)
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder
        os.fsync(folder_fd)
    return files


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` exists and is not a regular file (a device, a pipe)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
