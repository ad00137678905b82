"""Running a search: tips the inbox filters select, then cases, opened in turn.

Tips are walked newest first in the inbox's own order and with its own
filters (tipline.tips.inbox.find_tips, keyset pages), so "search within
Montgomery County, triaged, with files" is the inbox query plus matching.
Each batch of tips is opened with every tip-scoped kind (the tip itself,
later its messages), matched, and dropped. A request stops after a page of
matching tips or after :data:`SCAN_BUDGET` tips, whichever comes first, and
returns a cursor to continue from: at 100k tips no single request has to
open them all, and nothing opened outlives the request.

Case-scoped kinds (case details, notes) are searched on the first page.
The inbox filters that cases also have (county, topic, case) narrow them;
the tip-only ones (status, dates, files, unread) do not apply to a case, so
with any of those set case results are left out and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.cases.details import SealedContentError, open_details
from tipline.models.case import Case, case_counties, case_tags
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.search import kinds as _builtin_kinds  # noqa: F401 (registers the kinds)
from tipline.search.registry import Scope, Searchable, SearchContext, get_kind, kinds
from tipline.search.text import Query, Snippet, fold, snippet
from tipline.tips.filters import NO_COUNTY, Cursor, InboxFilters
from tipline.tips.inbox import find_tips

PAGE_SIZE = 50
BATCH_SIZE = 100
# About five seconds of opening tips (bench/search.py); then the reviewer
# chooses to continue.
SCAN_BUDGET = 20_000


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    object_id: str
    snippet: Snippet = field(repr=False)  # decrypted text: never in a repr


@dataclass
class TipResult:
    tip: Tip
    hits: list[Hit]


@dataclass
class CaseResult:
    case: Case
    title: str | None = field(repr=False)
    hits: list[Hit] = field(default_factory=list)


@dataclass
class SearchResults:
    tips: list[TipResult] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)
    scanned: int = 0  # tips looked at by this request
    unreadable: int = 0  # documents that could not be opened with this key
    older: Cursor | None = None  # more tips remain after this one
    budget_reached: bool = False
    cases_searched: bool = False


def tip_only_filters(filters: InboxFilters) -> bool:
    """True if a filter that has no meaning for a case is set."""
    return bool(
        filters.status
        or filters.date_from
        or filters.date_to
        or filters.has_files is not None
        or filters.unread_only
        or filters.flood is not None
    )


def _load(
    ctx: SearchContext, scope: Scope, owner_ids: Sequence[str]
) -> dict[str, list[Searchable]]:
    found: dict[str, list[Searchable]] = {owner_id: [] for owner_id in owner_ids}
    for kind in kinds(scope):
        for document in kind.load(ctx, owner_ids):
            found.setdefault(document.owner_id, []).append(document)
    return found


def _hits(documents: Iterable[Searchable], query: Query, results: SearchResults) -> list[Hit]:
    hits = []
    for document in documents:
        if document.text is None:
            results.unreadable += 1
        elif query.matches(fold(document.text)):
            label = get_kind(document.kind).label
            hits.append(
                Hit(document.kind, label, document.object_id, snippet(document.text, query))
            )
    return hits


def search(
    ctx: SearchContext,
    query: Query,
    filters: InboxFilters,
    actor: User,
    *,
    before: Cursor | None = None,
    page_size: int = PAGE_SIZE,
    budget: int = SCAN_BUDGET,
) -> SearchResults:
    """One page of results; pass ``results.older`` as ``before`` to continue.

    Recorded as ``search``: that a search ran, and by whom, never what was
    searched for. :func:`find` and :func:`record_search` are its two halves,
    for a caller that runs the reads and the write in separate transactions.
    """
    results = find(ctx, query, filters, actor, before=before, page_size=page_size, budget=budget)
    record_search(ctx.session, actor)
    return results


def find(
    ctx: SearchContext,
    query: Query,
    filters: InboxFilters,
    actor: User,
    *,
    before: Cursor | None = None,
    page_size: int = PAGE_SIZE,
    budget: int = SCAN_BUDGET,
) -> SearchResults:
    """The reading half of :func:`search`: it writes nothing, not even the audit event.

    The review page runs it in a transaction that takes no SQLite write lock
    (up to about five seconds of decrypting, during which sources must be
    able to submit), then records the search with :func:`record_search`.
    """
    results = SearchResults()
    _search_tips(ctx, query, filters, actor.id, before, page_size, budget, results)
    if before is None and not tip_only_filters(filters):
        results.cases_searched = True
        _search_cases(ctx, query, filters, results)
    return results


def record_search(session: Session, actor: User) -> None:
    """The audit event for a search: who searched, never for what."""
    audit.record(session, actor=actor, action="search")


def _search_tips(
    ctx: SearchContext,
    query: Query,
    filters: InboxFilters,
    user_id: str,
    cursor: Cursor | None,
    page_size: int,
    budget: int,
    results: SearchResults,
) -> None:
    while True:
        size = max(1, min(BATCH_SIZE, budget - results.scanned))
        tips, _newer, older = find_tips(
            ctx.session, filters, user_id, before=cursor, page_size=size
        )
        documents = _load(ctx, "tip", [tip.id for tip in tips])
        for position, tip in enumerate(tips):
            results.scanned += 1
            hits = _hits(documents.get(tip.id, []), query, results)
            if hits:
                results.tips.append(TipResult(tip=tip, hits=hits))
            full = len(results.tips) >= page_size
            spent = results.scanned >= budget
            if full or spent:
                more = position < len(tips) - 1 or older is not None
                results.older = Cursor.of(tip) if more else None
                results.budget_reached = spent and not full and more
                return
        if older is None:
            return
        cursor = older


def _case_conditions(filters: InboxFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if filters.case_id is not None:
        conds.append(Case.id == filters.case_id)
    if filters.county == NO_COUNTY:
        conds.append(~exists().where(case_counties.c.case_id == Case.id))
    elif filters.county is not None:
        conds.append(
            exists().where(
                case_counties.c.case_id == Case.id, case_counties.c.county_fips == filters.county
            )
        )
    if filters.tag_id is not None:
        conds.append(
            exists().where(case_tags.c.case_id == Case.id, case_tags.c.tag_id == filters.tag_id)
        )
    return conds


def _search_cases(
    ctx: SearchContext, query: Query, filters: InboxFilters, results: SearchResults
) -> None:
    session: Session = ctx.session
    ids = list(
        session.scalars(
            select(Case.id)
            .where(*_case_conditions(filters))
            .order_by(Case.updated_at.desc(), Case.id.desc())
        )
    )
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        documents = _load(ctx, "case", batch)
        matched = {
            case_id: hits
            for case_id in batch
            if (hits := _hits(documents[case_id], query, results))
        }
        if not matched:
            continue
        for case in session.scalars(select(Case).where(Case.id.in_(matched))):
            try:
                title: str | None = open_details(case, ctx.identities).title
            except SealedContentError:
                title = None
            results.cases.append(CaseResult(case=case, title=title, hits=matched[case.id]))
    results.cases.sort(key=lambda r: (r.case.updated_at, r.case.id), reverse=True)
