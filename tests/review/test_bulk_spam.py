"""Issue 10: a flood's tips, marked in the inbox, filtered, and marked spam in bulk."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.review.tip_factories import plain_tip
from tipline.models import AuditEvent, Tag, Tip, User
from tipline.tips import FilterError
from tipline.tips.filters import InboxFilters
from tipline.tips.spam import CountChangedError, Window, count_spam_candidates, mark_spam

WINDOW = {"window_start": "2025-03-01T12:00", "window_end": "2025-03-01T14:00"}


@pytest.fixture
def flood(db_session: Session) -> dict[str, Tip]:
    """Junk in the window, a proven tip, tips outside it, and one a lawyer is working on."""
    tips = {
        "junk1": plain_tip(db_session, hour=0, during_flood=True),
        "junk2": plain_tip(db_session, hour=2, during_flood=True, county_fips="42017"),
        "proven": plain_tip(db_session, hour=1, during_flood=True, proof_of_work=True),
        "before": plain_tip(db_session, hour=-1, during_flood=True),
        "after": plain_tip(db_session, hour=3, during_flood=True),
        "calm": plain_tip(db_session, hour=1),
        "working": plain_tip(db_session, hour=1, during_flood=True, status="corroborating"),
    }
    return tips


def statuses(db: Session, tips: dict[str, Tip]) -> dict[str, str]:
    for tip in tips.values():
        db.refresh(tip)
    return {name: tip.status for name, tip in tips.items()}


def test_inbox_marks_and_filters_flood_tips(
    reviewer_client: FlaskClient, flood: dict[str, Tip]
) -> None:
    html = reviewer_client.get("/").get_data(as_text=True)
    assert html.count('class="badge badge--flood"') == 6
    assert "during a flood, proof of work" in html
    only = reviewer_client.get("/?flood=unproven").get_data(as_text=True)
    assert flood["junk1"].id in only and flood["proven"].id not in only
    assert flood["calm"].id not in only
    calm = reviewer_client.get("/?flood=no").get_data(as_text=True)
    assert flood["calm"].id in calm and flood["junk1"].id not in calm
    assert reviewer_client.get("/?flood=maybe").status_code == 400
    page = reviewer_client.get(f"/tips/{flood['junk1'].id}").get_data(as_text=True)
    assert "During a flood, without a proof of work" in page


def test_service_counts_then_marks_only_what_the_reviewer_confirmed(
    db_session: Session, reviewer_user: User, flood: dict[str, Tip]
) -> None:
    window = Window.parse(WINDOW["window_start"], WINDOW["window_end"])
    filters = InboxFilters(flood="unproven")
    assert count_spam_candidates(db_session, filters, window, reviewer_user.id) == 2
    with pytest.raises(CountChangedError) as changed:
        mark_spam(db_session, reviewer_user, filters, window, expected=1)
    assert changed.value.count == 2
    assert mark_spam(db_session, reviewer_user, filters, window, expected=2) == 2
    after = statuses(db_session, flood)
    assert after["junk1"] == after["junk2"] == "spam"
    # Outside the window, proven, not from a flood, or being corroborated: untouched.
    assert after["proven"] == after["before"] == after["after"] == after["calm"] == "new"
    assert after["working"] == "corroborating"
    [event] = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "tips.bulk_spam")
    ).all()
    assert event.actor_id == reviewer_user.id and event.object_type == "tips"
    assert event.object_id == "2 from 2025-03-01T12 to 2025-03-01T14"


def test_other_filters_narrow_the_sweep(
    db_session: Session, reviewer_user: User, flood: dict[str, Tip], default_tags: dict[str, Tag]
) -> None:
    window = Window.parse(WINDOW["window_start"], WINDOW["window_end"])
    by_county = InboxFilters(flood="yes", county="42017")
    assert count_spam_candidates(db_session, by_county, window, reviewer_user.id) == 1
    tag = default_tags["release-time handoff"]
    by_tag = InboxFilters(flood="yes", tag_id=tag.id)
    assert count_spam_candidates(db_session, by_tag, window, reviewer_user.id) == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [("yesterday", "2025-03-01T14:00"), ("2025-03-02T00:00", "2025-03-01T00:00")],
)
def test_a_bad_window_is_a_clear_error(start: str, end: str) -> None:
    with pytest.raises(FilterError):
        Window.parse(start, end)
    with pytest.raises(FilterError, match="31 days"):
        Window.parse("2025-01-01T00:00", "2025-03-01T00:00")


def test_two_steps_through_the_web_with_a_count_and_a_confirmation(
    reviewer_client: FlaskClient, db_session: Session, flood: dict[str, Tip]
) -> None:
    fields = {"flood": "yes", **WINDOW}
    confirm = reviewer_client.post("/spam/confirm", data=fields)
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert "<strong>3</strong> tip(s)" in page and "Mark 3 tip(s) as spam" in page
    assert "Arrived during a flood" in page
    assert statuses(db_session, flood)["junk1"] == "new"  # nothing changed yet
    # Meanwhile one more junk tip arrives: the confirmed count is stale.
    late = plain_tip(db_session, hour=2, during_flood=True)
    stale = reviewer_client.post("/spam", data={**fields, "expected": "3"})
    assert stale.status_code == 409 and "changed to 4" in stale.get_data(as_text=True)
    assert "Mark 4 tip(s) as spam" in stale.get_data(as_text=True)
    done = reviewer_client.post("/spam", data={**fields, "expected": "4"})
    assert done.status_code == 303 and done.headers["Location"].endswith("/?flood=yes")
    flood["late"] = late
    after = statuses(db_session, flood)
    assert [name for name, status in after.items() if status == "spam"] == [
        "junk1",
        "junk2",
        "proven",
        "late",
    ]
    assert "Marked 4 tip(s) as spam" in reviewer_client.get("/?flood=yes").get_data(as_text=True)


def test_bad_input_gets_a_page_never_a_500(reviewer_client: FlaskClient) -> None:
    bad_window = reviewer_client.post(
        "/spam/confirm", data={"window_start": "x", "window_end": "y"}
    )
    assert bad_window.status_code == 400 and "2026-01-31T14:00" in bad_window.get_data(as_text=True)
    bad_filter = reviewer_client.post("/spam/confirm", data={"county": "99999", **WINDOW})
    assert bad_filter.status_code == 400 and "county is not known" in bad_filter.get_data(
        as_text=True
    )
    no_count = reviewer_client.post("/spam", data=WINDOW)
    assert no_count.status_code == 400


def test_organizers_cannot_mark_spam(organizer_client: FlaskClient) -> None:
    assert organizer_client.post("/spam/confirm", data=WINDOW).status_code == 403
    assert organizer_client.post("/spam", data={**WINDOW, "expected": "0"}).status_code == 403
