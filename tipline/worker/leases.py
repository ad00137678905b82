"""Job rows, leases and outcomes (tipline.models.worker.WorkerJob).

Taking a lease is one conditional UPDATE: "set me as the owner where the job
is due and nobody holds a live lease". The database decides between
competing workers (PostgreSQL row locks, SQLite's single writer), so exactly
one of them sees a row count of 1. Finishing clears the lease only if it is
still ours, records the outcome and schedules the next run. Every function
commits, because a lease must be visible to other processes at once; they
run on a session of their own, never inside a job's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline.models.base import affected_rows
from tipline.models.worker import WorkerJob

SUMMARY_MAX = 255


def ensure_jobs(session: Session, schedule: dict[str, int], now: datetime) -> None:
    """Create missing job rows (due now); pull in runs a shorter schedule makes due sooner."""
    existing = set(session.scalars(select(WorkerJob.name)))
    for name in schedule:
        if name in existing:
            continue
        try:
            with session.begin_nested():
                session.add(WorkerJob(name=name, next_run_at=now))
        except IntegrityError:
            pass  # another worker created it first
    for name, seconds in schedule.items():
        if seconds:
            latest = now + timedelta(seconds=seconds)
            session.execute(
                update(WorkerJob)
                .where(WorkerJob.name == name, WorkerJob.next_run_at > latest)
                .values(next_run_at=latest)
            )
    session.commit()


def acquire(
    session: Session,
    name: str,
    owner: str,
    now: datetime,
    lease_seconds: int,
    *,
    force: bool = False,
) -> bool:
    """Take ``name``'s lease if it is due (or ``force``) and free; True if we got it."""
    conditions = [
        WorkerJob.name == name,
        or_(WorkerJob.lease_until.is_(None), WorkerJob.lease_until < now),
    ]
    if not force:
        conditions.append(WorkerJob.next_run_at <= now)
    result = session.execute(
        update(WorkerJob)
        .where(*conditions)
        .values(
            lease_owner=owner,
            lease_until=now + timedelta(seconds=lease_seconds),
            last_started_at=now,
        )
    )
    session.commit()
    return bool(affected_rows(result))


def finish(
    session: Session,
    name: str,
    owner: str,
    *,
    ok: bool,
    summary: str,
    now: datetime,
    next_run_at: datetime,
) -> bool:
    """Record the outcome and release the lease, if it is still ours; True if it was."""
    job = session.get(WorkerJob, name)
    failures = 0 if ok or job is None else job.failures + 1
    result = session.execute(
        update(WorkerJob)
        .where(WorkerJob.name == name, WorkerJob.lease_owner == owner)
        .values(
            lease_owner=None,
            lease_until=None,
            last_finished_at=now,
            last_ok=ok,
            last_summary=summary[:SUMMARY_MAX],
            failures=failures,
            next_run_at=next_run_at,
        )
    )
    session.commit()
    return bool(affected_rows(result))


def release(session: Session, names: Iterable[str], owner: str) -> None:
    """Give back any leases ``owner`` still holds (on a clean stop)."""
    session.execute(
        update(WorkerJob)
        .where(WorkerJob.name.in_(list(names)), WorkerJob.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )
    session.commit()


def states(session: Session) -> dict[str, WorkerJob]:
    """Every job row by name (the upkeep page and the doctor read them)."""
    return {job.name: job for job in session.scalars(select(WorkerJob))}
