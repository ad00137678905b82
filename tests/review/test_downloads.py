"""Safe download headers and streamed decryption of attachments."""

from __future__ import annotations

import os

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tipline.blobs import BlobStore
from tipline.crypto import AgeError, HybridIdentity
from tipline.tips.content import (
    ContentError,
    attachment_info,
    decrypt_attachment,
    open_tip,
    preview,
    previews,
)
from tipline.tips.downloads import (
    ascii_filename,
    content_disposition,
    download_content_type,
    safe_filename,
)


@pytest.mark.parametrize(
    ("declared", "sent"),
    [
        ("application/pdf", "application/pdf"),
        ("IMAGE/PNG", "image/png"),
        ("image/jpeg; name=x.jpg", "image/jpeg"),
        ("text/plain;charset=utf-8", "text/plain"),
        ("text/html", "application/octet-stream"),
        ("image/svg+xml", "application/octet-stream"),
        ("application/xhtml+xml", "application/octet-stream"),
        ("application/javascript", "application/octet-stream"),
        ("text/xml", "application/octet-stream"),
        ("application/x-msdownload", "application/octet-stream"),
        ("", "application/octet-stream"),
        ("image/png\r\nX-Evil: 1", "application/octet-stream"),
    ],
)
def test_content_type_allowlist(declared: str, sent: str) -> None:
    assert download_content_type(declared) == sent


@pytest.mark.parametrize(
    ("raw", "header"),
    [
        ("report.pdf", 'attachment; filename="report.pdf"'),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("C:\\Users\\x\\notes.txt", 'attachment; filename="notes.txt"'),
        ("", 'attachment; filename="attachment"'),
        ("...", 'attachment; filename="attachment"'),
        (".bashrc", 'attachment; filename="bashrc"'),
        (
            "évidence 1.jpg",
            "attachment; filename=\"evidence 1.jpg\"; filename*=UTF-8''%C3%A9vidence%201.jpg",
        ),
        (
            "文件.png",
            "attachment; filename=\"attachment.png\"; filename*=UTF-8''%E6%96%87%E4%BB%B6.png",
        ),
        # A right-to-left override would show "evil‮fdp.exe" as "evilexe.pdf".
        ("evil\u202efdp.exe", 'attachment; filename="evilfdp.exe"'),
        # Header injection: line breaks become spaces, ":" is encoded.
        (
            "a\r\nX-Evil: 1.txt",
            "attachment; filename=\"a X-Evil_ 1.txt\"; filename*=UTF-8''a%20X-Evil%3A%201.txt",
        ),
    ],
)
def test_content_disposition(raw: str, header: str) -> None:
    assert content_disposition(raw) == header


def test_header_values_never_carry_quotes_or_line_breaks() -> None:
    nasty = ['x"; filename="evil.html', "a\nb", "\x00.pdf", "\u2028.pdf", '"' * 10, "\\" * 5]
    for raw in nasty:
        header = content_disposition(raw)
        assert header.startswith('attachment; filename="')
        assert "\n" not in header and "\r" not in header and "\x00" not in header
        quoted = header.split('filename="', 1)[1].split('"', 1)[0]
        assert '"' not in quoted and "\\" not in quoted
        assert header.count('"') == 2


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("x" * 500 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf")
    assert ascii_filename("Ünïcödé.tar.gz") == "Unicode.tar.gz"


# -- decrypting ---------------------------------------------------------------


def test_attachments_stream_in_chunks_and_match(
    db_session: Session, blobs: BlobStore, recipients, org_identity: HybridIdentity
) -> None:
    data = os.urandom(200 * 1024 + 17)
    tip, _ = make_tip(db_session, blobs, recipients, files=[("big.bin", "application/x-foo", data)])
    chunks = list(decrypt_attachment(blobs, tip.attachments[0], [org_identity]))
    assert b"".join(chunks) == data
    # Streamed: never more than one 64 KiB chunk at a time.
    assert len(chunks) >= 4 and max(len(chunk) for chunk in chunks) <= 64 * 1024
    info = attachment_info(open_tip(blobs, tip, [org_identity]), tip.attachments[0])
    assert (info.filename, info.content_type) == ("big.bin", "application/x-foo")
    assert info.size == len(data)


def test_a_tampered_attachment_stops_the_stream(
    db_session: Session, blobs: BlobStore, recipients, org_identity: HybridIdentity
) -> None:
    data = os.urandom(150 * 1024)
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.bin", data)])
    path = blobs._path(tip.attachments[0].blob_id)
    sealed = bytearray(path.read_bytes())
    sealed[-100] ^= 1  # flip a bit in the last chunk
    path.write_bytes(bytes(sealed))
    chunks = decrypt_attachment(blobs, tip.attachments[0], [org_identity])
    received = b""
    with pytest.raises(AgeError):
        for chunk in chunks:
            received += chunk
    assert received == data[: len(received)] and len(received) < len(data)


def test_a_wrong_key_or_a_missing_blob_is_a_content_error(
    db_session: Session, blobs: BlobStore, recipients
) -> None:
    tip, _ = make_tip(db_session, blobs, recipients, files=[("a.txt", b"hello")])
    stranger = HybridIdentity.generate()
    with pytest.raises(ContentError):
        decrypt_attachment(blobs, tip.attachments[0], [stranger])
    with pytest.raises(ContentError):
        open_tip(blobs, tip, [stranger])
    blobs.delete(tip.attachments[0].blob_id)
    with pytest.raises(ContentError, match="missing"):
        decrypt_attachment(blobs, tip.attachments[0], [stranger])
    assert previews(blobs, [tip], [stranger]) == {tip.id: None}


def test_preview_is_the_first_line_shortened(
    db_session: Session, blobs: BlobStore, recipients, org_identity
) -> None:
    text = "\n\n  First line of the tip.  \nSecond line."
    tip, _ = make_tip(db_session, blobs, recipients, what_happened=text)
    assert previews(blobs, [tip], [org_identity]) == {tip.id: "First line of the tip."}
    long_tip, _ = make_tip(db_session, blobs, recipients, what_happened="word " * 100)
    shown = preview(open_tip(blobs, long_tip, [org_identity]))
    assert len(shown) == 160 and shown.endswith("…")
