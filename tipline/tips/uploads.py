"""Sealing files as they arrive: no plaintext byte of an upload reaches disk.

An :class:`UploadBatch` is one unit of work's worth of blobs (one request, or
one call from a script or test). Each file gets a :class:`SealingSink`, a
write-only file object that pipes bytes straight into an age STREAM writer
(``tipline.crypto.encrypt_stream``) inside a ``BlobStore.writer()``: memory
stays at one STREAM chunk per file whatever its size, and what lands on disk,
even in the store's ``tmp/`` folder, is ciphertext.

The batch enforces the limits as bytes arrive (total size, number of files),
raising :class:`UploadLimitError` mid-stream (the intake answers ``413``),
and remembers every blob it wrote. It asks its
``files_allowed`` callback once, at the first byte of the first file it
seals (the hourly attachment budget, tipline.tips.attachment_budget); if
not allowed, file bytes are read and dropped unsealed, the batch says
``files_refused``, and the text still goes through. Parts sealed in the
browser (:meth:`UploadBatch.checked_sink`) are not dropped: the sealed
document names them, so the view checks the budget instead. A disk that
fails mid-upload (full, read-only) does not stop the parser either: the
batch records the error, stores nothing more and lets the rest of the body
be read, so the form's other fields survive and the source can be shown
what they typed; :meth:`UploadBatch.check` then raises the error for the
error page. Unless the caller names them in :meth:`UploadBatch.keep` after its database commit,
:meth:`UploadBatch.discard` deletes them all, so a failed, refused or aborted
submission leaves no orphaned blob.

Files a browser already sealed (the form's JavaScript path) go through the
same batch with :meth:`UploadBatch.checked_sink`: the bytes are not sealed
again but passed through a :class:`~tipline.crypto.shape.ShapeChecker`, which
refuses anything that is not an age file addressed exactly to the
organization's recipients, and counts their *plaintext* size against the
same limits.

No Flask here; the intake's request class (``tipline.intake.request``) plugs a
batch into Werkzeug's form parser.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from tipline.blobs import BlobStore
from tipline.crypto import Recipient, encrypt_stream
from tipline.crypto.shape import ShapeChecker, StanzaShape
from tipline.faults import is_storage_failure

DEFAULT_CONTENT_TYPE = "application/octet-stream"
MAX_FILENAME_CHARS = 255
_CONTENT_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$")


class UploadLimitError(Exception):
    """The files sent exceed one of the batch's limits."""


class UploadTooLargeError(UploadLimitError):
    """The files together exceed ``MAX_UPLOAD_BYTES``."""


class TooManyFilesError(UploadLimitError):
    """More than ``MAX_ATTACHMENTS`` files were sent."""


class _AbortedError(Exception):
    """Thrown into a blob writer to make it remove its partial file."""


class _Filter(Protocol):
    """What sits between a sink and its blob: an age writer or a shape checker."""

    def write(self, data: bytes) -> int: ...  # plaintext bytes accounted for

    def close(self) -> object: ...


@dataclass(frozen=True)
class SealedFile:
    """An uploaded file, sealed and stored; the name and type go in the document."""

    blob_id: str
    filename: str
    content_type: str
    size: int


