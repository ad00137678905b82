"""Approved summaries for organizers: filters, export rows, and the figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip, tag
from tests.exports_web.factories import approved_summary, draft_summary
from tests.review.tip_factories import plain_tip
from tipline.blobs import BlobStore
from tipline.crypto import Identity, Recipient
from tipline.export.summaries.selection import (
    SummaryFilterError,
    SummaryFilters,
    approved_summaries,
    count_approved,
    figures,
    parse_filters,
    tip_facts,
)
from tipline.models import Case, Summary, Tag, User, case_counties, case_tags

STATES = ("PA",)
MONTGOMERY, BERKS = "42091", "42011"


@dataclass
class World:
    topic: Tag
    other_topic: Tag
    montgomery: Summary
    berks: Summary
    unknown: Summary
    case_summary: Summary
    draft: Summary
    case: Case


@pytest.fixture
def world(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    actor: User,
    org_identity: Identity,
) -> World:
    topic = tag(db_session, "release-time handoff")
    other_topic = tag(db_session, "home raid; night")
    march = sealed_tip(
        db_session,
        blobs,
        recipients,
        "a",
        hour=datetime(2025, 3, 5, 10),
        county_fips=MONTGOMERY,
        tags=[topic],
    )
    april = sealed_tip(
        db_session,
        blobs,
        recipients,
        "b",
        hour=datetime(2025, 4, 30, 23),
        county_fips=BERKS,
        tags=[other_topic],
    )
    nowhere = sealed_tip(
        db_session, blobs, recipients, "c", hour=datetime(2025, 4, 1, 0), county_fips=None
    )
    unsent = sealed_tip(db_session, blobs, recipients, "d", county_fips=MONTGOMERY)
    case = new_case(db_session, actor, recipients, [march, april], people=["Rosa Diaz"])
    case.created_at = datetime(2025, 5, 2, 9, 30)
    # Rows directly: the case services' own tests cover tagging a case.
    db_session.execute(insert(case_tags).values(case_id=case.id, tag_id=topic.id))
    db_session.flush()

    def approved(target: object, text: str) -> Summary:
        return approved_summary(
            db_session,
            target,
            text,
            actor=actor,  # type: ignore[arg-type]
            recipients=recipients,
            identity=org_identity,
            today=date(2025, 6, 1),
        )

    return World(
        topic=topic,
        other_topic=other_topic,
        montgomery=approved(march, "Montgomery: a handoff at release; call 610-555-0142."),
        berks=approved(april, "Berks: a home raid at night."),
        unknown=approved(nowhere, "Somewhere: a courthouse arrest."),
        case_summary=approved(case, "Rosa Diaz saw two handoffs."),
        draft=draft_summary(
            db_session,
            unsent,
            "Draft: not approved, never shared.",
            actor=actor,
            recipients=recipients,
            identity=org_identity,
        ),
        case=case,
    )


def _ids(session: Session, filters: SummaryFilters) -> set[str]:
    return {row.summary_id for row in approved_summaries(session, filters, STATES)}


def test_only_approved_summaries_with_their_redacted_text(
    db_session: Session, world: World
) -> None:
    rows = approved_summaries(db_session, SummaryFilters(), STATES)
    assert {r.summary_id for r in rows} == {
        world.montgomery.id,
        world.berks.id,
        world.unknown.id,
        world.case_summary.id,
    }
    assert count_approved(db_session, SummaryFilters(), STATES) == 4
    texts = {r.summary_id: r.summary_text for r in rows}
    assert texts[world.montgomery.id] == "Montgomery: a handoff at release; call [phone]."
    assert texts[world.case_summary.id] == "[name] saw two handoffs."
    assert not any("Draft" in t for t in texts.values())
    # Newest first: the case (May), then the April tips, then March.
    order = [r.summary_id for r in rows]
    assert (order[0], order[-1]) == (world.case_summary.id, world.montgomery.id)


def test_rows_carry_months_tags_and_case_status_but_no_ids_or_times(
    db_session: Session, world: World
) -> None:
    rows = {r.summary_id: r for r in approved_summaries(db_session, SummaryFilters(), STATES)}
    tip_row = rows[world.montgomery.id]
    assert (tip_row.scope, tip_row.county_fips, tip_row.county_name) == (
        "tip",
        MONTGOMERY,
        "Montgomery County, PA",
    )
    assert (tip_row.month, tip_row.approved_month) == ("2025-03", "2025-06")
    assert tip_row.tags == ("release-time handoff",) and tip_row.case_status is None
    assert rows[world.berks.id].tags == ("home raid, night",)  # ";" would split CSV cells
    assert rows[world.unknown.id].county_name == "Other / not sure"
    case_row = rows[world.case_summary.id]
    assert (case_row.scope, case_row.month, case_row.case_status) == ("case", "2025-05", "open")
    # The case spans two counties: no single code, both names.
    assert case_row.county_fips is None
    assert case_row.county_name == "Berks County, PA; Montgomery County, PA"
    assert case_row.tags == ("release-time handoff",)
    assert world.montgomery.tip_id not in repr(tip_row)
    assert world.case.id not in repr(case_row)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"county": MONTGOMERY}, {"montgomery", "case_summary"}),
        ({"county": BERKS}, {"berks", "case_summary"}),
        ({"county": "other"}, {"unknown"}),
        ({"month": "2025-03"}, {"montgomery"}),
        ({"month": "2025-04"}, {"berks", "unknown"}),
        ({"month": "2025-05"}, {"case_summary"}),
        ({"tag": "topic"}, {"montgomery", "case_summary"}),
        ({"tag": "other_topic"}, {"berks"}),
        ({"case_status": "open"}, {"case_summary"}),
        ({"case_status": "closed"}, set()),
        ({"county": MONTGOMERY, "tag": "topic", "month": "2025-03"}, {"montgomery"}),
    ],
)
def test_filters(
    db_session: Session, world: World, args: dict[str, str], expected: set[str]
) -> None:
    resolved = {k: (getattr(world, v).id if k == "tag" else v) for k, v in args.items()}
    filters = parse_filters(db_session, resolved, STATES)
    assert filters.to_args() == resolved
    wanted = {getattr(world, name).id for name in expected}
    assert _ids(db_session, filters) == wanted
    assert count_approved(db_session, filters, STATES) == len(wanted)


def test_county_filter_follows_case_counties(db_session: Session, world: World) -> None:
    db_session.execute(delete(case_counties).where(case_counties.c.case_id == world.case.id))
    assert _ids(db_session, SummaryFilters(county="other")) == {
        world.unknown.id,
        world.case_summary.id,
    }


@pytest.mark.parametrize(
    "args",
    [
        {"county": "06037"},
        {"county": "x"},
        {"month": "2025-13"},
        {"month": "March"},
        {"tag": "0" * 32},
        {"tag": "nope"},
        {"case_status": "spam"},
    ],
)
def test_bad_filters_are_refused(db_session: Session, args: dict[str, str]) -> None:
    with pytest.raises(SummaryFilterError):
        parse_filters(db_session, args, STATES)


def test_figures_count_every_tip_but_spam_with_small_counts_suppressed(
    db_session: Session, world: World
) -> None:
    for hour in range(5):
        plain_tip(
            db_session, hour=datetime(2025, 3, 10, hour), county_fips=MONTGOMERY, tags=[world.topic]
        )
    plain_tip(db_session, hour=datetime(2025, 3, 11), county_fips=BERKS, status="spam")
    facts = tip_facts(db_session)
    assert len(facts) == 9  # 4 sealed tips + 5 plain ones; the spam is left out
    numbers = figures(db_session, STATES, threshold=3)
    assert numbers.total.display == "9"
    county = {c.key: c.display for c in numbers.by_county.cells}
    assert county[BERKS] == "<3" and county["other"] == "<3"
    assert county[MONTGOMERY].startswith("≥")  # largest cell withheld when a "<3" shows
    assert {c.key: c.display for c in numbers.by_tag.cells}["home raid; night"] == "<3"
    # A higher threshold hides more.
    assert figures(db_session, STATES, threshold=10).total.display == "<10"
