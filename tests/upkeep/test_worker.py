"""``tipline worker``: leases shared by several workers, outcomes, back-off, SIGTERM.

Lease tests run on a database where commits are real (other connections
must see a lease), on SQLite and PostgreSQL; the job rows they commit are
removed afterwards. The real jobs run inside the test's rolled-back
transaction. The last test starts ``tipline worker`` as a process and stops
it with SIGTERM, as systemd does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from tipline.blobs import BlobStore
from tipline.config import DEFAULTS, WORKER_JOB_NAMES
from tipline.db import Database
from tipline.models import WorkerJob
from tipline.worker import leases
from tipline.worker.jobs import JOBS, JobContext, JobResult, describe_interval, schedule
from tipline.worker.runner import Worker

T0 = datetime(2025, 6, 1, 12)
CONFIG = {"WORKER_SCHEDULE": {"check": 0}, "WORKER_LEASE_SECONDS": 600}


@pytest.fixture
def committed(database_engine: Engine) -> Iterator[Database]:
    """A Database whose commits are real; its job rows are deleted afterwards."""
    database = Database(database_engine.url.render_as_string(hide_password=False))
    yield database
    with database.session() as session:
        session.execute(delete(WorkerJob))
        session.commit()
    database.engine.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _worker(database: Database, jobs: dict[str, Any], clock: Clock, **config: Any) -> Worker:
    settings = {**CONFIG, "WORKER_SCHEDULE": {}, **config}
    return Worker(settings, database, BlobStore("/nonexistent"), jobs=jobs, clock=clock)


def test_the_job_list_and_the_configuration_agree() -> None:
    assert tuple(JOBS) == WORKER_JOB_NAMES
    assert schedule({"WORKER_SCHEDULE": {"check": 0}})["check"] == 0
    assert describe_interval(900) == "every 15 minutes"
    assert describe_interval(86400) == "every day" and describe_interval(0) == "never"


def test_only_one_of_several_workers_runs_a_due_job(committed: Database) -> None:
    runs: list[str] = []
    entered = threading.Barrier(4)

    def job(ctx: JobContext) -> JobResult:
        runs.append("ran")
        time.sleep(0.2)  # long enough for the others to try meanwhile
        return JobResult(True, "done")

    clock = Clock()
    workers = [_worker(committed, {"retention": job}, clock) for _ in range(4)]
    workers[0].prepare()

    def attempt(worker: Worker) -> None:
        entered.wait()
        worker.run_due()

    threads = [threading.Thread(target=attempt, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert runs == ["ran"]
    with committed.session() as session:
        state = leases.states(session)["retention"]
        assert state.last_ok and state.last_summary == "done" and state.lease_owner is None
        assert state.next_run_at == T0 + timedelta(days=1)
    # Not due again until its interval has passed, whoever asks.
    assert workers[1].run_due() == {}
    clock.now = T0 + timedelta(days=1, seconds=1)
    assert workers[2].run_due() == {"retention": JobResult(True, "done")}


def test_a_crashed_workers_lease_runs_out(committed: Database) -> None:
    clock = Clock()
    first = _worker(committed, {"retention": lambda ctx: JobResult(True, "x")}, clock)
    second = _worker(committed, {"retention": lambda ctx: JobResult(True, "y")}, clock)
    first.prepare()
    with committed.session() as session:
        # The first worker takes the lease and dies without finishing.
        assert leases.acquire(session, "retention", first.owner, T0, 600)
    assert second.run_due() == {}
    clock.now = T0 + timedelta(seconds=601)
    assert second.run_due() == {"retention": JobResult(True, "y")}


def test_a_failing_job_is_recorded_and_retried_with_back_off(bound: Database) -> None:
    clock = Clock()

    def broken(ctx: JobContext) -> JobResult:
        raise RuntimeError("SELECT secret FROM somewhere WHERE x = 'quoted'")

    worker = _worker(bound, {"retention": broken}, clock)
    worker.prepare()
    assert worker.run_due() == {"retention": JobResult(False, "failed: RuntimeError")}
    with bound.session() as session:
        state = leases.states(session)["retention"]
        assert (state.last_ok, state.failures) == (False, 1)
        assert state.next_run_at == T0 + timedelta(minutes=1)
        assert "quoted" not in (state.last_summary or "")
    clock.now = T0 + timedelta(minutes=1)
    worker.run_due()
    with bound.session() as session:
        state = leases.states(session)["retention"]
        assert state.failures == 2 and state.next_run_at == clock.now + timedelta(minutes=2)


def test_the_real_jobs_run_and_report_counts(
    bound: Database, base_config: dict[str, Any], tmp_path: Path
) -> None:
    config = {**DEFAULTS, **base_config, "RETENTION_SPAM_DAYS": 30}
    worker = Worker(config, bound, BlobStore(tmp_path / "blobs"))
    worker.prepare()
    results = worker.run_due(force=True)
    assert set(results) == set(JOBS)
    assert results["notifications"] == JobResult(True, "email is not set up; nobody asked for it")
    assert results["purge-sessions"] == JobResult(True, "purged 0 review and 0 source session(s)")
    assert results["retention"] == JobResult(True, "nothing was due")
    assert results["sweep-blobs"].summary.startswith("deleted 0 partial file(s)")
    # The test schema is not stamped with a migration revision: check says so.
    assert not results["check"].ok and "revision" in results["check"].summary


def test_a_stopped_worker_starts_no_more_jobs(bound: Database) -> None:
    ran: list[str] = []
    clock = Clock()
    worker = _worker(
        bound,
        {name: (lambda ctx, n=name: ran.append(n) or JobResult(True, n)) for name in JOBS},
        clock,
    )
    worker.prepare()
    worker.stop()
    assert worker.run_due() == {} and ran == []


def test_tipline_worker_stops_cleanly_on_sigterm(
    tmp_path: Path, keys_dir: Path, fast_kdf: dict[str, Any]
) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    secrets = ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET")
    settings = {
        **{name: f"{name.lower()}-for-the-worker-test-0123456789" for name in secrets},
        **fast_kdf,
        "DATABASE_URL": f"sqlite:///{instance / 'tipline.sqlite3'}",
        "BLOB_DIR": str(instance / "blobs"),
    }
    (instance / "config.py").write_text(
        "".join(f"{name} = {value!r}\n" for name, value in settings.items()), encoding="utf-8"
    )
    database = Database(settings["DATABASE_URL"])
    database.create_all()
    env = {**os.environ, "TIPLINE_INSTANCE": str(instance), "TIPLINE_KEYS": str(keys_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        finished: list[Any] = []
        while time.monotonic() < deadline:
            with database.session() as session:
                finished = [j for j in leases.states(session).values() if j.last_finished_at]
            if len(finished) == len(JOBS):
                break
            time.sleep(0.2)
        assert len(finished) == len(JOBS), "the worker did not run all its jobs"
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
        assert time.monotonic() - started < 10  # woke from its sleep, did not wait it out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        database.engine.dispose()
    assert process.returncode == 0, output
    assert "worker: started with 5 job(s)" in output and "worker: stopped" in output
    assert "job check ok: all checks passed" in output
    with database.session() as session:
        assert all(job.lease_owner is None for job in leases.states(session).values())
    database.engine.dispose()


def test_a_worker_waits_out_a_database_outage(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'missing' / 'tipline.sqlite3'}")
    worker = _worker(database, {"retention": lambda ctx: JobResult(True, "x")}, Clock())
    worker.prepare = lambda: None  # type: ignore[method-assign]  # the outage starts later
    thread = threading.Thread(target=worker.run_forever)
    with caplog.at_level("WARNING"):
        thread.start()
        deadline = time.monotonic() + 20
        while "database unavailable" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.stop()
        thread.join(10)
    assert not thread.is_alive()
    assert "worker: database unavailable (OperationalError); retrying" in caplog.text
    database.engine.dispose()
