"""The case list and its filters (status, county, topic, assignee), strictly parsed."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, tag
from tests.review.tip_factories import plain_tip
from tipline.cases import CaseFilterError
from tipline.cases.membership import set_assignees, set_tags
from tipline.cases.queries import (
    CaseFilters,
    active_cases,
    cases_for_tip,
    list_cases,
    parse_case_filters,
)
from tipline.cases.service import change_status
from tipline.crypto import Recipient
from tipline.models import Case, User
from tipline.tips import FilterError
from tipline.tips.filters import parse_filters

MONTGOMERY, PHILADELPHIA = "42091", "42101"


def ids(page_cases: list[Case]) -> set[str]:
    return {case.id for case in page_cases}


def listed(session: Session, filters: CaseFilters) -> set[str]:
    return {row.case.id for row in list_cases(session, filters).rows}


@pytest.fixture
def three_cases(
    db_session: Session, actor: User, colleague: User, recipients: list[Recipient]
) -> dict[str, Case]:
    handoff = tag(db_session, "release-time handoff")
    montgomery = new_case(
        db_session, actor, recipients, [plain_tip(db_session, county_fips=MONTGOMERY)]
    )
    philly = new_case(
        db_session, actor, recipients, [plain_tip(db_session, county_fips=PHILADELPHIA)]
    )
    both = new_case(
        db_session,
        actor,
        recipients,
        [
            plain_tip(db_session, county_fips=MONTGOMERY),
            plain_tip(db_session, county_fips=PHILADELPHIA),
        ],
    )
    set_tags(db_session, philly, [handoff.id], actor=actor)
    set_assignees(db_session, both, [colleague.id], actor=actor)
    change_status(db_session, both, "closed", expected="open", actor=actor)
    return {"montgomery": montgomery, "philly": philly, "both": both, "tag": handoff}  # type: ignore[dict-item]


def test_each_filter_narrows_the_list(
    db_session: Session, actor: User, colleague: User, three_cases: dict[str, Case]
) -> None:
    m, p, b = three_cases["montgomery"], three_cases["philly"], three_cases["both"]
    handoff_id = three_cases["tag"].id
    assert listed(db_session, CaseFilters()) == {m.id, p.id, b.id}
    assert listed(db_session, CaseFilters(status="closed")) == {b.id}
    assert listed(db_session, CaseFilters(status="open")) == {m.id, p.id}
    assert listed(db_session, CaseFilters(county=MONTGOMERY)) == {m.id, b.id}
    assert listed(db_session, CaseFilters(tag_id=handoff_id)) == {p.id}
    assert listed(db_session, CaseFilters(assignee_id=colleague.id)) == {b.id}
    assert listed(db_session, CaseFilters(assignee_id=actor.id)) == {m.id, p.id}
    assert listed(db_session, CaseFilters(county=PHILADELPHIA, status="open")) == {p.id}
    assert listed(db_session, CaseFilters(county=PHILADELPHIA, tag_id=handoff_id)) == {p.id}
    assert listed(db_session, CaseFilters(county="42017")) == set()


def test_rows_carry_counts_counties_topics_and_assignees(
    db_session: Session, three_cases: dict[str, Case]
) -> None:
    rows = {row.case.id: row for row in list_cases(db_session, CaseFilters()).rows}
    both = rows[three_cases["both"].id]
    assert both.tip_count == 2
    assert both.county_codes == [MONTGOMERY, PHILADELPHIA]
    assert both.assignees == ["lawyer-b"]
    assert [t.name for t in rows[three_cases["philly"].id].tags] == ["release-time handoff"]


def test_list_pages_most_recent_first(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    made = [new_case(db_session, actor, recipients, [plain_tip(db_session)]) for _ in range(5)]
    for index, case in enumerate(made):
        case.updated_at = case.updated_at.replace(year=2020 + index)
    db_session.flush()
    first = list_cases(db_session, CaseFilters(), page=1, page_size=2)
    assert [r.case.id for r in first.rows] == [made[4].id, made[3].id] and first.has_more
    last = list_cases(db_session, CaseFilters(), page=3, page_size=2)
    assert [r.case.id for r in last.rows] == [made[0].id] and not last.has_more


def test_filters_are_parsed_strictly(
    db_session: Session, actor: User, three_cases: dict[str, Case]
) -> None:
    handoff_id = three_cases["tag"].id
    args = {"status": "referred", "county": MONTGOMERY, "tag": handoff_id, "assignee": "me"}
    filters = parse_case_filters(db_session, args, actor.id)
    assert filters == CaseFilters("referred", MONTGOMERY, handoff_id, actor.id)
    assert filters.to_args(actor.id)["assignee"] == "me"
    assert parse_case_filters(db_session, {}, actor.id) == CaseFilters()
    for bad in (
        {"status": "deleted"},
        {"county": "99999"},
        {"tag": "0" * 32},
        {"tag": "<script>"},
        {"assignee": "0" * 32},
        {"assignee": "x" * 5000},
    ):
        with pytest.raises(CaseFilterError):
            parse_case_filters(db_session, bad, actor.id)


def test_inbox_case_filter_value(db_session: Session, three_cases: dict[str, Case]) -> None:
    """The inbox's case filter is an inbox filter (tipline.tips.filters), checked as strictly."""
    case = three_cases["both"]
    assert parse_filters(db_session, {"case": ""}).case_id is None
    assert parse_filters(db_session, {"case": case.id}).case_id == case.id
    for bad in ("0" * 32, "nope", "\x00" * 32):
        with pytest.raises(FilterError, match="does not exist"):
            parse_filters(db_session, {"case": bad})


def test_cases_of_a_tip_and_cases_open_for_adding(
    db_session: Session, actor: User, recipients: list[Recipient]
) -> None:
    tip = plain_tip(db_session)
    a = new_case(db_session, actor, recipients, [tip])
    b = new_case(db_session, actor, recipients, [tip, plain_tip(db_session)])
    other = new_case(db_session, actor, recipients, [plain_tip(db_session)])
    assert ids(cases_for_tip(db_session, tip.id)) == {a.id, b.id}
    change_status(db_session, other, "closed", expected="open", actor=actor)
    assert other.id not in ids(active_cases(db_session))
    assert {a.id, b.id} <= ids(active_cases(db_session))
