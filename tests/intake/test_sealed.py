"""The browser-sealed path (/tip/sealed), driven the way the form's script drives it.

The tests seal with tipline's own age implementation exactly what the script
sends (the padded tip document and each file, to the organization's
recipients) and check what the server does with it: it stores the very bytes
it was sent, refuses anything malformed or addressed to anyone else with a
clear page, and keeps nothing from a refused request.
"""

from __future__ import annotations

import io
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests.intake.conftest import GOOD_TEXT, assert_nothing_stored, store_of, tips
from tipline.crypto import (
    HybridIdentity,
    Recipient,
    ScryptRecipient,
    X25519Identity,
    decrypt,
    encrypt,
)
from tipline.crypto.padding import padme_length
from tipline.db import get_db
from tipline.documents import AttachmentInfo, TipDocument
from tipline.intake.sealed import seal_recipients
from tipline.key_folder import load_recipients
from tipline.models import Attachment

REFUSED = "was not locked for this organization"
REFUSED_ES = "no estaba cifrado con la clave de esta organización"
BROWSER_SEALED = "Your browser locked your tip and files before sending them."


def padded(document: TipDocument) -> bytes:
    """What the script seals: the document's JSON, a newline, Padmé spaces."""
    line = document.to_bytes() + b"\n"
    return line.ljust(padme_length(len(line)), b" ")


@dataclass
class Submission:
    """One browser-sealed post: the files in the clear (for checking) and sealed."""

    recipients: Sequence[Recipient]
    files: list[tuple[str, bytes]] = field(default_factory=list)
    county: str = "42091"
    language: str = "en"
    ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ids = self.ids or [secrets.token_hex(16) for _ in self.files]
        infos = [
            AttachmentInfo(attachment_id, name, "application/octet-stream", len(data))
            for attachment_id, (name, data) in zip(self.ids, self.files, strict=True)
        ]
        fields = {"what_happened": GOOD_TEXT, "county_fips": self.county, "place": "",
                  "when": "", "agencies": ["ice"], "knowledge": []}  # fmt: skip
        self.document = TipDocument(language=self.language, fields=fields, attachments=infos)
        self.sealed_document = encrypt(padded(self.document), self.recipients)
        self.sealed_files = [encrypt(data, self.recipients) for _name, data in self.files]
        self.sizes = [str(len(data)) for _name, data in self.files]

    def body(self, **changes: Any) -> tuple[bytes, str]:
        values: MultiDict[str, Any] = MultiDict()
        values.add("county", changes.get("county", self.county))
        values.add("language", changes.get("language", self.language))
        for name, value in changes.get("extra", {}).items():  # e.g. a proof of work
            values.add(name, value)
        for attachment_id, size in zip(
            changes.get("ids", self.ids), changes.get("sizes", self.sizes), strict=False
        ):
            values.add("attachment_id", attachment_id)
            values.add("size", size)
        for data in changes.get("documents", [self.sealed_document]):
            values.add("document", FileStorage(io.BytesIO(data), "tip.age"))
        for index, data in enumerate(changes.get("files", self.sealed_files)):
            values.add("attachments", FileStorage(io.BytesIO(data), f"file-{index + 1}.age"))
        boundary, body = encode_multipart(values)
        return body, f"multipart/form-data; boundary={boundary}"


def post(
    client: FlaskClient, submission: Submission, path: str = "/tip/sealed", **changes: Any
) -> Any:
    body, content_type = submission.body(**changes)
    return client.post(path, data=body, content_type=content_type)


@pytest.fixture
def org(keys_dir: Any) -> list[Recipient]:
    return load_recipients(keys_dir)


def test_form_offers_browser_sealing(intake_client: FlaskClient, org: list[Recipient]) -> None:
    page = intake_client.get("/tip").get_data(as_text=True)
    recipients = re.search(r'data-seal-recipients="([^"]+)"', page)
    assert recipients and recipients.group(1).split() == [str(r) for r in org]
    assert 'data-seal-action="/tip/sealed"' in page
    assert 'data-seal-min-length="20"' in page


