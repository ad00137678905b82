"""The worker's jobs and their schedule.

Each job takes a :class:`JobContext` and returns a :class:`JobResult`: ok or
not, and one line with counts or error classes only (it is shown on the
admin page and logged). A job opens its own sessions and commits its own
work; it checks ``should_stop`` between batches so SIGTERM ends it cleanly.

The schedule is ``WORKER_SCHEDULE`` (seconds between runs, 0 for never)
merged over :data:`DEFAULT_SCHEDULE`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline import maintenance
from tipline.blobs import BlobStore
from tipline.db import Database, read_only
from tipline.models.base import utcnow
from tipline.models.notification import NotificationSubscription
from tipline.notify import activity, delivery
from tipline.notify.settings import MailSettings
from tipline.retention import policy, sweep

MINUTE, HOUR, DAY = 60, 3600, 86400

DEFAULT_SCHEDULE: dict[str, int] = {
    "notifications": MINUTE,
    "purge-sessions": 15 * MINUTE,
    "sweep-blobs": 6 * HOUR,
    "retention": DAY,
    "check": DAY,
}


@dataclass(frozen=True)
class JobResult:
    ok: bool
    summary: str


@dataclass(frozen=True)
class JobContext:
    config: Mapping[str, Any]
    database: Database
    store: BlobStore
    should_stop: Callable[[], bool]
    clock: Callable[[], datetime] = utcnow

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self.database.session()
        try:
            yield session
        finally:
            session.close()


def notifications(ctx: JobContext) -> JobResult:
    settings = MailSettings.from_config(ctx.config)
    timing = activity.Timing(ctx.config["NOTIFY_MIN_MINUTES"], ctx.config["NOTIFY_DIGEST_HOUR"])
    now = ctx.clock()
    with ctx.session() as session:
        activity.collect(session)
        if not settings.configured:
            session.commit()
            asked = session.scalar(select(func.count()).select_from(NotificationSubscription))
            if asked:
                return JobResult(
                    False,
                    f"{asked} reviewer(s) asked for email, but SMTP_HOST, MAIL_FROM "
                    "or REVIEW_URL is not set",
                )
            return JobResult(True, "email is not set up; nobody asked for it")
        queued = activity.enqueue(session, timing, now)
        session.commit()
        report = delivery.deliver(session, settings, ctx.config, now, should_stop=ctx.should_stop)
    summary = f"queued {queued}, sent {report.sent}"
    if report.failed:
        kinds = ", ".join(sorted(report.errors))
        return JobResult(False, f"{summary}, {report.failed} failed ({kinds}); will retry")
    return JobResult(True, summary)


def purge_sessions(ctx: JobContext) -> JobResult:
    with ctx.session() as session:
        purged = maintenance.purge_sessions(session, ctx.config)
        session.commit()
    return JobResult(True, f"purged {purged.review} review and {purged.source} source session(s)")


def sweep_blobs(ctx: JobContext) -> JobResult:
    grace = ctx.config["SWEEP_GRACE_HOURS"] * 3600
    with ctx.session() as session:
        read_only(session)  # a long listing must not hold SQLite's write lock
        found = maintenance.find_stale_blobs(session, ctx.store, grace)
    maintenance.delete_stale_blobs(found, ctx.store)
    return JobResult(
        True,
        f"deleted {len(found.partials)} partial file(s) and {len(found.orphans)} orphaned blob(s)",
    )


def retention(ctx: JobContext) -> JobResult:
    with ctx.session() as session:
        days = policy.days_by_policy(session, ctx.config)
        report = sweep.run(session, ctx.store, days, ctx.clock(), should_stop=ctx.should_stop)
    return JobResult(True, report.summary() + (" (stopped early)" if report.stopped else ""))


def check(ctx: JobContext) -> JobResult:
    with ctx.session() as session:
        read_only(session)  # it reads the whole audit log: no write lock meanwhile
        result = maintenance.check_instance(
            session, ctx.store, ctx.config["KEYS_DIR"], ctx.config.get("INSTANCE_SECRET")
        )
    if not result.ok:
        return JobResult(False, "; ".join(result.problems))
    counts = f"{result.audit_events} audit events, {result.referenced_blobs} blobs"
    summary = f"all checks passed ({counts})"
    if result.rotation != maintenance.NO_ROTATION:
        summary += f"; key rotation {result.rotation}"
    return JobResult(True, summary)


JOBS: dict[str, Callable[[JobContext], JobResult]] = {
    "notifications": notifications,
    "purge-sessions": purge_sessions,
    "sweep-blobs": sweep_blobs,
    "retention": retention,
    "check": check,
}


DESCRIPTIONS = {
    "notifications": "Emails reviewers who asked to be told about new activity.",
    "purge-sessions": "Deletes expired review and source sessions.",
    "sweep-blobs": "Deletes partial uploads and files no row refers to, once they are old.",
    "retention": "Deletes what the retention policies say is due.",
    "check": "Verifies the audit log, keys, database revision and files.",
}


def schedule(config: Mapping[str, Any]) -> dict[str, int]:
    """Seconds between runs for every job (0: never), in :data:`JOBS` order.

    The configuration was validated at load time (tipline.config names the
    jobs too); this only merges it over the defaults.
    """
    merged = {**DEFAULT_SCHEDULE, **dict(config.get("WORKER_SCHEDULE") or {})}
    return {name: int(merged.get(name, 0)) for name in JOBS}


def describe_interval(seconds: int) -> str:
    """ "every 15 minutes", "every 6 hours", "every day", "never"."""
    if seconds <= 0:
        return "never"
    for unit, name in ((DAY, "day"), (HOUR, "hour"), (MINUTE, "minute")):
        if seconds % unit == 0:
            count = seconds // unit
            return f"every {name}" if count == 1 else f"every {count} {name}s"
    return f"every {seconds} seconds"
