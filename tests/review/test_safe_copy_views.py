"""Safe copies on the tip page: make, preview, download; hostile files get a message."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.helpers import times_finer_than_the_hour
from tests.safecopy import factories
from tests.safecopy.tools import needs_bwrap, needs_poppler
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity
from tipline.models import AuditEvent, SafeCopy, Tip, User
from tipline.safecopy.service import make_safe_copy, open_manifest, pdf_chunks
from tipline.safecopy.settings import Settings
from tipline.security import DOWNLOAD_CSP

pytestmark = [needs_bwrap, needs_poppler]


def _tip(db_session: Session, blobs: BlobStore, recipients, files) -> Tip:
    tip, _ = make_tip(db_session, blobs, recipients, files=files)
    return tip


def _actions(db_session: Session) -> list[str]:
    return [e.action for e in db_session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]


def test_reviewer_makes_a_safe_copy_and_sees_what_was_removed(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients,
    org_identity: HybridIdentity,
    tmp_path: Path,
) -> None:
    tip = _tip(
        db_session,
        blobs,
        recipients,
        [("IMG_0042.jpg", "image/jpeg", factories.gps_photo())],
    )
    [attachment] = tip.attachments
    page = reviewer_client.get(f"/tips/{tip.id}").get_data(as_text=True)
    assert "The original may be dangerous" in page and "may carry metadata" in page
    assert "Make a safe copy" in page

    response = reviewer_client.post(f"/tips/{tip.id}/files/{attachment.id}/safe-copy")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tips/{tip.id}#safe-copy-{attachment.id}")

    page = reviewer_client.get(f"/tips/{tip.id}").get_data(as_text=True)
    assert "The safe copy is ready." in page
    assert "Found in the original and left out of the safe copy" in page
    for label in ("GPS location", "GPS position (EXIF)", "Author", "Device", "Camera model"):
        assert label in page
    assert "Times" in page and "Date and time taken or changed" in page
    assert factories.AUTHOR not in page and "Canon EOS" not in page  # names, never values
    preview_url = f"/tips/{tip.id}/files/{attachment.id}/safe-copy/pages/1.jpg"
    assert f'src="{preview_url}"' in page and "Make a safe copy" not in page

    preview = reviewer_client.get(preview_url)
    assert preview.status_code == 200 and preview.mimetype == "image/jpeg"
    assert preview.headers["Content-Security-Policy"] == DOWNLOAD_CSP
    assert preview.get_data().startswith(b"\xff\xd8") and b"Exif" not in preview.get_data()
    assert reviewer_client.get(preview_url.replace("1.jpg", "2.jpg")).status_code == 404

    download = reviewer_client.get(f"/tips/{tip.id}/files/{attachment.id}/safe-copy.pdf")
    pdf = download.get_data()
    assert download.status_code == 200 and pdf.startswith(b"%PDF")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="safe-copy-')
    assert "IMG_0042" not in download.headers["Content-Disposition"]
    assert factories.AUTHOR.encode() not in pdf and b"Canon" not in pdf
    assert _actions(db_session).count("safe_copy.create") == 1
    assert "safe_copy.download" in _actions(db_session)

    # Stored sealed: neither blob holds the PDF or the preview in the clear.
    [row] = db_session.scalars(select(SafeCopy))
    for blob_id in (row.pdf_blob, row.manifest_blob):
        stored = blobs.read(blob_id)
        assert stored.startswith(b"age-encryption.org/v1") and b"%PDF" not in stored
    assert b"".join(pdf_chunks(blobs, row, [org_identity])) == pdf
    assert open_manifest(blobs, row, [org_identity]).pages == 1
    # Made, previewed and downloaded: the store still shows only the hour (DESIGN.md).
    assert not times_finer_than_the_hour(blobs.root)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("report.pdf", factories.renamed_executable(), "not a PDF, an image or an office"),
        ("scan.pdf", factories.malformed_pdf(), "damaged"),
        ("huge.png", factories.giant_image(), "megapixels"),
    ],
    ids=["exe-as-pdf", "malformed", "giant-image"],
)
def test_a_hostile_file_gets_a_message_not_a_500(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients,
    name: str,
    data: bytes,
    words: str,
) -> None:
    tip = _tip(db_session, blobs, recipients, [(name, "application/pdf", data)])
    [attachment] = tip.attachments
    response = reviewer_client.post(
        f"/tips/{tip.id}/files/{attachment.id}/safe-copy", follow_redirects=True
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "No safe copy was made." in page and words in page
    assert "Make a safe copy" in page  # nothing stored; the original is still there
    assert db_session.scalars(select(SafeCopy)).first() is None
    assert reviewer_client.get(f"/tips/{tip.id}/files/{attachment.id}").get_data() == data


def test_without_the_sandbox_the_page_says_so(
    review_app, reviewer_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, [("a.pdf", factories.hostile_pdf())])
    [attachment] = tip.attachments
    review_app.config["SAFE_COPY_BWRAP"] = "/nonexistent/bwrap"
    page = reviewer_client.post(
        f"/tips/{tip.id}/files/{attachment.id}/safe-copy", follow_redirects=True
    ).get_data(as_text=True)
    assert "bubblewrap" in page and "No safe copy was made." in page

    review_app.config["SAFE_COPY_SANDBOX"] = "none"
    page = reviewer_client.post(
        f"/tips/{tip.id}/files/{attachment.id}/safe-copy", follow_redirects=True
    ).get_data(as_text=True)
    assert "made without the bubblewrap sandbox" in page
    assert "JavaScript" in page and "Embedded files" in page


def test_the_safe_copy_pdf_has_no_metadata(
    reviewer_client: FlaskClient, db_session: Session, blobs, recipients, tmp_path: Path
) -> None:
    tip = _tip(db_session, blobs, recipients, [("a.pdf", factories.hostile_pdf())])
    [attachment] = tip.attachments
    reviewer_client.post(f"/tips/{tip.id}/files/{attachment.id}/safe-copy")
    pdf = reviewer_client.get(f"/tips/{tip.id}/files/{attachment.id}/safe-copy.pdf").get_data()
    (tmp_path / "copy.pdf").write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "copy.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "Author" not in info and "Creator" not in info and "JavaScript:      no" in info


def test_two_reviewers_converting_the_same_file_keep_one_copy(
    db_session: Session, blobs: BlobStore, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, [("a.pdf", factories.hostile_pdf())])
    [attachment] = tip.attachments
    settings = replace(Settings(), timeout_seconds=60)
    data = [factories.hostile_pdf()]
    first = make_safe_copy(db_session, blobs, attachment, data, recipients, settings)
    # The second request looked before the first committed, so it saw no copy
    # and converted too; its row loses on the unique attachment id.
    seen = [{}, {attachment.id: first}]
    with mock.patch("tipline.safecopy.service.safe_copies_for", side_effect=seen):
        second = make_safe_copy(db_session, blobs, attachment, data, recipients, settings)
    assert second is first
    assert db_session.scalars(select(SafeCopy)).all() == [first]
