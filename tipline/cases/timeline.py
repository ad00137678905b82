"""A case's timeline: written with every change, read as plain sentences.

Every service in tipline.cases.service ends in :func:`happened`, which adds a
:class:`~tipline.models.case.CaseEvent` *and* the matching audit event in the
same transaction. The timeline is the lawyers' working history of the case;
the audit log is the tamper-evident record of who did what (hash-chained,
tipline.audit). Both hold ids and codes only, never anything anyone wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline import audit, counties
from tipline.accounts.service import usernames
from tipline.cases import CASE_STATUS_LABELS
from tipline.models.base import utcnow
from tipline.models.case import Case, CaseEvent
from tipline.models.tag import Tag
from tipline.models.user import User

# Timeline kind -> audit action (DESIGN.md: every reviewer action is audited).
AUDIT_ACTIONS = {
    "created": "case.create",
    "edited": "case.edit",
    "linked": "case.link",
    "unlinked": "case.unlink",
    "status": "case.status",
    "assigned": "case.assign",
    "unassigned": "case.assign",
    "tag_added": "case.tag",
    "tag_removed": "case.tag",
    "county_added": "case.county",
    "county_removed": "case.county",
    "note": "case.note",
}
EVENT_KINDS = tuple(AUDIT_ACTIONS)


def happened(
    session: Session,
    case: Case,
    actor: User | None,
    kind: str,
    *,
    tip_id: str | None = None,
    user_id: str | None = None,
    value: str | None = None,
    previous: str | None = None,
) -> CaseEvent:
    """Record one change: a timeline line, an audit event, the case's ``updated_at``."""
    if kind not in AUDIT_ACTIONS:
        raise ValueError(f"unknown case event kind {kind!r}")
    now = utcnow()
    event = CaseEvent(
        case_id=case.id,
        at=now,
        actor_id=actor.id if actor is not None else None,
        kind=kind,
        tip_id=tip_id,
        user_id=user_id,
        value=value,
        previous=previous,
    )
    session.add(event)
    case.updated_at = now
    audit.record(
        session, actor=actor, action=AUDIT_ACTIONS[kind], object_type="case", object_id=case.id
    )
    return event


@dataclass(frozen=True)
class TimelineEntry:
    """One event, ready to show (the template escapes ``text``)."""

    at: datetime
    actor: str
    kind: str
    text: str
    tip_id: str | None = None


def _tag_names(session: Session, events: list[CaseEvent]) -> dict[str, str]:
    wanted = {e.value for e in events if e.kind.startswith("tag_") and e.value}
    if not wanted:
        return {}
    rows = session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(wanted)))
    return {tag_id: name for tag_id, name in rows}


def _status(code: str | None) -> str:
    return CASE_STATUS_LABELS.get(code or "", code or "?")


def _describe(event: CaseEvent, users: dict[str, str], tags: dict[str, str]) -> str:
    subject = users.get(event.user_id or "", "a removed account")
    tag = tags.get(event.value or "", "a deleted tag")
    short_tip = (event.tip_id or "")[:8]
    texts = {
        "created": "created the case",
        "edited": "edited the title, summary or people list",
        "linked": f"linked tip {short_tip}",
        "unlinked": f"removed tip {short_tip}",
        "status": f"changed the status from {_status(event.previous)} to {_status(event.value)}",
        "assigned": f"assigned {subject}",
        "unassigned": f"unassigned {subject}",
        "tag_added": f"added the topic {tag}",
        "tag_removed": f"removed the topic {tag}",
        "county_added": f"added {counties.name(event.value)}",
        "county_removed": f"removed {counties.name(event.value)}",
        "note": "added a note",
    }
    return texts.get(event.kind, event.kind)


def timeline(session: Session, case: Case) -> list[TimelineEntry]:
    """Everything that happened on ``case``, oldest first."""
    events = list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
        )
    )
    users = usernames(session, [e.actor_id for e in events] + [e.user_id for e in events])
    tags = _tag_names(session, events)
    return [
        TimelineEntry(
            at=event.at,
            actor=users.get(event.actor_id or "", "someone"),
            kind=event.kind,
            text=_describe(event, users, tags),
            tip_id=event.tip_id,
        )
        for event in events
    ]
