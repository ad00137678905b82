"""Safe copies of stored attachments: make, seal, find and open them.

Warehouse-style (docs/development.md): no Flask, every function takes what
it needs, raises :class:`~tipline.safecopy.errors.SafeCopyError` (or
:class:`~tipline.tips.content.ContentError` when the original cannot be
opened, :class:`~tipline.tips.TipNotFoundError` for a file the tip does not
have), writes its own audit event (``safe_copy.create``,
``safe_copy.download``; ids only) and never commits. Previews are part of
viewing the tip (``tip.view``) and are not audited one by one.

:func:`make_safe_copy` decrypts the attachment as a stream of authenticated
chunks straight into the sandbox's pipe (tipline.safecopy.sandbox), so the
plaintext is never written anywhere; the new PDF and a manifest (kind,
pages, metadata found, previews) are sealed to the organization recipients
and stored through the BlobStore like every other sealed object. Blobs
written for a copy whose row then fails to commit are left for
``tipline maintenance sweep-blobs``.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.crypto import AgeError, Identity, Recipient, decrypt_stream, encrypt_stream
from tipline.documents import DocumentError, open_json, seal_json
from tipline.models.safe_copy import SafeCopy
from tipline.models.tip import Attachment, Tip
from tipline.models.user import User
from tipline.safecopy.convert import FIELDS, Conversion, convert
from tipline.safecopy.errors import SafeCopyError
from tipline.safecopy.settings import Settings
from tipline.tips import TipNotFoundError
from tipline.tips.content import decrypt_attachment, find_attachment
from tipline.tips.downloads import FileDownload

log = logging.getLogger(__name__)

MANIFEST_KIND = "safe-copy"
MANIFEST_VERSION = 1
KIND_PHRASES = {"pdf": "a PDF", "image": "an image", "office": "an office document"}
# How the tip page groups what was found (the GPS, author, device, times).
CATEGORY_LABELS = {
    "gps": "GPS location",
    "author": "Author",
    "device": "Device",
    "times": "Times",
    "text": "Titles, descriptions and comments",
    "xmp": "XMP metadata",
    "active": "Scripts, embedded files and forms",
    "other": "Other metadata",
}


class SafeCopyUnreadableError(SafeCopyError):
    """A stored safe copy is missing or cannot be opened with this identity."""


@dataclass(frozen=True)
class FoundItem:
    category: str
    category_label: str
    label: str


@dataclass(frozen=True)
class Manifest:
    """What the tip page shows about a safe copy (from its sealed manifest)."""

    kind: str
    pages: int
    found: list[FoundItem]
    previews: list[bytes]
    sandboxed: bool

    @property
    def kind_phrase(self) -> str:
        return KIND_PHRASES.get(self.kind, "a file")

    def categories(self) -> list[tuple[str, list[str]]]:
        """Found fields grouped under their category label, in a fixed order."""
        groups: dict[str, list[str]] = {}
        for item in self.found:
            groups.setdefault(item.category_label, []).append(item.label)
        return [(label, groups[label]) for label in CATEGORY_LABELS.values() if label in groups]


def safe_copies_for(session: Session, attachment_ids: Iterable[str]) -> dict[str, SafeCopy]:
    """The safe copies that exist for these attachments, by attachment id."""
    ids = list(attachment_ids)
    if not ids:
        return {}
    rows = session.scalars(select(SafeCopy).where(SafeCopy.attachment_id.in_(ids)))
    return {row.attachment_id: row for row in rows}


def create_safe_copy(
    session: Session,
    blobs: BlobStore,
    tip: Tip,
    attachment_id: str,
    *,
    identity: Identity,
    recipients: Sequence[Recipient],
    settings: Settings,
    actor: User,
) -> SafeCopy:
    """Make (or find) the safe copy of one of the tip's files (``safe_copy.create``)."""
    attachment = find_attachment(tip, attachment_id)
    existing = safe_copies_for(session, [attachment.id]).get(attachment.id)
    if existing is not None:
        return existing
    chunks = decrypt_attachment(blobs, attachment, [identity])
    safe_copy = make_safe_copy(session, blobs, attachment, chunks, recipients, settings)
    audit.record(
        session,
        actor=actor,
        action="safe_copy.create",
        object_type="attachment",
        object_id=attachment.id,
    )
    return safe_copy


def find_safe_copy(session: Session, tip: Tip, attachment_id: str) -> SafeCopy:
    """The safe copy of one of the tip's files; TipNotFoundError if there is none."""
    attachment = find_attachment(tip, attachment_id)
    safe_copy = safe_copies_for(session, [attachment.id]).get(attachment.id)
    if safe_copy is None:
        raise TipNotFoundError("This file has no safe copy yet.")
    return safe_copy


