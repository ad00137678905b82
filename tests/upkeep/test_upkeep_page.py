"""The admin upkeep page: retention settings and deletions waiting for approval."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.review.tip_factories import plain_tip
from tipline.deletion.approval import request_deletion
from tipline.models import RetentionSetting, User, WorkerJob
from tipline.models.base import utcnow


def test_retention_is_set_on_the_page(admin_client: FlaskClient, db_session: Session) -> None:
    page = admin_client.get("/admin/upkeep/").get_data(as_text=True)
    assert "Tips marked spam" in page and "kept forever" in page

    response = admin_client.post(
        "/admin/upkeep/retention", data={"policy": "spam", "choice": "days", "days": "30"}
    )
    assert response.status_code == 302
    row = db_session.get(RetentionSetting, "spam")
    assert row is not None and row.days == 30
    assert "deleted after 30 day(s)" in admin_client.get("/admin/upkeep/").get_data(as_text=True)

    admin_client.post("/admin/upkeep/retention", data={"policy": "spam", "choice": "forever"})
    db_session.expire_all()
    row = db_session.get(RetentionSetting, "spam")
    assert row is not None and row.days is None

    admin_client.post("/admin/upkeep/retention", data={"policy": "spam", "choice": "configuration"})
    db_session.expire_all()
    assert db_session.get(RetentionSetting, "spam") is None


def test_bad_days_are_refused_with_a_message(
    admin_client: FlaskClient, db_session: Session
) -> None:
    for days, message in (("", "Enter a number of days."), ("0", "From 1 to 36500 days.")):
        response = admin_client.post(
            "/admin/upkeep/retention", data={"policy": "closed", "choice": "days", "days": days}
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert db_session.get(RetentionSetting, "closed") is None


def test_waiting_deletions_are_listed(
    admin_client: FlaskClient, db_session: Session, reviewer_user: User
) -> None:
    tip = plain_tip(db_session)
    request_deletion(db_session, tip, actor=reviewer_user)
    db_session.commit()
    page = admin_client.get("/admin/upkeep/").get_data(as_text=True)
    assert tip.id[:8] in page and reviewer_user.username in page


def test_reviewers_cannot_change_retention(
    reviewer_client: FlaskClient, db_session: Session
) -> None:
    response = reviewer_client.post(
        "/admin/upkeep/retention", data={"policy": "spam", "choice": "days", "days": "1"}
    )
    assert response.status_code == 403
    assert db_session.get(RetentionSetting, "spam") is None


def test_the_page_shows_how_each_job_last_went(
    admin_client: FlaskClient, db_session: Session
) -> None:
    page = admin_client.get("/admin/upkeep/").get_data(as_text=True)
    assert "No worker has run yet" in page
    assert "every 15 minutes" in page and "not run yet" in page
    now = utcnow()
    db_session.add(
        WorkerJob(
            name="retention",
            next_run_at=now,
            last_finished_at=now,
            last_ok=True,
            last_summary="deleted 3 spam; 2 file(s) unlinked",
        )
    )
    db_session.add(
        WorkerJob(
            name="check",
            next_run_at=now,
            last_finished_at=now,
            last_ok=False,
            failures=3,
            last_summary="1 referenced blob(s) are missing",
        )
    )
    db_session.commit()
    page = admin_client.get("/admin/upkeep/").get_data(as_text=True)
    assert "ok: deleted 3 spam; 2 file(s) unlinked" in page
    assert "failed</strong> (3 times in a row): 1 referenced blob(s) are missing" in page
    assert "No worker has run yet" not in page
