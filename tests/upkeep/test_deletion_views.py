"""Deleting one tip by hand on the review site: two people, a confirmation, the audit log."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.review.factories import login, make_user
from tipline import audit
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity
from tipline.models import AuditEvent, DeletionRequest, Tip, User

CONFIRM = {"confirm": "y"}


def _made(db_session: Session, full: Any) -> Any:
    made = full(in_case=True)
    db_session.commit()
    return made


def test_the_page_lists_what_goes_without_content(
    reviewer_client: FlaskClient,
    db_session: Session,
    full: Any,
) -> None:
    made = _made(db_session, full)
    page = reviewer_client.get(f"/tips/{made.tip.id}/delete").get_data(as_text=True)
    assert "3 file(s)" in page and "2 message(s) in the conversation" in page
    assert "1 link(s) to cases" in page and "1 summary for organizers" in page
    assert "2 safe copies of files" in page
    assert "back door" not in page and "One more thing" not in page
    assert "Ask for deletion" in page


def test_two_people_delete_a_tip(
    review_app: Flask,
    reviewer_client: FlaskClient,
    admin_client: FlaskClient,
    db_session: Session,
    full: Any,
    blobs: BlobStore,
    reviewer_user: User,
    admin_user: User,
) -> None:
    made = _made(db_session, full)
    tip_id = made.tip.id
    url = f"/tips/{tip_id}/delete"

    # Asking needs the tick box.
    refused = reviewer_client.post(f"{url}/request", data={})
    assert refused.status_code == 400 and "Tick the box" in refused.get_data(as_text=True)
    assert reviewer_client.post(f"{url}/request", data=CONFIRM).status_code == 302
    assert db_session.get(DeletionRequest, made.tip.id) is not None
    tip_page = reviewer_client.get(f"/tips/{made.tip.id}").get_data(as_text=True)
    assert "asked for this tip" in tip_page

    # The one who asked cannot approve.
    reviewer_client.post(f"{url}/approve", data=CONFIRM, follow_redirects=True)
    assert db_session.get(Tip, made.tip.id) is not None
    assert "another reviewer has to approve" in reviewer_client.get(url).get_data(as_text=True)

    # A second reviewer (here an admin) does.
    page = admin_client.get(url).get_data(as_text=True)
    assert "Approve and delete" in page and reviewer_user.username in page
    response = admin_client.post(f"{url}/approve", data=CONFIRM)
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    db_session.expire_all()
    assert db_session.get(Tip, tip_id) is None
    assert not any(blobs.exists(blob_id) for blob_id in made.blob_ids)
    assert reviewer_client.get(url).status_code == 404

    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == tip_id).order_by(AuditEvent.seq)
    ).all()
    assert "tip.delete_request" in actions and actions[-1] == "tip.delete"
    deleted = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "tip.delete")).one()
    assert deleted.actor_id == admin_user.id
    assert audit.event_counts(deleted)["attachments"] == 3
    assert audit.verify(db_session).ok


def test_a_second_reviewer_may_approve_and_the_asker_may_withdraw(
    review_app: Flask,
    reviewer_client: FlaskClient,
    db_session: Session,
    full: Any,
    org_identity: HybridIdentity,
) -> None:
    made = _made(db_session, full)
    tip_id = made.tip.id
    url = f"/tips/{tip_id}/delete"
    reviewer_client.post(f"{url}/request", data=CONFIRM)
    assert reviewer_client.post(f"{url}/withdraw").status_code == 302
    assert db_session.get(DeletionRequest, tip_id) is None

    reviewer_client.post(f"{url}/request", data=CONFIRM)
    other = make_user(db_session, review_app.config, org_identity, role="reviewer")
    db_session.commit()
    second = review_app.test_client()
    login(second, other)
    # Someone else may not withdraw a reviewer's request (only admins may refuse it).
    second.post(f"{url}/withdraw")
    assert db_session.get(DeletionRequest, tip_id) is not None
    assert second.post(f"{url}/approve", data=CONFIRM).status_code == 302
    db_session.expire_all()
    assert db_session.get(Tip, tip_id) is None
