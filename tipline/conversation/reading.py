"""Reading the conversation, and the unread markers on both sides.

:func:`list_conversation` opens every message of a tip, in order, with one
identity: the source's (from their session) or the organization's (from a
reviewer's). Both open everything, because every body is sealed to both. A
message that will not open (a missing blob, a damaged file, the wrong key)
is still listed, with ``text=None``, so a gap is visible rather than silent.

The unread flags are copied into each :class:`ConversationEntry` when it is
made, so a page can show "new" on what it is about to mark as seen.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.conversation import MessageNotFoundError
from tipline.conversation.messages import REPLY_KIND, SOURCE_KIND, TEXT_FIELD
from tipline.crypto import Identity
from tipline.documents import DocumentError, TipDocument, open_document
from tipline.models.base import is_id
from tipline.models.message import ORGANIZATION, SOURCE, Message
from tipline.models.tip import Attachment, Tip
from tipline.models.user import User
from tipline.tips.content import declared_size, recorded_download
from tipline.tips.downloads import FileDownload

log = logging.getLogger(__name__)
_KINDS = {SOURCE: SOURCE_KIND, ORGANIZATION: REPLY_KIND}


@dataclass(frozen=True)
class MessageFile:
    """A file a source added with a message: the row and its sealed name and type."""

    attachment: Attachment
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class ConversationEntry:
    """One message, opened for one request; ``text`` is None if it would not open."""

    message: Message
    text: str | None
    files: tuple[MessageFile, ...]
    new_for_source: bool  # a reply the source has not seen yet
    new_for_organization: bool  # a source's message no reviewer has marked read

    @property
    def from_source(self) -> bool:
        return self.message.author == SOURCE

    def __repr__(self) -> str:
        # Never the text: a repr can end up in a log or a traceback.
        return f"ConversationEntry({self.message.id}, {self.message.author})"


def messages_of(session: Session, tip: Tip) -> list[Message]:
    """The tip's messages in conversation order (no decryption)."""
    query = select(Message).where(Message.tip_id == tip.id).order_by(Message.seq)
    return list(session.scalars(query))


def open_message(blobs: BlobStore, message: Message, identity: Identity) -> TipDocument:
    """Open one message's sealed body; :class:`DocumentError` if it cannot be."""
    try:
        document = open_document(blobs.read(message.body_blob), [identity])
    except BlobNotFoundError as exc:
        raise DocumentError("the message's sealed body is missing") from exc
    # A body swapped for some other sealed document is not this message.
    if document.kind != _KINDS.get(message.author):
        raise DocumentError("the sealed body is not a message of this kind")
    return document


def list_conversation(
    session: Session, blobs: BlobStore, tip: Tip, identity: Identity
) -> list[ConversationEntry]:
    """Every message of ``tip``, oldest first, opened with ``identity``."""
    messages = messages_of(session, tip)
    files = _files_by_message(session, [message.id for message in messages])
    entries = []
    for message in messages:
        document: TipDocument | None
        try:
            document = open_message(blobs, message, identity)
        except DocumentError as exc:
            # Ids and the error class only: a message could quote the body.
            log.warning("message %s could not be opened (%s)", message.id, type(exc).__name__)
            document = None
        entries.append(
            ConversationEntry(
                message=message,
                text=message_text(document),
                files=tuple(_describe(files.get(message.id, []), document)),
                new_for_source=not message.seen_by_source,
                new_for_organization=not message.seen_by_organization,
            )
        )
    return entries


def view_conversation(
    session: Session, blobs: BlobStore, tip: Tip, identity: Identity, actor: User
) -> list[ConversationEntry]:
    """The conversation as ``actor``'s tip page shows it (``conversation.view``
    when there is anything to open)."""
    entries = list_conversation(session, blobs, tip, identity)
    if entries:
        audit.record(
            session, actor=actor, action="conversation.view", object_type="tip", object_id=tip.id
        )
    return entries


def download_message_file(
    session: Session,
    blobs: BlobStore,
    tip: Tip,
    message_id: str,
    attachment_id: str,
    identity: Identity,
    actor: User,
) -> FileDownload:
    """A file a source added later, as a checked stream (``message.download``).

    :class:`MessageNotFoundError` when the ids name none of ``tip``'s files,
    tipline.tips.content.ContentError when it cannot be opened; nothing is
    recorded then.
    """
    message, attachment = find_message_file(session, tip, message_id, attachment_id)
    document: TipDocument | None
    try:
        document = open_message(blobs, message, identity)
    except DocumentError:
        document = None  # the file is still the reviewer's to have, under a neutral name
    info = file_info(document, attachment)
    return recorded_download(
        session,
        blobs,
        attachment,
        info.filename,
        info.content_type,
        declared_size(document, attachment),
        identity=identity,
        actor=actor,
        action="message.download",
    )


def find_message_file(
    session: Session, tip: Tip, message_id: str, attachment_id: str
) -> tuple[Message, Attachment]:
    """A file a source added to ``tip``'s conversation, by ids from a URL."""
    # Ids from a URL: anything else (a NUL byte, a huge string) never reaches a query.
    message = session.get(Message, message_id) if is_id(message_id) else None
    attachment = session.get(Attachment, attachment_id) if is_id(attachment_id) else None
    if (
        message is None
        or attachment is None
        or message.tip_id != tip.id
        or attachment.message_id != message.id
        or attachment.tip_id != tip.id
    ):
        raise MessageNotFoundError("This conversation has no such file.")
    return message, attachment


def file_info(document: TipDocument | None, attachment: Attachment) -> MessageFile:
    """The sealed name and type of a message's file (neutral ones if not listed)."""
    for info in document.attachments if document is not None else ():
        if info.attachment_id == attachment.id:
            return MessageFile(attachment, info.filename, info.content_type, info.size)
    return MessageFile(
        attachment, f"attachment-{attachment.position + 1}", "application/octet-stream", 0
    )


def _files_by_message(session: Session, message_ids: list[str]) -> dict[str, list[Attachment]]:
    grouped: dict[str, list[Attachment]] = defaultdict(list)
    if not message_ids:
        return grouped
    query = (
        select(Attachment)
        .where(Attachment.message_id.in_(message_ids))
        .order_by(Attachment.position)
    )
    for attachment in session.scalars(query):
        if attachment.message_id is not None:
            grouped[attachment.message_id].append(attachment)
    return grouped


def _describe(attachments: list[Attachment], document: TipDocument | None) -> list[MessageFile]:
    return [file_info(document, attachment) for attachment in attachments]


def message_text(document: TipDocument | None) -> str | None:
    """What the message says (``None`` if it could not be opened)."""
    if document is None:
        return None
    text = document.fields.get(TEXT_FIELD, "")
    return text if isinstance(text, str) else None
