"""The case service: create, link, unlink, status, assignees, topics, counties.

Every change must leave a timeline line and an audit event, in the same
transaction, with ids only.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, tag
from tests.review.factories import make_user
from tests.review.tip_factories import plain_tip
from tipline.cases import CaseInputError, CaseNotFoundError, StaleCaseError
from tipline.cases.details import make_details, open_details
from tipline.cases.membership import set_assignees, set_counties, set_tags
from tipline.cases.queries import (
    assignee_ids,
    case_county_codes,
    case_tag_ids,
    linked_tip_ids,
)
from tipline.cases.service import (
    change_status,
    edit_details,
    get_case,
    link_tips,
    unlink_tip,
)
from tipline.cases.timeline import timeline
from tipline.crypto import Identity, Recipient
from tipline.models import AuditEvent, CaseEvent, User
from tipline.tips.tags import set_retired

MONTGOMERY, BUCKS, PHILADELPHIA = "42091", "42017", "42101"


def audit_actions(session: Session, case_id: str) -> list[str]:
    query = (
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "case", AuditEvent.object_id == case_id)
        .order_by(AuditEvent.seq)
    )
    return list(session.scalars(query))


def kinds(session: Session, case_id: str) -> list[str]:
    query = select(CaseEvent.kind).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    return list(session.scalars(query))


def test_create_case_links_tips_seals_details_and_records_everything(
    db_session: Session, actor: User, recipients: list[Recipient], org_identity: Identity
) -> None:
    first = plain_tip(db_session, county_fips=MONTGOMERY)
    second = plain_tip(db_session, hour=5, county_fips=BUCKS)
    case = new_case(
        db_session,
        actor,
        recipients,
        [first, second],
        title="Two letters about the same jail",
        summary="Both describe 2 a.m. handoffs.",
        people=["Officer Dana Reyes"],
    )
    assert case.status == "open"
    assert set(linked_tip_ids(db_session, case)) == {first.id, second.id}
    assert case_county_codes(db_session, case) == [BUCKS, MONTGOMERY]
    assert assignee_ids(db_session, case) == [actor.id]
    # Nothing anyone wrote is in the clear.
    assert b"same jail" not in case.sealed and b"Reyes" not in case.sealed
    assert case.sealed.startswith(b"age-encryption.org/v1\n")
    details = open_details(case, [org_identity])
    assert details.title == "Two letters about the same jail"
    assert details.people == ("Officer Dana Reyes",)
    assert kinds(db_session, case.id) == [
        "created",
        "linked",
        "linked",
        "county_added",
        "county_added",
        "assigned",
    ]
    assert audit_actions(db_session, case.id) == [
        "case.create",
        "case.link",
        "case.link",
        "case.county",
        "case.county",
        "case.assign",
    ]


def test_a_case_needs_a_tip_and_real_tips(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    with pytest.raises(CaseInputError, match="at least one tip"):
        new_case(db_session, actor, recipients, [])
    details = make_details("Title")
    from tipline.cases.service import create_case

    with pytest.raises(CaseNotFoundError, match="no tip"):
        create_case(db_session, details, ["f" * 32], actor=actor, recipients=recipients)
    with pytest.raises(CaseInputError, match="32 letters"):
        create_case(db_session, details, ["'; DROP TABLE tips"], actor=actor, recipients=recipients)


def test_link_adds_only_new_tips_and_their_counties(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    first = plain_tip(db_session, county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [first])
    second = plain_tip(db_session, hour=1, county_fips=PHILADELPHIA)
    no_county = plain_tip(db_session, hour=2, county_fips=None)
    added = link_tips(db_session, case, [first.id, second.id, second.id, no_county.id], actor=actor)
    assert added == [second.id, no_county.id]
    assert case_county_codes(db_session, case) == [MONTGOMERY, PHILADELPHIA]
    assert link_tips(db_session, case, [second.id], actor=actor) == []
    assert audit_actions(db_session, case.id).count("case.link") == 3


def test_unlink_removes_a_tip_and_counties_only_it_brought(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    a = plain_tip(db_session, county_fips=MONTGOMERY)
    b = plain_tip(db_session, hour=1, county_fips=MONTGOMERY)
    c = plain_tip(db_session, hour=2, county_fips=PHILADELPHIA)
    case = new_case(db_session, actor, recipients, [a, b, c])
    set_counties(db_session, case, [MONTGOMERY, PHILADELPHIA, BUCKS], actor=actor, states=["PA"])

    assert unlink_tip(db_session, case, a.id, actor=actor)
    assert case_county_codes(db_session, case) == [BUCKS, MONTGOMERY, PHILADELPHIA]  # b remains
    assert unlink_tip(db_session, case, c.id, actor=actor)
    assert case_county_codes(db_session, case) == [BUCKS, MONTGOMERY]
    assert unlink_tip(db_session, case, b.id, actor=actor)
    # Bucks was added by a reviewer, so it stays without any tip from there.
    assert case_county_codes(db_session, case) == [BUCKS]
    assert linked_tip_ids(db_session, case) == []
    assert not unlink_tip(db_session, case, a.id, actor=actor)  # not in the case any more
    assert not unlink_tip(db_session, case, "../../etc", actor=actor)
    assert audit_actions(db_session, case.id).count("case.unlink") == 3


def test_status_changes_are_checked_and_stale_ones_refused(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session)])
    assert change_status(db_session, case, "investigating", expected="open", actor=actor) == "open"
    assert case.status == "investigating"
    with pytest.raises(StaleCaseError, match="Investigating"):
        change_status(db_session, case, "closed", expected="open", actor=actor)
    with pytest.raises(CaseInputError, match="not a case status"):
        change_status(db_session, case, "deleted", expected="investigating", actor=actor)
    with pytest.raises(CaseInputError, match="already"):
        change_status(db_session, case, "investigating", expected="investigating", actor=actor)
    change_status(db_session, case, "referred", expected="investigating", actor=actor)
    assert case.status == "referred"
    lines = [e.text for e in timeline(db_session, case) if e.kind == "status"]
    assert lines == [
        "changed the status from Open to Investigating",
        "changed the status from Investigating to Referred / litigation",
    ]
    assert audit_actions(db_session, case.id).count("case.status") == 2


def test_assignees_are_active_reviewers_or_admins(
    db_session: Session,
    actor: User,
    colleague: User,
    recipients: list[Recipient],
    base_config: dict[str, Any],
    org_identity: Identity,
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session)])
    change = set_assignees(db_session, case, [colleague.id], actor=actor)
    assert change.added == (colleague.id,) and change.removed == (actor.id,)
    assert assignee_ids(db_session, case) == [colleague.id]
    organizer = make_user(db_session, base_config, org_identity, role="organizer")
    with pytest.raises(CaseInputError, match="cannot be assigned"):
        set_assignees(db_session, case, [organizer.id], actor=actor)
    colleague_b = make_user(db_session, base_config, org_identity, role="admin")
    colleague_b.disabled = True
    with pytest.raises(CaseInputError, match="cannot be assigned"):
        set_assignees(db_session, case, [colleague_b.id], actor=actor)
    with pytest.raises(CaseNotFoundError):
        set_assignees(db_session, case, ["nobody"], actor=actor)
    texts = [e.text for e in timeline(db_session, case) if "assigned" in e.kind]
    assert texts == ["assigned lawyer-a", "unassigned lawyer-a", "assigned lawyer-b"]


def test_topics_can_be_set_but_retired_ones_not_added(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session)])
    handoff, raid = tag(db_session, "release-time handoff"), tag(db_session, "home raid")
    assert set_tags(db_session, case, [handoff.id, raid.id], actor=actor).changed
    assert sorted(case_tag_ids(db_session, case)) == sorted([handoff.id, raid.id])
    set_retired(db_session, raid, True, actor=actor)
    assert set_tags(db_session, case, [handoff.id, raid.id], actor=actor).changed is False
    set_tags(db_session, case, [handoff.id], actor=actor)
    with pytest.raises(CaseInputError, match="retired"):
        set_tags(db_session, case, [handoff.id, raid.id], actor=actor)
    with pytest.raises(CaseNotFoundError):
        set_tags(db_session, case, ["0" * 32], actor=actor)
    texts = [e.text for e in timeline(db_session, case) if e.kind.startswith("tag")]
    assert "added the topic release-time handoff" in texts
    assert "removed the topic home raid" in texts


def test_counties_are_editable_within_the_instance(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session, county_fips=MONTGOMERY)])
    with pytest.raises(CaseInputError, match="not one of"):
        set_counties(db_session, case, [MONTGOMERY, "06037"], actor=actor, states=["PA"])
    change = set_counties(db_session, case, [BUCKS], actor=actor, states=["PA"])
    assert change.added == (BUCKS,) and change.removed == (MONTGOMERY,)
    texts = [e.text for e in timeline(db_session, case) if e.kind.startswith("county")]
    assert texts[-2:] == ["removed Montgomery County, PA", "added Bucks County, PA"]


def test_edit_details_reseals_and_skips_no_op(
    db_session: Session, actor: User, recipients: list[Recipient], org_identity: Identity
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session)], title="Old")
    old = open_details(case, [org_identity])
    assert not edit_details(db_session, case, old, actor=actor, recipients=recipients, previous=old)
    new = make_details("New title", "A summary", "Ana\nBeto")
    assert edit_details(db_session, case, new, actor=actor, recipients=recipients, previous=old)
    assert open_details(case, [org_identity]) == new
    assert audit_actions(db_session, case.id).count("case.edit") == 1


def test_get_case_refuses_odd_ids(db_session: Session) -> None:
    for bad in ("", "x" * 32, "0" * 31, "\x00" * 32, "0" * 32):
        with pytest.raises(CaseNotFoundError):
            get_case(db_session, bad)


def test_timeline_is_in_order_with_readable_sentences(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [tip])
    unlink_tip(db_session, case, tip.id, actor=actor)
    entries = timeline(db_session, case)
    assert [e.text for e in entries] == [
        "created the case",
        f"linked tip {tip.id[:8]}",
        "added Montgomery County, PA",
        "assigned lawyer-a",
        f"removed tip {tip.id[:8]}",
        "removed Montgomery County, PA",
    ]
    assert {e.actor for e in entries} == {"lawyer-a"}
    assert entries[1].tip_id == tip.id
