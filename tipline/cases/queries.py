"""Reading cases: the case list and its filters, a case's parts, cases of a tip.

Only clear columns are queried here (status, county codes, tag ids, user
ids, counts); titles are opened separately for the rows on screen
(tipline.cases.details.open_titles). Filters are parsed strictly, as the
inbox's are: a tampered link gets a clear message, never a server error.
The inbox's own "filter by case" lives with the other inbox filters
(tipline.tips.filters): tips never import cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases import CaseFilterError
from tipline.models.base import is_id
from tipline.models.case import (
    CASE_STATUSES,
    Case,
    case_assignees,
    case_counties,
    case_tags,
    case_tips,
)
from tipline.models.tag import Tag
from tipline.models.tip import Tip
from tipline.models.user import KEY_HOLDER_ROLES, User

PAGE_SIZE = 50
ME = "me"


def linked_tip_ids(session: Session, case: Case) -> list[str]:
    query = select(case_tips.c.tip_id).where(case_tips.c.case_id == case.id)
    return list(session.scalars(query))


def case_tip_rows(session: Session, case: Case) -> list[Tip]:
    """The case's tips, newest first."""
    query = (
        select(Tip)
        .join(case_tips, case_tips.c.tip_id == Tip.id)
        .where(case_tips.c.case_id == case.id)
        .order_by(Tip.received_hour.desc(), Tip.id.desc())
    )
    return list(session.scalars(query))


def assignee_ids(session: Session, case: Case) -> list[str]:
    query = select(case_assignees.c.user_id).where(case_assignees.c.case_id == case.id)
    return list(session.scalars(query))


def case_tag_ids(session: Session, case: Case) -> list[str]:
    query = select(case_tags.c.tag_id).where(case_tags.c.case_id == case.id)
    return list(session.scalars(query))


def case_county_codes(session: Session, case: Case) -> list[str]:
    query = select(case_counties.c.county_fips).where(case_counties.c.case_id == case.id)
    return sorted(session.scalars(query))