def test_sealed_tip_is_stored_as_sent(
    intake_app: Flask,
    intake_client: FlaskClient,
    org: list[Recipient],
    org_identity: HybridIdentity,
) -> None:
    files = [("a.txt", b"first file"), ("b.bin", bytes(range(256)) * 600)]
    submission = Submission(org, files)
    response = post(intake_client, submission)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert BROWSER_SEALED in page
    assert re.search(r'class="receipt__phrase" lang="en"><code>[a-z -]+</code>', page)

    [tip] = tips(intake_app)
    store = store_of(intake_app)
    assert tip.county_fips == "42091" and tip.has_files
    # The server passed the ciphertext through untouched: it never opened it.
    assert store.read(tip.body_blob) == submission.sealed_document
    document = TipDocument.from_bytes(decrypt(store.read(tip.body_blob), [org_identity]))
    assert document == submission.document
    with intake_app.app_context():
        session = get_db(intake_app).session()
        rows = session.execute(
            select(Attachment.id, Attachment.blob_id).order_by(Attachment.position)
        ).all()
        session.close()
    assert [attachment_id for attachment_id, _blob in rows] == submission.ids
    for (_id, blob_id), sealed in zip(rows, submission.sealed_files, strict=True):
        assert store.read(blob_id) == sealed


def test_a_tip_without_files(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient]
) -> None:
    response = post(intake_client, Submission(org, county="other"), county="other")
    assert response.status_code == 200
    [tip] = tips(intake_app)
    assert tip.county_fips is None and not tip.has_files


MISADDRESSED = {
    "other key": lambda org: [HybridIdentity.generate().recipient()],
    "one more": lambda org: [*org, X25519Identity.generate().recipient()],
    "classic only": lambda org: [X25519Identity.generate().recipient()],
    "passphrase": lambda org: [ScryptRecipient("guess", work_factor=2)],
}


@pytest.mark.parametrize("name", MISADDRESSED)
@pytest.mark.parametrize("part", ["document", "file"])
def test_misaddressed_parts_are_refused(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient], name: str, part: str
) -> None:
    submission = Submission(org, [("a.txt", b"evidence")])
    wrong = encrypt(b"x" * 40, MISADDRESSED[name](org))
    if name == "other key" and len(org) == 1:
        # Same type and count: this is what the server cannot tell apart.
        pytest.skip("a different key of the same type is indistinguishable without it")
    changes = {"documents": [wrong]} if part == "document" else {"files": [wrong]}
    response = post(intake_client, submission, **changes)
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert_nothing_stored(intake_app)


DAMAGED = {
    "truncated": lambda sealed: sealed[: len(sealed) - 30],
    "armored": lambda sealed: b"-----BEGIN AGE ENCRYPTED FILE-----\n" + sealed,
    "not age": lambda sealed: b"%PDF-1.7 plaintext that should have been sealed",
    "bad header": lambda sealed: sealed.replace(b"-> mlkem768x25519 ", b"-> mlkem768x25519  "),
    "empty": lambda sealed: b"",
}


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_files_are_refused(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient], name: str
) -> None:
    submission = Submission(org, [("a.txt", b"x" * 100)])
    damaged = DAMAGED[name](submission.sealed_files[0])
    response = post(intake_client, submission, files=[damaged])
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    # An empty part is no file at all: then the parts and fields disagree.
    assert REFUSED in page
    assert_nothing_stored(intake_app)


@pytest.mark.parametrize(
    "changes",
    [
        {"sizes": ["99"]},  # not the size the framing implies
        {"ids": ["not-an-id"]},
        {"documents": []},
        {"ids": [], "sizes": []},  # a file without its clear fields
        {"language": "fr"},
        {"county": "06037"},  # not one of this instance's counties
    ],
    ids=["size", "id", "no-document", "unlisted-file", "language", "county"],
)
def test_parts_that_disagree_with_the_clear_fields_are_refused(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient], changes: dict[str, Any]
) -> None:
    response = post(intake_client, Submission(org, [("a.txt", b"evidence!")]), **changes)
    assert response.status_code == 400
    assert_nothing_stored(intake_app)


def test_two_documents_are_refused(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient]
) -> None:
    submission = Submission(org)
    documents = [submission.sealed_document, submission.sealed_document]
    assert post(intake_client, submission, documents=documents).status_code == 400
    assert_nothing_stored(intake_app)


