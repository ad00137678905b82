"""The intake's request class: uploads are sealed while Werkzeug parses them.

Werkzeug's default stream factory spools any upload over 500 KB to a
plaintext temporary file. :class:`SealingRequest` replaces that path: each
file part is handed to a :class:`~tipline.tips.uploads.SealingSink` of the
request's :class:`~tipline.tips.uploads.UploadBatch`, so bytes go from the
socket through the age STREAM writer into the blob store and nowhere else.
Form fields stay in memory, bounded by ``MAX_FORM_MEMORY_SIZE`` per field and
``MAX_FORM_PARTS`` parts.

A malformed multipart body is a ``400``, not a silently empty form (Werkzeug's
default), so the source gets a clear page instead of "this field is required".
On the browser-sealed form address (``SEALED_ENDPOINT``) file parts arrive
already sealed: each is checked and stored as it streams
(:meth:`~tipline.tips.uploads.UploadBatch.checked_sink`), and one that is
not an age file addressed exactly to the organization's recipients stops the
request with :class:`RefusedCiphertext`. At the end of every request
:func:`discard_unkept` deletes the blobs of a submission that did not
commit. An error page that needs the form of a request whose body was never
parsed (the database failed first) parses it with
:func:`read_form_discarding_files`: the fields are kept, the files are read
and dropped, nothing is stored. The views read what the parser sealed with
:func:`sealed_files` and :func:`files_sent`, and keep it through
:func:`upload_batch`.
"""

from __future__ import annotations

import io
from typing import IO, Any, cast

from flask import Flask, Request, current_app, request
from werkzeug.exceptions import BadRequest, ServiceUnavailable
from werkzeug.formparser import FormDataParser

from tipline.crypto import AgeError
from tipline.crypto.shape import expected_shapes
from tipline.intake.flood_guard import reading_session
from tipline.tips import attachment_budget
from tipline.tips.uploads import SealedFile, SealingSink, UploadBatch
from tipline.web import get_blobs

RECIPIENTS_KEY = "tipline.intake.recipients"
# The file field of the tip form and of a source's message.
FILES_FIELD = "attachments"
# Room in a request body for the form fields and multipart framing (and, on
# the browser-sealed path, the sealed tip document and the age framing).
BODY_OVERHEAD = 4 * 1024 * 1024
# The view that takes forms sealed in the browser (tipline.intake.views).
SEALED_ENDPOINT = "intake.tip_sealed"
# The largest sealed tip document a browser may send (plaintext bytes): the
# form's text limits, JSON-escaped and Padmé-padded, fit with room to spare.
MAX_DOCUMENT_BYTES = 1024 * 1024


class MalformedBody(BadRequest):
    """The form body could not be parsed (bad multipart framing, no boundary)."""


class RefusedCiphertext(BadRequest):
    """A file sealed in the browser is malformed or not addressed to the organization."""


class StrictFormDataParser(FormDataParser):
    """Werkzeug's parser, but parse errors are raised, not swallowed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["silent"] = False
        super().__init__(*args, **kwargs)


class DiscardingSink(io.RawIOBase):
    """A write-only file that drops what it is given (files nobody will keep)."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0


class SealingRequest(Request):
    """A Flask request whose file uploads are sealed as they stream in."""

    form_data_parser_class = StrictFormDataParser
    _upload_batch: UploadBatch | None = None
    # Set once parsing the body began (it cannot be parsed a second time).
    form_attempted = False
    # Set by an error page that reads the form only to show the fields again.
    discard_files = False

    @property
    def upload_batch(self) -> UploadBatch:
        """This request's batch of sealed blobs (created on first use)."""
        if self._upload_batch is None:
            recipients = current_app.extensions.get(RECIPIENTS_KEY)
            if not recipients:
                # Fail closed: never accept a byte we could not seal.
                raise ServiceUnavailable()
            # The sealed tip document travels as one more file on the
            # browser-sealed path; the view holds each part to its own limit.
            extra = 1 if self.presealed else 0
            self._upload_batch = UploadBatch(
                get_blobs(),
                recipients,
                max_bytes=current_app.config["MAX_UPLOAD_BYTES"] + extra * MAX_DOCUMENT_BYTES,
                max_files=current_app.config["MAX_ATTACHMENTS"] + extra,
                files_allowed=self._files_allowed,
            )
        return self._upload_batch

    @property
    def presealed(self) -> bool:
        """Whether this request's files were sealed in the source's browser."""
        return self.endpoint == SEALED_ENDPOINT

    def _files_allowed(self) -> bool:
        """The hourly attachment budget, checked in a session of its own.

        Its own, short read: the request's session must not start its
        transaction (on SQLite, ``BEGIN IMMEDIATE``) while the body streams in.
        """
        return files_fit(self.content_length or current_app.config["MAX_UPLOAD_BYTES"])

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        if self.discard_files:
            return cast(IO[bytes], DiscardingSink())
        batch = self.upload_batch
        if self.presealed:
            return cast(IO[bytes], batch.checked_sink(expected_shapes(batch.recipients)))
        return cast(IO[bytes], batch.sink(filename, content_type))

    def _load_form_data(self) -> None:
        self.form_attempted = True
        try:
            super()._load_form_data()
        except AgeError as exc:
            raise RefusedCiphertext() from exc
        except ValueError as exc:
            raise MalformedBody() from exc

    def check_uploads(self) -> None:
        """Raise the disk's error if storing an uploaded file failed."""
        if self._upload_batch is not None:
            self._upload_batch.check()

    def discard_uploads(self) -> None:
        if self._upload_batch is not None:
            self._upload_batch.discard()