def county_codes_by_case(session: Session, case_ids: list[str]) -> dict[str, list[str]]:
    """Each case's county codes, sorted, in one query (every id gets a list)."""
    codes: dict[str, list[str]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return codes
    for case_id, fips in session.execute(
        select(case_counties.c.case_id, case_counties.c.county_fips)
        .where(case_counties.c.case_id.in_(case_ids))
        .order_by(case_counties.c.county_fips)
    ):
        codes[case_id].append(fips)
    return codes


def assignable_users(session: Session) -> list[User]:
    """Active reviewers and admins, by username: who can be put on a case."""
    query = (
        select(User)
        .where(User.role.in_(KEY_HOLDER_ROLES), User.disabled.is_(False))
        .order_by(User.username)
    )
    return list(session.scalars(query))


def cases_for_tip(session: Session, tip_id: str) -> list[Case]:
    """The cases a tip is in, most recently worked first."""
    query = (
        select(Case)
        .join(case_tips, case_tips.c.case_id == Case.id)
        .where(case_tips.c.tip_id == tip_id)
        .order_by(Case.updated_at.desc(), Case.id)
    )
    return list(session.scalars(query))


def active_cases(session: Session, limit: int = 200) -> list[Case]:
    """Cases a tip can be added to (all but closed), most recently worked first."""
    query = (
        select(Case)
        .where(Case.status != "closed")
        .order_by(Case.updated_at.desc(), Case.id)
        .limit(limit)
    )
    return list(session.scalars(query))


# -- the case list -------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilters:
    """What the case list shows; ``None`` means any."""

    status: str | None = None
    county: str | None = None
    tag_id: str | None = None
    assignee_id: str | None = None

    def to_args(self, user_id: str | None = None) -> dict[str, str]:
        args: dict[str, str] = {}
        if self.status:
            args["status"] = self.status
        if self.county:
            args["county"] = self.county
        if self.tag_id:
            args["tag"] = self.tag_id
        if self.assignee_id:
            args["assignee"] = ME if self.assignee_id == user_id else self.assignee_id
        return args


def parse_case_filters(session: Session, args: Mapping[str, str], user_id: str) -> CaseFilters:
    """Read the case-list filters; ``assignee=me`` means ``user_id``."""
    status = args.get("status", "")
    if status and status not in CASE_STATUSES:
        raise CaseFilterError("That case status does not exist.")
    county = args.get("county", "")
    if county and county not in counties.all_counties():
        raise CaseFilterError("That county is not known.")
    tag = args.get("tag", "")
    if tag and (not is_id(tag) or session.get(Tag, tag) is None):
        raise CaseFilterError("That topic does not exist.")
    assignee = args.get("assignee", "")
    if assignee == ME:
        assignee = user_id
    elif assignee and (not is_id(assignee) or session.get(User, assignee) is None):
        raise CaseFilterError("That person does not exist.")
    return CaseFilters(
        status=status or None,
        county=county or None,
        tag_id=tag or None,
        assignee_id=assignee or None,
    )


@dataclass
class CaseRow:
    case: Case
    tip_count: int
    county_codes: list[str]
    tags: list[Tag]
    assignees: list[str]  # usernames


@dataclass
class CaseListPage:
    rows: list[CaseRow]
    page: int
    has_more: bool


def _conditions(filters: CaseFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if filters.status:
        conds.append(Case.status == filters.status)
    if filters.county:
        conds.append(
            exists().where(
                case_counties.c.case_id == Case.id, case_counties.c.county_fips == filters.county
            )
        )
    if filters.tag_id:
        conds.append(
            exists().where(case_tags.c.case_id == Case.id, case_tags.c.tag_id == filters.tag_id)
        )
    if filters.assignee_id:
        conds.append(
            exists().where(
                case_assignees.c.case_id == Case.id,
                case_assignees.c.user_id == filters.assignee_id,
            )
        )
    return conds


def list_cases(
    session: Session, filters: CaseFilters, page: int = 1, page_size: int = PAGE_SIZE
) -> CaseListPage:
    """One page of matching cases, most recently worked first, with their parts."""
    page = max(page, 1)
    query = (
        select(Case)
        .where(*_conditions(filters))
        .order_by(Case.updated_at.desc(), Case.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    )
    found = list(session.scalars(query))
    cases = found[:page_size]
    ids = [case.id for case in cases]
    return CaseListPage(rows=_rows(session, cases, ids), page=page, has_more=len(found) > page_size)


def _rows(session: Session, cases: list[Case], ids: list[str]) -> list[CaseRow]:
    if not ids:
        return []
    counted = session.execute(
        select(case_tips.c.case_id, func.count())
        .where(case_tips.c.case_id.in_(ids))
        .group_by(case_tips.c.case_id)
    )
    counts = {case_id: int(count) for case_id, count in counted}
    county_map = county_codes_by_case(session, ids)
    tag_map: dict[str, list[Tag]] = {i: [] for i in ids}
    for case_id, tag in session.execute(
        select(case_tags.c.case_id, Tag)
        .join(Tag, Tag.id == case_tags.c.tag_id)
        .where(case_tags.c.case_id.in_(ids))
        .order_by(Tag.name_key)
    ):
        tag_map[case_id].append(tag)
    people: dict[str, list[str]] = {i: [] for i in ids}
    for case_id, username in session.execute(
        select(case_assignees.c.case_id, User.username)
        .join(User, User.id == case_assignees.c.user_id)
        .where(case_assignees.c.case_id.in_(ids))
        .order_by(User.username)
    ):
        people[case_id].append(username)
    return [
        CaseRow(
            case=case,
            tip_count=int(counts.get(case.id, 0)),
            county_codes=county_map[case.id],
            tags=tag_map[case.id],
            assignees=people[case.id],
        )
        for case in cases
    ]
