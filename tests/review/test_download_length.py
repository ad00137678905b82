"""Downloads declare their true size, and never deliver a file of another length.

``Content-Length`` is the plaintext size from the sealed document. A stream
that fails to authenticate, runs long or ends short raises mid-download, so
the server drops the connection and the browser sees a cut-off file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tipline.blobs import BlobStore
from tipline.crypto import AgeError, Identity, Recipient, encrypt
from tipline.documents import TipDocument, seal_document
from tipline.models import Tip
from tipline.tips.content import (
    SizeMismatchError,
    declared_size,
    decrypt_attachment,
    open_tip,
)

BIG = 200 * 1024 + 17  # four 64 KiB chunks and a bit


def _url(tip: Tip) -> str:
    return f"/tips/{tip.id}/files/{tip.attachments[0].id}"


def _reseal(
    blobs: BlobStore,
    tip: Tip,
    identity: Identity,
    recipients: list[Recipient],
    change: Callable[[TipDocument], None],
) -> None:
    """Open the tip's sealed document, change it, and store it sealed again."""
    document = open_tip(blobs, tip, [identity])
    change(document)
    blobs._path(tip.body_blob).write_bytes(seal_document(document, recipients))


def _broken_download(
    client: FlaskClient, url: str, error: type[Exception]
) -> tuple[str | None, bytes]:
    """``(Content-Length, bytes received)`` of a download that breaks off with ``error``.

    The length is ``None`` when the stream failed before its first byte: the
    test client raises from ``get`` then, and a real server answers 500.
    """
    length, received = None, bytearray()
    with pytest.raises(error):
        response = client.get(url)
        length = response.headers["Content-Length"]
        try:
            for chunk in response.response:
                received += chunk
        finally:
            response.close()
    return length, bytes(received)


def test_content_length_is_the_exact_size_of_a_multi_chunk_file(
    reviewer_client: FlaskClient, db_session: Session, blobs: BlobStore, recipients
) -> None:
    data = os.urandom(BIG)
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.pdf", data)])
    response = reviewer_client.get(_url(tip))
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Length"] == str(BIG)
    assert response.get_data() == data


def test_an_empty_file_has_content_length_zero(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    # Intake never stores an empty file; a hand-sealed one must still download.
    tip, _ = make_tip(db_session, blobs, recipients, files=[("empty.txt", b"x")])
    blobs._path(tip.attachments[0].blob_id).write_bytes(encrypt(b"", recipients))

    def empty(document: TipDocument) -> None:
        document.attachments[0].size = 0

    _reseal(blobs, tip, org_identity, recipients, empty)
    response = reviewer_client.get(_url(tip))
    assert response.status_code == 200
    assert response.headers["Content-Length"] == "0"
    assert response.get_data() == b""


def test_a_tampered_blob_never_completes_the_declared_length(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    size = 5 * 64 * 1024 + 17  # six chunks; the third or fourth is damaged
    data = os.urandom(size)
    tip, _ = make_tip(db_session, blobs, recipients, files=[("secret-name.pdf", data)])
    path = blobs._path(tip.attachments[0].blob_id)
    sealed = bytearray(path.read_bytes())
    sealed[len(sealed) // 2] ^= 0x01  # a byte in the middle of the ciphertext
    path.write_bytes(bytes(sealed))
    with caplog.at_level(logging.WARNING, logger="tipline.tips.content"):
        length, received = _broken_download(reviewer_client, _url(tip), AgeError)
    assert length == str(size)
    assert 0 < len(received) < size and received == data[: len(received)]
    assert tip.attachments[0].id in caplog.text and "secret-name" not in caplog.text


@pytest.mark.parametrize(
    "declared",
    [
        BIG - 1,  # the stream runs long
        BIG + 1,  # the stream ends short
        3 * 64 * 1024,  # every declared byte arrives, then more follows
        0,
    ],
)
def test_a_stream_of_another_size_than_declared_is_cut_off(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
    caplog: pytest.LogCaptureFixture,
    declared: int,
) -> None:
    data = os.urandom(BIG)
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.bin", data)])

    def lie(document: TipDocument) -> None:
        document.attachments[0].size = declared

    _reseal(blobs, tip, org_identity, recipients, lie)
    with caplog.at_level(logging.WARNING, logger="tipline.tips.content"):
        length, received = _broken_download(reviewer_client, _url(tip), SizeMismatchError)
    # Never all the declared bytes: the last chunk waits for the stream's end.
    assert length in (str(declared), None)
    assert len(received) < max(declared, 1) and received == data[: len(received)]
    assert "than declared" in caplog.text and tip.attachments[0].id in caplog.text


def test_a_file_the_document_does_not_list_has_no_length(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.txt", b"hello")])

    def unlist(document: TipDocument) -> None:
        document.attachments.clear()

    _reseal(blobs, tip, org_identity, recipients, unlist)
    assert declared_size(open_tip(blobs, tip, [org_identity]), tip.attachments[0]) is None
    response = reviewer_client.get(_url(tip))
    assert "Content-Length" not in response.headers
    assert response.get_data() == b"hello"


def test_decrypt_attachment_checks_the_declared_size(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.txt", b"hello")])
    attachment = tip.attachments[0]
    assert b"".join(decrypt_attachment(blobs, attachment, [org_identity], size=5)) == (b"hello")
    for wrong in (4, 6):
        with pytest.raises(SizeMismatchError):
            b"".join(decrypt_attachment(blobs, attachment, [org_identity], size=wrong))
