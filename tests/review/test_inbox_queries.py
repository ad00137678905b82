"""The inbox service: every filter, their combinations, pages and counts.

Expected results are computed in Python from the rows the test made, and
compared with what the database returns page by page, so a filter or a
cursor that drops, repeats or misorders a tip fails.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.review.tip_factories import BASE_HOUR, plain_tip
from tipline.models import Tag, Tip, User
from tipline.tips import FilterError
from tipline.tips import inbox as inbox_service
from tipline.tips.filters import (
    NO_COUNTY,
    Cursor,
    InboxFilters,
    parse_cursors,
    parse_filters,
)
from tipline.tips.inbox import find_tips, load_page, status_counts
from tipline.tips.workflow import mark_read

COUNTIES = ("42091", "42017", None)
STATUSES = ("new", "triaged", "corroborating", "closed", "spam")


def _key(tip: Tip) -> tuple[datetime, str]:
    return (tip.received_hour, tip.id)


def _walk(session: Session, filters: InboxFilters, user_id: str, page_size: int) -> list[Tip]:
    """Every tip, following the 'older' cursor from the first page to the last."""
    seen: list[Tip] = []
    before = None
    for _ in range(1000):
        tips, newer, older = find_tips(
            session, filters, user_id, before=before, page_size=page_size
        )
        assert len(tips) <= page_size
        assert (newer is None) == (before is None)
        seen.extend(tips)
        if older is None:
            return seen
        before = older
    raise AssertionError("pagination did not end")


def _expected(
    tips: list[Tip], tags: dict[str, set[str]], read: set[str], filters: InboxFilters
) -> list[Tip]:
    def keep(tip: Tip) -> bool:
        if filters.status is None and tip.status == "spam":
            return False
        if filters.status is not None and tip.status != filters.status:
            return False
        if filters.county == NO_COUNTY and tip.county_fips is not None:
            return False
        if filters.county not in (None, NO_COUNTY) and tip.county_fips != filters.county:
            return False
        if filters.tag_id is not None and filters.tag_id not in tags[tip.id]:
            return False
        day = tip.received_hour.date()
        if filters.date_from is not None and day < filters.date_from:
            return False
        if filters.date_to is not None and day > filters.date_to:
            return False
        if filters.has_files is not None and tip.has_files != filters.has_files:
            return False
        return not (filters.unread_only and tip.id in read)

    return sorted((t for t in tips if keep(t)), key=_key, reverse=True)


@pytest.fixture
def world(db_session: Session, default_tags: dict[str, Tag], reviewer_user: User):
    """90 tips with random attributes (several per hour, to test ties)."""
    rnd = random.Random(4)
    tag_list = list(default_tags.values())[:3]
    tips, tags = [], {}
    for _ in range(90):
        chosen = rnd.sample(tag_list, rnd.choice((0, 1, 1, 2)))
        tip = plain_tip(
            db_session,
            hour=rnd.randrange(0, 24 * 20, 3),  # 20 days, many shared hours
            status=rnd.choice(STATUSES),
            county_fips=rnd.choice(COUNTIES),
            has_files=rnd.random() < 0.4,
            tags=chosen,
        )
        tips.append(tip)
        tags[tip.id] = {tag.id for tag in chosen}
    read = {tip.id for tip in tips if rnd.random() < 0.5}
    for tip in tips:
        if tip.id in read:
            mark_read(db_session, tip, reviewer_user.id)
    return tips, tags, read, tag_list, reviewer_user.id


def _filter_space(tag_id: str) -> list[InboxFilters]:
    options = itertools.product(
        (None, "new", "spam"),
        (None, "42091", NO_COUNTY),
        (None, tag_id),
        ((None, None), (date(2025, 3, 5), date(2025, 3, 12))),
        (None, True, False),
        (False, True),
    )
    return [
        InboxFilters(
            status=status,
            county=county,
            tag_id=tag,
            date_from=span[0],
            date_to=span[1],
            has_files=files,
            unread_only=unread,
        )
        for status, county, tag, span, files, unread in options
    ]


def test_every_filter_combination_pages_through_exactly_the_matches(
    db_session: Session, world
) -> None:
    tips, tags, read, tag_list, user_id = world
    space = _filter_space(tag_list[0].id)
    # All 216 combinations on one page size; a sample on a tiny page size too.
    cases = [(f, 40) for f in space] + [(f, 4) for f in random.Random(2).sample(space, 30)]
    for filters, page_size in cases:
        got = _walk(db_session, filters, user_id, page_size)
        want = _expected(tips, tags, read, filters)
        assert [t.id for t in got] == [t.id for t in want], filters


@pytest.mark.parametrize(
    "filters",
    [
        InboxFilters(status="triaged"),
        InboxFilters(county="42017"),
        InboxFilters(county=NO_COUNTY),
        InboxFilters(has_files=True),
        InboxFilters(has_files=False),
        InboxFilters(unread_only=True),
        InboxFilters(date_from=date(2025, 3, 10)),
        InboxFilters(date_to=date(2025, 3, 4)),
    ],
)
def test_each_filter_alone(db_session: Session, world, filters: InboxFilters) -> None:
    tips, tags, read, _, user_id = world
    want = _expected(tips, tags, read, filters)
    assert want, "the world should have matches for every single filter"
    assert [t.id for t in _walk(db_session, filters, user_id, 50)] == [t.id for t in want]


def test_tag_filter_alone_and_with_status(db_session: Session, world) -> None:
    tips, tags, read, tag_list, user_id = world
    for tag in tag_list:
        for status in (None, "new", "closed"):
            filters = InboxFilters(tag_id=tag.id, status=status)
            got = _walk(db_session, filters, user_id, 5)
            assert [t.id for t in got] == [t.id for t in _expected(tips, tags, read, filters)]


def test_unread_is_per_reviewer(db_session: Session, world, review_app, org_identity) -> None:
    from tests.review.factories import make_user

    tips, _, read, _, user_id = world
    other = make_user(db_session, review_app.config, org_identity, role="reviewer")
    unread_mine = _walk(db_session, InboxFilters(unread_only=True), user_id, 50)
    unread_theirs = _walk(db_session, InboxFilters(unread_only=True), other.id, 50)
    assert {t.id for t in unread_mine}.isdisjoint(read)
    # The other reviewer has read nothing: every non-spam tip is unread for them.
    assert len(unread_theirs) == len([t for t in tips if t.status != "spam"])
    assert len(unread_mine) < len(unread_theirs)


def test_newer_cursor_walks_back_to_the_same_pages(db_session: Session, world) -> None:
    *_, user_id = world
    filters = InboxFilters()
    pages: list[list[str]] = []
    cursors: list[Cursor | None] = []  # the 'before' that produced each page
    before = None
    while True:
        tips, _, older = find_tips(db_session, filters, user_id, before=before, page_size=7)
        pages.append([t.id for t in tips])
        cursors.append(before)
        if older is None:
            break
        before = older
    assert len(pages) > 3
    # From the last page, follow 'newer' back: each page is the one before it.
    _, newer, _ = find_tips(db_session, filters, user_id, before=cursors[-1], page_size=7)
    for expected in reversed(pages[:-1]):
        assert newer is not None
        tips, newer, _ = find_tips(db_session, filters, user_id, after=newer, page_size=7)
        assert [t.id for t in tips] == expected
    assert newer is None  # back at the first page


def test_after_cursor_near_the_top_returns_a_full_first_page(db_session: Session, world) -> None:
    *_, user_id = world
    first, _, older = find_tips(db_session, InboxFilters(), user_id, page_size=10)
    assert older is not None
    second, newer, _ = find_tips(db_session, InboxFilters(), user_id, before=older, page_size=10)
    # 'Newer' from a tip in the middle of the first page: still a full first page.
    middle = Cursor.of(first[4])
    again, newer_again, _ = find_tips(
        db_session, InboxFilters(), user_id, after=middle, page_size=10
    )
    assert [t.id for t in again] == [t.id for t in first]
    assert newer_again is None
    assert newer is not None and newer == Cursor.of(second[0])


def test_ties_in_the_hour_are_ordered_by_id(db_session: Session, reviewer_user: User) -> None:
    made = [plain_tip(db_session, hour=5) for _ in range(12)]
    got = _walk(db_session, InboxFilters(), reviewer_user.id, 5)
    assert [t.id for t in got] == sorted((t.id for t in made), reverse=True)


def test_counts_per_status_are_totals_before_other_filters(db_session: Session, world) -> None:
    tips, *_ = world
    counts = status_counts(db_session)
    for status in STATUSES:
        assert counts[status].value == sum(t.status == status for t in tips)
        assert not counts[status].capped
    assert counts["new"].text == str(counts["new"].value)


def test_counts_stop_at_the_cap(
    db_session: Session, reviewer_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_service, "COUNT_CAP", 3)
    for hour in range(5):
        plain_tip(db_session, hour=hour, status="new")
    plain_tip(db_session, hour=9, status="closed")
    counts = status_counts(db_session)
    assert (counts["new"].value, counts["new"].capped, counts["new"].text) == (3, True, "3+")
    assert (counts["closed"].value, counts["closed"].capped) == (1, False)
    assert counts["spam"].text == "0"


def test_load_page_brings_tags_read_marks_and_counts(
    db_session: Session, default_tags: dict[str, Tag], reviewer_user: User
) -> None:
    handoff = default_tags["release-time handoff"]
    read_tip = plain_tip(db_session, hour=1, tags=[handoff])
    unread_tip = plain_tip(db_session, hour=2)
    mark_read(db_session, read_tip, reviewer_user.id)
    page = load_page(db_session, InboxFilters(), reviewer_user.id)
    rows = {row.tip.id: row for row in page.rows}
    assert [tag.name for tag in rows[read_tip.id].tags] == ["release-time handoff"]
    assert rows[read_tip.id].unread is False
    assert rows[unread_tip.id].unread is True and rows[unread_tip.id].tags == []
    assert page.counts["new"].value == 2


# -- parsing ------------------------------------------------------------------


def test_parse_filters_reads_every_filter(db_session: Session, default_tags) -> None:
    tag = default_tags["home raid"]
    args = {
        "status": "triaged",
        "county": "42091",
        "tag": tag.id,
        "from": "2025-01-01",
        "to": "2025-02-01",
        "files": "yes",
        "unread": "1",
    }
    filters = parse_filters(db_session, args)
    assert filters == InboxFilters(
        status="triaged",
        county="42091",
        tag_id=tag.id,
        date_from=date(2025, 1, 1),
        date_to=date(2025, 2, 1),
        has_files=True,
        unread_only=True,
    )
    assert filters.to_args() == args
    assert parse_filters(db_session, {}) == InboxFilters()
    assert parse_filters(db_session, {"county": "none", "files": "no"}).county == NO_COUNTY


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"status": "deleted"}, "status"),
        ({"county": "99999"}, "county"),
        ({"county": "<script>"}, "county"),
        ({"tag": "0" * 32}, "tag"),
        ({"tag": "x' OR 1=1 --"}, "tag"),
        ({"from": "yesterday"}, "date"),
        ({"to": "2025-02-30"}, "date"),
        ({"from": "2025-03-01", "to": "2025-02-01"}, "after"),
        ({"files": "maybe"}, "files"),
        ({"unread": "yes"}, "unread"),
    ],
)
def test_parse_filters_refuses_bad_values(
    db_session: Session, default_tags, args: dict[str, str], message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filters(db_session, args)


@pytest.mark.parametrize(
    "args",
    [
        {"before": "nonsense"},
        {"before": "2025130112-" + "a" * 32},  # month 13
        {"after": "2025030112-" + "A" * 32},  # upper-case id
        {"before": "2025030112-" + "a" * 32, "after": "2025030112-" + "b" * 32},
    ],
)
def test_parse_cursors_refuses_bad_links(args: dict[str, str]) -> None:
    with pytest.raises(FilterError, match="page link"):
        parse_cursors(args)


def test_cursor_round_trips() -> None:
    cursor = Cursor(BASE_HOUR + timedelta(hours=7), "ab" * 16)
    assert Cursor.decode(cursor.encode()) == cursor
    assert parse_cursors({"before": cursor.encode()}) == (cursor, None)


# -- the plans: pages come from an index, not from sorting the table ----------


@pytest.mark.parametrize(
    "filters",
    [
        InboxFilters(),
        InboxFilters(status="new"),
        InboxFilters(county="42091"),
        InboxFilters(status="new", county="42091"),
        InboxFilters(tag_id="TAG"),
        InboxFilters(county="42091", tag_id="TAG"),
        InboxFilters(status="new", county="42091", tag_id="TAG"),
        InboxFilters(unread_only=True, has_files=True),
        InboxFilters(date_from=date(2025, 1, 1), date_to=date(2025, 2, 1)),
    ],
)
def test_sqlite_reads_pages_in_index_order(
    db_session: Session, default_tags, filters: InboxFilters
) -> None:
    if db_session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is checked by bench/inbox.py at 100k tips")
    tag_id = default_tags["home raid"].id
    if filters.tag_id == "TAG":
        filters = InboxFilters(**{**filters.__dict__, "tag_id": tag_id})
    cursor = Cursor(BASE_HOUR, "0" * 32)
    query = inbox_service._page_query(filters, "u" * 32, cursor, newest_first=True).limit(51)
    compiled = query.compile(db_session.get_bind(), compile_kwargs={"literal_binds": True})
    plan = " / ".join(row[-1] for row in db_session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "TEMP B-TREE" not in plan, plan
    assert "SCAN tips" not in plan or "USING INDEX" in plan, plan
