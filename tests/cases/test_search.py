"""The search engine: decrypted tips, cases and notes, with the inbox filters.

Tips here are real sealed tips (the intake's own service); search opens them
with the organization identity. Nothing may be stored to make search faster.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip, tag
from tipline.blobs import BlobStore
from tipline.cases.membership import set_tags
from tipline.cases.service import add_note
from tipline.crypto import HybridIdentity, Identity, Recipient
from tipline.models import AuditEvent, Base, Tip, User
from tipline.search.engine import SearchResults, search
from tipline.search.registry import Searchable, SearchContext, searchable, unregister
from tipline.search.text import parse_query
from tipline.tips.filters import InboxFilters

MONTGOMERY, BUCKS = "42091", "42017"


def run(
    session: Session,
    blobs: BlobStore,
    identity: Identity,
    query: str,
    user: User,
    filters: InboxFilters | None = None,
    **kwargs: object,
) -> SearchResults:
    context = SearchContext(session=session, blobs=blobs, identities=[identity])
    return search(context, parse_query(query), filters or InboxFilters(), user, **kwargs)  # type: ignore[arg-type]


def tip_ids(results: SearchResults) -> list[str]:
    return [item.tip.id for item in results.tips]


@pytest.fixture
def tips(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> dict[str, Tip]:
    return {
        "english": sealed_tip(
            db_session,
            blobs,
            recipients,
            "Officers in NORRISTOWN handed him to ICE at the back door.",
            hour=0,
            county_fips=MONTGOMERY,
            place="Montgomery County Correctional Facility",
        ),
        "spanish": sealed_tip(
            db_session,
            blobs,
            recipients,
            "La detención ocurrió en la cárcel del condado; el señor Pérez lo vio.",
            hour=1,
            county_fips=BUCKS,
            language="es",
        ),
        "other": sealed_tip(
            db_session,
            blobs,
            recipients,
            "A traffic stop on Route 611.",
            hour=2,
            county_fips=BUCKS,
            status="triaged",
        ),
    }


def test_finds_tips_ignoring_case_and_accents(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    tips: dict[str, Tip],
) -> None:
    found = run(db_session, blobs, org_identity, "Norristown", actor)
    assert tip_ids(found) == [tips["english"].id]
    assert [p for p, hit in found.tips[0].hits[0].snippet if hit] == ["NORRISTOWN"]
    for query in ("detencion", "DETENCIÓN", "carcel senor perez", "Señor"):
        assert tip_ids(run(db_session, blobs, org_identity, query, actor)) == [tips["spanish"].id]
    # Other fields than "what happened" are searched too.
    assert tip_ids(run(db_session, blobs, org_identity, "correctional", actor)) == [
        tips["english"].id
    ]
    assert run(db_session, blobs, org_identity, "nowhere-to-be-found", actor).tips == []


def test_codes_from_checkboxes_are_not_text(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
    actor: User,
) -> None:
    from tests.factories import make_tip

    make_tip(
        db_session,
        blobs,
        recipients,
        what_happened="Nothing about agencies.",
        fields={"agencies": ["county_jail"]},
    )
    assert run(db_session, blobs, org_identity, "county_jail", actor).tips == []


def test_combined_with_inbox_filters(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    recipients: list[Recipient],
    tips: dict[str, Tip],
) -> None:
    handoff = tag(db_session, "handoff")
    both = sealed_tip(
        db_session, blobs, recipients, "Norristown again", hour=5, county_fips=BUCKS, tags=[handoff]
    )
    everything = run(db_session, blobs, org_identity, "norristown", actor)
    assert tip_ids(everything) == [both.id, tips["english"].id]
    by_county = run(
        db_session, blobs, org_identity, "norristown", actor, InboxFilters(county=MONTGOMERY)
    )
    assert tip_ids(by_county) == [tips["english"].id]
    by_tag = run(
        db_session, blobs, org_identity, "norristown", actor, InboxFilters(tag_id=handoff.id)
    )
    assert tip_ids(by_tag) == [both.id]
    by_status = run(db_session, blobs, org_identity, "route", actor, InboxFilters(status="new"))
    assert by_status.tips == []
    case = new_case(db_session, actor, recipients, [tips["english"]])
    by_case = run(
        db_session, blobs, org_identity, "norristown", actor, InboxFilters(case_id=case.id)
    )
    assert tip_ids(by_case) == [tips["english"].id]
    # Like the inbox, spam is left out unless asked for.
    both.status = "spam"
    db_session.flush()
    assert tip_ids(run(db_session, blobs, org_identity, "norristown again", actor)) == []
    spam = run(
        db_session, blobs, org_identity, "norristown again", actor, InboxFilters(status="spam")
    )
    assert tip_ids(spam) == [both.id]


def test_pages_continue_where_they_stopped(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    recipients: list[Recipient],
) -> None:
    made = [sealed_tip(db_session, blobs, recipients, f"jail letter {n}", hour=n) for n in range(5)]
    newest_first = [tip.id for tip in reversed(made)]
    first = run(db_session, blobs, org_identity, "jail", actor, page_size=2)
    assert tip_ids(first) == newest_first[:2] and first.older is not None
    second = run(db_session, blobs, org_identity, "jail", actor, page_size=2, before=first.older)
    assert tip_ids(second) == newest_first[2:4]
    third = run(db_session, blobs, org_identity, "jail", actor, page_size=2, before=second.older)
    assert tip_ids(third) == newest_first[4:] and third.older is None


def test_scan_budget_bounds_a_request(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    recipients: list[Recipient],
) -> None:
    for n in range(5):
        sealed_tip(db_session, blobs, recipients, f"letter {n}", hour=n)
    target = sealed_tip(db_session, blobs, recipients, "the needle", hour=-1)
    first = run(db_session, blobs, org_identity, "needle", actor, budget=3)
    assert first.tips == [] and first.scanned == 3 and first.budget_reached
    rest = run(db_session, blobs, org_identity, "needle", actor, budget=3, before=first.older)
    assert tip_ids(rest) == [target.id] and rest.older is None and not rest.budget_reached


def test_cases_and_notes_are_searched(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    recipients: list[Recipient],
    tips: dict[str, Tip],
) -> None:
    titled = new_case(
        db_session, actor, recipients, [tips["english"]], title="Handoffs at the Norristown jail"
    )
    noted = new_case(
        db_session, actor, recipients, [tips["spanish"]], title="Bucks", people=["Ana Pérez"]
    )
    add_note(
        db_session, noted, "Llamar a la **clínica** el lunes.", actor=actor, recipients=recipients
    )
    found = run(db_session, blobs, org_identity, "clinica", actor)
    assert found.cases_searched
    assert [(r.case.id, r.title, [h.kind for h in r.hits]) for r in found.cases] == [
        (noted.id, "Bucks", ["note"])
    ]
    people = run(db_session, blobs, org_identity, "ana perez", actor)
    assert [r.case.id for r in people.cases] == [noted.id]
    title = run(db_session, blobs, org_identity, "norristown", actor)
    assert [r.case.id for r in title.cases] == [titled.id]
    assert tip_ids(title) == [tips["english"].id]
    # Case-level filters narrow cases; tip-only filters leave them out.
    narrowed = run(db_session, blobs, org_identity, "norristown", actor, InboxFilters(county=BUCKS))
    assert narrowed.cases == [] and narrowed.cases_searched
    handoff = tag(db_session, "handoff")
    set_tags(db_session, titled, [handoff.id], actor=actor)
    tagged = run(
        db_session, blobs, org_identity, "norristown", actor, InboxFilters(tag_id=handoff.id)
    )
    assert [r.case.id for r in tagged.cases] == [titled.id]
    tip_only = run(db_session, blobs, org_identity, "norristown", actor, InboxFilters(status="new"))
    assert not tip_only.cases_searched and tip_only.cases == []


def test_what_cannot_be_opened_is_counted_not_fatal(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    tips: dict[str, Tip],
) -> None:
    stranger = HybridIdentity.generate()
    sealed_tip(db_session, blobs, [stranger.recipient()], "Norristown, sealed elsewhere", hour=9)
    found = run(db_session, blobs, org_identity, "norristown", actor)
    assert tip_ids(found) == [tips["english"].id] and found.unreadable == 1


def test_a_new_kind_plugs_in_with_one_loader(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    tips: dict[str, Tip],
) -> None:
    calls: list[Sequence[str]] = []

    @searchable("test-message", "Source message", scope="tip")
    def load(ctx: SearchContext, tip_ids: Sequence[str]) -> Iterator[Searchable]:
        calls.append(tip_ids)
        for tip_id in tip_ids:
            if tip_id == tips["other"].id:
                yield Searchable("test-message", tip_id, "m1", "Follow-up: it was in Norristown")

    try:
        found = run(db_session, blobs, org_identity, "norristown", actor)
    finally:
        unregister("test-message")
    by_tip = {item.tip.id: [hit.label for hit in item.hits] for item in found.tips}
    assert by_tip[tips["other"].id] == ["Source message"]
    assert by_tip[tips["english"].id] == ["Tip"]
    assert calls  # asked in batches for the tips the filters selected


def test_nothing_is_stored_by_a_search(
    db_session: Session,
    blobs: BlobStore,
    org_identity: Identity,
    actor: User,
    tips: dict[str, Tip],
) -> None:
    def snapshot() -> tuple[dict[str, int], list[str]]:
        counts = {
            table.name: db_session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
        return counts, sorted(blobs.ids())

    before = snapshot()
    run(db_session, blobs, org_identity, "norristown detencion", actor)
    # Only the record that a search ran (never what was searched for).
    counts, blob_ids = before
    expected = {**counts, "audit_events": counts["audit_events"] + 1, "audit_head": 1}
    assert snapshot() == (expected, blob_ids)
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    assert (event.action, event.actor_id, event.object_id) == ("search", actor.id, None)


def test_tip_loader_works_with_or_without_loaded_rows(
    db_session: Session, blobs: BlobStore, org_identity: Identity, tips: dict[str, Tip]
) -> None:
    from tipline.search.kinds import load_tips

    context = SearchContext(session=db_session, blobs=blobs, identities=[org_identity])
    ids = [tips["spanish"].id, tips["english"].id, "f" * 32]
    db_session.expunge_all()  # nothing in the identity map: one query loads them
    documents = list(load_tips(context, ids))
    assert [d.object_id for d in documents] == ids[:2]
    assert "detención" in (documents[0].text or "") and "NORRISTOWN" in (documents[1].text or "")
    assert "Montgomery County Correctional Facility" in (documents[1].text or "")
    assert "Searchable(tip" in repr(documents[0]) and "NORRISTOWN" not in repr(documents[1])


def test_finds_replies_and_source_messages(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: Identity,
    actor: User,
    tips: dict[str, Tip],
) -> None:
    from tipline.conversation.messages import post_reply

    post_reply(
        db_session, blobs, tips["other"], actor, "¿Vio usted la camioneta blanca?", recipients
    )
    found = run(db_session, blobs, org_identity, "camioneta BLANCA", actor)
    assert tip_ids(found) == [tips["other"].id]
    assert [hit.kind for hit in found.tips[0].hits] == ["message"]
    assert run(db_session, blobs, org_identity, "vio usted", actor).tips[0].tip == tips["other"]
