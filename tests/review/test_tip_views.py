"""The tip page: decrypted text, downloads, status, county, topics, read marks."""

from __future__ import annotations

import os
from urllib.parse import quote

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tipline.blobs import BlobStore
from tipline.models import AuditEvent, Tag, Tip, User
from tipline.security import DOWNLOAD_CSP
from tipline.tips.tags import tags_for_tips
from tipline.tips.workflow import is_read


def _events(db_session: Session, action: str) -> list[AuditEvent]:
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _tip(db_session, blobs, recipients, **kwargs) -> Tip:
    tip, _ = make_tip(db_session, blobs, recipients, **kwargs)
    return tip


def test_reviewer_reads_the_decrypted_tip(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients,
) -> None:
    tip = _tip(
        db_session,
        blobs,
        recipients,
        what_happened="Guards called ICE before his release.\nSecond line here.",
        language="es",
        fields={"place": "Cárcel del condado", "agencies": ["ice", "county_jail"]},
        files=[("foto.jpg", "image/jpeg", b"\xff\xd8jpeg")],
    )
    response = reviewer_client.get(f"/tips/{tip.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Guards called ICE before his release.\nSecond line here." in html
    assert "Cárcel del condado" in html
    assert "ICE (immigration enforcement), County jail" in html
    assert "Spanish (español)" in html and 'lang="es"' in html
    assert "Montgomery County, PA" in html
    assert "foto.jpg" in html and f"/tips/{tip.id}/files/{tip.attachments[0].id}" in html
    # Viewing is audited (ids only) and marks the tip read for this reviewer only.
    [event] = _events(db_session, "tip.view")
    assert (event.actor_id, event.object_type, event.object_id) == (reviewer_user.id, "tip", tip.id)
    assert is_read(db_session, tip, reviewer_user.id)


def test_organizers_never_see_tips(
    organizer_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, files=[("a.txt", b"secret file")])
    for url in (f"/tips/{tip.id}", f"/tips/{tip.id}/files/{tip.attachments[0].id}", "/"):
        response = organizer_client.get(url)
        assert response.status_code == 403, url
        body = response.get_data(as_text=True)
        assert "county jail" not in body and "secret file" not in body
    for action in ("status", "county", "tags", "read"):
        assert organizer_client.post(f"/tips/{tip.id}/{action}", data={}).status_code == 403
    assert not _events(db_session, "tip.view") and not _events(db_session, "tip.download")


def test_anonymous_visitors_are_sent_to_sign_in(
    review_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients)
    response = review_client.get(f"/tips/{tip.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")


def test_unknown_tip_or_file_is_a_404_page(
    reviewer_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, files=[("a.txt", b"x")])
    for url in (
        "/tips/" + "0" * 32,
        "/tips/not-a-tip-id",
        "/tips/" + "A" * 32,
        "/tips/%00%00",
        f"/tips/{tip.id}/files/" + "0" * 32,
        "/tips/" + "0" * 32 + "/files/" + tip.attachments[0].id,
    ):
        response = reviewer_client.get(url)
        assert response.status_code == 404, url
        assert "Not found" in response.get_data(as_text=True)


def test_download_is_byte_identical_with_safe_headers(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients,
) -> None:
    data = os.urandom(300 * 1024 + 5)
    tip = _tip(
        db_session,
        blobs,
        recipients,
        files=[
            ("informe policial ñ.html", "text/html", b"<script>alert(1)</script>"),
            ("scan.pdf", "application/pdf", data),
        ],
    )
    html_file, pdf_file = tip.attachments
    response = reviewer_client.get(f"/tips/{tip.id}/files/{pdf_file.id}")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.get_data() == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == DOWNLOAD_CSP
    # HTML from a source is never served as HTML, and its name is RFC 5987-encoded.
    response = reviewer_client.get(f"/tips/{tip.id}/files/{html_file.id}")
    assert response.get_data() == b"<script>alert(1)</script>"
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="informe policial n.html"; '
        f"filename*=UTF-8''{quote('informe policial ñ.html', safe='')}"
    )
    assert "sandbox" in response.headers["Content-Security-Policy"]
    events = _events(db_session, "tip.download")
    assert [(e.actor_id, e.object_type, e.object_id) for e in events] == [
        (reviewer_user.id, "attachment", pdf_file.id),
        (reviewer_user.id, "attachment", html_file.id),
    ]


def test_a_download_that_cannot_be_opened_says_so(
    reviewer_client: FlaskClient, db_session: Session, blobs: BlobStore, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, files=[("a.txt", b"x")])
    blobs.delete(tip.attachments[0].blob_id)
    response = reviewer_client.get(
        f"/tips/{tip.id}/files/{tip.attachments[0].id}", follow_redirects=True
    )
    assert response.status_code == 200
    assert "This file is missing from the store." in response.get_data(as_text=True)
    assert not _events(db_session, "tip.download")


