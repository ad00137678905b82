"""Safe copies that go with a summary to organizers: choose, seal, serve.

Organizers see approved summaries and nothing of the tips themselves
(tipline.export.summaries). A summary may also carry files, but only safe
copies (tipline.models.shared_file): the reviewer chooses them in the summary
editor, :func:`choose_files` re-seals each chosen PDF to the instance's
sharing key (:func:`sharing_identity`, derived from ``INSTANCE_SECRET``,
which is not in the database) and takes the summary back to draft, so the
files are shared only once a reviewer approves the summary with them.
:func:`approved_file` is the organizer's way in: a file whose summary is not
approved does not exist for them.

Warehouse-style: no Flask, raises :class:`SharingError`, never commits;
``choose_files`` writes the ``summary.files`` audit event and
``download_shared_file`` the ``export.file`` one (ids only).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobStore
from tipline.crypto import Identity, X25519Identity, encrypt_stream
from tipline.export.summaries.service import reopen
from tipline.models.base import is_id
from tipline.models.safe_copy import SafeCopy
from tipline.models.shared_file import SharedFile
from tipline.models.summary import Summary
from tipline.models.tip import Attachment
from tipline.models.user import User
from tipline.safecopy.errors import SafeCopyError
from tipline.safecopy.service import open_manifest, pdf_chunks, sealed_chunks
from tipline.safecopy.sharing_key import sharing_key
from tipline.tips.downloads import FileDownload


class SharingError(SafeCopyError):
    """The chosen files cannot be shared (the message says why)."""


def sharing_identity(config: Mapping[str, Any]) -> X25519Identity:
    """The instance's sharing key: HKDF of INSTANCE_SECRET, the same in every process."""
    secret = config.get("INSTANCE_SECRET")
    if not isinstance(secret, str) or not secret:
        raise SharingError("INSTANCE_SECRET is not configured, so files cannot be shared.")
    return sharing_key(secret)


@dataclass(frozen=True)
class Choice:
    """A safe copy the summary editor offers, and whether it is chosen."""

    safe_copy: SafeCopy
    attachment: Attachment
    pages: int
    chosen: bool


def shared_files(session: Session, summary_ids: Iterable[str]) -> dict[str, list[SharedFile]]:
    """The files of these summaries, by summary id, in their order."""
    ids = list(summary_ids)
    if not ids:
        return {}
    rows = session.scalars(
        select(SharedFile)
        .where(SharedFile.summary_id.in_(ids))
        .order_by(SharedFile.summary_id, SharedFile.position)
    )
    result: dict[str, list[SharedFile]] = {}
    for row in rows:
        result.setdefault(row.summary_id, []).append(row)
    return result


def offered_copies(
    session: Session, blobs: BlobStore, summary: Summary | None, identity: Identity, tip: Any
) -> list[Choice]:
    """The tip's safe copies that are ready, each marked chosen or not."""
    attachments = {a.id: a for a in tip.attachments}
    if not attachments:
        return []
    copies = session.scalars(
        select(SafeCopy).where(SafeCopy.attachment_id.in_(list(attachments)))
    ).all()
    chosen = set()
    if summary is not None:
        chosen = {f.safe_copy_id for f in shared_files(session, [summary.id]).get(summary.id, [])}
    choices = []
    for safe_copy in copies:
        try:
            pages = open_manifest(blobs, safe_copy, [identity]).pages
        except SafeCopyError:
            continue  # unreadable here: not offered
        attachment = attachments[safe_copy.attachment_id]
        choices.append(Choice(safe_copy, attachment, pages, safe_copy.id in chosen))
    return sorted(choices, key=lambda c: c.attachment.position)


def choose_files(
    session: Session,
    blobs: BlobStore,
    summary: Summary,
    safe_copy_ids: Sequence[str],
    *,
    identity: Identity,
    config: Mapping[str, Any],
    actor: User,
) -> bool:
    """Make ``safe_copy_ids`` the summary's files; True if that changed anything.

    Only safe copies of the summary's own tip can be chosen. A change takes
    an approved summary back to draft (tipline.export.summaries.service.reopen).
    """
    if summary.scope != "tip" or summary.tip_id is None:
        raise SharingError("Files can go with a tip's summary only.")
    wanted = list(dict.fromkeys(safe_copy_ids))
    copies = {
        c.id: c
        for c in session.scalars(
            select(SafeCopy)
            .join(Attachment, Attachment.id == SafeCopy.attachment_id)
            .where(SafeCopy.id.in_(wanted), Attachment.tip_id == summary.tip_id)
        )
    }
    if set(wanted) - set(copies):
        raise SharingError("Only safe copies of this tip's own files can be shared.")
    current = [f.safe_copy_id for f in shared_files(session, [summary.id]).get(summary.id, [])]
    if current == wanted:
        return False
    recipient = sharing_identity(config).recipient()
    session.execute(delete(SharedFile).where(SharedFile.summary_id == summary.id))
    for position, copy_id in enumerate(wanted):
        safe_copy = copies[copy_id]
        pages = open_manifest(blobs, safe_copy, [identity]).pages
        with blobs.writer() as (blob_id, handle):
            writer = encrypt_stream(handle, [recipient])
            for chunk in pdf_chunks(blobs, safe_copy, [identity]):
                writer.write(chunk)
            writer.close()
        session.add(
            SharedFile(
                summary_id=summary.id,
                safe_copy_id=copy_id,
                position=position,
                pages=pages,
                shared_blob=blob_id,
            )
        )
    reopen(summary)
    session.flush()
    audit.record(
        session, actor=actor, action="summary.files", object_type="summary", object_id=summary.id
    )
    return True


def approved_file(session: Session, shared_file_id: str) -> SharedFile | None:
    """The shared file, if its summary is approved; else None (it does not exist)."""
    if not is_id(shared_file_id):
        return None  # from a URL: a NUL byte would fail the query on PostgreSQL
    return session.scalar(
        select(SharedFile)
        .join(Summary, Summary.id == SharedFile.summary_id)
        .where(SharedFile.id == shared_file_id, Summary.status == "approved")
    )


def download_shared_file(
    session: Session,
    blobs: BlobStore,
    shared_file_id: str,
    config: Mapping[str, Any],
    actor: User,
) -> FileDownload:
    """A shared file of an approved summary, for an organizer (``export.file``).

    :class:`SharingError` when there is no such file, its summary is not
    approved, or it cannot be opened: to an organizer it does not exist.
    """
    shared_file = approved_file(session, shared_file_id)
    if shared_file is None:
        raise SharingError("There is no such shared file.")
    try:
        chunks = sealed_chunks(blobs, shared_file.shared_blob, [sharing_identity(config)])
    except SafeCopyError as exc:
        raise SharingError(str(exc)) from exc
    audit.record(
        session,
        actor=actor,
        action="export.file",
        object_type="shared_file",
        object_id=shared_file.id,
    )
    return FileDownload(chunks, "application/pdf", download_name(shared_file), None)


def download_name(shared_file: SharedFile) -> str:
    """A name that says nothing about the source or the tip."""
    digest = hashlib.sha256(shared_file.id.encode("ascii")).hexdigest()[:8]
    return f"shared-file-{shared_file.position + 1}-{digest}.pdf"
