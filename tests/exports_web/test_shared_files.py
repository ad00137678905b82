"""Summaries carry files to organizers only as safe copies, only while approved."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.exports_web.factories import approved_summary, draft_summary
from tests.factories import make_tip
from tests.helpers import times_finer_than_the_hour
from tests.safecopy import factories
from tests.safecopy.tools import needs_bwrap, needs_poppler
from tipline.blobs import BlobStore
from tipline.crypto import Identity, NoIdentityError, Recipient, decrypt
from tipline.export.summaries.service import approve, people_for
from tipline.models import AuditEvent, SafeCopy, SharedFile, Summary, Tip, User
from tipline.safecopy.service import make_safe_copy, pdf_chunks
from tipline.safecopy.settings import Settings
from tipline.safecopy.sharing import sharing_identity

pytestmark = [needs_bwrap, needs_poppler]
TEXT = "Deputies held a man past his release time and called ICE."


@pytest.fixture
def photo_tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> Tip:
    tip, _ = make_tip(
        db_session,
        blobs,
        recipients,
        files=[("IMG_0042.jpg", "image/jpeg", factories.gps_photo()), ("notes.txt", b"plain")],
    )
    return tip


def _safe_copy(
    db_session: Session, blobs: BlobStore, recipients: list[Recipient], tip: Tip
) -> SafeCopy:
    return make_safe_copy(
        db_session,
        blobs,
        tip.attachments[0],
        [factories.gps_photo()],
        recipients,
        replace(Settings(), timeout_seconds=60),
    )


def _choose(client: FlaskClient, tip: Tip, *ids: str) -> str:
    response = client.post(
        f"/tips/{tip.id}/summary/files", data={"safe_copy": list(ids)}, follow_redirects=True
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_approved_summary_shares_the_safe_copy_never_the_original(
    review_app: Flask,
    reviewer_client: FlaskClient,
    reviewer_user: User,
    organizer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
    photo_tip: Tip,
) -> None:
    safe_copy = _safe_copy(db_session, blobs, recipients, photo_tip)
    summary = approved_summary(
        db_session,
        photo_tip,
        TEXT,
        actor=reviewer_user,
        recipients=recipients,
        identity=org_identity,
    )
    editor = reviewer_client.get(f"/tips/{photo_tip.id}/summary").get_data(as_text=True)
    assert "Files to share (safe copies only)" in editor
    assert "IMG_0042.jpg" in editor and f'value="{safe_copy.id}"' in editor
    assert "notes.txt" not in editor  # no safe copy, so nothing of it is offered

    page = _choose(reviewer_client, photo_tip, safe_copy.id)
    assert "approve it to share them" in page
    db_session.expire_all()
    assert db_session.get(Summary, summary.id).status == "draft"  # approval needed again
    [shared] = db_session.scalars(select(SharedFile)).all()
    url = f"/organizer/files/{shared.id}.pdf"
    assert organizer_client.get(url).status_code == 404  # a draft shares nothing
    assert "File 1" not in organizer_client.get("/organizer").get_data(as_text=True)

    people = people_for(db_session, photo_tip, org_identity)
    approve(db_session, summary, people=people, actor=reviewer_user, identity=org_identity)
    assert f'href="{url}"' in organizer_client.get("/organizer").get_data(as_text=True)
    response = organizer_client.get(url)
    assert response.status_code == 200
    pdf = response.get_data()
    assert pdf == b"".join(pdf_chunks(blobs, safe_copy, [org_identity]))
    assert factories.AUTHOR.encode() not in pdf and b"Canon" not in pdf
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="shared-file-1-')
    assert "IMG" not in disposition
    # Sealed at rest to the sharing key only (the organization key cannot open
    # it, and it needs INSTANCE_SECRET, which is not in the database).
    stored = blobs.read(shared.shared_blob)
    assert decrypt(stored, [sharing_identity(review_app.config)]) == pdf
    with pytest.raises(NoIdentityError):
        decrypt(stored, [org_identity])
    actions = [e.action for e in db_session.scalars(select(AuditEvent))]
    assert "summary.files" in actions and "export.file" in actions
    # The shared copy's file, like every blob, carries only the hour (DESIGN.md).
    assert not times_finer_than_the_hour(blobs.root)


def test_only_this_tips_safe_copies_can_be_chosen(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
    photo_tip: Tip,
) -> None:
    other, _ = make_tip(db_session, blobs, recipients, files=[("a.jpg", factories.gps_photo())])
    foreign = _safe_copy(db_session, blobs, recipients, other)
    draft_summary(
        db_session, photo_tip, TEXT, actor=reviewer_user, recipients=recipients,
        identity=org_identity,
    )  # fmt: skip
    for bad in (foreign.id, photo_tip.attachments[0].id, "0" * 32):
        page = _choose(reviewer_client, photo_tip, bad)
        assert "Only safe copies of this tip&#39;s own files can be shared." in page
    assert db_session.scalars(select(SharedFile)).first() is None


def test_without_a_summary_or_a_safe_copy_the_editor_says_what_to_do(
    reviewer_client: FlaskClient, photo_tip: Tip
) -> None:
    editor = reviewer_client.get(f"/tips/{photo_tip.id}/summary").get_data(as_text=True)
    assert "Files to share" not in editor  # offered once a summary exists
    page = _choose(reviewer_client, photo_tip)
    assert "Write and save the summary first" in page


def test_sharing_key_is_stable_and_needs_the_instance_secret(base_config: dict[str, Any]) -> None:
    one = sharing_identity(base_config).recipient()
    assert str(one) == str(sharing_identity(dict(base_config)).recipient())
    other = sharing_identity({**base_config, "INSTANCE_SECRET": "y" * 40}).recipient()
    assert str(one) != str(other)
