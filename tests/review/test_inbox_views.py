"""The inbox page: rows, filters, pages, counts, previews for unlocked reviewers."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.review.tip_factories import plain_tip
from tipline.models import AuditEvent, Tag, User
from tipline.review import inbox as inbox_view
from tipline.tips import inbox as inbox_service
from tipline.tips.inbox import PAGE_SIZE
from tipline.tips.tags import set_tip_tags


def test_rows_show_county_time_topics_status_and_first_line(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs,
    recipients,
    default_tags: dict[str, Tag],
    actor: User,
) -> None:
    tip, _ = make_tip(
        db_session,
        blobs,
        recipients,
        what_happened="First line about a handoff.\nMore detail that stays on the tip page.",
        county_fips="42091",
        files=[("a.txt", b"x")],
    )
    set_tip_tags(db_session, tip, [default_tags["release-time handoff"].id], actor=actor)
    response = reviewer_client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'href="/tips/{tip.id}"' in html
    assert "Montgomery County, PA" in html
    assert tip.received_hour.strftime("%Y-%m-%d %H:00") in html
    assert '<span class="tag">release-time handoff</span>' in html
    assert "First line about a handoff." in html
    assert "More detail that stays" not in html
    assert "inbox-row--unread" in html
    # One audit event per listing.
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert actions.count("inbox.view") == 1


def test_filter_by_county_and_tag(
    reviewer_client: FlaskClient, db_session: Session, default_tags: dict[str, Tag]
) -> None:
    handoff = default_tags["release-time handoff"]
    wanted = plain_tip(db_session, hour=1, county_fips="42091", tags=[handoff])
    other_county = plain_tip(db_session, hour=2, county_fips="42017", tags=[handoff])
    other_tag = plain_tip(db_session, hour=3, county_fips="42091")
    html = reviewer_client.get(f"/?county=42091&tag={handoff.id}").get_data(as_text=True)
    assert wanted.id in html
    assert other_county.id not in html and other_tag.id not in html
    # The form shows what is applied.
    assert '<option value="42091" selected>Montgomery County, PA</option>' in html
    assert f'<option value="{handoff.id}" selected>release-time handoff</option>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=gone", "That status does not exist."),
        ("county=12345678", "That county is not known."),
        ("tag=nope", "That tag does not exist."),
        ("from=31/01/2025", "The from date must be a date like 2025-01-31."),
        ("from=2025-02-01&to=2025-01-01", "The from date is after the to date."),
        ("files=perhaps", "The files filter must be yes, no, or empty."),
        ("before=garbage", "That page link is not valid"),
        ("county=%3Cscript%3Ealert(1)%3C/script%3E", "That county is not known."),
    ],
)
def test_bad_filters_get_a_clear_message(
    reviewer_client: FlaskClient, db_session: Session, query: str, message: str
) -> None:
    plain_tip(db_session)
    response = reviewer_client.get(f"/?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "No tips are listed until the filters are fixed." in html
    assert "<script>alert(1)" not in html


def test_pages_and_links_keep_the_filters(
    reviewer_client: FlaskClient, db_session: Session
) -> None:
    tips = [plain_tip(db_session, hour=h, status="new") for h in range(PAGE_SIZE + 5)]
    plain_tip(db_session, hour=200, status="closed")
    first = reviewer_client.get("/?status=new").get_data(as_text=True)
    newest = sorted(tips, key=lambda t: (t.received_hour, t.id), reverse=True)
    assert newest[0].id in first and newest[PAGE_SIZE - 1].id in first
    assert newest[PAGE_SIZE].id not in first
    assert 'rel="next" href="/?status=new&amp;before=' in first
    older = first.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = reviewer_client.get(older).get_data(as_text=True)
    assert all(t.id in second for t in newest[PAGE_SIZE:])
    assert newest[0].id not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_status_tabs_show_counts(reviewer_client: FlaskClient, db_session: Session) -> None:
    for status, n in (("new", 3), ("triaged", 2), ("spam", 1)):
        for hour in range(n):
            plain_tip(db_session, hour=hour, status=status)
    html = reviewer_client.get("/").get_data(as_text=True)
    assert 'New <span class="count">3</span>' in html
    assert 'Triaged <span class="count">2</span>' in html
    assert 'Spam <span class="count">1</span>' in html
    assert html.count('class="inbox-row') == 5  # spam is left out by default
    spam = reviewer_client.get("/?status=spam").get_data(as_text=True)
    assert spam.count('class="inbox-row') == 1


def test_only_the_current_page_is_decrypted(
    reviewer_client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    for hour in range(PAGE_SIZE + 7):
        plain_tip(db_session, hour=hour)
    opened: list[str] = []

    def spy(blobs, tips, identities):
        ids = [tip.id for tip in tips]
        opened.extend(ids)
        return dict.fromkeys(ids, "preview text")

    monkeypatch.setattr(inbox_service, "previews", spy)
    html = reviewer_client.get("/").get_data(as_text=True)
    assert len(opened) == PAGE_SIZE
    assert html.count("preview text") == PAGE_SIZE


def test_no_content_without_the_unlocked_key(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs,
    recipients,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_tip(db_session, blobs, recipients, what_happened="Hidden words platypus.")

    def never(*args):
        raise AssertionError("nothing may be decrypted without the key")

    # As for a session whose copy of the key is missing.
    monkeypatch.setattr(inbox_view, "identity_or_none", lambda: None)
    monkeypatch.setattr(inbox_service, "previews", never)
    response = reviewer_client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "platypus" not in html
    assert "tip text is hidden" in html
    assert "Montgomery County, PA" in html  # the clear columns still list the tip
