"""The worker loop: take due jobs' leases, run them, record how they went.

:class:`Worker` runs every enabled job when it is due, on any number of
processes at once (tipline.worker.leases decides who runs what). Between
passes it sleeps until the next job is due, at most :data:`MAX_SLEEP`
seconds, and wakes at once when asked to stop: SIGTERM (systemd's stop) and
SIGINT set an event that the sleep and every job's ``should_stop`` watch.
A job in progress finishes its current batch, its outcome is recorded and
its lease given back, and the process exits 0.

A job that raises is recorded as failed with the exception's class only
(messages can quote SQL parameters), then retried with back-off: one
minute, two, four... up to its normal interval.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import socket
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from tipline.blobs import BlobStore
from tipline.db import Database
from tipline.models.base import utcnow
from tipline.worker import leases
from tipline.worker.jobs import JOBS, JobContext, JobResult, schedule

log = logging.getLogger(__name__)

MAX_SLEEP = 30.0
RETRY_SECONDS = 60


class Worker:
    def __init__(
        self,
        config: Mapping[str, Any],
        database: Database,
        store: BlobStore,
        *,
        jobs: Mapping[str, Callable[[JobContext], JobResult]] = JOBS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.config = config
        self.database = database
        self.jobs = dict(jobs)
        self.clock = clock
        self.schedule = {
            name: seconds for name, seconds in schedule(config).items() if name in jobs
        }
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self.stopping = threading.Event()
        self.context = JobContext(config, database, store, self.stopping.is_set, clock)

    @property
    def enabled(self) -> list[str]:
        return [name for name, seconds in self.schedule.items() if seconds > 0]

    def install_signal_handlers(self) -> None:
        """Stop cleanly on SIGTERM and SIGINT (main thread only)."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stop())

    def stop(self) -> None:
        self.stopping.set()

    def prepare(self) -> None:
        """Create the job rows this worker knows (another worker may have already)."""
        with self.context.session() as session:
            leases.ensure_jobs(session, self.schedule, self.clock())

    def run_due(
        self, names: Iterable[str] | None = None, *, force: bool = False
    ) -> dict[str, JobResult]:
        """One pass: run each of ``names`` (default: the enabled jobs) that is due and free."""
        results = {}
        for name in list(names) if names is not None else self.enabled:
            if self.stopping.is_set():
                break
            with self.context.session() as session:
                lease = self.config["WORKER_LEASE_SECONDS"]
                if not leases.acquire(session, name, self.owner, self.clock(), lease, force=force):
                    continue
            results[name] = self._run(name)
        return results

    def _run(self, name: str) -> JobResult:
        log.info("worker: job %s started", name)
        try:
            result = self.jobs[name](self.context)
        except Exception as exc:  # recorded and retried; the worker keeps going
            result = JobResult(False, f"failed: {type(exc).__name__}")
        now = self.clock()
        with self.context.session() as session:
            job = leases.states(session).get(name)
            failures = job.failures + 1 if job is not None and not result.ok else 0
            leases.finish(
                session,
                name,
                self.owner,
                ok=result.ok,
                summary=result.summary,
                now=now,
                next_run_at=now + timedelta(seconds=self._interval(name, failures)),
            )
        level = logging.INFO if result.ok else logging.WARNING
        log.log(
            level, "worker: job %s %s: %s", name, "ok" if result.ok else "FAILED", result.summary
        )
        return result

    def _interval(self, name: str, failures: int) -> int:
        interval = self.schedule.get(name) or 24 * 3600
        if failures:
            return min(interval, RETRY_SECONDS << min(failures - 1, 16))
        return interval

    def seconds_to_next(self) -> float:
        """How long to sleep: until the earliest enabled job is due, within bounds."""
        with self.context.session() as session:
            due = [
                job.next_run_at
                for name, job in leases.states(session).items()
                if name in self.enabled
            ]
        if not due:
            return MAX_SLEEP
        wait = (min(due) - self.clock()).total_seconds()
        return min(MAX_SLEEP, max(1.0, wait))

    def run_forever(self) -> None:
        """Run jobs as they fall due until :meth:`stop`; then give back any lease."""
        self.prepare()
        log.info("worker: started with %d job(s)", len(self.enabled))
        try:
            while not self.stopping.is_set():
                try:
                    self.run_due()
                    pause = self.seconds_to_next()
                except SQLAlchemyError as exc:
                    # The database is down or restarting: wait and try again
                    # rather than exit (systemd would restart us anyway).
                    log.warning("worker: database unavailable (%s); retrying", type(exc).__name__)
                    pause = MAX_SLEEP
                self.stopping.wait(pause)
        finally:
            with contextlib.suppress(SQLAlchemyError), self.context.session() as session:
                leases.release(session, self.schedule, self.owner)
            log.info("worker: stopped")
