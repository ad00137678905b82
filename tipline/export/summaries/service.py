"""Summaries for sharing: write a draft, decide on its findings, approve it.

Warehouse-style service (docs/development.md): no Flask; every function takes a
SQLAlchemy ``Session``, raises a :class:`SummaryError` subclass for anything
a reviewer can get wrong, and never commits. Every change writes one audit
event (``summary.edit``, ``summary.decide``, ``summary.approve``; ids only)
in the caller's transaction, and so does opening a draft (``summary.view``,
:func:`view_summary`).

The flow (docs/exports.md, DESIGN.md "Exports for organizers"):

1. :func:`write_draft` seals what the reviewer wrote (tipline.export.summaries.drafts).
2. :func:`review` runs :func:`~tipline.export.pii.redaction.find_identifying`
   with :func:`people_for` (the case's people list; for a tip, the lists of
   every case holding it) and lays out the findings for the page.
3. :func:`decide` records "redact" or "keep" for findings.
4. :func:`approve` refuses while a finding is undecided, and (unless the
   reviewer confirms) while the redacted text still shows a high-confidence
   detail or a number no finding covers; then it stores the redacted text in
   the clear.

Any change to an approved summary (text, style, a decision) turns it back
into a draft and clears the approved text: it needs approval again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline import audit
from tipline.cases import CaseError
from tipline.cases.details import case_people
from tipline.cases.queries import cases_for_tip
from tipline.crypto import Identity, Recipient
from tipline.export.aggregate import month_of
from tipline.export.pii.redaction import find_identifying
from tipline.export.summaries.drafts import (
    Draft,
    FindingItem,
    SummaryContentError,
    SummaryError,
    SummaryInputError,
    SummaryReview,
    as_decision,
    check_style,
    clean_text,
    finding_keys,
    open_draft,
    review,
    seal_draft,
)
from tipline.models.base import is_id, utcnow
from tipline.models.case import Case
from tipline.models.summary import Summary
from tipline.models.tip import Tip
from tipline.models.user import User

Target = Tip | Case

__all__ = [
    "AlreadyApprovedError",
    "FindingItem",
    "LeftoverFindingsError",
    "StaleSummaryError",
    "SummaryContentError",
    "SummaryError",
    "SummaryInputError",
    "SummaryReview",
    "UndecidedFindingsError",
    "UnreviewedNumbersError",
    "approve",
    "decide",
    "drafts_waiting",
    "open_summary",
    "people_for",
    "reopen",
    "review",
    "summary_for",
    "write_draft",
]


class StaleSummaryError(SummaryError):
    """Someone changed the summary since the form was shown."""


class UndecidedFindingsError(SummaryError):
    """Approval needs a decision on every finding."""


class LeftoverFindingsError(SummaryError):
    """The redacted text still shows a likely identifying detail."""


class UnreviewedNumbersError(SummaryError):
    """The text to be shared shows numbers no finding covers, unconfirmed."""


class AlreadyApprovedError(SummaryError):
    """Nothing changed since the summary was approved."""


def _scope(target: Target) -> str:
    return "tip" if isinstance(target, Tip) else "case"


def find_target(session: Session, scope: str, object_id: str) -> Target | None:
    """The tip (``scope="tip"``) or case a summary's address names, if any."""
    if not is_id(object_id):
        return None
    return session.get(Tip, object_id) if scope == "tip" else session.get(Case, object_id)


def summary_for(session: Session, target: Target) -> Summary | None:
    """The summary of a tip or case, if one was written."""
    column = Summary.tip_id if isinstance(target, Tip) else Summary.case_id
    return session.scalar(select(Summary).where(column == target.id))


