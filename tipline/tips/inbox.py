"""Inbox queries: filters, keyset pagination and per-status counts.

Everything here runs in the database and touches only clear columns (ids,
status, county, coarse hour, has-files, tag ids, read marks), so the inbox
works without decrypting anything; previews for an unlocked reviewer are
decrypted separately, for the rows of one page only (tipline.tips.content).

Pages are keyset-paginated on ``(received_hour, id)``, newest first: a page
is an index range scan whatever its depth (every tips index ends in that
key, see tipline/models/tip.py). The per-status counts are workflow totals,
exact up to :data:`COUNT_CAP` and shown as "1,000+" beyond, so their cost is
bounded too (see :func:`status_counts`). :func:`view_inbox` is one listing
as a reviewer sees it, previews included, and records it (``inbox.view``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, literal, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipline import audit
from tipline.blobs import BlobStore
from tipline.crypto import Identity
from tipline.models.case import case_tips
from tipline.models.read import TipRead
from tipline.models.tag import Tag, tip_tags
from tipline.models.tip import TIP_STATUSES, Tip
from tipline.models.user import User
from tipline.tips import FilterError
from tipline.tips.content import previews
from tipline.tips.filters import NO_COUNTY, Cursor, InboxFilters
from tipline.tips.tags import tags_for_tips
from tipline.tips.workflow import read_tip_ids

_T = TypeVar("_T")
_Column: TypeAlias = ColumnElement[_T] | InstrumentedAttribute[_T]

PAGE_SIZE = 50
COUNT_CAP = 1000
# The default view leaves spam out; the spam tab shows it.
HIDDEN_BY_DEFAULT = ("spam",)


@dataclass(frozen=True)
class StatusCount:
    status: str
    value: int  # exact when not ``capped``; COUNT_CAP when capped
    capped: bool

    @property
    def text(self) -> str:
        return f"{self.value:,}+" if self.capped else f"{self.value:,}"


@dataclass
class InboxRow:
    tip: Tip
    tags: list[Tag]
    unread: bool


@dataclass
class InboxPage:
    rows: list[InboxRow]
    newer: Cursor | None  # pass as ``after`` to get the page before this one
    older: Cursor | None  # pass as ``before`` to get the page after this one
    counts: dict[str, StatusCount] = field(default_factory=dict)


def _hour_bounds(filters: InboxFilters, column: _Column[datetime]) -> list[ColumnElement[bool]]:
    """The date range as bounds on an hour column (``to`` is inclusive)."""
    bounds = []
    if filters.date_from is not None:
        bounds.append(column >= datetime.combine(filters.date_from, time()))
    if filters.date_to is not None:
        bounds.append(column < datetime.combine(filters.date_to + timedelta(days=1), time()))
    return bounds


def _in_case(case_id: str) -> ColumnElement[bool]:
    """The tip is linked to the case.

    An IN list rather than a correlated EXISTS: a case holds few tips, so
    the database can start from them instead of probing every tip in order.
    """
    return Tip.id.in_(select(case_tips.c.tip_id).where(case_tips.c.case_id == case_id))


def _conditions(filters: InboxFilters, user_id: str) -> list[ColumnElement[bool]]:
    """The WHERE clauses for ``filters``."""
    conds: list[ColumnElement[bool]] = []
    if filters.status is not None:
        conds.append(Tip.status == filters.status)
    else:
        conds.append(Tip.status.not_in(HIDDEN_BY_DEFAULT))
    if filters.county == NO_COUNTY:
        conds.append(Tip.county_fips.is_(None))
    elif filters.county is not None:
        conds.append(Tip.county_fips == filters.county)
    conds.extend(_hour_bounds(filters, Tip.received_hour))
    if filters.has_files is not None:
        conds.append(Tip.has_files.is_(filters.has_files))
    if filters.unread_only:
        conds.append(~exists().where(TipRead.tip_id == Tip.id, TipRead.user_id == user_id))
    if filters.case_id is not None:
        conds.append(_in_case(filters.case_id))
    if filters.flood is not None:
        conds.append(Tip.during_flood.is_(filters.flood != "no"))
        if filters.flood == "unproven":
            conds.append(Tip.proof_of_work.is_(False))
    return conds


def matching_tip_ids(filters: InboxFilters, user_id: str) -> Select[str]:
    """The ids of every tip ``filters`` match, in no order (for bulk actions)."""
    query = select(Tip.id).where(*_conditions(filters, user_id))
    if filters.tag_id is not None:
        tagged = select(tip_tags.c.tip_id).where(tip_tags.c.tag_id == filters.tag_id)
        query = query.where(Tip.id.in_(tagged))
    return query


def _page_query(
    filters: InboxFilters, user_id: str, cursor: Cursor | None, *, newest_first: bool
) -> Select[Tip]:
    """Tips past ``cursor``: older ones if ``newest_first``, else newer ones."""
    query = select(Tip).where(*_conditions(filters, user_id))
    keys: list[tuple[_Column[datetime], _Column[str]]] = [(Tip.received_hour, Tip.id)]
    if filters.tag_id is not None:
        # tip_tags carries a copy of the key, so the tag's tips can be walked
        # newest first along (tag_id, received_hour, tip_id). The bounds are
        # repeated on the tag side so that a deep page starts at the cursor.
        tagged = tip_tags.c
        query = query.join(tip_tags, tagged.tip_id == Tip.id).where(
            tagged.tag_id == filters.tag_id, *_hour_bounds(filters, tagged.received_hour)
        )
        keys.append((tagged.received_hour, tagged.tip_id))
    if cursor is not None:
        mark = tuple_(literal(cursor.received_hour), literal(cursor.tip_id))
        for hour, tip_id in keys:
            key = tuple_(hour, tip_id)
            query = query.where(key < mark if newest_first else key > mark)
    # Order by the key of the index the scan should follow: the tag's when
    # filtering by a tag without a county, else the tips' (a county narrows
    # more, so its index leads and the tag is probed). The values are equal
    # either way; naming the right columns lets both SQLite and PostgreSQL
    # read the page in index order and stop after it, instead of sorting.
    hour, tip_id = keys[-1] if filters.county is None else keys[0]
    if newest_first:
        return query.order_by(hour.desc(), tip_id.desc())
    return query.order_by(hour.asc(), tip_id.asc())


def find_tips(
    session: Session,
    filters: InboxFilters,
    user_id: str,
    *,
    before: Cursor | None = None,
    after: Cursor | None = None,
    page_size: int = PAGE_SIZE,
) -> tuple[list[Tip], Cursor | None, Cursor | None]:
    """One page of tips, newest first: ``(tips, newer, older)`` cursors."""
    if before is not None and after is not None:
        raise FilterError("Choose either newer or older tips, not both.")
    if after is not None:
        query = _page_query(filters, user_id, after, newest_first=False).limit(page_size + 1)
        rows = list(session.scalars(query))
        if len(rows) > page_size:
            tips = rows[:page_size][::-1]
            return tips, Cursor.of(tips[0]), Cursor.of(tips[-1])
        # Back at the newest tips: show a full first page, not a short one.
    query = _page_query(filters, user_id, before, newest_first=True)
    rows = list(session.scalars(query.limit(page_size + 1)))
    tips = rows[:page_size]
    newer = Cursor.of(tips[0]) if tips and before is not None else None
    older = Cursor.of(tips[-1]) if len(rows) > page_size else None
    return tips, newer, older


def status_counts(session: Session) -> dict[str, StatusCount]:
    """How many tips are in each status, exact up to :data:`COUNT_CAP`.

    These are the workflow totals, before the other filters: a filtered
    count (say, a county and a tag) can only be exact by visiting every
    matching tip, which is what the inbox must not do at 100k tips. Each
    status is one bounded range of the ``(status, received_hour, id)``
    index, all in one round trip.
    """
    columns = []
    for status in TIP_STATUSES:
        limited = (
            select(literal(1).label("one"))
            .select_from(Tip)
            .where(Tip.status == status)
            .limit(COUNT_CAP + 1)
            .subquery()
        )
        columns.append(select(func.count()).select_from(limited).scalar_subquery().label(status))
    row = session.execute(select(*columns)).one()
    counts = {}
    for status, value in zip(TIP_STATUSES, row, strict=True):
        capped = value > COUNT_CAP
        counts[status] = StatusCount(status, COUNT_CAP if capped else int(value), capped)
    return counts


def load_page(
    session: Session,
    filters: InboxFilters,
    user_id: str,
    *,
    before: Cursor | None = None,
    after: Cursor | None = None,
    page_size: int = PAGE_SIZE,
) -> InboxPage:
    """The inbox page: its tips with tags and read marks, cursors, counts."""
    tips, newer, older = find_tips(
        session, filters, user_id, before=before, after=after, page_size=page_size
    )
    ids = [tip.id for tip in tips]
    tags = tags_for_tips(session, ids)
    read = read_tip_ids(session, user_id, ids)
    rows = [InboxRow(tip=tip, tags=tags[tip.id], unread=tip.id not in read) for tip in tips]
    counts = status_counts(session)
    return InboxPage(rows=rows, newer=newer, older=older, counts=counts)


@dataclass
class InboxView:
    """One inbox listing as a reviewer sees it."""

    page: InboxPage
    previews: dict[str, str | None]  # tip id -> first line (None: would not open)
    unlocked: bool  # previews need the organization key; organizers never hold it


def view_inbox(
    session: Session,
    blobs: BlobStore,
    filters: InboxFilters | None,
    actor: User,
    identity: Identity | None,
    *,
    before: Cursor | None = None,
    after: Cursor | None = None,
) -> InboxView:
    """One page of the inbox for ``actor``, with previews when ``identity`` is given.

    ``filters`` None: they could not be read, so the page has only the
    status counts. One ``inbox.view`` event per listing: the previews show
    the first line of every tip on it.
    """
    if filters is None:
        page = InboxPage(rows=[], newer=None, older=None, counts=status_counts(session))
    else:
        page = load_page(session, filters, actor.id, before=before, after=after)
    texts = previews(blobs, [row.tip for row in page.rows], [identity]) if identity else {}
    audit.record(session, actor=actor, action="inbox.view")
    return InboxView(page=page, previews=texts, unlocked=identity is not None)