def test_duplicate_attachment_ids_are_refused(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient]
) -> None:
    same = secrets.token_hex(16)
    submission = Submission(org, [("a", b"1"), ("b", b"2")], ids=[same, same])
    assert post(intake_client, submission).status_code == 400
    assert_nothing_stored(intake_app)


def test_refusal_is_in_the_sources_language(
    intake_app: Flask, intake_client: FlaskClient, org: list[Recipient]
) -> None:
    intake_client.get("/tip?lang=es")
    wrong = encrypt(b"x", [X25519Identity.generate().recipient()])
    response = post(intake_client, Submission(org), documents=[wrong])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert REFUSED_ES in page and "nunca nos llegaron" in page


def test_limits_hold_for_the_plaintext(make_intake_app: Any, org: list[Recipient]) -> None:
    app = make_intake_app(MAX_UPLOAD_BYTES=1000, MAX_ATTACHMENTS=2)
    client = app.test_client()
    # Exactly at the limit passes, although the ciphertext is larger.
    assert post(client, Submission(org, [("a", b"x" * 600), ("b", b"y" * 400)])).status_code == 200
    too_big = Submission(org, [("a", b"x" * 600), ("b", b"y" * 401)])
    assert post(client, too_big).status_code in (400, 413)
    too_many = Submission(org, [("a", b"1"), ("b", b"2"), ("c", b"3")])
    assert post(client, too_many).status_code in (400, 413)
    assert len(tips(app)) == 1


def test_csrf_failure_on_the_sealed_path(make_intake_app: Any, org: list[Recipient]) -> None:
    app = make_intake_app(WTF_CSRF_ENABLED=True)
    response = post(app.test_client(), Submission(org))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "expired or was opened in another window" in page and "never reached us" in page
    assert_nothing_stored(app)


def test_the_sealed_path_is_fail_closed_offline(
    make_intake_app: Any, tmp_path: Any, org: list[Recipient]
) -> None:
    app = make_intake_app(KEYS_DIR=str(tmp_path / "no-keys"))
    assert post(app.test_client(), Submission(org)).status_code == 503
    page = app.test_client().get("/tip").get_data(as_text=True)
    assert "data-seal-recipients" not in page


def test_plaintext_posts_to_the_sealed_path_never_reach_the_store(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    """A client that posts the plain form to /tip/sealed is refused, not sealed for it."""
    body, content_type = encode_multipart_form(
        {"what_happened": GOOD_TEXT}, ("attachments", b"secret plaintext file")
    )
    response = intake_client.post("/tip/sealed", data=body, content_type=content_type)
    assert response.status_code == 400
    assert_nothing_stored(intake_app)


def encode_multipart_form(fields: dict[str, str], file: tuple[str, bytes]) -> tuple[bytes, str]:
    values: MultiDict[str, Any] = MultiDict(fields)
    values.add(file[0], FileStorage(io.BytesIO(file[1]), "x.txt"))
    boundary, body = encode_multipart(values)
    return body, f"multipart/form-data; boundary={boundary}"


def test_only_checkable_recipient_sets_are_offered(org: list[Recipient]) -> None:
    assert seal_recipients(org) == " ".join(str(r) for r in org)
    assert seal_recipients([*org, ScryptRecipient("x")]) is None


def test_the_stored_document_reads_like_a_server_sealed_one(
    intake_app: Flask,
    intake_client: FlaskClient,
    org: list[Recipient],
    org_identity: HybridIdentity,
) -> None:
    """Reviewers' code opens both kinds the same way (a padded JSON document)."""
    post(intake_client, Submission(org, [("a.txt", b"abc")]))
    [tip] = tips(intake_app)
    text = decrypt(store_of(intake_app).read(tip.body_blob), [org_identity])
    assert json.loads(text)["fields"]["what_happened"] == GOOD_TEXT


def test_the_receipt_phrase_works_as_on_the_server_path(
    intake_client: FlaskClient, org: list[Recipient]
) -> None:
    page = post(intake_client, Submission(org)).get_data(as_text=True)
    phrase = re.search(r'class="receipt__phrase" lang="en"><code>([a-z -]+)</code>', page)
    assert phrase
    response = intake_client.post("/return", data={"phrase": phrase.group(1)})
    assert response.status_code == 303 and response.headers["Location"].endswith("/conversation")
