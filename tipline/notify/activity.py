"""Noticing new activity, and queueing one mail per reviewer who is due one.

:func:`collect` marks every tip and message not yet looked at as notified,
in two UPDATEs, and if any tip or *source* message was among them, flags
every subscription as pending. Nothing records what or when: a pending flag
says only "something since your last mail". Replies written by reviewers
are marked too, but are not news to anyone.

:func:`enqueue` turns pending flags into queued mail: "immediate"
subscribers get one once ``NOTIFY_MIN_MINUTES`` have passed since their
last, "daily" ones at most one a day, from ``NOTIFY_DIGEST_HOUR`` (UTC) on.
Disabled accounts and organizers get nothing. Neither function commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tipline.models.base import affected_rows
from tipline.models.message import SOURCE, Message
from tipline.models.notification import NotificationSubscription, OutgoingMail
from tipline.models.tip import Tip
from tipline.models.user import KEY_HOLDER_ROLES, User


@dataclass(frozen=True)
class Timing:
    min_minutes: int
    digest_hour: int


def collect(session: Session) -> bool:
    """Mark new rows as seen by the notifier; True if a tip or source message was new."""
    tips = session.execute(update(Tip).where(Tip.notified.is_(False)).values(notified=True))
    from_sources = session.execute(
        update(Message)
        .where(Message.notified.is_(False), Message.author == SOURCE)
        .values(notified=True)
    )
    session.execute(update(Message).where(Message.notified.is_(False)).values(notified=True))
    new = bool(affected_rows(tips) or affected_rows(from_sources))
    if new:
        session.execute(update(NotificationSubscription).values(pending=True))
    return new


def enqueue(session: Session, timing: Timing, now: datetime) -> int:
    """Queue a mail for every pending subscriber who is due one; return how many."""
    rows = session.scalars(
        select(NotificationSubscription)
        .join(User, User.id == NotificationSubscription.user_id)
        .where(
            NotificationSubscription.pending.is_(True),
            User.disabled.is_(False),
            User.role.in_(KEY_HOLDER_ROLES),
        )
    )
    queued = 0
    for row in rows:
        if not _due(row, timing, now):
            continue
        session.add(OutgoingMail(user_id=row.user_id, created_at=now, next_attempt_at=now))
        row.pending, row.last_queued_at = False, now
        queued += 1
    session.flush()
    return queued


def _due(row: NotificationSubscription, timing: Timing, now: datetime) -> bool:
    last = row.last_queued_at
    if row.mode == "daily":
        return now.hour >= timing.digest_hour and (last is None or last.date() < now.date())
    return last is None or now - last >= timedelta(minutes=timing.min_minutes)
