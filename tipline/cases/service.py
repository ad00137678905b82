"""Changing cases: create, edit details, link and unlink tips, status, notes.

Assignees, topics and counties are set in :mod:`tipline.cases.membership`.
Each function checks its input, changes the rows, and records the change
with :func:`tipline.cases.timeline.happened` (a timeline line plus an audit
event). None of them commits. Every reviewer and admin may work on every
case: assignment says who is on it, it is not an access rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tipline.cases import (
    CASE_STATUS_LABELS,
    CaseInputError,
    CaseNotFoundError,
    StaleCaseError,
)
from tipline.cases.details import CaseDetails, clean_note, seal_details, seal_note
from tipline.cases.membership import set_assignees
from tipline.cases.queries import case_county_codes, linked_tip_ids
from tipline.cases.timeline import happened
from tipline.crypto import Recipient
from tipline.models.base import affected_rows, is_id
from tipline.models.case import CASE_STATUSES, Case, CaseNote, case_counties
from tipline.models.case import case_tips as case_tips_table
from tipline.models.tip import Tip
from tipline.models.user import User

MAX_TIPS_PER_CHANGE = 200


def get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id) if is_id(case_id) else None
    if case is None:
        raise CaseNotFoundError("There is no case with that id.")
    return case


def _tips(session: Session, tip_ids: Iterable[str]) -> list[Tip]:
    """The tips, in the order asked, duplicates dropped; all must exist."""
    wanted = list(dict.fromkeys(tip_ids))
    if len(wanted) > MAX_TIPS_PER_CHANGE:
        raise CaseInputError(f"Link at most {MAX_TIPS_PER_CHANGE} tips at a time.")
    bad = [tip_id for tip_id in wanted if not is_id(tip_id)]
    if bad:
        raise CaseInputError("A tip id is 32 letters and digits, as on the tip page.")
    found = {tip.id: tip for tip in session.scalars(select(Tip).where(Tip.id.in_(wanted)))}
    missing = [tip_id for tip_id in wanted if tip_id not in found]
    if missing:
        raise CaseNotFoundError(f"There is no tip with id {missing[0][:8]}….")
    return [found[tip_id] for tip_id in wanted]


def create_case(
    session: Session,
    details: CaseDetails,
    tip_ids: Sequence[str],
    *,
    actor: User,
    recipients: Sequence[Recipient],
) -> Case:
    """A new open case holding ``tip_ids``, assigned to whoever created it."""
    tips = _tips(session, tip_ids)
    if not tips:
        raise CaseInputError("A case starts from at least one tip.")
    case = Case(status="open", sealed=seal_details(details, recipients), created_by_id=actor.id)
    session.add(case)
    session.flush()
    happened(session, case, actor, "created")
    _link(session, case, tips, actor)
    set_assignees(session, case, [actor.id], actor=actor)
    return case


def edit_details(
    session: Session,
    case: Case,
    details: CaseDetails,
    *,
    actor: User,
    recipients: Sequence[Recipient],
    previous: CaseDetails | None = None,
) -> bool:
    """Re-seal the title, summary and people list; False if nothing changed."""
    if previous is not None and previous == details:
        return False
    case.sealed = seal_details(details, recipients)
    happened(session, case, actor, "edited")
    session.flush()
    return True


def link_tips(session: Session, case: Case, tip_ids: Sequence[str], *, actor: User) -> list[str]:
    """Add tips to the case; return the ids that were not linked yet."""
    return _link(session, case, _tips(session, tip_ids), actor)


def _link(session: Session, case: Case, tips: list[Tip], actor: User) -> list[str]:
    current = set(linked_tip_ids(session, case))
    new = [tip for tip in tips if tip.id not in current]
    if not new:
        return []
    session.execute(
        insert(case_tips_table), [{"case_id": case.id, "tip_id": tip.id} for tip in new]
    )
    for tip in new:
        happened(session, case, actor, "linked", tip_id=tip.id)
    have = set(case_county_codes(session, case))
    for fips in dict.fromkeys(tip.county_fips for tip in new if tip.county_fips):
        if fips not in have:
            session.execute(
                insert(case_counties).values(case_id=case.id, county_fips=fips, from_tips=True)
            )
            happened(session, case, actor, "county_added", value=fips)
    session.flush()
    return [tip.id for tip in new]


def unlink_tip(session: Session, case: Case, tip_id: str, *, actor: User | None) -> bool:
    """Take a tip out of the case; False if it was not in it.

    ``actor`` is None when retention deletes the tip (tipline.deletion.service).

    A county that came from tips goes away with the last linked tip from it;
    one a reviewer added stays.
    """
    if not is_id(tip_id):
        return False
    result = session.execute(
        delete(case_tips_table).where(
            case_tips_table.c.case_id == case.id, case_tips_table.c.tip_id == tip_id
        )
    )
    if not affected_rows(result):
        return False
    happened(session, case, actor, "unlinked", tip_id=tip_id)
    remaining = (
        select(Tip.county_fips)
        .join(case_tips_table, case_tips_table.c.tip_id == Tip.id)
        .where(case_tips_table.c.case_id == case.id)
    )
    still = {fips for fips in session.scalars(remaining) if fips}
    derived = session.scalars(
        select(case_counties.c.county_fips).where(
            case_counties.c.case_id == case.id, case_counties.c.from_tips.is_(True)
        )
    )
    for fips in [f for f in derived if f not in still]:
        session.execute(
            delete(case_counties).where(
                case_counties.c.case_id == case.id, case_counties.c.county_fips == fips
            )
        )
        happened(session, case, actor, "county_removed", value=fips)
    session.flush()
    return True


def change_status(
    session: Session, case: Case, new_status: str, *, expected: str, actor: User
) -> str:
    """Move the case to ``new_status``; return the old one.

    ``expected`` is the status the reviewer saw: the update is conditional on
    it in the database, so two lawyers cannot silently overwrite each other.
    """
    if new_status not in CASE_STATUSES:
        raise CaseInputError("That is not a case status.")
    if case.status != expected:
        raise StaleCaseError(_stale(case.status))
    if new_status == expected:
        raise CaseInputError(f"The case is already {CASE_STATUS_LABELS[expected]}.")
    result = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.status == expected)
        .values(status=new_status)
        .execution_options(synchronize_session=False)
    )
    session.refresh(case)
    if affected_rows(result) != 1:
        raise StaleCaseError(_stale(case.status))
    happened(session, case, actor, "status", value=new_status, previous=expected)
    session.flush()
    return expected


def _stale(current: str) -> str:
    label = CASE_STATUS_LABELS.get(current, current)
    return f"Someone else changed this case's status (it is now {label}); nothing was changed."


def add_note(
    session: Session, case: Case, body: str, *, actor: User, recipients: Sequence[Recipient]
) -> CaseNote:
    """Seal and append a note (light Markdown, rendered by tipline.sanitize)."""
    sealed = seal_note(clean_note(body), recipients)
    note = CaseNote(case_id=case.id, author_id=actor.id, sealed=sealed)
    session.add(note)
    session.flush()
    happened(session, case, actor, "note", value=note.id)
    session.flush()
    return note
