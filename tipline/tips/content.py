"""Opening what a source sent: the sealed document, previews, attachments.

Only for a reviewer whose session holds the unlocked organization identity.
Nothing opened here is logged or stored; callers render it (escaped) and
drop it. Attachments are decrypted as a stream of authenticated 64 KiB
chunks, so a large file never sits whole in memory. A download declares the
size the sealed document gives (``Content-Length``), and the stream checks
that it delivers exactly that many bytes: a stream that fails, runs long or
ends short raises, so the server drops the connection (or, before the first
byte, answers 500) and the browser sees an incomplete download rather than a
complete-looking wrong file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.crypto import AgeError, Identity, decrypt_stream
from tipline.documents import AttachmentInfo, DocumentError, TipDocument, open_document
from tipline.models.tip import Attachment, Tip
from tipline.models.user import User
from tipline.tips import TipError, TipNotFoundError
from tipline.tips.downloads import FileDownload
from tipline.tips.workflow import mark_read

log = logging.getLogger(__name__)

PREVIEW_FIELD = "what_happened"
PREVIEW_LENGTH = 160


class ContentError(TipError):
    """A sealed object is missing or cannot be opened with this identity."""


class SizeMismatchError(ContentError):
    """A decrypted attachment is not the size its sealed document declares."""


def open_tip(blobs: BlobStore, tip: Tip, identities: Sequence[Identity]) -> TipDocument:
    """Decrypt the tip's sealed document."""
    try:
        return open_document(blobs.read(tip.body_blob), identities)
    except (BlobNotFoundError, DocumentError) as exc:
        # The id and the error class only: the message may quote the blob.
        log.warning("tip %s could not be opened (%s)", tip.id, type(exc).__name__)
        raise ContentError("This tip's sealed text could not be opened.") from exc


@dataclass(frozen=True)
class OpenedTip:
    """A tip as its page shows it: the document, or why it would not open."""

    document: TipDocument | None
    error: str | None = None


def view_tip(
    session: Session, blobs: BlobStore, tip: Tip, identity: Identity, actor: User
) -> OpenedTip:
    """Open ``tip`` for ``actor``: its document, a read mark, a ``tip.view`` event.

    The view is recorded even when the document will not open: someone
    looked, and the page says why there is nothing to read.
    """
    try:
        opened = OpenedTip(open_tip(blobs, tip, [identity]))
    except ContentError as exc:
        opened = OpenedTip(None, str(exc))
    mark_read(session, tip, actor.id)
    audit.record(session, actor=actor, action="tip.view", object_type="tip", object_id=tip.id)
    return opened


def download_attachment(
    session: Session,
    blobs: BlobStore,
    tip: Tip,
    attachment_id: str,
    identity: Identity,
    actor: User,
) -> FileDownload:
    """One of the tip's files as a checked stream (``tip.download``).

    :class:`TipNotFoundError` when the tip has no such file,
    :class:`ContentError` when it cannot be opened; nothing is recorded then.
    """
    attachment = find_attachment(tip, attachment_id)
    document = open_tip(blobs, tip, [identity])
    info = attachment_info(document, attachment)
    return recorded_download(
        session,
        blobs,
        attachment,
        info.filename,
        info.content_type,
        declared_size(document, attachment),
        identity=identity,
        actor=actor,
        action="tip.download",
    )


def recorded_download(
    session: Session,
    blobs: BlobStore,
    attachment: Attachment,
    filename: str,
    content_type: str,
    size: int | None,
    *,
    identity: Identity,
    actor: User,
    action: str,
) -> FileDownload:
    """``attachment`` as a checked stream, its download recorded as ``action``.

    The one way a download service hands a file out (a tip's files here, a
    source's later files in tipline.conversation.reading): the stream checks
    the declared ``size``, and the audit event names the attachment only.
    """
    chunks = decrypt_attachment(blobs, attachment, [identity], size=size)
    audit.record(
        session, actor=actor, action=action, object_type="attachment", object_id=attachment.id
    )
    return FileDownload(chunks, content_type, filename, size)


