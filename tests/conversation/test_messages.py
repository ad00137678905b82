"""The conversation services: order, who can open what, unread markers, files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conversation.conftest import SourceTip
from tests.factories import make_tip
from tests.helpers import distinctive
from tipline.blobs import BlobStore
from tipline.conversation import (
    EmptyMessageError,
    MessageTooLongError,
    NoReplyKeyError,
    TooManyMessagesError,
)
from tipline.conversation import messages as messages_module
from tipline.conversation.markers import (
    mark_seen_by_organization,
    mark_seen_by_source,
    unread_by_organization,
)
from tipline.conversation.messages import (
    MAX_TEXT_CHARS,
    post_reply,
    post_source_message,
)
from tipline.conversation.reading import list_conversation, open_message
from tipline.crypto import HybridIdentity, NoIdentityError, Recipient, decrypt
from tipline.documents import DocumentError
from tipline.models import Attachment, Message, User
from tipline.models.base import coarse_now
from tipline.tips.uploads import UploadBatch


def batch(blobs: BlobStore, recipients: list[Recipient]) -> UploadBatch:
    return UploadBatch(blobs, recipients, max_bytes=10**8, max_files=10)


def source_says(
    session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source: SourceTip,
    text: str,
    files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
) -> Message:
    upload = batch(blobs, recipients)
    sealed = [upload.seal_bytes(name, "text/plain", data) for name, data in files]
    posted = post_source_message(
        session, upload, source.tip, text, [s for s in sealed if s is not None], "es"
    )
    upload.keep(posted.blob_ids)
    return posted.message


def test_conversation_is_in_order_whatever_the_timestamps(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    first = source_says(db_session, blobs, recipients, source_tip, "uno")
    reply = post_reply(db_session, blobs, source_tip.tip, reviewer, "two", recipients).message
    third = source_says(db_session, blobs, recipients, source_tip, "tres")
    # A source's message carries only its hour, so it can look older than the
    # reply before it: order must come from the sequence, not the clock.
    assert third.sent_at <= reply.sent_at
    assert [first.seq, reply.seq, third.seq] == [1, 2, 3]
    for identity in (org_identity, source_tip.identity):
        entries = list_conversation(db_session, blobs, source_tip.tip, identity)
        assert [e.text for e in entries] == ["uno", "two", "tres"]
        assert [e.from_source for e in entries] == [True, False, True]
    assert first.sent_at == coarse_now() and first.author_id is None
    assert reply.author_id == reviewer.id


def test_each_tip_has_its_own_sequence(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    other, _ = make_tip(db_session, blobs, recipients)
    source_says(db_session, blobs, recipients, source_tip, "a")
    assert post_reply(db_session, blobs, other, reviewer, "b", recipients).message.seq == 1


def test_reply_is_sealed_to_the_source_and_the_organization_only(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    reply = post_reply(db_session, blobs, source_tip.tip, reviewer, "Call us", recipients).message
    sealed = blobs.read(reply.body_blob)
    assert b"Call us" not in sealed
    # The identity derived from the phrase opens it, and so does the organization's.
    for identity in (source_tip.identity, org_identity):
        assert open_message(blobs, reply, identity).fields["text"] == "Call us"
    assert b'"kind": "reply"' in decrypt(sealed, [source_tip.identity])
    # Nobody else: not another tip's source, not a random key.
    _, other_phrase = make_tip(db_session, blobs, recipients)
    other = SourceTip(source_tip.tip, other_phrase).identity
    for stranger in (other, HybridIdentity.generate()):
        with pytest.raises(NoIdentityError):
            decrypt(sealed, [stranger])


def test_source_message_opens_with_both_and_files_with_the_organization_only(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
) -> None:
    data = distinctive("follow-up", 200_000)
    message = source_says(
        db_session, blobs, recipients, source_tip, "Más detalles", [("lista.txt", data)]
    )
    for identity in (source_tip.identity, org_identity):
        document = open_message(blobs, message, identity)
        assert document.fields["text"] == "Más detalles"
        assert document.language == "es"
        assert [a.filename for a in document.attachments] == ["lista.txt"]
    [attachment] = db_session.scalars(select(Attachment).where(Attachment.message_id == message.id))
    assert attachment.tip_id == source_tip.tip.id and attachment.received_hour == coarse_now()
    assert decrypt(blobs.read(attachment.blob_id), [org_identity]) == data
    with pytest.raises(NoIdentityError):
        decrypt(blobs.read(attachment.blob_id), [source_tip.identity])
    assert source_tip.tip.has_files
    assert attachment in source_tip.tip.attachments
    # Names and sizes are sealed; what is on disk is ciphertext.
    for blob_id in blobs.ids():
        raw = blobs.read(blob_id)
        assert b"<follow-up:" not in raw and "Más detalles".encode() not in raw
        assert b"lista.txt" not in raw


def test_file_only_message_and_positions_continue(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
) -> None:
    tip, phrase = make_tip(db_session, blobs, recipients, files=[("a.pdf", b"a"), ("b.pdf", b"b")])
    message = source_says(
        db_session, blobs, recipients, SourceTip(tip, phrase), "", [("c.pdf", b"c")]
    )
    [entry] = list_conversation(db_session, blobs, tip, org_identity)
    assert entry.text == ""
    assert [(f.filename, f.size, f.attachment.position) for f in entry.files] == [("c.pdf", 1, 2)]
    assert entry.message is message


def test_unread_markers_on_both_sides(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    tip = source_tip.tip
    source_says(db_session, blobs, recipients, source_tip, "first")
    source_says(db_session, blobs, recipients, source_tip, "second")
    assert unread_by_organization(db_session, [tip.id, "0" * 32]) == {tip.id: 2}
    entries = list_conversation(db_session, blobs, tip, org_identity)
    assert [e.new_for_organization for e in entries] == [True, True]
    assert [e.new_for_source for e in entries] == [False, False]  # the source wrote them

    assert mark_seen_by_organization(db_session, tip) == 2
    assert mark_seen_by_organization(db_session, tip) == 0
    assert unread_by_organization(db_session, [tip.id]) == {}

    post_reply(db_session, blobs, tip, reviewer, "reply", recipients)
    before = list_conversation(db_session, blobs, tip, source_tip.identity)
    assert [e.new_for_source for e in before] == [False, False, True]
    assert before[2].new_for_organization is False
    assert mark_seen_by_source(db_session, tip) == 1
    # The entries made before keep what they showed; a new listing is all read.
    assert before[2].new_for_source is True
    after = list_conversation(db_session, blobs, tip, source_tip.identity)
    assert not any(e.new_for_source for e in after)


def test_refused_messages(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    with pytest.raises(EmptyMessageError):
        source_says(db_session, blobs, recipients, source_tip, "   \n ")
    with pytest.raises(EmptyMessageError):
        post_reply(db_session, blobs, source_tip.tip, reviewer, " ", recipients)
    with pytest.raises(MessageTooLongError):
        post_reply(
            db_session, blobs, source_tip.tip, reviewer, "x" * (MAX_TEXT_CHARS + 1), recipients
        )
    placeholder = make_tip(db_session, blobs, recipients)[0]
    placeholder.source_recipient = "placeholder"
    with pytest.raises(NoReplyKeyError):
        post_reply(db_session, blobs, placeholder, reviewer, "hello", recipients)
    assert db_session.scalars(select(Message)).all() == []


def test_hourly_quota_per_tip(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(messages_module, "SOURCE_MESSAGES_PER_HOUR", 2)
    source_says(db_session, blobs, recipients, source_tip, "1")
    source_says(db_session, blobs, recipients, source_tip, "2")
    with pytest.raises(TooManyMessagesError):
        source_says(db_session, blobs, recipients, source_tip, "3")
    # Last hour's messages do not count against this hour.
    for message in db_session.scalars(select(Message)):
        message.sent_at -= timedelta(hours=1)
    source_says(db_session, blobs, recipients, source_tip, "3")


def test_unopenable_or_swapped_bodies_are_listed_as_gaps(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
    reviewer: User,
) -> None:
    missing = source_says(db_session, blobs, recipients, source_tip, "gone")
    blobs.delete(missing.body_blob)
    swapped = post_reply(db_session, blobs, source_tip.tip, reviewer, "x", recipients).message
    swapped.body_blob = source_tip.tip.body_blob  # the tip document, not a reply
    with pytest.raises(DocumentError):
        open_message(blobs, swapped, org_identity)
    entries = list_conversation(db_session, blobs, source_tip.tip, org_identity)
    assert [e.text for e in entries] == [None, None]
    assert "gone" not in repr(entries)
