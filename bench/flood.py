"""Benchmark: a hostile flood, and a real source who still gets through.

The intake runs under gunicorn as the README deploys it (4 workers x 4
threads), on SQLite and, given a URL, on PostgreSQL. Flooders on loopback,
many concurrent clients, send ``--junk`` junk tips (default 10,000; one in
ten with a 64 KiB file, against a small hourly attachment budget) and
``--wrong`` wrong receipt phrases (default 10,000), without JavaScript, so
without proofs of work. Once a tenth of the flood has gone by, a real
source, in the middle of it, does what a person with JavaScript on would:

1. GET the form (a flood is on by then, so it carries a challenge), solve
   the proof of work, POST the tip, read the receipt phrase;
2. a reviewer replies (through the services, in this process);
3. the source comes back with the phrase and reads the reply.

Every loop is bounded by its count and by ``--max-seconds``; the servers
are stopped and the instance removed at the end, whatever happens. It
prints the flood's answers by status, the 5xx count (goal: zero), each of
the source's steps with its latency, and what the inbox holds afterwards
(tips marked as arriving during a flood, files dropped by the budget).

    python bench/flood.py [--junk 10000] [--wrong 10000] [--clients 48] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from harness import Client, Tally

REPLY = "We read your tip and would like to hear more."
REAL_TIP = "The real tip: a transfer to ICE at the county jail last night."
ATTACHMENT_BUDGET = 16 * 1024 * 1024
FILE_SIZE = 64 * 1024


@dataclass
class Flood:
    """Shared counters: how many junk tips and wrong phrases are still to send."""

    junk_left: int
    wrong_left: int
    total: int
    junk: Tally = field(default_factory=Tally)
    wrong: Tally = field(default_factory=Tally)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> str | None:
        with self.lock:
            if self.junk_left and (self.junk_left >= self.wrong_left or not self.wrong_left):
                self.junk_left -= 1
                return "junk"
            if self.wrong_left:
                self.wrong_left -= 1
                return "wrong"
            return None

    @property
    def sent(self) -> int:
        return self.total - self.junk_left - self.wrong_left


def solve(challenge: str) -> str:
    """What pow.js does in the browser, in Python."""
    bits = int(challenge.split(".")[2])
    counter = 0
    while True:
        digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
        if len(digest) * 8 - int.from_bytes(digest, "big").bit_length() >= bits:
            return str(counter)
        counter += 1


def flooder(flood: Flood, port: int, deadline: float) -> None:
    client = Client(port, timeout=120)
    sent = 0
    while time.monotonic() < deadline:
        kind = flood.take()
        if kind is None:
            break
        sent += 1
        try:
            if kind == "junk":
                token, challenge = client.form("/tip")
                fields = harness.tip_fields(token, f"junk junk junk {sent} " * 3)
                if challenge:  # a script that ignores JavaScript still posts the field
                    fields.append(("pow_challenge", challenge))
                start = time.perf_counter()
                if sent % 10 == 0:
                    status, _ = client.post_form("/tip", fields, os.urandom(FILE_SIZE))
                else:
                    status, _ = client.post_form("/tip", fields)
                flood.junk.add(status, time.perf_counter() - start)
            else:
                token, _ = client.form("/return")
                start = time.perf_counter()
                status, _ = client.post_urlencoded(
                    "/return", {"csrf_token": token, "phrase": f"wrong guess number {sent}"}
                )
                flood.wrong.add(status, time.perf_counter() - start)
        except (OSError, RuntimeError):
            (flood.junk if kind == "junk" else flood.wrong).failed()
            client.close()
    client.close()


def reviewer_replies(env: dict[str, str], url: str, phrase: str) -> float:
    """A reviewer answers the source's tip, through the services; returns seconds."""
    from tipline.blobs import BlobStore
    from tipline.conversation.messages import post_reply
    from tipline.db import make_engine
    from tipline.key_folder import load_recipients
    from tipline.models import Tip, User
    from tipline.receipt_phrases import lookup_id

    start = time.perf_counter()
    engine = make_engine(url, immediate=True)  # as the review app's

    try:
        with engine.begin() as connection:
            from sqlalchemy.orm import Session

            session = Session(bind=connection)
            lookup = lookup_id(phrase, env["TIPLINE_PHRASE_PEPPER"])
            tip = session.query(Tip).filter(Tip.source_lookup == lookup).one()
            user = User(
                username=f"bench-{os.urandom(4).hex()}",
                role="reviewer",
                password_salt=os.urandom(32),
                password_verifier=os.urandom(32),
                kdf_memory_kib=64,
                kdf_iterations=1,
                kdf_lanes=1,
            )
            session.add(user)
            session.flush()
            blobs = BlobStore(Path(env["TIPLINE_INSTANCE"]) / "blobs")
            recipients = load_recipients(env["TIPLINE_KEYS"])
            post_reply(session, blobs, tip, user, REPLY, recipients)
            session.flush()
    finally:
        engine.dispose()
    return time.perf_counter() - start


