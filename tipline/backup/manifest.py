"""Names, sizes and SHA-256 sums of a backup's parts, written and checked in pieces.

A manifest of a large instance (a hundred thousand blobs) would not fit the
"memory stays flat" rule if it were written once at the end, so the writer
emits a manifest part every :data:`PART_ENTRIES` entries, covering the parts
since the previous one, and the reader holds only the sums it has not yet
seen listed. ``manifest/end.json`` closes the archive with the row count of
every table and the number of parts; a backup without it was cut short.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from tipline.backup import BackupError
from tipline.backup.pipe import Hasher
from tipline.backup.tarstream import Source

FORMAT = 1
HEADER_NAME = "tipline-backup.json"
END_NAME = "manifest/end.json"
PART_ENTRIES = 1024
# Longest part name: what a plain ustar header holds.
MAX_NAME = 100

_SAFE_PART = r"[A-Za-z0-9._-]+"
# Every name a backup may hold; anything else is refused, so a crafted archive
# cannot write outside the folders a restore stages into.
NAME_PATTERNS = {
    "instance": re.compile(rf"^instance/(?:{_SAFE_PART}/)*{_SAFE_PART}$"),
    "keys": re.compile(rf"^keys/(?:{_SAFE_PART}/)*{_SAFE_PART}$"),
    "database": re.compile(r"^database/[0-9]{6}-[a-z_]+\.jsonl$"),
    "blobs": re.compile(r"^blobs/[0-9a-f]{32}$"),
    "manifest": re.compile(r"^manifest/[0-9]{6}\.json$"),
}


def kind_of(name: str) -> str:
    """The kind of part a name is (``instance``, ``keys``...), or :class:`BackupError`."""
    if name == HEADER_NAME:
        return "header"
    if name == END_NAME:
        return "end"
    for kind, pattern in NAME_PATTERNS.items():
        if pattern.match(name) and ".." not in name.split("/") and len(name) <= MAX_NAME:
            return kind
    raise BackupError(f"unexpected part {name!r} in the backup")


class HashingReader:
    """Reads from ``src`` and keeps the size and SHA-256 of what passed through."""

    def __init__(self, src: Source, hasher: Hasher | None = None) -> None:
        self._src = src
        self._hash = hashlib.sha256()
        # With a hasher, the sum is computed in its thread: hexdigest() is
        # final only after hasher.wait().
        self._hasher = hasher
        self.size = 0

    def read(self, n: int = -1, /) -> bytes | memoryview:
        """What ``src.read`` returns (a view valid until the next call, perhaps)."""
        data = self._src.read(n)
        if self._hasher is not None:
            self._hasher.update(self._hash, data)
        else:
            self._hash.update(data)
        self.size += len(data)
        return data

    def read_all(self) -> bytes:
        """The rest of the part, as bytes of its own (a small part: a header, a manifest)."""
        return bytes(self.read())

    def copy_to(self, dst: BinaryIO, block: int = 1 << 20) -> None:
        """Write the rest of the part to ``dst``."""
        while data := self.read(block):
            dst.write(data)

    def drain(self, block: int = 1 << 20) -> None:
        while self.read(block):
            pass

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@dataclass
class ManifestWriter:
    """Collects ``(name, size, sha256)`` and hands out manifest parts."""

    entries: list[tuple[str, int, Callable[[], str]]] = field(default_factory=list)
    parts: int = 0

    def add(self, name: str, size: int, sha256: Callable[[], str]) -> bool:
        """Record one part; True when a manifest part is due.

        ``sha256()`` gives its sum in hex when the manifest part is written
        (the caller makes sure the hashing thread has caught up by then).
        """
        self.entries.append((name, size, sha256))
        return len(self.entries) >= PART_ENTRIES

    def part(self) -> tuple[str, bytes]:
        """The next manifest part, covering every entry since the last one."""
        self.parts += 1
        listed = [[name, size, sha256()] for name, size, sha256 in self.entries]
        data = json.dumps({"parts": listed}, separators=(",", ":")).encode()
        self.entries = []
        return f"manifest/{self.parts:06d}.json", data


@dataclass
class ManifestChecker:
    """Compares what was read with the manifest parts as they arrive."""

    pending: dict[str, tuple[int, Callable[[], str]]] = field(default_factory=dict)
    checked: int = 0

    def seen(self, name: str, size: int, sha256: Callable[[], str]) -> None:
        """A part read; ``sha256()`` gives its sum once the hashing thread caught up."""
        if name in self.pending:
            raise BackupError(f"{name}: the backup holds this part twice")
        self.pending[name] = (size, sha256)

    def listed(self, data: bytes) -> None:
        """Check one manifest part against the parts read since the previous one."""
        try:
            entries = json.loads(data)["parts"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError("a manifest part cannot be read") from exc
        for entry in entries:
            name, size, sha256 = _entry(entry)
            found = self.pending.pop(name, None)
            if found is None:
                raise BackupError(f"{name}: listed in the manifest but missing from the backup")
            if found[0] != size:
                raise BackupError(f"{name}: {found[0]} bytes, the manifest says {size}")
            if found[1]() != sha256:
                raise BackupError(f"{name}: SHA-256 does not match the manifest")
            self.checked += 1
        if self.pending:
            raise BackupError(f"{min(self.pending)}: not listed in the manifest")


def _entry(entry: Any) -> tuple[str, int, str]:
    if (
        not isinstance(entry, list)
        or len(entry) != 3
        or not isinstance(entry[0], str)
        or not isinstance(entry[1], int)
        or not isinstance(entry[2], str)
    ):
        raise BackupError("a manifest entry is malformed")
    return entry[0], entry[1], entry[2]


def read_json(data: bytes, what: str) -> dict[str, Any]:
    """A JSON object from a small part, or :class:`BackupError` naming ``what``."""
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise BackupError(f"{what} cannot be read") from exc
    if not isinstance(value, dict):
        raise BackupError(f"{what} cannot be read")
    return value
