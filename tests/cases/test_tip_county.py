"""A case's counties follow its tips when a tip's county is corrected.

The review app corrects a county through tipline.cases.membership
.correct_tip_county: the tip service (tipline.tips.workflow.correct_county)
changes the tip, then .tip_county_changed brings its cases in step:
counties from tips are added and removed as on linking and unlinking,
counties a reviewer added by hand stay.
"""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tests.cases.test_service import audit_actions, kinds
from tests.review.tip_factories import plain_tip
from tipline.blobs import BlobStore
from tipline.cases.membership import correct_tip_county, set_counties, tip_county_changed
from tipline.cases.queries import case_county_codes
from tipline.cases.timeline import timeline
from tipline.crypto import Recipient
from tipline.models import CaseEvent, User
from tipline.models.case import case_counties

MONTGOMERY, BUCKS, PHILADELPHIA = "42091", "42017", "42101"
PA = ["PA"]


def county_events(session: Session, case_id: str) -> list[tuple[str, str | None, str | None]]:
    query = (
        select(CaseEvent.kind, CaseEvent.value, CaseEvent.actor_id)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind.like("county_%"))
        .order_by(CaseEvent.seq)
    )
    return [(kind, value, actor_id) for kind, value, actor_id in session.execute(query)]


def from_tips(session: Session, case_id: str) -> dict[str, bool]:
    query = select(case_counties.c.county_fips, case_counties.c.from_tips).where(
        case_counties.c.case_id == case_id
    )
    return {fips: bool(flag) for fips, flag in session.execute(query)}


def test_correction_moves_the_case_to_the_new_county(
    db_session: Session, actor: User, colleague: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [tip])
    before = len(kinds(db_session, case.id))
    assert correct_tip_county(db_session, tip, BUCKS, PA, actor=colleague) is True
    # The old county came only from this tip, so it goes; the new one comes from tips.
    assert case_county_codes(db_session, case) == [BUCKS]
    assert from_tips(db_session, case.id) == {BUCKS: True}
    assert county_events(db_session, case.id)[-2:] == [
        ("county_removed", MONTGOMERY, colleague.id),
        ("county_added", BUCKS, colleague.id),
    ]
    assert kinds(db_session, case.id)[before:] == ["county_removed", "county_added"]
    assert audit_actions(db_session, case.id)[-2:] == ["case.county", "case.county"]
    texts = [entry.text for entry in timeline(db_session, case)][-2:]
    assert texts == ["removed Montgomery County, PA", "added Bucks County, PA"]
    assert tip_county_changed(db_session, tip, BUCKS, actor=colleague) == []  # no change
    assert len(kinds(db_session, case.id)) == before + 2


def test_old_county_stays_while_another_linked_tip_is_from_there(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    sibling = plain_tip(db_session, hour=1, county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [tip, sibling])
    correct_tip_county(db_session, tip, PHILADELPHIA, PA, actor=actor)
    assert case_county_codes(db_session, case) == [MONTGOMERY, PHILADELPHIA]
    assert county_events(db_session, case.id)[-1] == ("county_added", PHILADELPHIA, actor.id)
    assert "county_removed" not in kinds(db_session, case.id)


def test_hand_added_counties_stay_and_are_not_duplicated(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [tip])
    # A reviewer adds Bucks by hand, and Montgomery came from the tip.
    set_counties(db_session, case, [MONTGOMERY, BUCKS], actor=actor, states=PA)
    before = len(kinds(db_session, case.id))
    correct_tip_county(db_session, tip, BUCKS, PA, actor=actor)
    # Bucks was already there (by hand, and stays so); Montgomery goes.
    assert from_tips(db_session, case.id) == {BUCKS: False}
    assert kinds(db_session, case.id)[before:] == ["county_removed"]
    # Back to Montgomery: it returns from the tip, and Bucks stays, by hand.
    correct_tip_county(db_session, tip, MONTGOMERY, PA, actor=actor)
    assert from_tips(db_session, case.id) == {BUCKS: False, MONTGOMERY: True}


def test_an_old_county_added_by_hand_stays(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=None)
    case = new_case(db_session, actor, recipients, [tip])
    set_counties(db_session, case, [MONTGOMERY], actor=actor, states=PA)
    tip.county_fips = MONTGOMERY  # the tip's county matches the hand-added one
    db_session.flush()
    correct_tip_county(db_session, tip, None, PA, actor=actor)  # "other / not sure"
    assert from_tips(db_session, case.id) == {MONTGOMERY: False}


def test_every_case_holding_the_tip_follows_and_others_do_not(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    other = plain_tip(db_session, hour=1, county_fips=MONTGOMERY)
    first = new_case(db_session, actor, recipients, [tip])
    second = new_case(db_session, actor, recipients, [tip, other])
    unrelated = new_case(db_session, actor, recipients, [other])
    tip.county_fips = BUCKS
    db_session.flush()
    changed = tip_county_changed(db_session, tip, MONTGOMERY, actor=actor)
    assert {case.id for case in changed} == {first.id, second.id}
    assert case_county_codes(db_session, first) == [BUCKS]
    assert case_county_codes(db_session, second) == [BUCKS, MONTGOMERY]
    assert case_county_codes(db_session, unrelated) == [MONTGOMERY]


def test_the_tip_page_correction_updates_the_case(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "Handoff at the jail", county_fips=BUCKS)
    case = new_case(db_session, reviewer_user, recipients, [tip])
    response = reviewer_client.post(f"/tips/{tip.id}/county", data={"county": PHILADELPHIA})
    assert response.status_code == 302
    db_session.expire_all()
    assert case_county_codes(db_session, case) == [PHILADELPHIA]
    assert county_events(db_session, case.id)[-2:] == [
        ("county_removed", BUCKS, reviewer_user.id),
        ("county_added", PHILADELPHIA, reviewer_user.id),
    ]
