"""The case pages end to end: create, show, change, link, notes, list, tip panel.

Every action must be in the audit log; organizers and sessions without the
key are refused; what reviewers and sources wrote never renders as markup.
"""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip, tag
from tipline.blobs import BlobStore
from tipline.cases.details import open_details
from tipline.cases.queries import assignee_ids, case_county_codes, case_tag_ids, linked_tip_ids
from tipline.crypto import Identity, Recipient
from tipline.models import AuditEvent, Case, ReviewSession, Tip, User

MONTGOMERY, BUCKS = "42091", "42017"


def actions(session: Session, user: User) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.actor_id == user.id)
    return list(session.scalars(query.order_by(AuditEvent.seq)))


def page(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined, no-any-return]


def make_tips(session: Session, blobs: BlobStore, recipients: list[Recipient]) -> list[Tip]:
    return [
        sealed_tip(session, blobs, recipients, "Handed to ICE at 2 a.m. at the back door."),
        sealed_tip(session, blobs, recipients, "Release-time handoff in Norristown.", hour=3),
    ]


def test_create_a_case_from_tips(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    first, second = make_tips(db_session, blobs, recipients)
    form = reviewer_client.get(f"/cases/new?tip={first.id}")
    assert form.status_code == 200 and first.id in page(form)
    response = reviewer_client.post(
        "/cases/new",
        data={
            "title": "Two letters about the same jail",
            "summary": "Both describe the back door.",
            "people": "Ana Pérez\nD. Reyes",
            "tips": f"{first.id}\nhttp://review.local/tips/{second.id}",
        },
    )
    assert response.status_code == 302
    case = db_session.scalars(select(Case)).one()
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    assert set(linked_tip_ids(db_session, case)) == {first.id, second.id}
    assert open_details(case, [org_identity]).people == ("Ana Pérez", "D. Reyes")

    shown = reviewer_client.get(f"/cases/{case.id}")
    text = page(shown)
    assert shown.status_code == 200
    assert "Two letters about the same jail" in text and "Ana Pérez" in text
    assert "Handed to ICE at 2 a.m." in text  # the linked tips' first lines
    assert actions(db_session, reviewer_user)[-6:] == [
        "case.create",
        "case.link",
        "case.link",
        "case.county",
        "case.assign",
        "case.view",
    ]


def test_new_case_errors_come_back_on_the_form(
    reviewer_client: FlaskClient, db_session: Session
) -> None:
    response = reviewer_client.post("/cases/new", data={"title": "A case", "tips": "f" * 32})
    assert response.status_code == 200 and "There is no tip" in page(response)
    response = reviewer_client.post("/cases/new", data={"title": "A case", "tips": "nothing"})
    assert "at least one tip" in page(response)
    assert db_session.scalars(select(Case)).first() is None


def test_case_actions_change_and_audit(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    admin_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    first, second = make_tips(db_session, blobs, recipients)
    case = new_case(db_session, reviewer_user, recipients, [first])
    handoff = tag(db_session, "release-time handoff")
    base = f"/cases/{case.id}"

    assert (
        reviewer_client.post(
            f"{base}/status", data={"status": "investigating", "expected": "open"}
        ).status_code
        == 302
    )
    stale = reviewer_client.post(
        f"{base}/status", data={"status": "closed", "expected": "open"}, follow_redirects=True
    )
    assert "Someone else changed" in page(stale)
    assert reviewer_client.post(f"{base}/tips", data={"tips": second.id}).status_code == 302
    assert reviewer_client.post(f"{base}/tips/{first.id}/remove").status_code == 302
    reviewer_client.post(f"{base}/assignees", data={"assignees": [admin_user.id]})
    reviewer_client.post(f"{base}/tags", data={"tags": [handoff.id]})
    reviewer_client.post(f"{base}/counties", data={"counties": [MONTGOMERY, BUCKS]})
    reviewer_client.post(f"{base}/notes", data={"body": "Call the **clinic**."})
    reviewer_client.post(f"{base}/edit", data={"title": "Renamed", "people": "Ana"})

    db_session.refresh(case)
    assert case.status == "investigating"
    assert linked_tip_ids(db_session, case) == [second.id]
    assert assignee_ids(db_session, case) == [admin_user.id]
    assert case_tag_ids(db_session, case) == [handoff.id]
    assert case_county_codes(db_session, case) == [BUCKS, MONTGOMERY]
    done = actions(db_session, reviewer_user)
    for action in (
        "case.status",
        "case.link",
        "case.unlink",
        "case.assign",
        "case.tag",
        "case.county",
        "case.note",
        "case.edit",
    ):
        assert action in done, action
    shown = page(reviewer_client.get(base))
    assert "Call the <strong>clinic</strong>." in shown
    assert "changed the status from Open to Investigating" in shown
    assert "Renamed" in shown


def test_hostile_text_never_renders_as_markup(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "<script>alert('tip')</script>")
    case = new_case(
        db_session,
        reviewer_user,
        recipients,
        [tip],
        title="<img src=x onerror=alert(1)>",
        people=["<b>Bold</b>"],
    )
    reviewer_client.post(
        f"/cases/{case.id}/notes",
        data={"body": "<script>alert(1)</script> [x](javascript:alert(1))"},
    )
    text = page(reviewer_client.get(f"/cases/{case.id}"))
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>Bold" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert 'href="javascript' not in text


def test_case_list_filters(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    a = new_case(
        db_session,
        reviewer_user,
        recipients,
        [sealed_tip(db_session, blobs, recipients, "one", county_fips=MONTGOMERY)],
        title="Montgomery handoffs",
    )
    b = new_case(
        db_session,
        reviewer_user,
        recipients,
        [sealed_tip(db_session, blobs, recipients, "two", county_fips=BUCKS)],
        title="Bucks raids",
    )
    b.status = "closed"
    db_session.flush()
    everything = page(reviewer_client.get("/cases/"))
    assert "Montgomery handoffs" in everything and "Bucks raids" in everything
    closed = page(reviewer_client.get("/cases/?status=closed"))
    assert "Bucks raids" in closed and "Montgomery handoffs" not in closed
    county = page(reviewer_client.get(f"/cases/?county={MONTGOMERY}&assignee=me"))
    assert f'data-case="{a.id}"' in county and f'data-case="{b.id}"' not in county
    bad = reviewer_client.get("/cases/?status=<script>")
    assert bad.status_code == 400 and "does not exist" in page(bad)
    assert "case.list" in actions(db_session, reviewer_user)


def test_tip_page_panel_adds_to_a_case_and_suggests(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "Handoff at the jail", county_fips=BUCKS)
    sibling = sealed_tip(db_session, blobs, recipients, "Another", hour=2, county_fips=BUCKS)
    case = new_case(db_session, reviewer_user, recipients, [sibling], title="Bucks handoffs")
    text = page(reviewer_client.get(f"/tips/{tip.id}"))
    assert "New case from this tip" in text and f"/cases/new?tip={tip.id}" in text
    assert f'data-tip="{sibling.id}"' in text  # related tip
    assert "same county; received within 14 days" in text
    assert f'data-case="{case.id}"' in text and "holds 1 related tip" in text

    response = reviewer_client.post("/cases/add-tip", data={"case_id": case.id, "tip_id": tip.id})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/tips/{tip.id}")
    assert tip.id in linked_tip_ids(db_session, case)
    again = page(reviewer_client.get(f"/tips/{tip.id}"))
    assert "Bucks handoffs" in again
    missing = reviewer_client.post("/cases/add-tip", data={"case_id": "0" * 32, "tip_id": tip.id})
    assert missing.status_code == 404


def test_inbox_filters_by_case(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    inside = sealed_tip(db_session, blobs, recipients, "inside the case")
    outside = sealed_tip(db_session, blobs, recipients, "outside the case", hour=1)
    case = new_case(db_session, reviewer_user, recipients, [inside], title="Filter me")
    text = page(reviewer_client.get(f"/?case={case.id}"))
    assert f'data-tip="{inside.id}"' in text and f'data-tip="{outside.id}"' not in text
    assert "Filter me (Open)" in text  # the case filter, with its title
    everything = page(reviewer_client.get("/"))
    assert f'data-tip="{outside.id}"' in everything
    bad = reviewer_client.get("/?case=" + "0" * 32)
    assert bad.status_code == 400 and "That case does not exist." in page(bad)


def test_organizers_reach_nothing(
    organizer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "x")
    case = new_case(db_session, reviewer_user, recipients, [tip])
    assert organizer_client.get(f"/cases/{case.id}").status_code == 403
    assert (
        organizer_client.post("/cases/new", data={"title": "t", "tips": tip.id}).status_code == 403
    )
    assert organizer_client.post(f"/cases/{case.id}/notes", data={"body": "x"}).status_code == 403
    assert db_session.scalars(select(Case)).all() == [case]
    assert "/cases/" not in page(organizer_client.get("/account"))


def test_a_session_without_the_key_cannot_open_cases(
    reviewer_client: FlaskClient, reviewer_user: User, db_session: Session
) -> None:
    db_session.execute(
        update(ReviewSession)
        .where(ReviewSession.user_id == reviewer_user.id)
        .values(sealed_identity=None)
    )
    response = reviewer_client.get("/cases/")
    assert response.status_code == 403 and "Key not available" in page(response)
    assert reviewer_client.post("/cases/new", data={"title": "t", "tips": "x"}).status_code == 403


def test_nav_links(reviewer_client: FlaskClient) -> None:
    text = page(reviewer_client.get("/cases/"))
    assert 'href="/cases/"' in text and 'href="/search"' in text


def test_edit_page_is_filled_with_the_current_details(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "x")
    case = new_case(
        db_session,
        reviewer_user,
        recipients,
        [tip],
        title="Old title",
        summary="Old summary",
        people=["Ana Pérez", "Luis Ortiz"],
    )
    text = page(reviewer_client.get(f"/cases/{case.id}/edit"))
    assert 'value="Old title"' in text and "Old summary" in text
    assert "Ana Pérez\nLuis Ortiz" in text
    same = reviewer_client.post(
        f"/cases/{case.id}/edit",
        data={
            "title": "Old title",
            "summary": "Old summary",
            "people": "Ana Pérez\nLuis Ortiz",
        },
        follow_redirects=True,
    )
    assert "Nothing to change." in page(same)
    assert "case.edit" not in actions(db_session, reviewer_user)
    bad = reviewer_client.post(f"/cases/{case.id}/edit", data={"title": "Bad \u202e title"})
    assert bad.status_code == 200 and "invisible" in page(bad)
