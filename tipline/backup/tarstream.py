"""Reading the backup's tar stream: one header, one part, at a time.

The archive is plain ustar written by tipline.backup.create (no extended
headers, only regular files), so reading it needs only ``tarfile``'s header
parser and a bounded reader per part, which passes on the views of the
decrypted blocks it is given without copying them. tarfile's own streaming
mode would copy every byte through its internal buffers, which costs a third
of a restore's time.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from typing import Protocol

from tipline.backup import BackupError

BLOCK = tarfile.BLOCKSIZE


class Source(Protocol):
    """Where the archive comes from (tipline.backup.pipe.BlockReader, or any stream).

    What ``read`` returns may be a view that is valid only until the next call.
    """

    def read(self, n: int = -1, /) -> bytes | memoryview: ...


def _read_exactly(src: Source, size: int) -> bytes:
    parts = []
    left = size
    while left:
        more = src.read(left)
        if not more:
            raise BackupError("the archive inside the backup ends in the middle of a part")
        parts.append(bytes(more))  # a view would not outlive the next read
        left -= len(more)
    return b"".join(parts)


class PartReader:
    """Reads exactly one part's bytes from the stream, then stops."""

    def __init__(self, src: Source, size: int) -> None:
        self._src = src
        self.left = size

    def read(self, n: int = -1, /) -> bytes | memoryview:
        """Up to ``n`` bytes of the part; with ``n < 0``, all that is left of it, as bytes.

        The stream below returns at most one block per call, so reading "all"
        has to ask again until the part is done.
        """
        if n < 0:
            return _read_exactly(self, self.left) if self.left > 0 else b""
        if self.left <= 0:
            return b""
        data = self._src.read(min(n, self.left))
        if not data:
            raise BackupError("the archive inside the backup ends in the middle of a part")
        self.left -= len(data)
        return data

    def skip(self) -> None:
        while self.read(1 << 20):
            pass


def members(src: Source) -> Iterator[tuple[tarfile.TarInfo, PartReader]]:
    """Each regular part's header and contents; stops at the end-of-archive blocks."""
    while True:
        block = _read_exactly(src, BLOCK)
        if block == bytes(BLOCK):
            return
        try:
            info = tarfile.TarInfo.frombuf(block, "ascii", "strict")
        except (tarfile.HeaderError, UnicodeDecodeError) as exc:
            raise BackupError(f"the archive inside the backup is damaged: {exc}") from exc
        if not info.isreg():
            raise BackupError(f"{info.name}: not a regular file")
        part = PartReader(src, info.size)
        yield info, part
        part.skip()
        padding = -info.size % BLOCK
        if padding:
            _read_exactly(src, padding)
