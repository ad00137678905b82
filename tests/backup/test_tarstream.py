"""The backup's tar reader copes with a stream that hands out a few bytes at a time.

The age reader returns at most one 64 KiB chunk per call; a database part or
a manifest part is larger than that on any real instance.
"""

from __future__ import annotations

import io
import tarfile

from tipline.backup import tarstream


class Trickle(io.RawIOBase):
    """At most ``step`` bytes per read, like a chunked decrypting reader."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = io.BytesIO(data)
        self._step = step

    def read(self, n: int = -1) -> bytes:
        return self._data.read(self._step if n < 0 else min(n, self._step))


def _archive(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in parts.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_whole_parts_from_a_trickle() -> None:
    parts = {"database/000001-tips.jsonl": bytes(range(256)) * 1000, "small": b"x"}
    read = {}
    for info, part in tarstream.members(Trickle(_archive(parts), 777)):  # type: ignore[arg-type]
        read[info.name] = part.read()
    assert read == parts
