"""What bench/load.py and bench/flood.py share: an instance, gunicorn, an HTTP client.

The intake runs as the README deploys it (``gunicorn --workers 4 --threads 4
'tipline.intake:create_app()'``) against a throw-away instance: fresh keys,
fresh secrets, and an empty schema on SQLite (in the instance folder) or on
a PostgreSQL database given by URL (its tables are dropped and created
again, so never point this at a database that matters). ``--tree`` runs
another checkout's code (say main before a change) under the same harness,
so "before" and "after" figures come from one script.

CPU per request is read from /proc: user plus system time of the gunicorn
master and its workers, before and after a phase. The HTTP client is plain
``http.client`` in threads, one keep-alive connection per thread, so it costs
the 2-core machine as little as possible.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
TICKS = os.sysconf("SC_CLK_TCK")
# The README's line for the public intake.
WORKERS, THREADS = 4, 4
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_PHRASE = re.compile(r'class="receipt__phrase"[^>]*><code>([^<]+)</code>')
_CHALLENGE = re.compile(r'name="pow_challenge" value="([^"]+)"')
TIP_TEXT = "A benchmark tip: what happened, where, and who was involved, in a few words."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def make_instance(root: Path, tree: Path, database_url: str | None) -> dict[str, str]:
    """Keys, an empty schema and the environment to run ``tree``'s intake against."""
    instance, keys = root / "instance", root / "keys"
    instance.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TIPLINE_INSTANCE": str(instance),
        "TIPLINE_KEYS": str(keys),
        "PYTHONPATH": f"{tree}:{BENCH}",
    }
    for name in ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET"):
        env[f"TIPLINE_{name}"] = secrets.token_urlsafe(48)
    if database_url:
        env["TIPLINE_DATABASE_URL"] = database_url
    url = database_url or f"sqlite:///{instance / 'tipline.sqlite3'}"
    # The schema and keys are made by the tree under test, in a child process,
    # so its own models (not this checkout's) decide the tables.
    script = (
        "import pathlib, sys\n"
        "from tipline.db import make_engine\n"
        "from tipline.key_folder import generate_keys\n"
        "from tipline.models import Base\n"
        "engine = make_engine(sys.argv[1])\n"
        "Base.metadata.drop_all(engine)\n"
        "Base.metadata.create_all(engine)\n"
        "engine.dispose()\n"
        "if not pathlib.Path(sys.argv[2]).exists():\n"
        "    generate_keys(sys.argv[2], 'bench passphrase', work_factor=2)\n"
    )
    subprocess.run([sys.executable, "-c", script, url, str(keys)], env=env, check=True)
    return env


def process_cpu(pids: Sequence[int]) -> dict[int, float]:
    """User + system CPU seconds of each live process in ``pids``."""
    result = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        result[pid] = (int(fields[11]) + int(fields[12])) / TICKS
    return result


class DatabaseCpu:
    """CPU spent by the PostgreSQL server processes serving one database.

    On a machine where the database shares the cores, a tip's cost includes
    the server's work for it (parsing, WAL, the commit); gunicorn's CPU alone
    leaves it out. Backends are found in ``pg_stat_activity`` (the server must
    run on this machine, readable in /proc); one that exits within a phase
    takes its CPU with it, which pooled connections do not. Without a URL
    (SQLite) every reading is zero: SQLite's work is inside gunicorn's.
    """

    def __init__(self, url: str | None) -> None:
        self.url = url.replace("postgresql+psycopg://", "postgresql://") if url else None

    def read(self) -> dict[int, float]:
        if not self.url:
            return {}
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
        return process_cpu([row[0] for row in rows])

    @staticmethod
    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


class Server:
    """gunicorn serving ``app_spec``, by default with the README's workers and threads."""

    def __init__(
        self,
        app_spec: str,
        env: dict[str, str],
        cwd: Path,
        log: Path,
        *,
        workers: int = WORKERS,
        options: Sequence[str] = ("--threads", str(THREADS)),
    ) -> None:
        self.port = free_port()
        self.workers = workers
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app_spec,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                *options,
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=str(cwd),
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            if len(self.pids()) > self.workers:
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [self.process.pid, *map(int, children.read_text().split())]
        except OSError:
            return [self.process.pid]

    def worker_pid(self) -> int | None:
        """The first worker's process id (bench/upload.py runs exactly one)."""
        pids = self.pids()[1:]
        return pids[0] if pids else None

    def status(self, field: str) -> int:
        """A ``Vm*`` figure of the first worker, in KiB."""
        text = Path(f"/proc/{self.worker_pid()}/status").read_text()
        match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
        return int(match.group(1)) if match else 0

    def peak_rss_kib(self) -> int:
        """The largest peak RSS (``VmHWM``) among the live workers, in KiB."""
        peaks = [0]
        for pid in self.pids()[1:]:
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            peaks.append(int(match.group(1)) if match else 0)
        return max(peaks)

    def cpu_seconds(self) -> float:
        """User + system CPU of the master and its live workers so far."""
        return sum(process_cpu(self.pids()).values())

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Client:
    """One simulated browser: a keep-alive connection and a cookie jar of one."""

    def __init__(self, port: int, timeout: float = 60) -> None:
        self.port = port
        self.timeout = timeout
        self.cookie = ""
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", errors="replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one once.
                self.close()
                if attempt == 2:
                    raise
                continue
            cookie = response.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, text
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def form(self, path: str) -> tuple[str, str | None]:
        """GET a form page: its CSRF token, and its proof-of-work challenge if any."""
        status, page = self.request("GET", path)
        match = _CSRF.search(page)
        if status != 200 or match is None:
            raise RuntimeError(f"GET {path} answered {status} without a CSRF token")
        challenge = _CHALLENGE.search(page)
        return match.group(1), challenge.group(1) if challenge else None

    def post_form(
        self, path: str, fields: list[tuple[str, str]], file: bytes | None = None
    ) -> tuple[int, str]:
        """POST ``fields`` (and a file) as multipart/form-data, as the tip form does."""
        boundary = "bench" + secrets.token_hex(8)
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="'
        parts = [f'{head}{name}"\r\n\r\n{value}\r\n'.encode() for name, value in fields]
        if file is not None:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
                f'filename="junk.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + file
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body, headers)

    def post_urlencoded(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        from urllib.parse import urlencode

        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)


def tip_fields(token: str, text: str = TIP_TEXT) -> list[tuple[str, str]]:
    return [
        ("csrf_token", token),
        ("what_happened", text),
        ("county", "other"),
        ("place", ""),
        ("when", ""),
        ("leave_blank", ""),
    ]


def receipt_phrase(page: str) -> str | None:
    match = _PHRASE.search(page)
    return match.group(1) if match else None


@dataclass
class Tally:
    """What a phase of concurrent clients saw: status counts and latencies."""

    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: int = 0  # connection errors and timeouts on the client's side
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float | None = None) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if seconds is not None:
                self.latencies.append(seconds)

    def failed(self) -> None:
        with self.lock:
            self.errors += 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_clients(
    count: int, seconds: float, work: Callable[[int, float], None], max_seconds: float = 600
) -> float:
    """Run ``work(index, deadline)`` in ``count`` threads; return the elapsed seconds.

    Each worker loops until the deadline itself; the join has its own bound,
    so a stuck server cannot keep the benchmark running.
    """
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=work, args=(index, deadline), daemon=True) for index in range(count)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline + max_seconds - time.monotonic()))
    return time.monotonic() - start