def configure(app: Flask) -> None:
    """Install the request class, the body limits, and the end-of-request cleanup."""
    app.request_class = SealingRequest
    config = app.config
    # Fields are small and kept in memory: 256 KiB each is far more text than a
    # tip needs, and MAX_FORM_PARTS bounds how many there can be (Flask's own
    # defaults, 500 kB x 1000 parts, would allow 500 MB of fields in memory).
    config["MAX_FORM_MEMORY_SIZE"] = 256 * 1024
    config["MAX_FORM_PARTS"] = 64 + 4 * config["MAX_ATTACHMENTS"]
    # The whole body: the attachments' limit plus room for the fields. The
    # attachments' own limit is enforced exactly, byte by byte, by the batch.
    config["MAX_CONTENT_LENGTH"] = config["MAX_UPLOAD_BYTES"] + BODY_OVERHEAD
    app.teardown_request(discard_unkept)


def discard_unkept(_exc: BaseException | None) -> None:
    """Delete this request's blobs unless the view kept them after committing."""
    from flask import request

    req = cast(SealingRequest, request._get_current_object())  # type: ignore[attr-defined]
    if isinstance(req, SealingRequest):
        req.discard_uploads()


def upload_batch() -> UploadBatch:
    """The current request's batch of sealed blobs (see :class:`SealingRequest`)."""
    return cast(SealingRequest, request).upload_batch


def sealed_files(field: str = FILES_FIELD) -> list[SealedFile]:
    """The files of one field (``attachments``), already sealed or checked by the parser.

    Raises the disk's error (``OSError``) if storing a file failed mid-upload.
    """
    storages = request.files.getlist(field)
    cast(SealingRequest, request).check_uploads()
    sealed = []
    for storage in storages:
        stream = storage.stream
        if isinstance(stream, SealingSink) and stream.result is not None:
            sealed.append(stream.result)
    return sealed


def files_fit(size: int) -> bool:
    """Whether ``size`` more bytes of files fit in this hour's attachment budget."""
    with reading_session() as session:
        return attachment_budget.allows(
            session, size, current_app.config["ATTACHMENT_BYTES_PER_HOUR"]
        )


def files_refused() -> bool:
    """Whether this request's files were dropped by the hourly attachment budget."""
    batch = cast(SealingRequest, request)._upload_batch
    return batch is not None and batch.files_refused


def files_sent() -> bool:
    """Whether any file was chosen (a refused form says they were not kept)."""
    return any(storage.filename for storage in request.files.getlist(FILES_FIELD))


def read_form_discarding_files() -> bool:
    """Make sure ``request.form`` holds the fields of a POSTed form, if it can.

    For an error page: if the view never parsed the body, parse it now with
    the files read and dropped (nothing is sealed or stored). False when
    there is no form to read, or parsing had already failed part-way.
    """
    req = request._get_current_object()  # type: ignore[attr-defined]
    if not isinstance(req, SealingRequest) or req.method != "POST":
        return False
    if "form" in req.__dict__:
        return True
    if req.form_attempted:
        return False
    req.discard_files = True
    try:
        req.form  # noqa: B018  (parses the body)
    except Exception:
        return False
    return "form" in req.__dict__
