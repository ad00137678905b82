"""Benchmark: the worker's jobs at 100k tips against 1k tips (target ratio <= 1.5).

Two costs that must not grow with the size of the tip line:

- **notifications**: the job's "anything new?" probe
  (tipline.notify.activity.collect) with 10 new tips among N old ones. It
  runs every minute; it must be an index probe, not a scan.
- **retention**: how long one batch of deletions (tipline.retention.sweep,
  50 tips per transaction) holds the database's write lock, which on SQLite
  is the time new submissions wait. Also printed: tips deleted per second.

The same steps run against a database of 1k tips and one of 100k, in
alternation, and the ratio of the medians is printed. Times are this
process's CPU time (time.process_time), which on a shared machine is stable
where wall-clock time is not; for SQLite that includes the database's own
work, which runs in-process; on PostgreSQL it is tipline's side only (the
server's share would show in its own process). SQLite always, and
PostgreSQL when a URL is given (--pg-url or TIPLINE_TEST_DATABASE_URL; each
size gets its own schema, dropped afterwards, analysed after loading as
autovacuum would).

    python bench/upkeep.py [--sizes 1000,100000] [--repeat 15] [--pg-url URL] [--skip-sqlite]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from inbox import schema_engine
from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from tipline.blobs import BlobStore
from tipline.db import make_engine
from tipline.models import Base, Tip
from tipline.models.base import new_id
from tipline.notify import activity
from tipline.retention import sweep

TARGET = 1.5
NOW = datetime(2025, 6, 1, 12)
SPAM_DUE = 100  # tips due for deletion in each retention round
DAYS = {"spam": 30, "closed": None, "silent": None}


def _rows(count: int, *, status: str, notified: bool, days_ago: int) -> Iterator[dict[str, Any]]:
    for _ in range(count):
        tip_id = new_id()
        yield {
            "id": tip_id,
            "received_hour": NOW - timedelta(days=days_ago + 400),
            "county_fips": "42091",
            "status": status,
            "status_changed_at": NOW - timedelta(days=days_ago),
            "notified": notified,
            "size_bucket": 4096,
            "has_files": False,
            "body_blob": new_id(),
            "source_lookup": tip_id,
            "source_recipient": "bench",
        }


def _insert(session: Session, rows: Iterator[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 5000:
            session.execute(insert(Tip.__table__), batch)
            batch.clear()
    if batch:
        session.execute(insert(Tip.__table__), batch)
    session.commit()


def build(size: int, url: str, schema: str | None) -> Engine:
    engine = schema_engine(url, schema)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        # Old tips, already announced, kept (triaged, recently changed).
        _insert(session, _rows(size, status="triaged", notified=True, days_ago=1))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return engine


def probe_seconds(engine: Engine) -> float:
    """Add 10 new tips, then time the notification job's probe that finds them."""
    with Session(engine) as session:
        _insert(session, _rows(10, status="new", notified=False, days_ago=0))
        started = time.process_time()
        assert activity.collect(session)
        session.commit()
        return time.process_time() - started


def retention_round(engine: Engine, store: BlobStore) -> tuple[float, float]:
    """Add SPAM_DUE tips due for deletion; delete them. (longest batch, tips per second)."""
    with Session(engine) as session:
        _insert(session, _rows(SPAM_DUE, status="spam", notified=True, days_ago=60))
    batches: list[float] = []
    with Session(engine) as session:
        started = time.process_time()
        while True:
            batch_start = time.process_time()
            due = sweep.find(session, DAYS, NOW, limit=sweep.DEFAULT_BATCH)
            if not due:
                session.rollback()
                break
            for candidate in due:
                sweep.delete_due(session, candidate, DAYS, NOW)
            session.commit()
            batches.append(time.process_time() - batch_start)
        total = time.process_time() - started
    return max(batches), SPAM_DUE / total


def measure(label: str, engines: dict[int, Engine], repeat: int, store: BlobStore) -> bool:
    small, large = sorted(engines)
    probes: dict[int, list[float]] = {small: [], large: []}
    batches: dict[int, list[float]] = {small: [], large: []}
    rates: dict[int, list[float]] = {small: [], large: []}
    for _ in range(repeat):
        for size in (small, large):
            probes[size].append(probe_seconds(engines[size]))
            longest, rate = retention_round(engines[size], store)
            batches[size].append(longest)
            rates[size].append(rate)
    ok = True
    for name, series in (("notification probe", probes), ("retention batch", batches)):
        low, high = statistics.median(series[small]), statistics.median(series[large])
        ratio = high / low
        ok = ok and ratio <= TARGET
        print(
            f"{label:<10} {name:<19} {small:>7,}: {low * 1000:7.2f} ms  "
            f"{large:>7,}: {high * 1000:7.2f} ms  ratio {ratio:4.2f} "
            f"({'ok' if ratio <= TARGET else 'OVER'} <= {TARGET})"
        )
    for size in (small, large):
        rate = statistics.median(rates[size])
        print(f"{label:<10} retention rate      {size:>7,}: {rate:7.0f} tips per CPU second")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pg-url", default=os.environ.get("TIPLINE_TEST_DATABASE_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",")]
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        store = BlobStore(Path(folder) / "blobs")
        if not args.skip_sqlite:
            engines = {
                size: build(size, f"sqlite:///{folder}/{size}.sqlite3", None) for size in sizes
            }
            ok = measure("sqlite", engines, args.repeat, store) and ok
            for engine in engines.values():
                engine.dispose()
        if args.pg_url:
            engines = {size: build(size, args.pg_url, f"bench_upkeep_{size}") for size in sizes}
            try:
                ok = measure("postgresql", engines, args.repeat, store) and ok
            finally:
                for engine in engines.values():
                    engine.dispose()
                admin = make_engine(args.pg_url)
                with admin.begin() as conn:
                    for size in sizes:
                        conn.execute(text(f'DROP SCHEMA IF EXISTS "bench_upkeep_{size}" CASCADE'))
                admin.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
