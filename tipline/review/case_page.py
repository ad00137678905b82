"""What the case page and the tip page's case panel show, gathered in one place.

Opening sealed text happens here, for one request: the case's details and
notes (rendered through tipline.sanitize), and the first line of each linked
tip. Nothing opened is logged or kept. The views add the audit event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases import CASE_STATUS_LABELS
from tipline.cases.details import (
    CaseDetails,
    SealedContentError,
    open_details,
    open_note,
    render_note,
)
from tipline.cases.queries import (
    active_cases,
    assignable_users,
    assignee_ids,
    case_county_codes,
    case_tag_ids,
    case_tip_rows,
    cases_for_tip,
)
from tipline.cases.related import RelatedCase, RelatedTip, related_cases, related_tips
from tipline.cases.timeline import timeline
from tipline.crypto import Identity
from tipline.models.case import Case, CaseNote
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.review.case_forms import (
    AddToCaseForm,
    AssigneesForm,
    CaseCountiesForm,
    CaseStatusForm,
    CaseTagsForm,
    LinkTipsForm,
    NoteForm,
)
from tipline.tips.content import previews
from tipline.tips.tags import list_tags, tags_for_tips
from tipline.tips.workflow import STATUS_LABELS, county_choices
from tipline.web import get_blobs


@dataclass
class NoteView:
    note: CaseNote
    author: str
    html: Markup | None  # None: it could not be opened


def case_titles(cases: Iterable[Case], identity: Identity) -> dict[str, str | None]:
    """Each case's title, or ``None`` where it cannot be opened."""
    found: dict[str, str | None] = {}
    for case in cases:
        try:
            found[case.id] = open_details(case, [identity]).title
        except SealedContentError:
            found[case.id] = None
    return found


def _notes(session: Session, case: Case, identity: Identity) -> list[NoteView]:
    notes = list(
        session.scalars(
            select(CaseNote)
            .where(CaseNote.case_id == case.id)
            .order_by(CaseNote.created_at, CaseNote.id)
        )
    )
    author_ids = {n.author_id for n in notes if n.author_id}
    names = dict(
        session.execute(select(User.id, User.username).where(User.id.in_(author_ids))).all()
    )
    views = []
    for note in notes:
        try:
            html: Markup | None = render_note(open_note(note, [identity]))
        except SealedContentError:
            html = None
        views.append(NoteView(note, names.get(note.author_id or "", "someone"), html))
    return views


def assignees_form(session: Session, case: Case) -> AssigneesForm:
    """Active reviewers and admins to choose from; the current ones ticked."""
    return AssigneesForm().fill(assignable_users(session), assignee_ids(session, case))


def tags_form(session: Session, case: Case) -> CaseTagsForm:
    return CaseTagsForm().fill(list_tags(session), case_tag_ids(session, case))


def counties_form(session: Session, case: Case, states: Sequence[str]) -> CaseCountiesForm:
    """The instance's counties to choose from; the case's own ones selected."""
    codes = case_county_codes(session, case)
    choices = [(value, label) for value, label in county_choices(states) if value]
    return CaseCountiesForm().fill(choices, codes, {fips: counties.name(fips) for fips in codes})


def case_page_context(
    session: Session, case: Case, identity: Identity, states: Sequence[str]
) -> dict[str, object]:
    """Everything the case page shows, as template variables."""
    details: CaseDetails | None
    try:
        details, error = open_details(case, [identity]), None
    except SealedContentError as exc:
        details, error = None, str(exc)
    tips = case_tip_rows(session, case)
    tag_ids = case_tag_ids(session, case)
    tags_by_id = {tag.id: tag for tag in list_tags(session)}
    assigned = assignee_ids(session, case)
    names = dict(session.execute(select(User.id, User.username).where(User.id.in_(assigned))).all())
    return {
        "details": details,
        "error": error,
        "status_label": CASE_STATUS_LABELS.get(case.status, case.status),
        "tips": tips,
        "tip_tags": tags_for_tips(session, [tip.id for tip in tips]),
        "previews": previews(get_blobs(), tips, [identity]),
        "tip_status_labels": STATUS_LABELS,
        "county_codes": case_county_codes(session, case),
        "county_name": counties.name,
        "tags": [tags_by_id[tag_id] for tag_id in tag_ids if tag_id in tags_by_id],
        "assignees": sorted(names.values()),
        "notes": _notes(session, case, identity),
        "timeline": timeline(session, case),
        "status_form": CaseStatusForm().fill(case),
        "link_form": LinkTipsForm(),
        "assignees_form": assignees_form(session, case),
        "tags_form": tags_form(session, case),
        "counties_form": counties_form(session, case, states),
        "note_form": NoteForm(),
    }


@dataclass
class TipCasePanel:
    """The tip page's cases section: its cases, suggestions, the add form."""

    tip: Tip
    cases: list[Case]
    related_tips: list[RelatedTip]
    related_cases: list[RelatedCase]
    titles: dict[str, str | None]
    add_form: AddToCaseForm | None
    county_name: Callable[[str | None], str]
    status_labels: dict[str, str]
    tip_status_labels: dict[str, str]


def tip_case_panel(session: Session, tip: Tip, identity: Identity) -> TipCasePanel:
    """What tipline/templates/review/cases/_tip_panel.html needs for ``tip``."""
    in_cases = cases_for_tip(session, tip.id)
    suggested_tips = related_tips(session, tip)
    suggested_cases = related_cases(session, tip, suggested_tips)
    addable = [case for case in active_cases(session) if case.id not in {c.id for c in in_cases}]
    shown = {case.id: case for case in [*in_cases, *addable, *(r.case for r in suggested_cases)]}
    titles = case_titles(shown.values(), identity)
    form = AddToCaseForm().fill(addable, titles) if addable else None
    if form is not None:
        form.tip_id.data = tip.id
    return TipCasePanel(
        tip=tip,
        cases=in_cases,
        related_tips=suggested_tips,
        related_cases=suggested_cases,
        titles=titles,
        add_form=form,
        county_name=counties.name,
        status_labels=CASE_STATUS_LABELS,
        tip_status_labels=STATUS_LABELS,
    )