def test_a_tip_whose_document_is_gone_still_shows_its_metadata(
    reviewer_client: FlaskClient, db_session: Session, blobs: BlobStore, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients)
    blobs.delete(tip.body_blob)
    response = reviewer_client.get(f"/tips/{tip.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "could not be opened" in html and "Montgomery County, PA" in html


def test_status_changes_and_invalid_transitions(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs,
    recipients,
) -> None:
    tip = _tip(db_session, blobs, recipients)
    url = f"/tips/{tip.id}/status"
    response = reviewer_client.post(url, data={"status": "triaged", "expected": "new"})
    assert response.status_code == 302 and response.headers["Location"] == f"/tips/{tip.id}"
    db_session.refresh(tip)
    assert tip.status == "triaged"
    [event] = _events(db_session, "tip.status")
    assert (event.actor_id, event.object_id) == (reviewer_user.id, tip.id)
    # Not allowed from triaged: a message, not a 500, and nothing changes.
    response = reviewer_client.post(
        url, data={"status": "new", "expected": "triaged"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "A tip cannot go from Triaged to New." in response.get_data(as_text=True)
    # A form from before someone else's change.
    response = reviewer_client.post(
        url, data={"status": "spam", "expected": "new"}, follow_redirects=True
    )
    assert "Someone else changed this tip" in response.get_data(as_text=True)
    response = reviewer_client.post(
        url, data={"status": "", "expected": "x"}, follow_redirects=True
    )
    assert "Choose a status" in response.get_data(as_text=True)
    db_session.refresh(tip)
    assert tip.status == "triaged" and len(_events(db_session, "tip.status")) == 1


def test_county_correction(
    reviewer_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip = _tip(db_session, blobs, recipients, county_fips=None)
    url = f"/tips/{tip.id}/county"
    page = reviewer_client.get(f"/tips/{tip.id}").get_data(as_text=True)
    assert '<option value="42091">Montgomery County, PA</option>' in page
    assert "Other / not sure</option>" in page
    reviewer_client.post(url, data={"county": "42091"})
    db_session.refresh(tip)
    assert tip.county_fips == "42091"
    assert len(_events(db_session, "tip.county")) == 1
    for bad in ("06037", "99999", "<script>"):
        response = reviewer_client.post(url, data={"county": bad}, follow_redirects=True)
        assert "not one of this tip line" in response.get_data(as_text=True)
    reviewer_client.post(url, data={"county": ""})
    db_session.refresh(tip)
    assert tip.county_fips is None
    # Saving the same county again changes (and audits) nothing.
    response = reviewer_client.post(url, data={"county": ""}, follow_redirects=True)
    assert "Nothing to change." in response.get_data(as_text=True)
    assert len(_events(db_session, "tip.county")) == 2


def test_topics(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs,
    recipients,
    default_tags: dict[str, Tag],
) -> None:
    tip = _tip(db_session, blobs, recipients)
    handoff, raid = default_tags["release-time handoff"], default_tags["home raid"]
    url = f"/tips/{tip.id}/tags"
    reviewer_client.post(url, data={"tags": [handoff.id, raid.id]})
    assert {t.id for t in tags_for_tips(db_session, [tip.id])[tip.id]} == {handoff.id, raid.id}
    assert len(_events(db_session, "tip.tag")) == 1
    raid.retired = True
    db_session.flush()
    page = reviewer_client.get(f"/tips/{tip.id}").get_data(as_text=True)
    assert "home raid (retired)" in page  # kept on this tip, marked
    reviewer_client.post(url, data={"tags": [handoff.id]})
    assert [t.id for t in tags_for_tips(db_session, [tip.id])[tip.id]] == [handoff.id]
    response = reviewer_client.post(url, data={"tags": [raid.id]}, follow_redirects=True)
    assert "cannot be used" in response.get_data(as_text=True)
    response = reviewer_client.post(url, data={"tags": ["0" * 32]}, follow_redirects=True)
    assert "cannot be used" in response.get_data(as_text=True)
    reviewer_client.post(url, data={})  # no boxes ticked: no topics
    assert tags_for_tips(db_session, [tip.id])[tip.id] == []


def test_mark_unread_and_read(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs,
    recipients,
) -> None:
    tip = _tip(db_session, blobs, recipients)
    reviewer_client.get(f"/tips/{tip.id}")
    assert is_read(db_session, tip, reviewer_user.id)
    response = reviewer_client.post(f"/tips/{tip.id}/read", data={"state": "unread"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert not is_read(db_session, tip, reviewer_user.id)
    response = reviewer_client.post(f"/tips/{tip.id}/read", data={"state": "read"})
    assert response.headers["Location"] == f"/tips/{tip.id}"
    assert is_read(db_session, tip, reviewer_user.id)
    assert reviewer_client.post(f"/tips/{tip.id}/read", data={"state": "x"}).status_code == 400
    assert len(_events(db_session, "tip.unread")) == 1 and len(_events(db_session, "tip.read")) == 1


def test_flash_messages_carry_no_tip_details(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs,
    recipients,
    default_tags: dict[str, Tag],
) -> None:
    # Flash messages travel in the (signed, not encrypted) cookie.
    tip = _tip(db_session, blobs, recipients, what_happened="Unique words zebra quartz.")
    reviewer_client.get(f"/tips/{tip.id}")
    reviewer_client.post(f"/tips/{tip.id}/county", data={"county": "42017"})
    reviewer_client.post(f"/tips/{tip.id}/tags", data={"tags": [default_tags["home raid"].id]})
    with reviewer_client.session_transaction() as cookie:
        messages = [message for _, message in cookie.get("_flashes", [])]
    assert messages == ["County saved.", "Topics saved."]
