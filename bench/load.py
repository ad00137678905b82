"""Benchmark: the intake's throughput and latency against a no-op form, side by side.

Both run under gunicorn with the README's settings (4 workers x 4 threads):
the real intake (``tipline.intake:create_app()``) and a no-op Flask app with
the same form shape (bench/noop_form.py). Concurrent clients each GET the
form (for its CSRF token) and POST a text-only tip, again and again until the
phase's time is up. Per database:

- 16 clients, then 50 clients, each on the no-op first and then on the
  intake: tips/s, p50/p99 latency of the POST, CPU per tip (server side, the
  master and its workers, from /proc, per GET + POST), and on PostgreSQL
  also the database server's CPU for it (``+db``), and the clients' own
  (``client``: on one machine they share the cores with the server, so
  tips/s follows the sum, not gunicorn's CPU alone);
- the largest worker's peak RSS, and the load average at each phase's end
  (other work on the machine makes wall-clock figures noisy; CPU per tip
  and its ratio are the steadier ones);
- 50 clients on the intake where a quarter of the iterations are a
  *returning source* (sign in with a phrase the client was given, read the
  conversation): the count of 5xx answers, which must be zero.

It runs on SQLite (the embedded default) and on PostgreSQL when a URL is
given (``--pg-url`` or ``TIPLINE_TEST_DATABASE_URL``, as set by
``tools/dev-postgres run``); that database's tables are dropped and
recreated. Goals (issue 10; figures, not assertions): text-only tips at
>= 50% of the no-op's requests/s on PostgreSQL, and p99 at 50 clients <= 3x
the no-op's.

    python bench/load.py [--seconds 20] [--pg-url URL] [--skip-sqlite] [--tree DIR]

``--tree DIR`` serves another checkout's intake (for before/after figures).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    ROOT,
    Client,
    DatabaseCpu,
    Server,
    Tally,
    make_instance,
    receipt_phrase,
    run_clients,
    tip_fields,
)

RETURN_EVERY = 4  # in the mixed phase, every 4th iteration is a returning source
SPECS = {
    "no-op": ("noop_form:create_app()", ROOT / "bench"),
    "intake": ("tipline.intake:create_app()", None),  # None: the tree under test
}


@dataclass
class Result:
    label: str
    clients: int
    returning: bool
    seconds: float
    cpu: float
    db_cpu: float
    client_cpu: float
    tips: Tally
    returns: Tally
    rss_kib: int = 0  # the largest worker's peak RSS
    load: float = 0.0  # the 1-minute load average at the phase's end

    @property
    def ok_tips(self) -> int:
        return self.tips.statuses.get(200, 0)

    @property
    def rate(self) -> float:
        return self.ok_tips / self.seconds

    @property
    def requests(self) -> int:
        return max(1, sum(self.tips.statuses.values()) + sum(self.returns.statuses.values()))

    @property
    def cpu_ms(self) -> float:
        """gunicorn's CPU per iteration (GET + POST)."""
        return 1000 * self.cpu / self.requests

    @property
    def total_cpu_ms(self) -> float:
        """gunicorn's and the database server's CPU per iteration."""
        return 1000 * (self.cpu + self.db_cpu) / self.requests

    def line(self) -> str:
        other = {k: v for k, v in sorted(self.tips.statuses.items()) if k != 200}
        extra = (
            f"  returning: {dict(sorted(self.returns.statuses.items()))}"
            if self.returns.statuses
            else ""
        )
        return (
            f"  {self.label:<7} {self.clients:>3} clients  {self.rate:7.1f} tips/s  "
            f"p50 {1000 * self.tips.percentile(0.5):7.0f} ms  "
            f"p99 {1000 * self.tips.percentile(0.99):7.0f} ms  "
            f"CPU {self.cpu_ms:6.1f} ms/tip (+db {self.total_cpu_ms - self.cpu_ms:4.1f}, "
            f"client {1000 * self.client_cpu / self.requests:4.1f})  other: {other or '-'}  "
            f"client errors: {self.tips.errors + self.returns.errors}  "
            f"peak RSS {self.rss_kib / 1024:.0f} MiB  load {self.load:.1f}{extra}"
        )


