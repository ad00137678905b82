"""Related tips and cases on a tip's page: county, topic, time window."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.cases.factories import new_case, tag
from tests.review.tip_factories import plain_tip
from tipline.cases.membership import set_counties, set_tags
from tipline.cases.related import WINDOW, related_cases, related_tips
from tipline.crypto import Recipient
from tipline.models import User

MONTGOMERY, PHILADELPHIA, BUCKS = "42091", "42101", "42017"
FAR = int(WINDOW.total_seconds() // 3600) * 3  # hours: well outside the window


def test_same_county_near_in_time_ranks_first(db_session: Session) -> None:
    tip = plain_tip(db_session, hour=0, county_fips=MONTGOMERY)
    near = plain_tip(db_session, hour=24, county_fips=MONTGOMERY)
    far = plain_tip(db_session, hour=-FAR, county_fips=MONTGOMERY)
    elsewhere_same_day = plain_tip(db_session, hour=1, county_fips=PHILADELPHIA)
    found = related_tips(db_session, tip)
    assert [r.tip.id for r in found] == [near.id, far.id]
    assert found[0].reasons == ["same county", "received within 14 days"]
    assert found[1].reasons == ["same county"]
    # The same fortnight alone is not enough to suggest a tip.
    assert elsewhere_same_day.id not in {r.tip.id for r in found}


def test_shared_topics_count_and_are_named(db_session: Session) -> None:
    handoff, raid = tag(db_session, "release-time handoff"), tag(db_session, "home raid")
    tip = plain_tip(db_session, county_fips=MONTGOMERY, tags=[handoff, raid])
    one_topic = plain_tip(db_session, hour=-FAR, county_fips=BUCKS, tags=[handoff])
    two_topics = plain_tip(db_session, hour=-FAR, county_fips=PHILADELPHIA, tags=[handoff, raid])
    county_and_topic = plain_tip(db_session, hour=2, county_fips=MONTGOMERY, tags=[raid])
    found = related_tips(db_session, tip)
    assert [r.tip.id for r in found] == [county_and_topic.id, two_topics.id, one_topic.id]
    assert found[0].score == 2 + 2 + 1
    assert found[1].reasons == ["topic: home raid", "topic: release-time handoff"]
    assert found[2].reasons == ["topic: release-time handoff"]


def test_spam_itself_and_unrelated_tips_are_left_out(db_session: Session) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    plain_tip(db_session, hour=1, county_fips=MONTGOMERY, status="spam")
    plain_tip(db_session, hour=1, county_fips=BUCKS)
    assert related_tips(db_session, tip) == []
    no_county = plain_tip(db_session, county_fips=None)
    plain_tip(db_session, hour=1, county_fips=None)
    # "Other / not sure" is not a county two tips can share.
    assert related_tips(db_session, no_county) == []


def test_suggestions_are_bounded(db_session: Session) -> None:
    tip = plain_tip(db_session, county_fips=MONTGOMERY)
    for hour in range(1, 16):
        plain_tip(db_session, hour=hour, county_fips=MONTGOMERY)
    found = related_tips(db_session, tip, limit=10)
    assert len(found) == 10
    assert [r.tip.received_hour for r in found] == sorted(r.tip.received_hour for r in found)


def test_related_cases(db_session: Session, actor: User, recipients: list[Recipient]) -> None:
    handoff = tag(db_session, "release-time handoff")
    tip = plain_tip(db_session, county_fips=MONTGOMERY, tags=[handoff])
    sibling = plain_tip(db_session, hour=3, county_fips=MONTGOMERY)
    holds_sibling = new_case(db_session, actor, recipients, [sibling])
    by_topic = new_case(db_session, actor, recipients, [plain_tip(db_session, county_fips=BUCKS)])
    set_tags(db_session, by_topic, [handoff.id], actor=actor)
    by_county = new_case(db_session, actor, recipients, [plain_tip(db_session, county_fips=BUCKS)])
    set_counties(db_session, by_county, [BUCKS, MONTGOMERY], actor=actor, states=["PA"])
    unrelated = new_case(
        db_session, actor, recipients, [plain_tip(db_session, county_fips=PHILADELPHIA)]
    )
    already_in = new_case(db_session, actor, recipients, [tip])

    found = related_cases(db_session, tip, related_tips(db_session, tip))
    ids = [r.case.id for r in found]
    # holds a related tip (2) + same county (2) = 4; the others 2 each.
    assert ids[0] == holds_sibling.id
    assert found[0].reasons == ["holds 1 related tip", "same county"]
    assert set(ids[1:]) == {by_topic.id, by_county.id}
    assert unrelated.id not in ids and already_in.id not in ids
    by_id = {r.case.id: r for r in found}
    assert by_id[by_topic.id].reasons == ["topic: release-time handoff"]