def preview(document: TipDocument, limit: int = PREVIEW_LENGTH) -> str:
    """The first non-empty line of what happened, shortened for a list."""
    text = document.fields.get(PREVIEW_FIELD)
    if not isinstance(text, str):
        text = next((v for v in document.fields.values() if isinstance(v, str) and v.strip()), "")
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def previews(
    blobs: BlobStore, tips: Iterable[Tip], identities: Sequence[Identity]
) -> dict[str, str | None]:
    """Previews for one page of tips; ``None`` where a tip cannot be opened."""
    result: dict[str, str | None] = {}
    for tip in tips:
        try:
            result[tip.id] = preview(open_tip(blobs, tip, identities))
        except ContentError:
            result[tip.id] = None
    return result


def find_attachment(tip: Tip, attachment_id: str) -> Attachment:
    for attachment in tip.attachments:
        if attachment.id == attachment_id:
            return attachment
    raise TipNotFoundError("This tip has no such attachment.")


def attachment_info(document: TipDocument, attachment: Attachment) -> AttachmentInfo:
    """The sealed name, type and size of ``attachment``, as the source sent it."""
    for info in document.attachments:
        if info.attachment_id == attachment.id:
            return info
    # A document that does not list the file still lets the reviewer have it,
    # under a neutral name and type.
    return AttachmentInfo(
        attachment_id=attachment.id,
        filename=f"attachment-{attachment.position + 1}",
        content_type="application/octet-stream",
        size=0,
    )


def declared_size(document: TipDocument | None, attachment: Attachment) -> int | None:
    """The plaintext size ``document`` declares for ``attachment``; None if unlisted.

    Unlike :func:`attachment_info`'s neutral stand-in (size 0, for display),
    an unlisted file has no size anyone can promise in a ``Content-Length``.
    """
    for info in document.attachments if document is not None else ():
        if info.attachment_id == attachment.id:
            size = info.size  # from JSON: only a plain non-negative int will do
            ok = isinstance(size, int) and not isinstance(size, bool) and size >= 0
            return size if ok else None
    return None


def decrypt_attachment(
    blobs: BlobStore,
    attachment: Attachment,
    identities: Sequence[Identity],
    *,
    size: int | None = None,
) -> Iterator[bytes]:
    """Open an attachment and return its plaintext as an iterator of chunks.

    The age header is checked before this returns, so a wrong key or a
    damaged header is a :class:`ContentError` here rather than a broken
    download. A chunk that fails to authenticate later raises while
    streaming: the download stops instead of delivering altered bytes.
    With ``size`` (the declared plaintext size), a stream that would go past
    it, or ends before it, raises :class:`SizeMismatchError` the same way.
    """
    try:
        handle = blobs.open(attachment.blob_id)
    except BlobNotFoundError as exc:
        log.warning("attachment %s: blob missing", attachment.id)
        raise ContentError("This file is missing from the store.") from exc
    try:
        reader = decrypt_stream(handle, identities)
    except AgeError as exc:
        handle.close()
        log.warning("attachment %s could not be opened (%s)", attachment.id, type(exc).__name__)
        raise ContentError("This file could not be opened.") from exc
    return _chunks(handle, reader.chunks(), attachment.id, size)


def _chunks(
    handle: BinaryIO, chunks: Iterator[bytes], attachment_id: str, size: int | None
) -> Iterator[bytes]:
    # Each chunk is held back until the next one has been decrypted, and the
    # last until the stream has ended authenticated at the declared size: so
    # a client never holds all ``Content-Length`` bytes of a file that then
    # turns out damaged or longer than declared.
    sent, held = 0, None
    try:
        for chunk in chunks:
            sent += len(chunk)
            if size is not None and sent > size:
                log.warning("attachment %s is longer than declared", attachment_id)
                raise SizeMismatchError("This file is not the size it was sent with.")
            if held is not None:
                yield held
            held = chunk
        if size is not None and sent != size:
            log.warning("attachment %s is shorter than declared", attachment_id)
            raise SizeMismatchError("This file is not the size it was sent with.")
        if held is not None:
            yield held
    except AgeError as exc:
        log.warning("attachment %s failed while streaming (%s)", attachment_id, type(exc).__name__)
        raise
    finally:
        handle.close()