def drafts_waiting(session: Session, limit: int = 50) -> list[Summary]:
    """Summaries not approved (yet, or again), most recently changed first."""
    query = (
        select(Summary)
        .where(Summary.status == "draft")
        .order_by(Summary.updated_at.desc(), Summary.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def people_for(session: Session, target: Target, identity: Identity) -> list[str]:
    """Names to look for: the case's people list, or for a tip the lists of
    every case it is in (duplicates dropped, order kept)."""
    cases = [target] if isinstance(target, Case) else cases_for_tip(session, target.id)
    names: dict[str, None] = {}
    try:
        for case in cases:
            names.update(dict.fromkeys(case_people(session, case, identity)))
    except CaseError as exc:
        raise SummaryContentError(str(exc)) from exc
    return list(names)


def open_summary(summary: Summary, identity: Identity) -> Draft:
    return open_draft(summary.sealed, [identity])


def view_summary(
    session: Session, summary: Summary, target: Target, *, identity: Identity, actor: User
) -> tuple[Draft, SummaryReview]:
    """Open the draft and its findings for ``actor``'s editor (``summary.view``).

    Recorded whether or not it opens (someone looked); a
    :class:`SummaryError` says why it would not.
    """
    audit.record(
        session, actor=actor, action="summary.view", object_type="summary", object_id=summary.id
    )
    draft = open_summary(summary, identity)
    return draft, review(draft, people_for(session, target, identity))


def _check_version(summary: Summary, expected: int | None) -> None:
    if expected is not None and expected != summary.version:
        raise StaleSummaryError(
            "This summary changed since the page was loaded. Look at it again before saving."
        )


def _store(
    session: Session,
    summary: Summary,
    draft: Draft,
    people: Sequence[str],
    recipients: Sequence[Recipient],
) -> None:
    """Seal ``draft`` (decisions pruned to its findings) and make it a draft again."""
    keys = set(finding_keys(find_identifying(draft.text, people=people)))
    pruned = {k: v for k, v in draft.decisions.items() if k in keys}
    summary.sealed = seal_draft(Draft(draft.text, pruned, draft.style), recipients)
    reopen(summary)


def reopen(summary: Summary) -> None:
    """Take ``summary`` back to draft after a change: out of exports until approved."""
    summary.status = "draft"
    summary.approved_text = None
    summary.approved_month = None
    summary.approved_by_id = None
    summary.version += 1
    summary.updated_at = utcnow()


def write_draft(
    session: Session,
    target: Target,
    raw_text: str,
    *,
    style: str = "label",
    people: Sequence[str],
    actor: User,
    recipients: Sequence[Recipient],
    identity: Identity,
    expected_version: int | None = None,
) -> tuple[Summary, bool]:
    """Create or change the summary's text; ``(summary, changed)``.

    Decisions already made carry over to the same details in the new text.
    """
    text, _ = clean_text(raw_text)
    chosen_style = check_style(style)
    summary = summary_for(session, target)
    if summary is None:
        if expected_version:
            raise StaleSummaryError("This summary was deleted since the page was loaded.")
        summary = Summary(scope=_scope(target), version=0)
        if isinstance(target, Tip):
            summary.tip_id = target.id
        else:
            summary.case_id = target.id
        _store(session, summary, Draft(text, {}, chosen_style), people, recipients)
        try:
            with session.begin_nested():
                session.add(summary)
                session.flush()
        except IntegrityError as exc:
            raise StaleSummaryError(
                "Someone else started this summary at the same time. Reload the page."
            ) from exc
    else:
        _check_version(summary, expected_version)
        current = open_summary(summary, identity)
        if current.text == text and current.style == chosen_style:
            return summary, False
        _store(session, summary, Draft(text, current.decisions, chosen_style), people, recipients)
        session.flush()
    audit.record(
        session, actor=actor, action="summary.edit", object_type="summary", object_id=summary.id
    )
    return summary, True


def decide(
    session: Session,
    summary: Summary,
    choices: Mapping[str, str],
    *,
    people: Sequence[str],
    actor: User,
    recipients: Sequence[Recipient],
    identity: Identity,
    expected_version: int | None = None,
) -> int:
    """Record "redact"/"keep" per finding key; returns how many changed.

    Keys that name no current finding are ignored (the people list may have
    changed since the page was shown); an unknown decision is refused.
    """
    _check_version(summary, expected_version)
    wanted = {key: as_decision(value) for key, value in choices.items()}
    draft = open_summary(summary, identity)
    keys = {item.key for item in review(draft, people).items}
    decisions = dict(draft.decisions)
    changed = 0
    for key, value in wanted.items():
        if key in keys and decisions.get(key) != value:
            decisions[key] = value
            changed += 1
    if changed:
        _store(session, summary, Draft(draft.text, decisions, draft.style), people, recipients)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="summary.decide",
            object_type="summary",
            object_id=summary.id,
        )
    return changed


def approve(
    session: Session,
    summary: Summary,
    *,
    people: Sequence[str],
    actor: User,
    identity: Identity,
    expected_version: int | None = None,
    confirm_leftovers: bool = False,
    confirm_numbers: bool = False,
    today: date | None = None,
) -> str:
    """Store the redacted text in the clear and mark the summary approved.

    Numbers that no finding covers (``SummaryReview.unreviewed``) need
    ``confirm_numbers``: detectors miss some, and a number is the likeliest
    detail to identify someone.
    """
    if summary.status == "approved":
        raise AlreadyApprovedError("This summary is already approved; nothing changed since.")
    _check_version(summary, expected_version)
    result = review(open_summary(summary, identity), people)
    if not result.complete:
        raise UndecidedFindingsError(
            f"Decide on every flagged detail first ({result.undecided} left)."
        )
    if result.leftovers and not confirm_leftovers:
        raise LeftoverFindingsError(
            f"The text to be shared still shows {len(result.leftovers)} likely identifying "
            "detail(s). Redact them, or confirm that they may be shared."
        )
    numbers = result.unreviewed.numbers
    if numbers and not confirm_numbers:
        raise UnreviewedNumbersError(
            f"The text to be shared shows {len(numbers)} number(s) that no finding covers "
            "(listed under “Check these”). Confirm that you checked them."
        )
    summary.status = "approved"
    summary.approved_text = result.preview
    summary.approved_month = month_of(today or utcnow().date())
    summary.approved_by_id = actor.id
    summary.version += 1
    summary.updated_at = utcnow()
    session.flush()
    audit.record(
        session, actor=actor, action="summary.approve", object_type="summary", object_id=summary.id
    )
    return result.preview
