"""The source's side on the intake: sign in, read, add a message and files, sign out."""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conversation.conftest import HOSTILE, SourceTip, sign_in
from tipline.blobs import BlobStore
from tipline.conversation.messages import post_reply
from tipline.conversation.source_sessions import COOKIE_IDLE
from tipline.crypto import Recipient
from tipline.models import Attachment, AuditEvent, Message, SourceSession, User
from tipline.wordlist import generate


def page(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


def reply(
    session: Session,
    blobs: BlobStore,
    source: SourceTip,
    user: User,
    recipients: list[Recipient],
    text: str,
) -> Message:
    return post_reply(session, blobs, source.tip, user, text, recipients).message


def test_landing_page_links_to_the_phrase_page(intake_client: FlaskClient) -> None:
    text = page(intake_client.get("/"))
    assert 'href="/return"' in text and "I have a receipt phrase" in text
    form = page(intake_client.get("/return"))
    assert 'name="phrase"' in form and 'value=""' in form and 'autocomplete="off"' in form


def test_source_reads_replies_marked_new_once(
    db_session: Session,
    blobs: BlobStore,
    source_tip: SourceTip,
    reviewer: User,
    recipients: list[Recipient],
    source_client: FlaskClient,
) -> None:
    reply(
        db_session,
        blobs,
        source_tip,
        reviewer,
        recipients,
        "We read your tip.\nCan you say which night?",
    )
    first = page(source_client.get("/conversation"))
    assert "We read your tip.\nCan you say which night?" in first
    assert "1 new reply." in first and first.count("badge--unread") == 1
    again = page(source_client.get("/conversation"))
    assert "We read your tip." in again and "badge--unread" not in again
    assert db_session.scalars(select(Message)).one().seen_by_source


def test_no_reply_yet_says_so(source_client: FlaskClient) -> None:
    text = page(source_client.get("/conversation"))
    assert "No reply yet." in text and "You will not be notified" in text
    assert "close Tor Browser" in text


def test_wrong_phrases_get_one_generic_page(
    intake_app: Flask, intake_client: FlaskClient, db_session: Session, source_tip: SourceTip
) -> None:
    words = source_tip.phrase.split()
    near = " ".join([*words[:-1], "zebra" if words[-1] != "zebra" else "zero"])
    bodies = []
    for wrong in (near, generate(), "hello"):
        response = sign_in(intake_client, wrong)
        assert response.status_code == 400
        body = page(response)
        assert wrong not in body and "zebra" not in body
        assert "That phrase did not open a conversation" in body
        bodies.append(body)
        assert not [c for c in response.headers.getlist("Set-Cookie") if "source" in c]
    assert bodies[0] == bodies[1] == bodies[2]
    assert db_session.scalars(select(SourceSession)).all() == []


def test_message_with_files_is_added_to_the_tip(
    db_session: Session,
    blobs: BlobStore,
    source_tip: SourceTip,
    source_client: FlaskClient,
    org_identity: object,
) -> None:
    before = set(blobs.ids())
    response = source_client.post(
        "/conversation/message",
        data={
            "body": "Fue el martes. Adjunto la lista.",
            "attachments": [
                (io.BytesIO(b"nombres y horas"), "lista.txt", "text/plain"),
                (io.BytesIO(b"%PDF-1.4 a photo"), "foto.pdf", "application/pdf"),
            ],
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/conversation?sent=1")
    message = db_session.scalars(select(Message)).one()
    assert message.author == "source" and message.author_id is None
    files = db_session.scalars(select(Attachment).where(Attachment.message_id == message.id)).all()
    assert len(files) == 2
    assert set(blobs.ids()) == before | {message.body_blob, *(f.blob_id for f in files)}
    shown = page(source_client.get("/conversation?sent=1"))
    assert "Your message was sent." in shown
    assert "Fue el martes. Adjunto la lista." in shown
    assert "lista.txt" in shown and "foto.pdf" in shown


def test_files_only_and_empty_messages(db_session: Session, source_client: FlaskClient) -> None:
    empty = source_client.post("/conversation/message", data={"body": "   "})
    assert empty.status_code == 400 and "Please write a message or choose a file." in page(empty)
    only = source_client.post(
        "/conversation/message", data={"attachments": [(io.BytesIO(b"x"), "x.txt", "text/plain")]}
    )
    assert only.status_code == 303
    assert len(db_session.scalars(select(Message)).all()) == 1


def test_oversize_follow_up_leaves_no_blob_and_no_row(
    make_intake_app: Callable[..., Flask], source_tip: SourceTip, db_session: Session
) -> None:
    app = make_intake_app(MAX_UPLOAD_BYTES=1000)
    client = app.test_client()
    assert sign_in(client, source_tip.phrase).status_code == 303
    store = app.extensions["tipline.blobs"]
    before = set(store.ids())
    response = client.post(
        "/conversation/message",
        data={"body": "big", "attachments": [(io.BytesIO(b"a" * 5000), "big.bin", "x/y")]},
    )
    assert response.status_code == 413
    assert set(store.ids()) == before
    assert not list((store.root / "tmp").iterdir())
    assert db_session.scalars(select(Message)).all() == []


def test_failure_after_sealing_leaves_no_blob(
    make_intake_app: Callable[..., Flask],
    source_tip: SourceTip,
    monkeypatch: pytest.MonkeyPatch,
    db_session: Session,
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    assert sign_in(client, source_tip.phrase).status_code == 303
    store = app.extensions["tipline.blobs"]
    before = set(store.ids())
    import tipline.intake.returning as source_views

    real = source_views.post_source_message

    def post_then_fail(*args: object, **kwargs: object) -> object:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("database went away")

    monkeypatch.setattr(source_views, "post_source_message", post_then_fail)
    response = client.post(
        "/conversation/message",
        data={"body": "x", "attachments": [(io.BytesIO(b"payload"), "p.txt", "text/plain")]},
    )
    assert response.status_code == 500
    assert set(store.ids()) == before
    assert db_session.scalars(select(Message)).all() == []


def test_not_signed_in_stores_nothing(
    intake_client: FlaskClient, blobs: BlobStore, db_session: Session
) -> None:
    response = intake_client.post(
        "/conversation/message",
        data={"body": "x", "attachments": [(io.BytesIO(b"payload"), "p.txt", "text/plain")]},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/return")
    assert list(blobs.ids()) == []
    assert intake_client.get("/conversation").headers["Location"].endswith("/return")


def test_sign_out_deletes_the_session_and_says_close_tor_browser(
    db_session: Session, source_client: FlaskClient
) -> None:
    assert len(db_session.scalars(select(SourceSession)).all()) == 1
    response = source_client.post("/signout")
    assert response.status_code == 200
    text = page(response)
    assert "You are signed out" in text and "close Tor Browser completely" in text
    assert db_session.scalars(select(SourceSession)).all() == []
    after = source_client.get("/conversation")
    assert after.status_code == 303 and after.headers["Location"].endswith("/return")


def test_expired_session_goes_back_to_the_phrase_page(
    db_session: Session, source_client: FlaskClient
) -> None:
    with source_client.session_transaction() as cookie:
        cookie[COOKIE_IDLE] -= 21  # minutes: idle for longer than the limit
    response = source_client.get("/conversation")
    assert response.headers["Location"].endswith("/return?ended=1")
    assert db_session.scalars(select(SourceSession)).all() == []
    assert "Your session ended" in page(source_client.get("/return?ended=1"))


def test_phrase_page_says_when_a_session_has_just_ended(
    db_session: Session, source_client: FlaskClient
) -> None:
    row = db_session.scalars(select(SourceSession)).one()
    row.expires_at = row.expires_at.replace(year=2000)
    db_session.flush()
    response = source_client.get("/return")
    assert response.status_code == 200 and "Your session ended" in page(response)
    assert db_session.scalars(select(SourceSession)).all() == []


def test_signed_in_source_skips_the_phrase_page(source_client: FlaskClient) -> None:
    response = source_client.get("/return")
    assert response.status_code == 303 and response.headers["Location"].endswith("/conversation")


def test_hostile_reply_is_inert_text_for_the_source(
    db_session: Session,
    blobs: BlobStore,
    source_tip: SourceTip,
    reviewer: User,
    recipients: list[Recipient],
    source_client: FlaskClient,
) -> None:
    reply(db_session, blobs, source_tip, reviewer, recipients, "\n".join(HOSTILE))
    source_client.post("/conversation/message", data={"body": HOSTILE[1]})
    text = page(source_client.get("/conversation"))
    for payload in HOSTILE:
        assert payload not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=" in text
    assert "<script" not in text and 'onerror="' not in text


def test_spanish_pages(intake_client: FlaskClient, source_tip: SourceTip) -> None:
    es = {"Accept-Language": "es"}
    form = page(intake_client.get("/return", headers=es))
    assert "Su frase de recibo" in form and '<html lang="es">' in form
    wrong = page(sign_in(intake_client, generate(), **es))
    assert "Esa frase no abrió ninguna conversación" in wrong
    sign_in(intake_client, source_tip.phrase, **es)
    conversation = page(intake_client.get("/conversation", headers=es))
    assert "Su conversación" in conversation and "Todavía no hay respuesta." in conversation
    signed_out = page(intake_client.post("/signout", headers=es))
    assert "cierre el navegador Tor por completo" in signed_out
    for text in (form, wrong, conversation, signed_out):
        assert "Please" not in text and "receipt phrase" not in text


def test_csrf_is_checked_on_every_form(
    make_intake_app: Callable[..., Flask], source_tip: SourceTip, db_session: Session
) -> None:
    client = make_intake_app(WTF_CSRF_ENABLED=True).test_client()
    refused = sign_in(client, source_tip.phrase)
    assert refused.status_code == 400 and "The form had expired" in page(refused)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page(refused))
    assert token
    signed = client.post("/return", data={"phrase": source_tip.phrase, "csrf_token": token[1]})
    assert signed.status_code == 303
    conversation = page(client.get("/conversation"))
    kept = client.post("/conversation/message", data={"body": "keep this text"})
    assert kept.status_code == 400 and "keep this text" in page(kept)
    assert "was not sent" in page(kept)
    assert client.post("/signout").status_code == 400
    assert db_session.scalars(select(Message)).all() == []
    tokens = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', conversation)
    sent = client.post("/conversation/message", data={"body": "now", "csrf_token": tokens[0]})
    assert sent.status_code == 303


def test_source_actions_leave_no_audit_event_and_no_log_of_the_phrase(
    intake_client: FlaskClient,
    source_tip: SourceTip,
    db_session: Session,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    sign_in(intake_client, generate())
    sign_in(intake_client, source_tip.phrase)
    intake_client.get("/conversation")
    intake_client.post("/conversation/message", data={"body": "secret follow-up words"})
    intake_client.post("/signout")
    assert db_session.scalars(select(AuditEvent)).all() == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "source signed in" in logged and "source message received" in logged
    words = source_tip.phrase.split()
    for pair in itertools.pairwise(words):
        assert " ".join(pair) not in logged
    assert "secret follow-up" not in logged and source_tip.tip.id not in logged


def test_hourly_message_limit_page_keeps_the_text(
    source_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, db_session: Session
) -> None:
    monkeypatch.setattr("tipline.conversation.messages.SOURCE_MESSAGES_PER_HOUR", 0)
    response = source_client.post("/conversation/message", data={"body": "please keep me"})
    assert response.status_code == 429
    text = page(response)
    assert "You have sent many messages in the last hour" in text and "please keep me" in text
    assert db_session.scalars(select(Message)).all() == []


def test_a_sent_message_cannot_be_resent_with_the_same_token(
    make_intake_app: Callable[..., Flask], source_tip: SourceTip, db_session: Session
) -> None:
    client = make_intake_app(WTF_CSRF_ENABLED=True).test_client()
    token = re.findall(
        r'name="csrf_token" type="hidden" value="([^"]+)"', page(client.get("/return"))
    )
    client.post("/return", data={"phrase": source_tip.phrase, "csrf_token": token[0]})
    [token] = re.findall(
        r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"',
        page(client.get("/conversation")),
    )
    data = {"body": "once", "csrf_token": token}
    assert client.post("/conversation/message", data=data).status_code == 303
    assert client.post("/conversation/message", data=data).status_code == 400  # reload, back
    assert len(db_session.scalars(select(Message)).all()) == 1
