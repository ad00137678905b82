"""Who and what a case is about: assignees, topic tags, counties.

Each setter makes a set of ids exactly what the reviewer chose and records
one timeline line and one audit event per id added or removed
(tipline.cases.timeline.happened). :func:`tip_county_changed` keeps the
counties a case takes from its tips in step when a tip's county is
corrected. Nothing commits.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Table, and_, delete, exists, insert, select
from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases import CaseInputError, CaseNotFoundError
from tipline.cases.queries import assignee_ids, case_county_codes, case_tag_ids, cases_for_tip
from tipline.cases.timeline import happened
from tipline.models.base import is_id
from tipline.models.case import Case, case_assignees, case_counties, case_tips
from tipline.models.case import case_tags as case_tags_table
from tipline.models.tag import Tag
from tipline.models.tip import Tip
from tipline.models.user import KEY_HOLDER_ROLES, User
from tipline.tips.workflow import correct_county


@dataclass(frozen=True)
class Change:
    """Which ids a set-style call added and removed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def set_assignees(
    session: Session, case: Case, user_ids: Collection[str], *, actor: User
) -> Change:
    """Make ``user_ids`` exactly the people assigned (active reviewers and admins)."""
    wanted = {user_id for user_id in user_ids if is_id(user_id)}
    if len(wanted) != len(set(user_ids)):
        raise CaseNotFoundError("One of the chosen people does not exist.")
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))}
    if len(users) != len(wanted):
        raise CaseNotFoundError("One of the chosen people does not exist.")
    current = set(assignee_ids(session, case))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    for user_id in added:
        user = users[user_id]
        if user.disabled or user.role not in KEY_HOLDER_ROLES:
            raise CaseInputError(f"{user.username} cannot be assigned to cases.")
    return _apply_set(session, case, actor, case_assignees, "user_id", added, removed, "assign")


def set_tags(session: Session, case: Case, tag_ids: Collection[str], *, actor: User) -> Change:
    """Make ``tag_ids`` exactly the case's topics; retired tags may stay, not be added."""
    wanted = set(tag_ids)
    known = {t.id: t for t in session.scalars(select(Tag).where(Tag.id.in_(wanted)))}
    if len(known) != len(wanted):
        raise CaseNotFoundError("One of the chosen topics does not exist.")
    current = set(case_tag_ids(session, case))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if any(known[tag_id].retired for tag_id in added):
        raise CaseInputError("A retired topic cannot be added to a case.")
    return _apply_set(session, case, actor, case_tags_table, "tag_id", added, removed, "tag")


def set_counties(
    session: Session, case: Case, fips_codes: Collection[str], *, actor: User, states: Iterable[str]
) -> Change:
    """Make ``fips_codes`` exactly the case's counties (a reviewer's correction).

    New counties must be this instance's; ones the case already has may stay.
    """
    wanted, state_list = set(fips_codes), list(states)
    current = set(case_county_codes(session, case))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if any(not counties.is_valid(fips, state_list) for fips in added):
        raise CaseInputError("That county is not one of this tip line's counties.")
    return _apply_set(session, case, actor, case_counties, "county_fips", added, removed, "county")


def correct_tip_county(
    session: Session, tip: Tip, fips: str | None, states: Iterable[str], *, actor: User
) -> bool:
    """Correct ``tip``'s county (tipline.tips.workflow.correct_county), and the
    counties of the cases holding it follow (:func:`tip_county_changed`).

    The review app's county correction calls this, not the tip service alone,
    so no case is left with a county its tips no longer have. True if the
    tip's county changed.
    """
    old = tip.county_fips
    if not correct_county(session, tip, fips, states, actor=actor):
        return False
    tip_county_changed(session, tip, old, actor=actor)
    return True


def tip_county_changed(
    session: Session, tip: Tip, old_fips: str | None, *, actor: User
) -> list[Case]:
    """Bring the counties of every case holding ``tip`` in step with its new county.

    Called by :func:`correct_tip_county` after ``tip.county_fips`` changed
    from ``old_fips``. It is as if the tip were unlinked with its old county
    and linked again with its new one
    (tipline.cases.service): the new county is added as one from tips unless
    the case has it already; the old one goes only if it came from tips and
    no other linked tip is from there. Counties a reviewer added by hand, and
    every other county, stay as they are. Each change is one timeline line
    and one audit event, as on linking. Returns the cases that changed.
    """
    new_fips = tip.county_fips
    if new_fips == old_fips:
        return []
    changed = []
    for case in cases_for_tip(session, tip.id):
        rows = session.execute(
            select(case_counties.c.county_fips, case_counties.c.from_tips).where(
                case_counties.c.case_id == case.id
            )
        )
        have = {fips: bool(from_tips) for fips, from_tips in rows}
        touched = False
        if old_fips and have.get(old_fips) and not _other_tip_from(session, case, tip, old_fips):
            session.execute(
                delete(case_counties).where(
                    case_counties.c.case_id == case.id, case_counties.c.county_fips == old_fips
                )
            )
            happened(session, case, actor, "county_removed", value=old_fips)
            touched = True
        if new_fips and new_fips not in have:
            session.execute(
                insert(case_counties).values(case_id=case.id, county_fips=new_fips, from_tips=True)
            )
            happened(session, case, actor, "county_added", value=new_fips)
            touched = True
        if touched:
            changed.append(case)
    session.flush()
    return changed


def _other_tip_from(session: Session, case: Case, tip: Tip, fips: str) -> bool:
    """Whether a tip in ``case`` other than ``tip`` is from county ``fips``."""
    query = select(
        exists().where(
            and_(
                case_tips.c.case_id == case.id,
                case_tips.c.tip_id != tip.id,
                Tip.id == case_tips.c.tip_id,
                Tip.county_fips == fips,
            )
        )
    )
    return bool(session.scalar(query))


_SET_EVENTS = {
    "assign": ("assigned", "unassigned"),
    "tag": ("tag_added", "tag_removed"),
    "county": ("county_added", "county_removed"),
}


def _apply_set(
    session: Session,
    case: Case,
    actor: User,
    table: Table,
    column: str,
    added: list[str],
    removed: list[str],
    what: str,
) -> Change:
    add_kind, remove_kind = _SET_EVENTS[what]
    for value in removed:
        session.execute(delete(table).where(table.c.case_id == case.id, table.c[column] == value))
        _set_event(session, case, actor, remove_kind, column, value)
    for value in added:
        session.execute(insert(table).values(case_id=case.id, **{column: value}))
        _set_event(session, case, actor, add_kind, column, value)
    session.flush()
    return Change(added=tuple(added), removed=tuple(removed))


def _set_event(
    session: Session, case: Case, actor: User, kind: str, column: str, value: str
) -> None:
    if column == "user_id":
        happened(session, case, actor, kind, user_id=value)
    else:
        happened(session, case, actor, kind, value=value)
