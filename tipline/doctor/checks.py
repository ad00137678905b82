"""Every check ``tipline doctor`` runs, in order, and the ones that need the database.

:func:`system_checks` look at files, sockets and configuration only (and
the key folder's record of a rotation in progress);
:func:`database_checks` read the database (the mail opt-ins, the newest
backup in the audit log, the clock, the worker's jobs). The command runs
the first list even when the database cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.doctor import Finding, fail, ok, skip, warn
from tipline.doctor.clock import check_clock, kernel_synchronized
from tipline.doctor.files import private_paths
from tipline.doctor.logs import check_access_logs
from tipline.doctor.network import check_review_exposure
from tipline.key_folder import RECIPIENTS_FILE, KeysError
from tipline.models.audit import AuditEvent
from tipline.models.base import utcnow
from tipline.models.notification import NotificationSubscription
from tipline.notify import MailError, smtp
from tipline.notify.settings import MailSettings
from tipline.rotation import state as rotation_state
from tipline.worker import jobs, leases

BACKUP_ACTION = "backup.created"
MAIL_FIXES = {
    "authentication": "check SMTP_USERNAME and the password in {env}",
    "certificate not trusted": "use the server's real name in SMTP_HOST, or set SMTP_CA_FILE",
    "connection": "check SMTP_HOST and SMTP_PORT, and that this machine may reach them",
    "timeout": "check SMTP_HOST and SMTP_PORT, and the firewall",
}


@dataclass(frozen=True)
class Environment:
    """Where the checks look; tests point these elsewhere."""

    proc: Path = Path("/proc")
    etc: Path = Path("/etc")
    synchronized: Callable[[], bool | None] = kernel_synchronized
    mail_check: Callable[[MailSettings], None] = smtp.check
    now: Callable[[], datetime] = utcnow


def system_checks(config: Mapping[str, Any], env: Environment) -> list[Finding]:
    return [
        private_paths(
            "key permissions",
            Path(config["KEYS_DIR"]),
            public=(RECIPIENTS_FILE, "README.md"),
            public_root=True,
        ),
        private_paths(
            "instance permissions",
            Path(config["INSTANCE_PATH"]),
            _outside_instance(config),
            public=("README.md",),
        ),
        check_review_exposure(str(config["REVIEW_BIND"]), env.proc),
        check_access_logs(env.proc, env.etc),
        check_rotation(Path(config["KEYS_DIR"]), env.now()),
    ]


def check_rotation(keys_dir: Path, now: datetime) -> Finding:
    """A key rotation in progress is worth a look; one left interrupted is a failure."""
    name = "key rotation"
    fix = "run 'tipline keys rotate' again with the same passphrases (docs/operations.md)"
    try:
        current = rotation_state.status(keys_dir)
    except KeysError as exc:
        return fail(name, f"{' '.join(str(exc).split())}.", fix)
    if current is None:
        return ok(name, "none in progress")
    if current.stalled(now):
        return fail(name, f"{current.describe(now)}.", fix)
    return warn(name, f"{current.describe(now)}.", "let it finish")


def database_checks(session: Session, config: Mapping[str, Any], env: Environment) -> list[Finding]:
    now = env.now()
    return [
        check_mail(session, config, env),
        check_backup(session, config, now),
        check_clock(
            now,
            synchronized=env.synchronized(),
            database_now=_database_now(session),
            newest_event=session.scalar(select(func.max(AuditEvent.at))),
        ),
        check_worker(session, config, now),
    ]


def _outside_instance(config: Mapping[str, Any]) -> list[Path]:
    """The SQLite database and the blob store, when they are kept elsewhere."""
    instance = Path(config["INSTANCE_PATH"]).resolve()
    paths = [Path(config["BLOB_DIR"])]
    url = str(config["DATABASE_URL"])
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///"))
        paths += [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    return [p for p in paths if not p.resolve().is_relative_to(instance)]


def check_mail(session: Session, config: Mapping[str, Any], env: Environment) -> Finding:
    name = "mail"
    settings = MailSettings.from_config(config)
    asked = int(session.scalar(select(func.count()).select_from(NotificationSubscription)) or 0)
    if not settings.host:
        if asked:
            return fail(
                name,
                f"{asked} reviewer(s) asked for notifications, but SMTP_HOST is not set.",
                "set SMTP_HOST, MAIL_FROM and REVIEW_URL (docs/deployment.md, step 8)",
            )
        return skip(name, "email is not set up, and nobody asked for notifications")
    if settings.username and not settings.password():
        return fail(
            name,
            f"SMTP_USERNAME is set but ${settings.password_env} is empty here.",
            "run the doctor with the worker's environment (docs/deployment.md, step 8)",
        )
    try:
        env.mail_check(settings)
    except MailError as exc:
        fix = MAIL_FIXES.get(exc.kind, "check the SMTP_* settings").format(
            env=f"${settings.password_env}"
        )
        return fail(name, f"cannot use {settings.host}:{settings.port}: {exc.kind}.", fix)
    return ok(name, f"logged in to {settings.host}:{settings.port} ({settings.security})")


def check_backup(session: Session, config: Mapping[str, Any], now: datetime) -> Finding:
    name = "backup"
    newest = session.scalar(
        select(AuditEvent.at)
        .where(AuditEvent.action == BACKUP_ACTION)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    )
    fix = "run 'tipline backup create' and keep the copy off this machine (docs/operations.md)"
    if newest is None:
        return fail(name, "no backup has ever been made (none in the audit log).", fix)
    age = now - newest
    limit = timedelta(days=int(config["BACKUP_MAX_AGE_DAYS"]))
    when = f"{newest:%Y-%m-%d %H:%M} UTC"
    if age > limit:
        return fail(name, f"the newest backup is {age.days} day(s) old ({when}).", fix)
    return ok(name, f"the newest backup was made {when}")


def check_worker(session: Session, config: Mapping[str, Any], now: datetime) -> Finding:
    name = "worker"
    states = leases.states(session)
    if not states:
        return warn(name, "no worker has run yet.", "start tipline-worker.service")
    failing = [job for job in states.values() if job.last_ok is False]
    if failing:
        first = failing[0]
        return fail(
            name,
            f"job {first.name} failed: {first.last_summary}.",
            "see the Upkeep page and the worker's log (journalctl -u tipline-worker)",
        )
    schedule = jobs.schedule(config)
    stale = [
        job.name
        for job in states.values()
        if schedule.get(job.name)
        and job.last_finished_at is not None
        and now - job.last_finished_at > timedelta(seconds=3 * schedule[job.name] + 3600)
    ]
    if stale:
        return warn(
            name,
            f"job(s) {', '.join(stale)} have not run for a while.",
            "check that tipline-worker.service is running",
        )
    return ok(name, f"{len(states)} job(s), all fine on their last run")


def _database_now(session: Session) -> datetime | None:
    if session.get_bind().dialect.name != "postgresql":
        return None  # SQLite is a file on this machine: same clock
    value = session.scalar(select(func.now()))
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def everything_ok(findings: list[Finding]) -> bool:
    return not any(finding.failed for finding in findings)
