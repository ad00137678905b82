"""What organizers get: approved summaries with filters, and the aggregate figures.

Only clear columns are read here - the approved text, county codes, months,
tag names, case statuses - never a sealed value, so the organizer pages work
without the organization key (organizers never hold it). Drafts never leave
this module: every summary query is pinned to ``status == "approved"``.

Filters (parsed strictly, like the inbox's: a tampered link gets a message,
never a server error): ``county`` (a county of the instance, or ``other``),
``month`` (``YYYY-MM`` the tip arrived or the case was opened), ``tag`` (a
tag id) and ``case_status`` (which keeps case summaries only).

A case can span several counties: it matches a filter on any of them, and
its county name in an export lists them all.

The figures (:func:`figures`) always count *every* tip that is not spam,
whatever the filters: counts of overlapping selections could be subtracted
from each other to reveal the small counts that suppression hides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases.queries import county_codes_by_case
from tipline.export.aggregate import OTHER, Aggregates, TipFacts, aggregate, check_month, month_of
from tipline.export.rendering.formats import ExportSummary
from tipline.export.summaries.drafts import SummaryError
from tipline.models.base import is_id
from tipline.models.case import CASE_STATUSES, Case, case_counties, case_tags
from tipline.models.summary import Summary
from tipline.models.tag import Tag, tip_tags
from tipline.models.tip import Tip


class SummaryFilterError(SummaryError):
    """A filter value is not understood."""


@dataclass(frozen=True)
class SummaryFilters:
    """Which approved summaries to show or export; ``None`` means any."""

    county: str | None = None  # FIPS, or "other"
    month: str | None = None
    tag_id: str | None = None
    case_status: str | None = None

    def to_args(self) -> dict[str, str]:
        pairs = {
            "county": self.county,
            "month": self.month,
            "tag": self.tag_id,
            "case_status": self.case_status,
        }
        return {key: value for key, value in pairs.items() if value}


def parse_filters(
    session: Session, args: Mapping[str, str], states: Sequence[str]
) -> SummaryFilters:
    county = args.get("county", "")
    if county and county != OTHER and not counties.is_valid(county, states):
        raise SummaryFilterError("That county is not one of this tip line's counties.")
    month = args.get("month", "")
    if month:
        try:
            check_month(month)
        except ValueError as exc:
            raise SummaryFilterError("Months look like 2025-03.") from exc
    tag = args.get("tag", "")
    if tag and (not is_id(tag) or session.get(Tag, tag) is None):
        raise SummaryFilterError("That topic does not exist.")
    status = args.get("case_status", "")
    if status and status not in CASE_STATUSES:
        raise SummaryFilterError("That case status does not exist.")
    return SummaryFilters(county or None, month or None, tag or None, status or None)


def _month_bounds(month: str) -> tuple[datetime, datetime]:
    year, number = map(int, month.split("-"))
    start = datetime(year, number, 1)
    end = datetime(year + 1, 1, 1) if number == 12 else datetime(year, number + 1, 1)
    return start, end


def _conditions(filters: SummaryFilters, states: Sequence[str]) -> list[ColumnElement[bool]]:
    is_tip, is_case = Summary.scope == "tip", Summary.scope == "case"
    conds: list[ColumnElement[bool]] = [Summary.status == "approved"]
    if filters.county == OTHER:
        wanted = [c.fips for c in counties.counties_for(states)]
        conds.append(
            or_(
                and_(is_tip, or_(Tip.county_fips.is_(None), Tip.county_fips.not_in(wanted))),
                and_(is_case, not_(exists().where(case_counties.c.case_id == Summary.case_id))),
            )
        )
    elif filters.county:
        conds.append(
            or_(
                and_(is_tip, Tip.county_fips == filters.county),
                and_(
                    is_case,
                    exists().where(
                        case_counties.c.case_id == Summary.case_id,
                        case_counties.c.county_fips == filters.county,
                    ),
                ),
            )
        )
    if filters.month:
        start, end = _month_bounds(filters.month)
        conds.append(
            or_(
                and_(is_tip, Tip.received_hour >= start, Tip.received_hour < end),
                and_(is_case, Case.created_at >= start, Case.created_at < end),
            )
        )
    if filters.tag_id:
        conds.append(
            or_(
                and_(
                    is_tip,
                    exists().where(
                        tip_tags.c.tip_id == Summary.tip_id, tip_tags.c.tag_id == filters.tag_id
                    ),
                ),
                and_(
                    is_case,
                    exists().where(
                        case_tags.c.case_id == Summary.case_id, case_tags.c.tag_id == filters.tag_id
                    ),
                ),
            )
        )
    if filters.case_status:
        conds.append(and_(is_case, Case.status == filters.case_status))
    return conds


def _query(filters: SummaryFilters, states: Sequence[str]) -> Select[Summary, Tip, Case]:
    return (
        select(Summary, Tip, Case)
        .outerjoin(Tip, Tip.id == Summary.tip_id)
        .outerjoin(Case, Case.id == Summary.case_id)
        .where(*_conditions(filters, states))
    )


def count_approved(session: Session, filters: SummaryFilters, states: Sequence[str]) -> int:
    query = _query(filters, states).with_only_columns(func.count(Summary.id))
    return int(session.scalar(query) or 0)


def approved_summaries(
    session: Session,
    filters: SummaryFilters,
    states: Sequence[str],
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[ExportSummary]:
    """Matching approved summaries, newest tip or case first, as export rows."""
    moment = func.coalesce(Tip.received_hour, Case.created_at)
    query = _query(filters, states).order_by(moment.desc(), Summary.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    tip_ids = [tip.id for _, tip, _ in rows if tip is not None]
    case_ids = [case.id for _, _, case in rows if case is not None]
    tags = _names(session, tip_tags.c.tip_id, tip_ids, tip_tags.c.tag_id)
    tags.update(_names(session, case_tags.c.case_id, case_ids, case_tags.c.tag_id))
    case_fips = county_codes_by_case(session, case_ids)
    return [_row(s, tip, case, tags, case_fips) for s, tip, case in rows]


def _names(
    session: Session, owner: ColumnElement[str], ids: list[str], tag_id: ColumnElement[str]
) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        query = select(owner, Tag.name).join(Tag, Tag.id == tag_id).where(owner.in_(ids))
        for key, name in session.execute(query.order_by(Tag.name_key)):
            # ";" separates tags in CSV cells; an admin's tag name may hold one.
            found[key].append(name.replace(";", ","))
    return {key: tuple(names) for key, names in found.items()}


def _row(
    summary: Summary,
    tip: Tip | None,
    case: Case | None,
    tags: dict[str, tuple[str, ...]],
    case_fips: dict[str, list[str]],
) -> ExportSummary:
    assert summary.approved_text is not None and summary.approved_month is not None
    if tip is not None:
        fips, name, month, status = tip.county_fips, "", month_of(tip.received_hour), None
        target_tags = tags.get(tip.id, ())
    else:
        assert case is not None
        codes = case_fips.get(case.id, [])
        fips = codes[0] if len(codes) == 1 else None
        name = "; ".join(counties.name(code) for code in codes) if len(codes) > 1 else ""
        month, status, target_tags = month_of(case.created_at), case.status, tags.get(case.id, ())
    return ExportSummary(
        summary_id=summary.id,
        scope="tip" if tip is not None else "case",
        county_fips=fips,
        county_name=name,
        month=month,
        summary_text=summary.approved_text,
        approved_month=summary.approved_month,
        tags=target_tags,
        case_status=status,
    )


def tip_facts(session: Session) -> list[TipFacts]:
    """County, month and tag names of every tip not marked spam (clear columns only)."""
    not_spam = Tip.status != "spam"
    tag_rows = session.execute(
        select(tip_tags.c.tip_id, Tag.name)
        .join(Tag, Tag.id == tip_tags.c.tag_id)
        .join(Tip, Tip.id == tip_tags.c.tip_id)
        .where(not_spam)
    )
    names: dict[str, list[str]] = {}
    for tip_id, name in tag_rows:
        names.setdefault(tip_id, []).append(name)
    rows = session.execute(select(Tip.id, Tip.county_fips, Tip.received_hour).where(not_spam))
    return [
        TipFacts(county_fips=fips, month=month_of(hour), tags=tuple(names.get(tip_id, ())))
        for tip_id, fips, hour in rows
    ]


def figures(session: Session, states: Sequence[str], threshold: int) -> Aggregates:
    """Suppressed counts by county, month and tag over every tip that is not spam."""
    wanted = [c.fips for c in counties.counties_for(states)]
    return aggregate(tip_facts(session), counties=wanted, threshold=threshold)
