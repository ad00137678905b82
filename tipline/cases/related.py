"""Suggestions on a tip's page: other tips and cases it may belong with.

Single tips become evidence once they are put together, so the tip page
suggests what to put together, from clear columns only (nothing is
decrypted to decide it):

- the same county (weight 2);
- a shared topic tag (weight 2 per tag);
- an overlapping time window: received within :data:`WINDOW` of each other
  (weight 1). Time alone is too weak on a busy line (every tip of the same
  fortnight would qualify), so it ranks suggestions but never makes one: a
  suggestion needs a county or a tag in common (score >= :data:`MIN_SCORE`).

"The same source" is not a criterion: each submission gets its own receipt
phrase and ``source_lookup``, and a source's follow-ups land on the same tip,
so the data model deliberately holds nothing that links two tips to one
person. Candidates come from bounded index range scans (nearest in time
first), so suggestions stay cheap at 100k tips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipline.models.case import Case, case_counties, case_tags, case_tips
from tipline.models.tag import Tag, tip_tags
from tipline.models.tip import Tip
from tipline.tips.tags import tags_for_tips

WINDOW = timedelta(days=14)
MIN_SCORE = 2
# Per side (older, newer) and per criterion.
CANDIDATES = 40
HIDDEN_STATUSES = ("spam",)


@dataclass(frozen=True)
class RelatedTip:
    tip: Tip
    same_county: bool
    near_in_time: bool
    shared_tags: tuple[Tag, ...]

    @property
    def score(self) -> int:
        return 2 * self.same_county + 2 * len(self.shared_tags) + self.near_in_time

    @property
    def reasons(self) -> list[str]:
        reasons = ["same county"] if self.same_county else []
        reasons += [f"topic: {tag.name}" for tag in self.shared_tags]
        if self.near_in_time:
            reasons.append(f"received within {WINDOW.days} days")
        return reasons


@dataclass(frozen=True)
class RelatedCase:
    case: Case
    related_tips: int  # how many of the suggested tips it already holds
    same_county: bool
    shared_tags: tuple[Tag, ...]

    @property
    def score(self) -> int:
        return 2 * self.related_tips + 2 * self.same_county + 2 * len(self.shared_tags)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.related_tips:
            plural = "s" if self.related_tips > 1 else ""
            reasons.append(f"holds {self.related_tips} related tip{plural}")
        if self.same_county:
            reasons.append("same county")
        reasons += [f"topic: {tag.name}" for tag in self.shared_tags]
        return reasons


def _nearest(
    query: Select[str],
    hour: datetime,
    column: ColumnElement[datetime] | InstrumentedAttribute[datetime],
) -> list[Select[str]]:
    """The same query twice: nearest older and nearest newer rows first."""
    return [
        query.where(column <= hour).order_by(column.desc()).limit(CANDIDATES),
        query.where(column >= hour).order_by(column.asc()).limit(CANDIDATES),
    ]


def _candidate_ids(session: Session, tip: Tip, tag_ids: list[str]) -> set[str]:
    queries: list[Select[str]] = []
    if tip.county_fips:
        by_county = select(Tip.id).where(Tip.county_fips == tip.county_fips)
        queries += _nearest(by_county, tip.received_hour, Tip.received_hour)
    for tag_id in tag_ids:
        by_tag = select(tip_tags.c.tip_id).where(tip_tags.c.tag_id == tag_id)
        queries += _nearest(by_tag, tip.received_hour, tip_tags.c.received_hour)
    found: set[str] = set()
    for query in queries:
        found.update(session.scalars(query))
    found.discard(tip.id)
    return found


def _distance(a: datetime, b: datetime) -> timedelta:
    return abs(a - b)


def related_tips(session: Session, tip: Tip, *, limit: int = 10) -> list[RelatedTip]:
    """Up to ``limit`` tips that share a county or a topic with ``tip``, best first."""
    own_tags = tags_for_tips(session, [tip.id])[tip.id]
    own_ids = {tag.id for tag in own_tags}
    ids = _candidate_ids(session, tip, sorted(own_ids))
    if not ids:
        return []
    candidates = session.scalars(
        select(Tip).where(Tip.id.in_(ids), Tip.status.not_in(HIDDEN_STATUSES))
    )
    their_tags = tags_for_tips(session, ids)
    suggestions = []
    for other in candidates:
        suggestion = RelatedTip(
            tip=other,
            same_county=bool(tip.county_fips) and other.county_fips == tip.county_fips,
            near_in_time=_distance(other.received_hour, tip.received_hour) <= WINDOW,
            shared_tags=tuple(t for t in their_tags[other.id] if t.id in own_ids),
        )
        if suggestion.score >= MIN_SCORE:
            suggestions.append(suggestion)
    suggestions.sort(
        key=lambda s: (-s.score, _distance(s.tip.received_hour, tip.received_hour), s.tip.id)
    )
    return suggestions[:limit]


def related_cases(
    session: Session, tip: Tip, related: Sequence[RelatedTip], *, limit: int = 5
) -> list[RelatedCase]:
    """Cases ``tip`` is not in yet that hold related tips or share its county or topics."""
    own = set(session.scalars(select(case_tips.c.case_id).where(case_tips.c.tip_id == tip.id)))
    holds: dict[str, int] = {}
    related_ids = [r.tip.id for r in related]
    if related_ids:
        rows = session.scalars(
            select(case_tips.c.case_id).where(case_tips.c.tip_id.in_(related_ids))
        )
        for case_id in rows:
            holds[case_id] = holds.get(case_id, 0) + 1
    own_tags = tags_for_tips(session, [tip.id])[tip.id]
    by_county: set[str] = set()
    if tip.county_fips:
        by_county = set(
            session.scalars(
                select(case_counties.c.case_id)
                .where(case_counties.c.county_fips == tip.county_fips)
                .limit(CANDIDATES)
            )
        )
    shared: dict[str, list[Tag]] = {}
    if own_tags:
        tags_by_id = {tag.id: tag for tag in own_tags}
        rows2 = session.execute(
            select(case_tags.c.case_id, case_tags.c.tag_id)
            .where(case_tags.c.tag_id.in_(tags_by_id))
            .limit(CANDIDATES * len(tags_by_id))
        )
        for case_id, tag_id in rows2:
            shared.setdefault(case_id, []).append(tags_by_id[tag_id])
    ids = (set(holds) | by_county | set(shared)) - own
    if not ids:
        return []
    cases = session.scalars(select(Case).where(Case.id.in_(ids)))
    suggestions = [
        RelatedCase(
            case=case,
            related_tips=holds.get(case.id, 0),
            same_county=case.id in by_county,
            shared_tags=tuple(sorted(shared.get(case.id, []), key=lambda t: t.name_key)),
        )
        for case in cases
    ]
    # Best score first; among equals, open cases and recently worked ones.
    suggestions.sort(key=lambda s: (s.case.updated_at, s.case.id), reverse=True)
    suggestions.sort(key=lambda s: (-s.score, s.case.status == "closed"))
    return suggestions[:limit]
