"""Sending queued mail over one SMTP connection, with retries and back-off.

Each due :class:`~tipline.models.notification.OutgoingMail` row is first
*claimed* with a conditional UPDATE that pushes its next attempt into the
future, and committed, so two workers (say, one whose lease ran out) never
send the same mail twice. Then one connection sends them all; a sent row is
deleted at once (and committed), a failed one records its attempt, the kind
of error and the next try: 1 minute, 2, 4... up to 6 hours, given up after
``NOTIFY_MAX_ATTEMPTS``. If the server cannot be reached at all, every
claimed row records that one failure.

Logs name counts and kinds of error, never an address. The address is
opened from its sealed column only to hand it to the SMTP library. No
database transaction is open while the mail server is talked to, so a slow
server holds no lock (on SQLite, the write lock every submission needs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tipline.crypto.secretbox import SecretBoxError
from tipline.models.base import affected_rows
from tipline.models.notification import NotificationSubscription, OutgoingMail
from tipline.models.user import KEY_HOLDER_ROLES, User
from tipline.notify import MailError, mail, smtp
from tipline.notify.settings import MailSettings
from tipline.notify.subscriptions import open_address

log = logging.getLogger(__name__)

BATCH = 100
CLAIM = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=6)
# Given-up mail is kept this long for the admin page, then forgotten.
KEEP_GIVEN_UP = timedelta(days=7)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dropped: int = 0  # the reviewer stopped notifications or lost access meanwhile
    errors: dict[str, int] = field(default_factory=dict)

    def fail(self, kind: str) -> None:
        self.failed += 1
        self.errors[kind] = self.errors.get(kind, 0) + 1


def backoff(attempts: int) -> timedelta:
    """1 minute after the first failure, doubling, at most 6 hours."""
    return min(MAX_BACKOFF, timedelta(minutes=1) * (1 << min(attempts - 1, 16)))


def deliver(
    session: Session,
    settings: MailSettings,
    config: Mapping[str, Any],
    now: datetime,
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> DeliveryReport:
    """Send what is due; commits after each message (it is a runner, like the worker)."""
    report = DeliveryReport()
    _forget_given_up(session, now)
    claimed = _claim(session, now)
    if not claimed:
        return report
    addresses = {row.id: _address(session, config, row) for row in claimed}
    # No transaction may stay open while we talk to the mail server: on
    # SQLite it would hold the write lock the intake needs for every tip.
    session.commit()
    try:
        with smtp.connect(settings) as connection:
            for index, row in enumerate(claimed):
                if should_stop():
                    _release(session, claimed[index:], now)
                    session.commit()
                    break
                address = addresses[row.id]
                if address is None:
                    session.delete(row)
                    report.dropped += 1
                else:
                    assert settings.sender is not None and settings.review_url is not None
                    message = mail.build(settings.sender, address, settings.review_url)
                    try:
                        smtp.send(connection, message)
                    except MailError as exc:
                        _failed(session, row, exc.kind, now, config, report)
                    else:
                        session.delete(row)
                        report.sent += 1
                session.commit()
    except MailError as exc:
        # Only connecting or logging in raises out of the block (a failed
        # send is handled above), so no row was tried: each one failed.
        for row in claimed:
            _failed(session, row, exc.kind, now, config, report)
        session.commit()
    if report.failed:
        log.warning(
            "notification delivery: %d failed (%s); %d sent",
            report.failed,
            ", ".join(f"{kind}: {n}" for kind, n in sorted(report.errors.items())),
            report.sent,
        )
    return report


def _claim(session: Session, now: datetime) -> list[OutgoingMail]:
    due = session.scalars(
        select(OutgoingMail.id)
        .where(OutgoingMail.gave_up.is_(False), OutgoingMail.next_attempt_at <= now)
        .order_by(OutgoingMail.created_at)
        .limit(BATCH)
    ).all()
    mine = []
    for mail_id in due:
        result = session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.id == mail_id, OutgoingMail.next_attempt_at <= now)
            .values(next_attempt_at=now + CLAIM)
        )
        if affected_rows(result):
            mine.append(mail_id)
    session.commit()
    return list(session.scalars(select(OutgoingMail).where(OutgoingMail.id.in_(mine))))


def _release(session: Session, rows: list[OutgoingMail], now: datetime) -> None:
    for row in rows:
        if row in session:
            row.next_attempt_at = now


def _address(session: Session, config: Mapping[str, Any], row: OutgoingMail) -> str | None:
    subscription = session.get(NotificationSubscription, row.user_id)
    user = session.get(User, row.user_id)
    if subscription is None or user is None or user.disabled or user.role not in KEY_HOLDER_ROLES:
        return None
    try:
        return open_address(subscription.email_sealed, config, row.user_id)
    except SecretBoxError:
        return None


def _failed(
    session: Session,
    row: OutgoingMail,
    kind: str,
    now: datetime,
    config: Mapping[str, Any],
    report: DeliveryReport,
) -> None:
    row.attempts += 1
    row.last_error = kind[:64]
    row.next_attempt_at = now + backoff(row.attempts)
    row.gave_up = row.attempts >= int(config["NOTIFY_MAX_ATTEMPTS"])
    report.fail(kind)


def _forget_given_up(session: Session, now: datetime) -> None:
    session.execute(
        delete(OutgoingMail).where(
            OutgoingMail.gave_up.is_(True), OutgoingMail.created_at < now - KEEP_GIVEN_UP
        )
    )
    session.commit()


@dataclass(frozen=True)
class QueueStatus:
    """What the admin page shows about notification mail (counts, one error kind)."""

    subscribers: int
    waiting: int
    retrying: int
    given_up: int
    last_error: str | None


def queue_status(session: Session) -> QueueStatus:
    rows = session.scalars(select(OutgoingMail).order_by(OutgoingMail.next_attempt_at)).all()
    failing = [row for row in rows if row.attempts]
    subscribers = len(session.scalars(select(NotificationSubscription.user_id)).all())
    return QueueStatus(
        subscribers=subscribers,
        waiting=len(rows) - len(failing),
        retrying=sum(1 for row in failing if not row.gave_up),
        given_up=sum(1 for row in failing if row.gave_up),
        last_error=failing[-1].last_error if failing else None,
    )