def clean_filename(raw: str | None) -> str:
    """The base name a browser sent, without paths or control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:MAX_FILENAME_CHARS]


def clean_content_type(raw: str | None) -> str:
    """The declared media type without parameters, or a neutral default."""
    value = (raw or "").split(";", 1)[0].strip().lower()
    return value if _CONTENT_TYPE.match(value) else DEFAULT_CONTENT_TYPE


class UploadBatch:
    """Blobs written for one unit of work, deleted unless named in :meth:`keep`."""

    def __init__(
        self,
        store: BlobStore,
        recipients: Sequence[Recipient],
        *,
        max_bytes: int,
        max_files: int,
        files_allowed: Callable[[], bool] | None = None,
    ) -> None:
        if not recipients:
            raise ValueError("an upload batch needs at least one recipient")
        self.store = store
        self.recipients = list(recipients)
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.total_bytes = 0
        self.file_count = 0
        self._sinks: list[SealingSink] = []
        self._blob_ids: list[str] = []
        self._kept: set[str] = set()
        # The first error the disk (or the database) gave while a file streamed in.
        self.failure: Exception | None = None
        self._files_allowed = files_allowed
        self._accepts_files: bool | None = None
        self.files_refused = False

    def accepts_files(self) -> bool:
        """Whether files sealed here may be stored (asked once, at the first byte)."""
        if self._accepts_files is None:
            allowed = self._files_allowed
            self._accepts_files = True if allowed is None else allowed()
            self.files_refused = not self._accepts_files
        return self._accepts_files

    def sink(self, filename: str | None, content_type: str | None) -> SealingSink:
        """A new write-only file that seals into its own blob."""
        recipients = self.recipients
        sink = SealingSink(
            self,
            clean_filename(filename),
            clean_content_type(content_type),
            lambda handle: encrypt_stream(handle, recipients),
            budgeted=True,
        )
        self._sinks.append(sink)
        return sink

    def checked_sink(self, expected: list[StanzaShape]) -> SealingSink:
        """A write-only file for bytes already sealed elsewhere, checked as they pass.

        The sink's ``size`` is the file's plaintext size, known from the
        STREAM framing; name and type are neutral (the real ones are inside
        the sealed tip document).
        """
        sink = SealingSink(
            self, "", DEFAULT_CONTENT_TYPE, lambda handle: ShapeChecker(handle, expected)
        )
        self._sinks.append(sink)
        return sink

    def seal_bytes(self, filename: str, content_type: str, data: bytes) -> SealedFile | None:
        """Seal an in-memory file through the same path as a streamed one."""
        sink = self.sink(filename, content_type)
        sink.write(data)
        return sink.finish()

    def put(self, sealed: bytes) -> str:
        """Store already-sealed bytes (the tip document) as part of this batch."""
        blob_id = self.store.put(sealed)
        self._blob_ids.append(blob_id)
        return blob_id

    def count(self, size: int, *, new_file: bool) -> None:
        """Account for ``size`` more bytes; :class:`UploadLimitError` past a limit."""
        if new_file:
            self.file_count += 1
            if self.file_count > self.max_files:
                raise TooManyFilesError()
        self.total_bytes += size
        if self.total_bytes > self.max_bytes:
            raise UploadTooLargeError()

    def record(self, blob_id: str) -> None:
        self._blob_ids.append(blob_id)

    def fail(self, error: Exception) -> None:
        """Storage failed mid-upload: keep the error, store nothing more."""
        if self.failure is None:
            self.failure = error
        for sink in self._sinks:
            sink.abort()

    def check(self) -> None:
        """Raise the storage error a file hit while streaming in, if one did."""
        if self.failure is not None:
            raise self.failure

    @property
    def blob_ids(self) -> list[str]:
        return list(self._blob_ids)

    def keep(self, blob_ids: Iterable[str]) -> None:
        """The unit of work committed: these blobs now belong to stored rows.

        Only the named blobs are kept; any other blob of the batch (a file
        sent under an unexpected field name, say) is still deleted by
        :meth:`discard`, so nothing is left that no row refers to.
        """
        self._kept.update(blob_ids)

    def discard(self) -> None:
        """Abort open writers and delete every blob not passed to :meth:`keep`."""
        for sink in self._sinks:
            sink.abort()
        for blob_id in self._blob_ids:
            if blob_id not in self._kept:
                self.store.delete(blob_id)
        self._blob_ids = [blob_id for blob_id in self._blob_ids if blob_id in self._kept]


class SealingSink:
    """Write-only file: bytes go through a filter (an age STREAM writer, or a
    shape checker for files sealed in the browser) inside a blob writer.

    Werkzeug's multipart parser calls ``write`` for each chunk of a file part
    and ``seek(0)`` when the part ends; that is where the blob is finished.
    The blob is opened on the first non-empty write, so the empty part a
    browser sends for "no file chosen" creates nothing.
    """

    def __init__(
        self,
        batch: UploadBatch,
        filename: str,
        content_type: str,
        start: Callable[[BinaryIO], _Filter],
        *,
        budgeted: bool = False,
    ) -> None:
        self._batch = batch
        self._budgeted = budgeted
        self.filename = filename
        self.content_type = content_type
        self.size = 0  # plaintext bytes so far
        self._start = start
        self._blob: contextlib.AbstractContextManager[tuple[str, BinaryIO]] | None = None
        self._blob_id: str | None = None
        self._filter: _Filter | None = None
        self._result: SealedFile | None = None
        self._done = False

    # The parts of the file protocol Werkzeug and FileStorage use.
    def write(self, data: bytes) -> int:
        if self._batch.failure is not None:
            return len(data)  # the disk failed: read on, keep nothing
        if self._done:
            raise ValueError("write to a finished upload")
        if not data:
            return 0
        if self._budgeted and not self._accepts_files():
            # Over the hour's attachment budget: read and drop, store nothing.
            self._batch.count(len(data), new_file=self.size == 0)
            self.size += len(data)
            return len(data)
        try:
            if self._filter is None:
                self._batch.count(0, new_file=True)
                self._open()
            assert self._filter is not None
            grown = self._filter.write(data)
        except OSError as exc:
            self._batch.fail(exc)
            return len(data)
        self._batch.count(grown, new_file=False)
        self.size += grown
        return len(data)

    def _accepts_files(self) -> bool:
        # The budget is counted in the database, which may be what failed: then
        # the batch fails as for a full disk, and the rest of the body is read.
        try:
            return self._batch.accepts_files()
        except Exception as exc:
            if not is_storage_failure(exc):
                raise
            self._batch.fail(exc)
            return False

    def seek(self, offset: int, whence: int = 0) -> int:
        self.finish()
        return 0

    def tell(self) -> int:
        return self.size

    def read(self, size: int = -1) -> bytes:
        raise io.UnsupportedOperation("an upload is sealed as it arrives and cannot be read back")

    def readable(self) -> bool:
        return False

    def writable(self) -> bool:
        return not self._done

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        return None

    def close(self) -> None:
        # FileStorage.close() may be called by the framework; finishing is
        # idempotent and a never-written sink has nothing to close.
        self.finish()

    def __iter__(self) -> Iterator[bytes]:
        return iter(())

    @property
    def closed(self) -> bool:
        return self._done

    def _open(self) -> None:
        self._blob = self._batch.store.writer()
        self._blob_id, handle = self._blob.__enter__()
        try:
            self._filter = self._start(handle)
        except BaseException:
            self.abort()
            raise

    def finish(self) -> SealedFile | None:
        """Seal the last chunk and store the blob; ``None`` for an empty file."""
        if self._done:
            return self._result
        self._done = True
        if self._blob is None or self._blob_id is None:
            return None
        blob, self._blob = self._blob, None
        try:
            try:
                assert self._filter is not None
                self._filter.close()
            except BaseException as exc:
                blob.__exit__(type(exc), exc, exc.__traceback__)
                raise
            blob.__exit__(None, None, None)  # flush, fsync, rename: may fail too
        except OSError as exc:
            self._batch.fail(exc)
            return None
        self._batch.record(self._blob_id)
        self._result = SealedFile(self._blob_id, self.filename, self.content_type, self.size)
        return self._result

    @property
    def result(self) -> SealedFile | None:
        """The sealed file once the part has ended; ``None`` if empty or unfinished."""
        return self._result

    def abort(self) -> None:
        """Drop a half-written blob (client gone, limit hit, exception)."""
        self._done = True
        if self._blob is not None:
            blob, self._blob = self._blob, None
            error = _AbortedError()
            # Closing the half-written file flushes its buffer, which fails
            # again on a full disk; the store removes the file either way.
            with contextlib.suppress(_AbortedError, OSError):
                blob.__exit__(_AbortedError, error, None)