def phase(
    server: Server,
    database: DatabaseCpu,
    label: str,
    clients: int,
    seconds: float,
    returning: bool,
) -> Result:
    tips, returns = Tally(), Tally()
    intake = label == "intake"

    def work(index: int, deadline: float) -> None:
        client = Client(server.port)
        phrases: list[str] = []
        iteration = 0
        while time.monotonic() < deadline:
            iteration += 1
            try:
                if returning and intake and phrases and iteration % RETURN_EVERY == 0:
                    come_back(client, phrases[-1], returns)
                    continue
                token, _challenge = client.form("/tip")
                start = time.perf_counter()
                status, page = client.post_form("/tip", tip_fields(token))
                tips.add(status, time.perf_counter() - start)
                phrase = receipt_phrase(page) if intake and status == 200 else None
                if phrase:
                    phrases.append(phrase)
            except (OSError, RuntimeError):
                tips.failed()
                client.close()
        client.close()

    cpu_before, db_before, client_before = server.cpu_seconds(), database.read(), _own_cpu()
    elapsed = run_clients(clients, seconds, work)
    cpu, db_after = server.cpu_seconds() - cpu_before, database.read()
    db_cpu = DatabaseCpu.spent(db_before, db_after) if intake else 0.0
    client_cpu = _own_cpu() - client_before
    return Result(
        label,
        clients,
        returning,
        elapsed,
        cpu,
        db_cpu,
        client_cpu,
        tips,
        returns,
        rss_kib=server.peak_rss_kib(),
        load=os.getloadavg()[0],
    )


def _own_cpu() -> float:
    """This process's CPU: the simulated clients share the server's cores."""
    times = os.times()
    return times.user + times.system


def come_back(client: Client, phrase: str, tally: Tally) -> None:
    """Sign in with ``phrase``, read the conversation, sign out of the cookie."""
    status, page = client.request("GET", "/return")
    token = page.split('name="csrf_token" type="hidden" value="', 1)[-1].split('"', 1)[0]
    start = time.perf_counter()
    status, _ = client.post_urlencoded("/return", {"csrf_token": token, "phrase": phrase})
    if status == 303:
        status, _ = client.request("GET", "/conversation")
    tally.add(status, time.perf_counter() - start)
    client.cookie = ""


def run_database(name: str, url: str | None, args: argparse.Namespace, root: Path) -> list[Result]:
    tree = Path(args.tree).resolve()
    env = make_instance(root / name, tree, url)
    env["NOOP_SECRET_KEY"] = os.urandom(16).hex()
    database = DatabaseCpu(url)
    results = []
    phases = [
        ("no-op", 16, False),
        ("intake", 16, False),
        ("no-op", 50, False),
        ("intake", 50, False),
        ("intake", 50, True),
    ]
    for label, clients, returning in phases:
        spec, cwd = SPECS[label]
        cwd = cwd or tree
        server = Server(spec, env, cwd, root / name / f"{label}-{clients}-{returning}.log")
        try:
            phase(server, database, label, 8, 4, returning=False)  # warm every worker up
            results.append(phase(server, database, label, clients, args.seconds, returning))
        finally:
            server.stop()
        print(results[-1].line(), flush=True)
    return results


def report(name: str, results: list[Result]) -> None:
    by = {(r.label, r.clients): r for r in results if not r.returning}
    mixed = [r for r in results if r.returning]
    for clients in (16, 50):
        noop, intake = by[("no-op", clients)], by[("intake", clients)]
        print(
            f"  {name}, {clients} clients: tips/s intake/no-op {intake.rate / noop.rate:.3f}; "
            f"p50 intake/no-op {intake.tips.percentile(0.5) / noop.tips.percentile(0.5):.2f}; "
            f"p99 intake/no-op {intake.tips.percentile(0.99) / noop.tips.percentile(0.99):.2f}; "
            f"CPU/tip intake/no-op {intake.cpu_ms / noop.cpu_ms:.2f} "
            f"(with the database's {intake.total_cpu_ms / noop.total_cpu_ms:.2f}); "
            f"5xx: {intake.tips.server_errors}"
        )
    for result in mixed:
        errors = result.tips.server_errors + result.returns.server_errors
        print(
            f"  {name}, {result.clients} submitters and returning sources: "
            f"{sum(result.tips.statuses.values())} tips, "
            f"{sum(result.returns.statuses.values())} returns, 5xx: {errors}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="per phase (default 20)")
    parser.add_argument("--pg-url", default=os.environ.get("TIPLINE_TEST_DATABASE_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--tree", default=str(ROOT), help="checkout whose intake to serve")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tipline-load-"))
    databases: list[tuple[str, str | None]] = []
    if not args.skip_sqlite:
        databases.append(("sqlite", None))
    if args.pg_url:
        databases.append(("postgresql", args.pg_url))
    try:
        all_results = {}
        for name, url in databases:
            print(f"{name}:", flush=True)
            all_results[name] = run_database(name, url, args, root)
        print("ratios (goals: tips/s >= 0.5 on PostgreSQL; p99 at 50 clients <= 3; 5xx = 0):")
        for name, results in all_results.items():
            report(name, results)
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
