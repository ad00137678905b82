"""Reading cases for the review pages: the case list, one case, a tip's case panel.

Opening sealed text happens here, for one request, with the reviewer's
unlocked identity: case titles, details and notes (rendered through
tipline.sanitize), and the first line of each linked tip. Nothing opened is
logged or kept. Looking at the case list or at a case is recorded in the
audit log here (``case.list``, ``case.view``; ids only), in the caller's
transaction.

What is returned is data; the views add the forms and labels, and
templates only show it (docs/development.md, "Code map").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.accounts.service import usernames
from tipline.blobs import BlobStore
from tipline.cases import CASE_STATUS_LABELS
from tipline.cases.details import (
    CaseDetails,
    SealedContentError,
    open_details,
    open_note,
    render_note,
)
from tipline.cases.queries import (
    CaseFilters,
    CaseListPage,
    active_cases,
    assignee_ids,
    case_county_codes,
    case_tag_ids,
    case_tip_rows,
    cases_for_tip,
    list_cases,
)
from tipline.cases.related import RelatedCase, RelatedTip, related_cases, related_tips
from tipline.cases.timeline import TimelineEntry, timeline
from tipline.crypto import Identity
from tipline.models.case import Case, CaseNote
from tipline.models.tag import Tag
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.tips.content import previews
from tipline.tips.tags import list_tags, tags_for_tips

FILTER_CHOICES = 100  # titles are opened for each: keep the inbox quick


def case_titles(cases: Iterable[Case], identity: Identity) -> dict[str, str | None]:
    """Each case's title, or ``None`` where it cannot be opened."""
    found: dict[str, str | None] = {}
    for case in cases:
        try:
            found[case.id] = open_details(case, [identity]).title
        except SealedContentError:
            found[case.id] = None
    return found


def case_filter_options(
    session: Session, identity: Identity | None, selected: str | None = None
) -> list[tuple[str, str]]:
    """``(case id, label)`` for the inbox's and search page's case filter.

    Recently worked cases first. Labels are titles when ``identity`` is
    given, else the short id and status. The selected case is always
    offered, however old.
    """
    query = select(Case).order_by(Case.updated_at.desc(), Case.id).limit(FILTER_CHOICES)
    cases = list(session.scalars(query))
    if selected and selected not in {case.id for case in cases}:
        chosen = session.get(Case, selected)
        if chosen is not None:
            cases.insert(0, chosen)
    titles = case_titles(cases, identity) if identity is not None else {}
    options = []
    for case in cases:
        status = CASE_STATUS_LABELS.get(case.status, case.status)
        title = titles.get(case.id) or f"Case {case.id[:8]}"
        options.append((case.id, f"{title} ({status})"))
    return options


@dataclass
class CaseList:
    """One page of the case list, with the titles of the cases on it."""

    page: CaseListPage
    titles: dict[str, str | None]


def view_case_list(
    session: Session,
    filters: CaseFilters | None,
    page: int,
    identity: Identity,
    actor: User,
) -> CaseList:
    """One page of cases for ``actor`` (``case.list``); ``filters`` None: they
    could not be read, so no rows."""
    listing = list_cases(session, filters or CaseFilters(), page=page)
    if filters is None:
        listing.rows = []
    audit.record(session, actor=actor, action="case.list")
    return CaseList(listing, case_titles([row.case for row in listing.rows], identity))


@dataclass
class NoteView:
    note: CaseNote
    author: str
    html: Markup | None  # None: it could not be opened


def case_notes(session: Session, case: Case, identity: Identity) -> list[NoteView]:
    """The case's notes, oldest first, opened and sanitized, with their authors."""
    query = (
        select(CaseNote)
        .where(CaseNote.case_id == case.id)
        .order_by(CaseNote.created_at, CaseNote.id)
    )
    notes = list(session.scalars(query))
    names = usernames(session, (note.author_id for note in notes))
    views = []
    for note in notes:
        try:
            html: Markup | None = render_note(open_note(note, [identity]))
        except SealedContentError:
            html = None
        views.append(NoteView(note, names.get(note.author_id or "", "someone"), html))
    return views


@dataclass
class CasePage:
    """Everything the case page shows of ``case``, opened for one request."""

    details: CaseDetails | None
    error: str | None  # why the details would not open
    tips: list[Tip]
    tip_tags: dict[str, list[Tag]]
    previews: dict[str, str | None]
    county_codes: list[str]
    tags: list[Tag]
    assignees: list[str]  # usernames
    notes: list[NoteView]
    timeline: list[TimelineEntry]


def view_case(
    session: Session, blobs: BlobStore, case: Case, identity: Identity, actor: User
) -> CasePage:
    """Open ``case`` for ``actor``'s case page (``case.view``)."""
    details: CaseDetails | None
    try:
        details, error = open_details(case, [identity]), None
    except SealedContentError as exc:
        details, error = None, str(exc)
    tips = case_tip_rows(session, case)
    tags_by_id = {tag.id: tag for tag in list_tags(session)}
    page = CasePage(
        details=details,
        error=error,
        tips=tips,
        tip_tags=tags_for_tips(session, [tip.id for tip in tips]),
        previews=previews(blobs, tips, [identity]),
        county_codes=case_county_codes(session, case),
        tags=[tags_by_id[i] for i in case_tag_ids(session, case) if i in tags_by_id],
        assignees=sorted(usernames(session, assignee_ids(session, case)).values()),
        notes=case_notes(session, case, identity),
        timeline=timeline(session, case),
    )
    audit.record(session, actor=actor, action="case.view", object_type="case", object_id=case.id)
    return page


@dataclass
class TipCasePanel:
    """The tip page's cases section: its cases, the ones it can join, suggestions."""

    tip: Tip
    cases: list[Case]
    addable: list[Case]  # open cases the tip is not in yet
    related_tips: list[RelatedTip]
    related_cases: list[RelatedCase]
    titles: dict[str, str | None]


def tip_case_panel(session: Session, tip: Tip, identity: Identity) -> TipCasePanel:
    """The cases ``tip`` is in, could be added to, and related tips and cases."""
    in_cases = cases_for_tip(session, tip.id)
    suggested_tips = related_tips(session, tip)
    suggested_cases = related_cases(session, tip, suggested_tips)
    joined = {case.id for case in in_cases}
    addable = [case for case in active_cases(session) if case.id not in joined]
    shown: Sequence[Case] = [*in_cases, *addable, *(r.case for r in suggested_cases)]
    return TipCasePanel(
        tip=tip,
        cases=in_cases,
        addable=addable,
        related_tips=suggested_tips,
        related_cases=suggested_cases,
        titles=case_titles({case.id: case for case in shown}.values(), identity),
    )
