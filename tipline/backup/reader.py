"""Reading a backup: open the age stream, walk the tar, check every part.

:class:`BackupReader` yields each part with a stream of its contents and
checks, as it goes, that the parts come in the expected order, that their
sizes and SHA-256 sums match the manifest, that every table has the number
of rows ``manifest/end.json`` says, and finally that the age stream ends
where it should (a cut-off file fails its last chunk's authentication). The
first problem raises :class:`~tipline.backup.BackupError` naming it. A caller
must not treat anything it read as good until :meth:`BackupReader.parts` has
finished without raising: a restore stages everything and moves it in only
then.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from tipline.backup import BackupError, manifest, tarstream
from tipline.backup.pipe import BlockReader, Hasher
from tipline.crypto import AgeError, Identity, NoIdentityError, decrypt_stream
from tipline.progress import Progress

READ_BLOCK = 1 << 20


@dataclass
class Part:
    """One part of the archive; ``stream`` yields its bytes (read it, or leave it)."""

    name: str
    kind: str
    size: int
    stream: manifest.HashingReader
    # The whole contents of a database part (small by construction).
    data: bytes = b""


class _Counting:
    """Reports the ciphertext bytes read to a progress bar."""

    def __init__(self, src: BinaryIO, progress: Progress) -> None:
        self._src = src
        self._progress = progress

    def read(self, n: int = -1) -> bytes:
        data = self._src.read(n)
        self._progress.advance(len(data))
        return data

    def readinto(self, buffer: memoryview) -> int:
        n: int = self._src.readinto(buffer)  # type: ignore[attr-defined]
        self._progress.advance(n)
        return n


@dataclass
class BackupReader:
    """Walks a sealed backup; ``header`` and ``end`` are filled in as they are read."""

    src: BinaryIO
    identities: Sequence[Identity]
    progress: Progress
    header: dict[str, Any] = field(default_factory=dict)
    end: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def parts(self) -> Iterator[Part]:
        """Every data part in order (header, instance, keys, database, blobs)."""
        try:
            yield from self._walk()
        except AgeError as exc:
            raise BackupError(_age_problem(exc)) from exc

    def _walk(self) -> Iterator[Part]:
        counting = _Counting(self.src, self.progress)
        try:
            plaintext = decrypt_stream(counting, self.identities)  # type: ignore[arg-type]
        except NoIdentityError as exc:
            raise BackupError(
                "none of the given keys opens this backup (it was sealed to other recipients)"
            ) from exc
        # Three threads: one decrypts, one hashes, and this one walks the
        # archive and writes files (tipline.backup.pipe).
        hasher = Hasher()
        ahead = BlockReader(plaintext.readinto, hasher=hasher)
        try:
            yield from self._parts(ahead, hasher)
        finally:
            ahead.close()
            hasher.close()

    def _parts(self, plaintext: BlockReader, hasher: Hasher) -> Iterator[Part]:
        checker = manifest.ManifestChecker()
        for info, handle in tarstream.members(plaintext):
            if self.end:
                raise BackupError(f"{info.name}: a part after the end of the manifest")
            kind = manifest.kind_of(info.name)
            stream = manifest.HashingReader(handle, hasher)
            if kind in ("manifest", "end"):
                hasher.wait()  # every sum so far is final
                if kind == "manifest":
                    checker.listed(stream.read_all())
                else:
                    self._finish(stream.read_all(), checker)
                continue
            if kind != "header" and not self.header:
                raise BackupError("the backup does not start with its header")
            part = Part(info.name, kind, info.size, stream)
            if kind == "header":
                self._read_header(stream.read_all())
            elif kind == "database":
                part.data = stream.read_all()
                self._count_rows(info.name, part.data)
            yield part
            stream.drain()
            checker.seen(info.name, stream.size, stream.hexdigest)
        if not self.end:
            raise BackupError("the backup ends before its manifest is complete (cut short?)")
        # The tar reader stops at its end-of-archive blocks; read the age
        # stream to its end so the final chunk's tag is checked too.
        while plaintext.read(READ_BLOCK):
            pass

    def _read_header(self, data: bytes) -> None:
        header = manifest.read_json(data, "the backup header")
        if header.get("format") != manifest.FORMAT:
            raise BackupError(f"backup format {header.get('format')!r} is not supported here")
        self.header = header

    def _count_rows(self, name: str, data: bytes) -> None:
        table = name.split("-", 1)[1].removesuffix(".jsonl")
        self.rows[table] = self.rows.get(table, 0) + max(0, data.count(b"\n") - 1)

    def _finish(self, data: bytes, checker: manifest.ManifestChecker) -> None:
        if checker.pending:
            raise BackupError(f"{min(checker.pending)}: not listed in the manifest")
        end = manifest.read_json(data, "the end of the manifest")
        expected = end.get("tables")
        if not isinstance(expected, dict):
            raise BackupError("the end of the manifest has no row counts")
        for table, count in sorted(expected.items()):
            if self.rows.get(table, 0) != count:
                raise BackupError(
                    f"table {table}: {self.rows.get(table, 0)} rows, the manifest says {count}"
                )
        self.end = end


def _age_problem(exc: AgeError) -> str:
    text = " ".join(str(exc).split())
    return f"the backup is damaged, altered or cut short ({text})"
