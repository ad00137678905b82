"""Writing a file all at once or not at all.

:func:`atomic_output` hands out a hidden temporary file beside the target;
only if the block succeeds is it flushed, fsynced and renamed over the
target (then the folder is fsynced, so the rename survives a power cut). A
failure or an interruption removes the temporary file and leaves any
earlier file at the target untouched: ``tipline age -o`` never leaves a
partial plaintext, ``tipline backup create`` never a partial backup.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class OutputError(OSError):
    """The temporary file could not be created next to the target."""


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], prefix: str) -> Iterator[BinaryIO]:
    """Yield a file to write; it becomes ``path`` only when the block succeeds."""
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
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
