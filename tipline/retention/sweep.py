"""Find what the retention policies say is due, and delete it.

- ``spam``: tips whose status has been "spam" for more than N days;
- ``closed``: tips closed for more than N days, deleted with their files,
  conversation, summary, tags and case links;
- ``silent``: conversations whose last message is more than N days old;
  the messages, the files sent with them and the source's sessions go, the
  tip stays.

Nothing in a case that is not closed is touched by any policy: a lawyer
working a case decides about its evidence by hand. A status counts from
``Tip.status_changed_at`` (from ``received_hour`` for a tip that never
changed status), so a tip closed today is not deleted today.

:func:`find` lists candidates (the dry run prints them); :func:`delete_due`
locks one tip, checks again that it is still due (a reviewer may have
reopened it meanwhile) and deletes it, writing one audit event with counts.
:func:`run` is the loop for the command and the worker: it commits after
each batch and only then unlinks that batch's blobs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from tipline.blobs import BlobStore
from tipline.deletion.service import Deletion, delete_conversation, delete_tip, unlink_blobs
from tipline.models.base import utcnow
from tipline.models.case import Case, case_tips
from tipline.models.message import Message
from tipline.models.retention import RETENTION_POLICIES
from tipline.models.tip import Attachment, Tip

# Audit actions, one per policy; the actor is "system" (None).
ACTIONS = {
    "spam": "retention.spam",
    "closed": "retention.closed",
    "silent": "retention.conversation",
}
DEFAULT_BATCH = 50


@dataclass(frozen=True)
class Candidate:
    """A tip (or its conversation) that a policy says is due."""

    tip_id: str
    policy: str
    # When the tip was marked spam or closed, or the conversation's last message.
    since: datetime


def find(
    session: Session,
    days: Mapping[str, int | None],
    now: datetime | None = None,
    *,
    limit: int | None = None,
) -> list[Candidate]:
    """What is due under ``days`` (policy -> days or None), policy by policy."""
    now = now or utcnow()
    found: list[Candidate] = []
    taken: set[str] = set()
    for policy in RETENTION_POLICIES:
        if days.get(policy) is None:
            continue
        query = _query(policy, _cutoff(days, policy, now)).order_by("since")
        if limit is not None:
            query = query.limit(limit)
        for tip_id, since in session.execute(query):
            # A tip due as closed and as silent is deleted whole, once.
            if tip_id not in taken:
                taken.add(tip_id)
                found.append(Candidate(tip_id, policy, since))
    return found if limit is None else found[:limit]


def totals(session: Session, candidates: list[Candidate]) -> dict[str, dict[str, int]]:
    """Per policy: how many tips, files and messages the candidates hold."""
    result: dict[str, dict[str, int]] = {}
    for policy in RETENTION_POLICIES:
        ids = [c.tip_id for c in candidates if c.policy == policy]
        if not ids:
            continue
        files = select(func.count()).select_from(Attachment).where(Attachment.tip_id.in_(ids))
        if policy == "silent":
            files = files.where(Attachment.message_id.is_not(None))
        messages = select(func.count()).select_from(Message).where(Message.tip_id.in_(ids))
        result[policy] = {
            "tips": len(ids),
            "files": int(session.scalar(files) or 0),
            "messages": int(session.scalar(messages) or 0),
        }
    return result


def delete_due(
    session: Session, candidate: Candidate, days: Mapping[str, int | None], now: datetime
) -> Deletion | None:
    """Delete ``candidate`` if it is still due; None if it no longer is. Never commits."""
    if days.get(candidate.policy) is None:
        return None
    # Lock the tip first: a source's new message or a case link waits for us
    # (PostgreSQL), so the check below cannot go stale before the delete.
    tip = session.scalars(
        select(Tip).where(Tip.id == candidate.tip_id).with_for_update()
    ).one_or_none()
    if tip is None:
        return None
    query = _query(candidate.policy, _cutoff(days, candidate.policy, now))
    if session.execute(query.where(Tip.id == tip.id)).first() is None:
        return None
    action = ACTIONS[candidate.policy]
    if candidate.policy == "silent":
        return delete_conversation(session, tip, actor=None, action=action)
    return delete_tip(session, tip, actor=None, action=action)


@dataclass
class Report:
    """What a run deleted: per policy, the tips and the counts of rows."""

    tips: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    blobs: int = 0
    stopped: bool = False

    def add(self, policy: str, deletion: Deletion) -> None:
        self.tips[policy] = self.tips.get(policy, 0) + 1
        for name, count in deletion.counts.items():
            self.rows[name] = self.rows.get(name, 0) + count

    def summary(self) -> str:
        if not self.tips:
            return "nothing was due"
        parts = [f"{n} {policy}" for policy, n in self.tips.items()]
        return f"deleted {', '.join(parts)}; {self.blobs} file(s) unlinked"


def run(
    session: Session,
    store: BlobStore,
    days: Mapping[str, int | None],
    now: datetime | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    should_stop: Callable[[], bool] = lambda: False,
) -> Report:
    """Delete everything due, a batch per transaction; commits (it is a runner)."""
    now = now or utcnow()
    report = Report()
    while not should_stop():
        batch = find(session, days, now, limit=batch_size)
        if not batch:
            return report
        done = [(c.policy, d) for c in batch if (d := delete_due(session, c, days, now))]
        session.commit()
        for policy, deletion in done:
            report.add(policy, deletion)
            report.blobs += unlink_blobs(store, deletion.blob_ids)
        if not done:
            return report  # everything found had stopped being due
    report.stopped = True
    return report


def _cutoff(days: Mapping[str, int | None], policy: str, now: datetime) -> datetime:
    value = days[policy]
    assert value is not None
    return now - timedelta(days=value)


def _in_open_case() -> ColumnElement[bool]:
    return exists().where(
        case_tips.c.tip_id == Tip.id,
        Case.id == case_tips.c.case_id,
        Case.status != "closed",
    )


def _query(policy: str, cutoff: datetime) -> Select[str, datetime]:
    """``(tip id, since)`` of every tip due under ``policy`` at ``cutoff``."""
    if policy == "silent":
        last = func.max(Message.sent_at)
        return (
            select(Tip.id, last.label("since"))
            .join(Message, Message.tip_id == Tip.id)
            .where(~_in_open_case())
            .group_by(Tip.id)
            .having(last < cutoff)
        )
    since = func.coalesce(Tip.status_changed_at, Tip.received_hour)
    return select(Tip.id, since.label("since")).where(
        Tip.status == policy, since < cutoff, ~_in_open_case()
    )
