"""Writing to the conversation: a source's follow-up, and a reviewer's reply.

Each message body is a small sealed document (tipline.documents.TipDocument
with ``kind`` "source_message" or "reply": the text under ``fields["text"]``,
the language, and the names, types and sizes of any files), Padmé-padded and
stored as one blob. Files a source adds are sealed as they stream in by the
intake's upload batch, to the organization recipients only, and become
``Attachment`` rows of the tip that point at the message.

Both services take what stores blobs as a small protocol (the intake's
``UploadBatch`` for a source, the ``BlobStore`` for a reply), so this package
needs neither app. The caller commits, then keeps the blobs
(:attr:`PostedMessage.blob_ids`); on failure it discards them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.conversation import (
    EmptyMessageError,
    MessageTooLongError,
    NoReplyKeyError,
    TooManyMessagesError,
)
from tipline.conversation.markers import mark_seen_by_organization
from tipline.crypto import KeyFormatError, Recipient, parse_recipient
from tipline.documents import AttachmentInfo, TipDocument, seal_document
from tipline.models.base import coarse_now, new_id, size_bucket, utcnow
from tipline.models.message import ORGANIZATION, SOURCE, Message
from tipline.models.tip import Attachment, Tip
from tipline.models.user import User
from tipline.tips import attachment_budget

SOURCE_KIND = "source_message"
REPLY_KIND = "reply"
TEXT_FIELD = "text"
# As long as a tip may be (tipline.intake.forms.MAX_TEXT_CHARS).
MAX_TEXT_CHARS = 60_000
# Per tip and coarse hour: a phrase holder cannot flood the reviewers or the disk.
SOURCE_MESSAGES_PER_HOUR = 20


class BlobSink(Protocol):
    """Stores already-sealed bytes and returns the blob id."""

    def put(self, sealed: bytes, /) -> str: ...


class SealingBatch(BlobSink, Protocol):
    """The intake's upload batch: it knows the organization recipients."""

    @property
    def recipients(self) -> Sequence[Recipient]: ...