def real_source(flood: Flood, port: int, env: dict[str, str], url: str, report: list[str]) -> bool:
    """Submit with a proof of work, get a phrase, come back, read the reply."""

    # Past a tenth of the flood, and past the default flood threshold (100
    # tips), so the form carries a challenge; or when the flood has ended.
    def waiting() -> bool:
        stored = flood.junk.statuses.get(200, 0)
        return flood.sent < flood.total and (flood.sent < flood.total // 10 or stored < 150)

    while waiting():
        time.sleep(0.2)
    client = Client(port, timeout=120)
    start = time.perf_counter()
    token, challenge = client.form("/tip")
    fields = harness.tip_fields(
        token, "The real tip: a transfer to ICE at the county jail last night."
    )
    if challenge:
        fields += [("pow_challenge", challenge), ("pow_solution", solve(challenge))]
    status, page = client.post_form("/tip", fields)
    phrase = harness.receipt_phrase(page)
    report.append(
        f"  submit: {status}, phrase shown: {bool(phrase)}, challenge on the form: "
        f"{bool(challenge)}, {time.perf_counter() - start:.2f} s (flood {flood.sent:,} sent)"
    )
    if not phrase:
        return False
    report.append(f"  reviewer reply: {reviewer_replies(env, url, phrase):.2f} s")
    client.cookie = ""
    start = time.perf_counter()
    token, _ = client.form("/return")
    status, _ = client.post_urlencoded("/return", {"csrf_token": token, "phrase": phrase})
    status2, conversation = client.request("GET", "/conversation") if status == 303 else (0, "")
    seen = REPLY in conversation
    report.append(
        f"  come back: sign-in {status}, conversation {status2}, reply read: {seen}, "
        f"{time.perf_counter() - start:.2f} s (flood {flood.sent:,} sent)"
    )
    client.close()
    return seen


def describe(tally: Tally) -> str:
    p50, p99 = 1000 * tally.percentile(0.5), 1000 * tally.percentile(0.99)
    statuses = dict(sorted(tally.statuses.items()))
    return f"{statuses}, p50 {p50:.0f} ms, p99 {p99:.0f} ms, client errors {tally.errors}"


def inbox_figures(url: str) -> str:
    from sqlalchemy import func, select

    from tipline.db import make_engine
    from tipline.models import Tip

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(Tip))
            flooded = connection.scalar(
                select(func.count()).select_from(Tip).where(Tip.during_flood)
            )
            proven = connection.scalar(
                select(func.count()).select_from(Tip).where(Tip.proof_of_work)
            )
            files = connection.scalar(select(func.count()).select_from(Tip).where(Tip.has_files))
    finally:
        engine.dispose()
    return (
        f"  tips stored {total:,}; marked during a flood {flooded:,}; with a proof of work "
        f"{proven:,}; with files kept {files:,}"
    )


def run(name: str, url: str | None, args: argparse.Namespace, root: Path) -> bool:
    env = harness.make_instance(root / name, harness.ROOT, url)
    env["TIPLINE_ATTACHMENT_BYTES_PER_HOUR"] = str(ATTACHMENT_BUDGET)
    db_url = url or f"sqlite:///{root / name / 'instance' / 'tipline.sqlite3'}"
    server = harness.Server(
        "tipline.intake:create_app()", env, harness.ROOT, root / name / "intake.log"
    )
    flood = Flood(args.junk, args.wrong, args.junk + args.wrong)
    report: list[str] = []
    outcome: list[bool] = []
    try:
        cpu = server.cpu_seconds()
        source = threading.Thread(
            target=lambda: outcome.append(real_source(flood, server.port, env, db_url, report)),
            daemon=True,
        )
        source.start()
        elapsed = harness.run_clients(
            args.clients,
            args.max_seconds,
            lambda _index, deadline: flooder(flood, server.port, deadline),
        )
        source.join(timeout=120)
        cpu = server.cpu_seconds() - cpu
    finally:
        server.stop()
    sent = flood.sent
    blobs = sum(
        p.stat().st_size for p in (root / name / "instance" / "blobs").rglob("*") if p.is_file()
    )
    errors = flood.junk.server_errors + flood.wrong.server_errors
    print(
        f"{name}: {sent:,} flood requests in {elapsed:.0f} s ({sent / elapsed:.0f}/s), "
        f"server CPU {1000 * cpu / max(1, sent):.1f} ms per request (form GET included)"
    )
    print(f"  junk tips: {describe(flood.junk)}")
    print(f"  wrong phrases: {describe(flood.wrong)}")
    print(f"  5xx answers: {errors}")
    print(inbox_figures(db_url))
    print(
        f"  blob store after the flood: {blobs / 2**20:.1f} MiB "
        f"(attachment budget {ATTACHMENT_BUDGET / 2**20:.0f} MiB per hour)"
    )
    print("real source:")
    print("\n".join(report) or "  did not run (flood too short?)")
    ok = bool(outcome and outcome[0]) and errors == 0
    print(f"  got through and read the reply: {'yes' if outcome and outcome[0] else 'NO'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--junk", type=int, default=10_000)
    parser.add_argument("--wrong", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=48)
    parser.add_argument("--max-seconds", type=float, default=1800, help="stop the flood by then")
    parser.add_argument("--pg-url", default=os.environ.get("TIPLINE_TEST_DATABASE_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(harness.ROOT))
    root = Path(tempfile.mkdtemp(prefix="tipline-flood-"))
    ok = True
    try:
        if not args.skip_sqlite:
            ok &= run("sqlite", None, args, root)
        if args.pg_url:
            ok &= run("postgresql", args.pg_url, args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