def download_safe_copy(
    session: Session,
    blobs: BlobStore,
    tip: Tip,
    attachment_id: str,
    identity: Identity,
    actor: User,
) -> FileDownload:
    """The safe copy's PDF as a download (``safe_copy.download``), under a neutral name.

    The source's file name may itself say who they are, so it is not reused.
    """
    safe_copy = find_safe_copy(session, tip, attachment_id)
    chunks = pdf_chunks(blobs, safe_copy, [identity])
    audit.record(
        session,
        actor=actor,
        action="safe_copy.download",
        object_type="attachment",
        object_id=safe_copy.attachment_id,
    )
    return FileDownload(chunks, "application/pdf", f"safe-copy-{safe_copy.id[:8]}.pdf", None)


def make_safe_copy(
    session: Session,
    blobs: BlobStore,
    attachment: Attachment,
    plaintext: Iterable[bytes],
    recipients: Sequence[Recipient],
    settings: Settings,
) -> SafeCopy:
    """Convert ``plaintext`` (the attachment's chunks), seal and record the result.

    An attachment that already has a safe copy keeps it (nothing is converted).
    """
    existing = safe_copies_for(session, [attachment.id]).get(attachment.id)
    if existing is not None:
        return existing
    conversion = convert(plaintext, settings)
    with blobs.writer() as (pdf_blob, handle):
        writer = encrypt_stream(handle, recipients)
        writer.write(conversion.pdf)
        writer.close()
    manifest_blob = blobs.put(seal_json(_manifest(conversion), recipients))
    safe_copy = SafeCopy(
        attachment_id=attachment.id, pdf_blob=pdf_blob, manifest_blob=manifest_blob
    )
    try:
        # Two reviewers may convert the same file at once: the second row
        # loses on the unique attachment id and the first one stands (its
        # blobs are then orphans for the sweep).
        with session.begin_nested():
            session.add(safe_copy)
    except IntegrityError:
        winner = safe_copies_for(session, [attachment.id]).get(attachment.id)
        if winner is None:
            raise
        return winner
    log.info("safe copy %s made: %d pages, %d fields found", safe_copy.id, conversion.pages,
             len(conversion.found))  # fmt: skip
    return safe_copy


def _manifest(conversion: Conversion) -> dict[str, object]:
    return {
        "kind": MANIFEST_KIND,
        "version": MANIFEST_VERSION,
        "content": conversion.kind,
        "pages": conversion.pages,
        "found": [list(item) for item in conversion.found],
        "previews": [base64.b64encode(jpeg).decode("ascii") for jpeg in conversion.previews],
        "sandboxed": conversion.sandboxed,
    }


def open_manifest(
    blobs: BlobStore, safe_copy: SafeCopy, identities: Sequence[Identity]
) -> Manifest:
    """Open the sealed manifest; SafeCopyUnreadableError if it cannot be."""
    try:
        data = open_json(
            blobs.read(safe_copy.manifest_blob),
            identities,
            kind=MANIFEST_KIND,
            version=MANIFEST_VERSION,
        )
        found = [
            FoundItem(category, CATEGORY_LABELS[category], FIELDS[field])
            for category, field in data["found"]
            if category in CATEGORY_LABELS and field in FIELDS
        ]
        previews = [base64.b64decode(item, validate=True) for item in data["previews"]]
        return Manifest(
            kind=str(data["content"]),
            pages=int(data["pages"]),
            found=found,
            previews=previews,
            sandboxed=bool(data["sandboxed"]),
        )
    except (BlobNotFoundError, DocumentError, KeyError, TypeError, ValueError) as exc:
        log.warning("safe copy %s: manifest unreadable (%s)", safe_copy.id, type(exc).__name__)
        raise SafeCopyUnreadableError("This safe copy could not be opened.") from exc


def sealed_chunks(
    blobs: BlobStore, blob_id: str, identities: Sequence[Identity]
) -> Iterator[bytes]:
    """A sealed blob's plaintext as chunks (authenticated as they stream).

    The header is opened before this returns: a missing blob or a wrong key
    is a :class:`SafeCopyUnreadableError` here, not a broken download.
    """
    try:
        handle = blobs.open(blob_id)
    except BlobNotFoundError as exc:
        raise SafeCopyUnreadableError("This file is missing from the store.") from exc
    try:
        reader = decrypt_stream(handle, identities)
    except AgeError as exc:
        handle.close()
        raise SafeCopyUnreadableError("This file could not be opened.") from exc
    return _closing(handle, reader.chunks())


def pdf_chunks(
    blobs: BlobStore, safe_copy: SafeCopy, identities: Sequence[Identity]
) -> Iterator[bytes]:
    """The safe copy's PDF as decrypted chunks."""
    return sealed_chunks(blobs, safe_copy.pdf_blob, identities)


def _closing(handle: BinaryIO, chunks: Iterator[bytes]) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        handle.close()