class UploadedFile(Protocol):
    """A file already sealed into the blob store (tipline.tips.uploads.SealedFile)."""

    @property
    def blob_id(self) -> str: ...
    @property
    def filename(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class PostedMessage:
    """A stored message and every blob it refers to (for ``UploadBatch.keep``)."""

    message: Message
    blob_ids: tuple[str, ...]


def source_recipient(tip: Tip) -> Recipient:
    """The source's own reply recipient, derived from their phrase at submission."""
    try:
        return parse_recipient(tip.source_recipient)
    except KeyFormatError as exc:
        raise NoReplyKeyError(
            "This tip has no reply key, so nothing can be sent to its source."
        ) from exc


def post_source_message(
    session: Session,
    batch: SealingBatch,
    tip: Tip,
    text: str,
    files: Sequence[UploadedFile],
    language: str,
) -> PostedMessage:
    """Seal and store a source's follow-up (text and/or files) on ``tip``.

    The body is sealed to the organization *and* to the source, so the source
    can read it again; the files were sealed to the organization by ``batch``.
    """
    text = _check_text(text, allow_empty=bool(files))
    quota = _source_messages_this_hour(session, tip)
    if quota >= SOURCE_MESSAGES_PER_HOUR:
        raise TooManyMessagesError("This tip's source has sent many messages this hour.")
    recipients = [*batch.recipients, source_recipient(tip)]
    infos = [
        AttachmentInfo(new_id(), item.filename, item.content_type, item.size) for item in files
    ]
    document = TipDocument(
        language=language, fields={TEXT_FIELD: text}, attachments=infos, kind=SOURCE_KIND
    )
    sealed = seal_document(document, recipients)
    # Only the hour, as for the tip itself: a source's exact time is never kept.
    message = _add(session, tip, SOURCE, None, batch.put(sealed), len(sealed), coarse_now())
    blob_ids = [message.body_blob]
    position = _next_position(session, tip)
    for offset, (info, item) in enumerate(zip(infos, files, strict=True)):
        session.add(
            Attachment(
                id=info.attachment_id,
                tip_id=tip.id,
                message_id=message.id,
                position=position + offset,
                blob_id=item.blob_id,
                size_bucket=size_bucket(item.size),
                received_hour=message.sent_at,
            )
        )
        blob_ids.append(item.blob_id)
    if files:
        tip.has_files = True
        attachment_budget.record(session, sum(item.size for item in files))
    session.flush()
    # Files added through the session must show up in tip.attachments too.
    session.expire(tip, ["attachments"])
    return PostedMessage(message, tuple(blob_ids))


def post_reply(
    session: Session,
    blobs: BlobSink,
    tip: Tip,
    author: User,
    text: str,
    org_recipients: Sequence[Recipient],
) -> PostedMessage:
    """Seal a reviewer's reply to the tip's source and to the organization.

    Replying is reading: the source's messages so far are marked read too.
    Recorded as ``reply.create`` (ids only). The caller commits, or deletes
    the posted blobs if it cannot.
    """
    text = _check_text(text, allow_empty=False)
    if not org_recipients:
        raise NoReplyKeyError("No organization recipients are configured.")
    recipients = [source_recipient(tip), *org_recipients]
    # The database work first: if it fails, no blob has been written yet.
    mark_seen_by_organization(session, tip)
    audit.record(session, actor=author, action="reply.create", object_type="tip", object_id=tip.id)
    # The reply's language is not known (a reviewer may write either): "".
    document = TipDocument(language="", fields={TEXT_FIELD: text}, kind=REPLY_KIND)
    sealed = seal_document(document, recipients)
    message = _add(session, tip, ORGANIZATION, author.id, blobs.put(sealed), len(sealed), utcnow())
    return PostedMessage(message, (message.body_blob,))


def _check_text(text: str, *, allow_empty: bool) -> str:
    text = text.strip()
    if not text and not allow_empty:
        raise EmptyMessageError("Write a message (or, for a source, add a file).")
    if len(text) > MAX_TEXT_CHARS:
        raise MessageTooLongError(f"A message can be at most {MAX_TEXT_CHARS:,} characters.")
    return text


def _add(
    session: Session,
    tip: Tip,
    author: str,
    author_id: str | None,
    body_blob: str,
    sealed_size: int,
    sent_at: datetime,
) -> Message:
    # Each side's own message is born read by that side.
    message = Message(
        id=new_id(),
        tip_id=tip.id,
        seq=_next_seq(session, tip),
        author=author,
        author_id=author_id,
        sent_at=sent_at,
        body_blob=body_blob,
        size_bucket=size_bucket(sealed_size),
        seen_by_source=author == SOURCE,
        seen_by_organization=author == ORGANIZATION,
    )
    session.add(message)
    # Flushed now: the attachments' foreign key needs the row, and a
    # concurrent writer that took the same seq fails here, not later.
    session.flush()
    return message


def _next_seq(session: Session, tip: Tip) -> int:
    # Lock the tip's row (PostgreSQL; SQLite's writer lock does the same) so
    # two messages to one tip cannot take the same place.
    session.execute(select(Tip.id).where(Tip.id == tip.id).with_for_update())
    last = session.scalar(select(func.max(Message.seq)).where(Message.tip_id == tip.id))
    return int(last or 0) + 1


def _next_position(session: Session, tip: Tip) -> int:
    last = session.scalar(select(func.max(Attachment.position)).where(Attachment.tip_id == tip.id))
    return 0 if last is None else int(last) + 1


def _source_messages_this_hour(session: Session, tip: Tip) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(Message)
        .where(Message.tip_id == tip.id, Message.author == SOURCE, Message.sent_at == coarse_now())
    )
    return int(count or 0)
