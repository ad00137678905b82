"""The reviewer's side: the conversation on the tip page, replies, read marks, files."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conversation.conftest import HOSTILE, SourceTip
from tests.factories import make_tip
from tipline.blobs import BlobStore
from tipline.conversation.messages import post_reply, post_source_message
from tipline.conversation.reading import open_message
from tipline.crypto import HybridIdentity, Recipient
from tipline.models import Attachment, AuditEvent, Message, User
from tipline.tips.uploads import UploadBatch


def source_writes(
    session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source: SourceTip,
    text: str,
    files: tuple[tuple[str, bytes], ...] = (),
) -> Message:
    batch = UploadBatch(blobs, recipients, max_bytes=10**8, max_files=10)
    sealed = [batch.seal_bytes(name, "application/pdf", data) for name, data in files]
    posted = post_source_message(
        session, batch, source.tip, text, [s for s in sealed if s is not None], "en"
    )
    batch.keep(posted.blob_ids)
    return posted.message


def actions(session: Session) -> list[str]:
    return [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]


def body(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


def test_tip_page_shows_the_whole_conversation_with_markers(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer: User,
    reviewer_client: FlaskClient,
) -> None:
    source_writes(db_session, blobs, recipients, source_tip, "More: it was a Tuesday.")
    post_reply(db_session, blobs, source_tip.tip, reviewer, "Thank you, which jail?", recipients)
    source_writes(db_session, blobs, recipients, source_tip, "Bucks.", (("log.pdf", b"%PDF log"),))
    page = body(reviewer_client.get(f"/tips/{source_tip.tip.id}"))
    section = page[page.index('id="conversation"') :]
    assert section.index("More: it was a Tuesday.") < section.index("Thank you, which jail?")
    assert section.index("Thank you, which jail?") < section.index("Bucks.")
    # Replying is reading (the reply service marks what came before it read).
    assert "1 new from the source" in section
    assert "not yet read by the source" in section and reviewer.username in section
    assert "(hour only)" in section
    assert "log.pdf" in section and "/messages/" in section
    # The follow-up file is listed with its message, not among the tip's own files.
    assert "log.pdf" not in page[: page.index('id="conversation"')]
    assert "conversation.view" in actions(db_session)


def test_reply_is_sealed_saved_audited_and_marks_the_source_read(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    source_tip: SourceTip,
    reviewer_user: User,
    reviewer_client: FlaskClient,
) -> None:
    source_writes(db_session, blobs, recipients, source_tip, "hello?")
    tip_id = source_tip.tip.id
    response = reviewer_client.post(f"/tips/{tip_id}/replies", data={"body": "We got it."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tips/{tip_id}#conversation")
    reply = db_session.scalars(select(Message).where(Message.author == "organization")).one()
    assert reply.author_id == reviewer_user.id and reply.seen_by_organization
    assert not reply.seen_by_source
    for identity in (source_tip.identity, org_identity):
        assert open_message(blobs, reply, identity).fields["text"] == "We got it."
    source_message = db_session.scalars(select(Message).where(Message.author == "source")).one()
    assert source_message.seen_by_organization
    assert actions(db_session)[-1] == "reply.create"
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None and event.object_id == tip_id and event.actor_id == reviewer_user.id
    page = body(reviewer_client.get(f"/tips/{tip_id}"))
    assert "Reply sealed and saved" in page and "We got it." in page


def test_empty_reply_is_refused(
    db_session: Session, source_tip: SourceTip, reviewer_client: FlaskClient
) -> None:
    response = reviewer_client.post(f"/tips/{source_tip.tip.id}/replies", data={"body": ""})
    assert response.status_code == 302
    assert "Write a reply before sending it." in body(
        reviewer_client.get(response.headers["Location"])
    )
    assert db_session.scalars(select(Message)).all() == []


def test_failed_reply_leaves_no_blob(
    db_session: Session,
    blobs: BlobStore,
    source_tip: SourceTip,
    reviewer_client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = set(blobs.ids())

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("tipline.conversation.messages.audit.record", explode)
    with pytest.raises(RuntimeError):
        reviewer_client.post(f"/tips/{source_tip.tip.id}/replies", data={"body": "lost"})
    assert set(blobs.ids()) == before
    assert db_session.scalars(select(Message)).all() == []


def test_mark_read_clears_the_marker_everywhere(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer_client: FlaskClient,
) -> None:
    source_writes(db_session, blobs, recipients, source_tip, "news")
    inbox = body(reviewer_client.get("/"))
    assert "new message from the source" in inbox
    response = reviewer_client.post(f"/tips/{source_tip.tip.id}/conversation/read")
    assert response.status_code == 302
    assert db_session.scalars(select(Message)).one().seen_by_organization
    assert "conversation.read" in actions(db_session)
    assert "new message from the source" not in body(reviewer_client.get("/"))
    page = body(reviewer_client.get(f"/tips/{source_tip.tip.id}"))
    assert "new from the source" not in page and "Mark the source" not in page


def test_reviewer_sees_when_the_source_has_read_a_reply(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer: User,
    reviewer_client: FlaskClient,
    source_client: FlaskClient,
) -> None:
    post_reply(db_session, blobs, source_tip.tip, reviewer, "Are you safe?", recipients)
    url = f"/tips/{source_tip.tip.id}"
    assert "not yet read by the source" in body(reviewer_client.get(url))
    assert "Are you safe?" in body(source_client.get("/conversation"))
    page = body(reviewer_client.get(url))
    assert "read by the source" in page and "not yet read by the source" not in page


def test_download_of_a_follow_up_file(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer_client: FlaskClient,
) -> None:
    data = b"%PDF-1.4 release log " * 4000  # more than one 64 KiB chunk
    message = source_writes(
        db_session, blobs, recipients, source_tip, "", (("release log.pdf", data),)
    )
    attachment = db_session.scalars(
        select(Attachment).where(Attachment.message_id == message.id)
    ).one()
    tip_id = source_tip.tip.id
    url = f"/tips/{tip_id}/messages/{message.id}/files/{attachment.id}"
    response = reviewer_client.get(url)
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Length"] == str(len(data))
    assert "release log.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; sandbox")
    assert actions(db_session)[-1] == "message.download"
    # Ids that do not belong together are not found.
    other_tip, _ = make_tip(db_session, blobs, recipients, files=[("own.pdf", b"own")])
    own = other_tip.attachments[0]
    for wrong in (
        f"/tips/{other_tip.id}/messages/{message.id}/files/{attachment.id}",
        f"/tips/{tip_id}/messages/{message.id}/files/{own.id}",
        f"/tips/{tip_id}/messages/{'0' * 32}/files/{attachment.id}",
    ):
        assert reviewer_client.get(wrong).status_code == 404, wrong


def test_hostile_text_and_names_are_inert_on_the_tip_page(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    source_tip: SourceTip,
    reviewer_client: FlaskClient,
) -> None:
    hostile_name = "\"><svg onload=alert('name')>.pdf"
    source_writes(
        db_session,
        blobs,
        recipients,
        source_tip,
        "\n".join([*HOSTILE, "\u202eevil"]),
        ((hostile_name, b"x"),),
    )
    page = body(reviewer_client.get(f"/tips/{source_tip.tip.id}"))
    section = page[page.index('id="conversation"') :]
    for payload in (*HOSTILE, hostile_name):
        assert payload not in section
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in section
    assert "<svg" not in section and "<img" not in section and "<script" not in section
    assert "⟨U+202E⟩evil" in section


def test_tip_without_a_reply_key_offers_no_reply(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    reviewer_client: FlaskClient,
) -> None:
    tip, _ = make_tip(db_session, blobs, recipients)
    tip.source_recipient = "placeholder"
    db_session.flush()
    page = body(reviewer_client.get(f"/tips/{tip.id}"))
    assert "no reply key" in page and 'name="body"' not in page
    response = reviewer_client.post(f"/tips/{tip.id}/replies", data={"body": "hello"})
    assert response.status_code == 302
    assert db_session.scalars(select(Message)).all() == []
