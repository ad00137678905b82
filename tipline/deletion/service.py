"""Deleting a tip, or its conversation, and everything hanging off it.

This is the one way a tip leaves the database: retention (tipline.retention)
and the two-person manual deletion (tipline.deletion.approval) both
call :func:`delete_tip`; anything else that must delete a tip calls it too.

It removes the tip row and every row that belongs to it (:data:`PARTS`, in
an order the foreign keys accept), takes it out of its cases through the
cases service (so their counties and timelines stay right), writes one
audit event with counts only, and returns the blob ids it orphaned. The
caller commits and only then unlinks those blobs (:func:`unlink_blobs`): a
rollback must not leave rows pointing at deleted files. If the process dies
between the two, ``tipline maintenance sweep-blobs`` finds the files as
orphans later.

Everything a tip holds is sealed (age), so deleting the ciphertext, with the
header stanzas that wrap its file key, is the erasure; docs/DESIGN.md says
why overwriting the files is not promised.

tests/upkeep/test_deletion.py fails when a new table refers to tips (or to
a table that does) and is neither in :data:`PARTS` nor in
:data:`KEPT_TABLES`, and when a blob column (tipline.models.blob_columns)
under a tip is in a table :func:`_blob_ids` does not read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, delete, func, or_, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobStore
from tipline.cases.queries import cases_for_tip
from tipline.cases.service import unlink_tip
from tipline.models.base import affected_rows
from tipline.models.deletion import DeletionRequest
from tipline.models.message import Message
from tipline.models.read import TipRead
from tipline.models.safe_copy import SafeCopy
from tipline.models.shared_file import SharedFile
from tipline.models.source_session import SourceSession
from tipline.models.summary import Summary
from tipline.models.tag import tip_tags
from tipline.models.tip import Attachment, Tip
from tipline.models.user import User

Target = type[Any] | Table


@dataclass(frozen=True)
class Part:
    """Rows of one table that belong to a tip, and what the count is called."""

    name: str
    target: Target
    where: Callable[[str], ColumnElement[bool]]
    conversation: bool = False  # also deleted when only the conversation goes

    @property
    def table_name(self) -> str:
        table = self.target if isinstance(self.target, Table) else self.target.__table__
        return str(table.name)


def _files_of(tip_id: str) -> Select[str]:
    return select(Attachment.id).where(Attachment.tip_id == tip_id)


def _message_files_of(tip_id: str) -> Select[str]:
    return _files_of(tip_id).where(Attachment.message_id.is_not(None))


def _copies_of(files: Select[str]) -> Select[str]:
    return select(SafeCopy.id).where(SafeCopy.attachment_id.in_(files))


def _shared_from(tip_id: str) -> ColumnElement[bool]:
    # A safe copy of this tip's file shared through any summary (a case's
    # too), and anything shared through this tip's own summary.
    own_summary = select(Summary.id).where(Summary.tip_id == tip_id)
    return or_(
        SharedFile.safe_copy_id.in_(_copies_of(_files_of(tip_id))),
        SharedFile.summary_id.in_(own_summary),
    )


# Children before parents: shared files point at safe copies and summaries,
# safe copies at attachments, attachments at messages, everything at tips.
PARTS: tuple[Part, ...] = (
    Part("shared_files", SharedFile, _shared_from),
    Part("safe_copies", SafeCopy, lambda tip_id: SafeCopy.attachment_id.in_(_files_of(tip_id))),
    Part("attachments", Attachment, lambda tip_id: Attachment.tip_id == tip_id),
    Part("messages", Message, lambda tip_id: Message.tip_id == tip_id, conversation=True),
    Part("summaries", Summary, lambda tip_id: Summary.tip_id == tip_id),
    Part("tags", tip_tags, lambda tip_id: tip_tags.c.tip_id == tip_id),
    Part("reads", TipRead, lambda tip_id: TipRead.tip_id == tip_id),
    Part(
        "source_sessions",
        SourceSession,
        lambda tip_id: SourceSession.tip_id == tip_id,
        conversation=True,
    ),
    Part("deletion_requests", DeletionRequest, lambda tip_id: DeletionRequest.tip_id == tip_id),
)
# Deleted too, but not through PARTS: case links go through the cases service.
HANDLED_TABLES = frozenset({"tips", "case_tips", *(part.table_name for part in PARTS)})
# Tables that name a tip id on purpose and keep it after the tip is gone:
# the audit log and case timelines must outlive what they mention, and they
# hold ids and codes only.
KEPT_TABLES = frozenset({"audit_events", "case_events"})
# Tables whose blob columns :func:`_blob_ids` reads.
BLOB_TABLES = frozenset({"tips", "attachments", "messages", "safe_copies", "shared_files"})


@dataclass(frozen=True)
class Deletion:
    """What one deletion removed: counts by kind, and the blobs to unlink."""

    tip_id: str
    counts: dict[str, int]
    blob_ids: tuple[str, ...]


def preview(session: Session, tip: Tip) -> dict[str, int]:
    """How many rows of each kind deleting ``tip`` would remove (nothing changes)."""
    counts = {part.name: _count(session, part, tip.id) for part in PARTS}
    counts["case_links"] = len(cases_for_tip(session, tip.id))
    return counts


def delete_tip(session: Session, tip: Tip, *, actor: User | None, action: str) -> Deletion:
    """Delete ``tip`` and all its rows; audit ``action`` with counts. Never commits."""
    blob_ids = _blob_ids(session, tip.id, conversation_only=False)
    counts = {"case_links": 0}
    for case in cases_for_tip(session, tip.id):
        counts["case_links"] += int(unlink_tip(session, case, tip.id, actor=actor))
    for part in PARTS:
        counts[part.name] = _delete(session, part, tip.id)
    tip_id = tip.id
    session.execute(delete(Tip).where(Tip.id == tip_id))
    session.flush()
    audit.record(
        session, actor=actor, action=action, object_type="tip", object_id=tip_id, counts=counts
    )
    return Deletion(tip_id, counts, blob_ids)


def delete_conversation(session: Session, tip: Tip, *, actor: User | None, action: str) -> Deletion:
    """Delete the tip's messages, the files sent with them and its source sessions.

    The tip itself stays; a source who comes back finds an empty
    conversation and may start a new one.
    """
    blob_ids = _blob_ids(session, tip.id, conversation_only=True)
    later_copies = _copies_of(_message_files_of(tip.id))
    shared = affected_rows(
        session.execute(delete(SharedFile).where(SharedFile.safe_copy_id.in_(later_copies)))
    )
    copies = affected_rows(
        session.execute(
            delete(SafeCopy).where(SafeCopy.attachment_id.in_(_message_files_of(tip.id)))
        )
    )
    files = _delete_message_files(session, tip.id)
    counts = {"files": files, "safe_copies": copies, "shared_files": shared}
    for part in PARTS:
        if part.conversation:
            counts[part.name] = _delete(session, part, tip.id)
    session.flush()
    audit.record(
        session, actor=actor, action=action, object_type="tip", object_id=tip.id, counts=counts
    )
    return Deletion(tip.id, counts, blob_ids)


def unlink_blobs(store: BlobStore, blob_ids: Iterable[str]) -> int:
    """Remove the files of committed deletions; return how many were there."""
    removed = 0
    for blob_id in blob_ids:
        with contextlib.suppress(OSError):
            existed = store.exists(blob_id)
            store.delete(blob_id)
            removed += int(existed)
    return removed


def _count(session: Session, part: Part, tip_id: str) -> int:
    query = select(func.count()).select_from(_table(part)).where(part.where(tip_id))
    return int(session.scalar(query) or 0)


def _delete(session: Session, part: Part, tip_id: str) -> int:
    # An ORM-enabled DELETE also marks objects this session had loaded as
    # deleted, so a later flush does not try to write them back.
    return affected_rows(session.execute(delete(part.target).where(part.where(tip_id))))


def _delete_message_files(session: Session, tip_id: str) -> int:
    files = delete(Attachment).where(
        Attachment.tip_id == tip_id, Attachment.message_id.is_not(None)
    )
    return affected_rows(session.execute(files))


def _blob_ids(session: Session, tip_id: str, *, conversation_only: bool) -> tuple[str, ...]:
    """Every blob a tip's rows refer to (or only its conversation's)."""
    files = select(Attachment.blob_id).where(Attachment.tip_id == tip_id)
    owners = _message_files_of(tip_id) if conversation_only else _files_of(tip_id)
    if conversation_only:
        files = files.where(Attachment.message_id.is_not(None))
    found = list(session.scalars(files))
    copies = select(SafeCopy.pdf_blob, SafeCopy.manifest_blob).where(
        SafeCopy.attachment_id.in_(owners)
    )
    for pdf, manifest in session.execute(copies):
        found += [pdf, manifest]
    shared = (
        SharedFile.safe_copy_id.in_(_copies_of(owners))
        if conversation_only
        else _shared_from(tip_id)
    )
    found += session.scalars(select(SharedFile.shared_blob).where(shared))
    found += session.scalars(select(Message.body_blob).where(Message.tip_id == tip_id))
    if not conversation_only:
        found += session.scalars(select(Tip.body_blob).where(Tip.id == tip_id))
    return tuple(dict.fromkeys(found))


def _table(part: Part) -> Table:
    return part.target if isinstance(part.target, Table) else part.target.__table__
