"""What a source's browser holds: every cookie of a visit, decoded and searched.

The intake's session cookie is Flask's (itsdangerous: signed, not encrypted),
so anyone holding the browser can read it. It must carry neither the phrase,
nor any two of its words in a row, nor an age identity, nor anything that
opens the source's key without the server's sealed row.
"""

from __future__ import annotations

import io
import itertools
import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conversation.conftest import SourceTip, set_cookies, sign_in
from tests.helpers import decode_flask_cookie
from tipline.blobs import BlobStore
from tipline.conversation.messages import post_reply
from tipline.conversation.source_sessions import COOKIE as SOURCE_COOKIE
from tipline.conversation.source_sessions import (
    COOKIE_END,
    COOKIE_IDLE,
    open_identity,
)
from tipline.cookie_tokens import CookieToken
from tipline.crypto import HybridIdentity, NoIdentityError, Recipient, X25519Identity, decrypt
from tipline.models import SourceSession, User
from tipline.receipt_phrases import derive_source_keys
from tipline.wordlist import generate

COOKIE = "tipline_intake"
SEPARATORS = (" ", "-", "_", ".", ",", "", "+", "%20")


def visit(client: FlaskClient, phrase: str) -> list[tuple[str, str]]:
    """A whole visit, wrong phrase first; every cookie any response set."""
    cookies: list[tuple[str, str]] = []
    steps = [
        lambda: client.get("/?lang=es"),
        lambda: client.get("/return"),
        lambda: sign_in(client, generate()),
        lambda: sign_in(client, phrase),
        lambda: client.get("/conversation"),
        lambda: client.post(
            "/conversation/message",
            data={"body": "más", "attachments": [(io.BytesIO(b"f"), "f.txt", "text/plain")]},
        ),
        lambda: client.get("/conversation?sent=1"),
        lambda: client.post("/signout"),
    ]
    for step in steps:
        response = step()
        assert response.status_code in (200, 303, 400), response.status_code
        cookies += set_cookies(response)
    return cookies


def test_no_cookie_of_a_visit_holds_the_phrase_or_a_key(
    intake_app: Flask,
    source_tip: SourceTip,
    db_session: Session,
    blobs: BlobStore,
    reviewer: User,
    recipients: list[Recipient],
) -> None:
    post_reply(db_session, blobs, source_tip.tip, reviewer, "hello", recipients)
    cookies = visit(intake_app.test_client(), source_tip.phrase)
    assert {name for name, _ in cookies} == {COOKIE}
    keys = derive_source_keys(source_tip.phrase, intake_app.config["PHRASE_PEPPER"])
    words = source_tip.phrase.split()
    decoded = []
    for _name, value in cookies:
        if not value:
            continue  # a deletion
        payload = decode_flask_cookie(value)
        decoded.append(payload)
        text = json.dumps(payload).lower()
        for haystack in (text, value.lower()):
            assert source_tip.phrase not in haystack
            for first, second in itertools.pairwise(words):
                for sep in SEPARATORS:
                    assert f"{first}{sep}{second}" not in haystack, (first, second)
            assert "age-secret-key" not in haystack
            assert keys.lookup_id not in haystack
            assert str(keys.identity.recipient()).lower() not in haystack
    # Only the language, the CSRF token, the session's id and key, and its
    # deadlines (which the server keeps no finer than the hour), ever.
    assert decoded, "the visit set no cookie at all"
    allowed = {
        "lang",
        "csrf_token",
        SOURCE_COOKIE.session_id,
        SOURCE_COOKIE.key,
        COOKIE_IDLE,
        COOKIE_END,
    }
    assert set().union(*decoded) <= allowed
    assert any(SOURCE_COOKIE.session_id in payload for payload in decoded)


def test_the_cookie_key_alone_opens_nothing(
    intake_app: Flask,
    source_tip: SourceTip,
    db_session: Session,
    blobs: BlobStore,
    reviewer: User,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
) -> None:
    reply = post_reply(db_session, blobs, source_tip.tip, reviewer, "secret reply", recipients)
    sealed_reply = blobs.read(reply.message.body_blob)
    client = intake_app.test_client()
    response = sign_in(client, source_tip.phrase)
    [(_, value)] = set_cookies(response)
    token = CookieToken.from_cookie(decode_flask_cookie(value), SOURCE_COOKIE)
    assert token is not None
    # The cookie's key is not the source's key, in any form age would take it.
    for guess in (X25519Identity.from_bytes(token.key), HybridIdentity.from_seed(token.key)):
        with pytest.raises(NoIdentityError):
            decrypt(sealed_reply, [guess])
    # It opens the source's identity only together with the server's sealed row...
    row = db_session.scalars(select(SourceSession)).one()
    assert row.id_hash == token.id_hash
    identity = open_identity(row.sealed_identity, token.key)
    assert b"secret reply" in decrypt(sealed_reply, [identity])
    # ...which another session's key does not open, and which sign-out deletes.
    other = CookieToken.from_cookie(
        decode_flask_cookie(
            set_cookies(sign_in(intake_app.test_client(), source_tip.phrase))[0][1]
        ),
        SOURCE_COOKIE,
    )
    assert other is not None and other.key != token.key
    with pytest.raises(Exception, match="does not open"):
        open_identity(row.sealed_identity, other.key)
    client.post("/signout")
    assert db_session.scalars(select(SourceSession.id_hash)).all() == [other.id_hash]
    assert client.get("/conversation").headers["Location"].endswith("/return")


def test_the_phrase_is_not_in_any_page_after_sign_in(
    intake_app: Flask, source_tip: SourceTip
) -> None:
    client = intake_app.test_client()
    pages = [sign_in(client, source_tip.phrase), client.get("/conversation")]
    first, second = source_tip.phrase.split()[:2]
    for response in pages:
        body = response.get_data(as_text=True)
        assert not re.search(rf"{first}\W*{second}", body)
        assert source_tip.phrase not in response.headers.get("Location", "")
