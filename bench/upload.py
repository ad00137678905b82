"""Benchmark: a 1 GiB upload through gunicorn keeps the intake's memory flat.

Runs the real intake (``tipline.intake:create_app()``) under gunicorn (one
sync worker) against a throwaway instance, streams a multipart tip with a
1 GiB attachment to it from a generator (so this client never holds the body
either), and reads the worker's peak RSS (``VmHWM`` in /proc). The same body is
then sent to a no-op WSGI app (below) under the same server, which only reads
and discards it; the ratio of the two times is the cost of sealing.

Usage::

    python bench/upload.py [--size-mib 1024] [--log-n 15]

``--log-n`` is the receipt-phrase scrypt cost for the run (default: the
product's default, 14). scrypt needs 128 * 8 * 2**log_n bytes (16 MiB at 14)
once per submission, independent of the upload's size; it is reported
separately.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tipline.config import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
CHUNK = MIB
LIMIT_MIB = 100


def noop_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """Read the whole request body and discard it: the floor for any upload."""
    stream = environ["wsgi.input"]
    total = 0
    while True:
        data = stream.read(CHUNK)
        if not data:
            break
        total += len(data)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"read {total} bytes\n".encode()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def make_instance(root: Path, size: int, log_n: int) -> dict[str, str]:
    """Keys, an empty database and the environment to run the intake against."""
    sys.path.insert(0, str(ROOT))
    from tipline.db import make_engine
    from tipline.key_folder import generate_keys
    from tipline.models import Base

    instance, keys = root / "instance", root / "keys"
    instance.mkdir()
    generate_keys(keys, "bench passphrase " + secrets.token_hex(8), work_factor=2)
    engine = make_engine(f"sqlite:///{instance / 'tipline.sqlite3'}")
    Base.metadata.create_all(engine)
    engine.dispose()
    env = {
        **os.environ,
        "TIPLINE_INSTANCE": str(instance),
        "TIPLINE_KEYS": str(keys),
        "TIPLINE_MAX_UPLOAD_BYTES": str(size + MIB),
        "TIPLINE_PHRASE_KDF_LOG_N": str(log_n),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
    }
    for name in ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET"):
        env[f"TIPLINE_{name}"] = secrets.token_urlsafe(48)
    return env


class Server:
    """gunicorn with one sync worker serving ``app_spec`` on a free port."""

    def __init__(self, app_spec: str, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
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
                "1",
                "--worker-class",
                "sync",
                "--timeout",
                "900",
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=str(ROOT),
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    if self.worker_pid():
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_pid(self) -> int | None:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return int(pids[0]) if pids else None

    def status(self, field: str) -> int:
        """A ``Vm*`` figure of the worker, in KiB."""
        text = Path(f"/proc/{self.worker_pid()}/status").read_text()
        match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
        return int(match.group(1)) if match else 0

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def multipart(fields: dict[str, str], size: int, boundary: str) -> tuple[Iterator[bytes], int]:
    """A multipart body with one ``size``-byte file, as a generator and its length."""
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    block = (os.urandom(64) * (CHUNK // 64))[:CHUNK]

    def generate() -> Iterator[bytes]:
        yield head
        remaining = size
        while remaining > 0:
            piece = block[: min(CHUNK, remaining)]
            remaining -= len(piece)
            yield piece
        yield tail

    return generate(), len(head) + size + len(tail)


def form_token(port: int) -> tuple[str, str]:
    """GET the form: the session cookie and the CSRF token it carries."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/tip")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    connection.close()
    if not match or not cookie:
        raise RuntimeError("no CSRF token on the form page")
    return cookie, match.group(1)


class RssSampler(threading.Thread):
    """Samples the worker's RSS while a request streams (the KDF runs after)."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak_kib = max(self.peak_kib, self.server.status("VmRSS"))
            time.sleep(0.02)

    def stop(self) -> int:
        self.stopped.set()
        self.join()
        return self.peak_kib


def post(
    port: int, path: str, size: int, cookie: str = "", token: str = ""
) -> tuple[float, int, str]:
    boundary = "bench" + secrets.token_hex(12)
    fields = {"what_happened": "A benchmark tip, long enough to pass the form.", "county": "other"}
    if token:
        fields["csrf_token"] = token
    body, length = multipart(fields, size, boundary)
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(length),
    }
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    start = time.perf_counter()
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode(errors="replace")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed, response.status, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--log-n", type=int, default=DEFAULTS["PHRASE_KDF_LOG_N"])
    args = parser.parse_args()
    size = args.size_mib * MIB
    root = Path(tempfile.mkdtemp(prefix="tipline-bench-"))
    try:
        env = make_instance(root, size, args.log_n)
        intake = Server("tipline.intake:create_app()", env, root / "intake.log")
        try:
            cookie, token = form_token(intake.port)  # also warms the worker up
            idle = intake.status("VmRSS")
            sampler = RssSampler(intake)
            sampler.start()
            seconds, status, page = post(intake.port, "/tip", size, cookie, token)
            streaming = sampler.stop()
            peak = intake.status("VmHWM")
        finally:
            intake.stop()
        if status != 200 or "receipt__phrase" not in page:
            print(f"intake answered {status}; see {root / 'intake.log'}", file=sys.stderr)
            return 1
        blobs = sum(
            p.stat().st_size for p in (root / "instance" / "blobs").rglob("*") if p.is_file()
        )
        noop = Server("upload:noop_app", env, root / "noop.log")
        try:
            noop_seconds, noop_status, _ = post(noop.port, "/", size)
            noop_peak = noop.status("VmHWM")
        finally:
            noop.stop()
        if noop_status != 200:
            print(f"no-op app answered {noop_status}", file=sys.stderr)
            return 1
        kdf_mib = 128 * 8 * 2**args.log_n / MIB
        print(f"upload size            {args.size_mib} MiB (sealed on disk: {blobs / MIB:.1f} MiB)")
        print(f"intake worker RSS      after a first page {idle / 1024:.1f} MiB")
        print(f"  sampled max during the request   {streaming / 1024:.1f} MiB")
        print(f"  peak over its life (VmHWM)       {peak / 1024:.1f} MiB")
        print(f"  (scrypt for the phrase: {kdf_mib:.0f} MiB at PHRASE_KDF_LOG_N={args.log_n})")
        print(f"no-op worker peak      {noop_peak / 1024:.1f} MiB")
        print(f"intake upload time     {seconds:.2f} s ({args.size_mib / seconds:.0f} MiB/s)")
        rate = args.size_mib / noop_seconds
        print(f"no-op upload time      {noop_seconds:.2f} s ({rate:.0f} MiB/s)")
        print(f"ratio intake / no-op   {seconds / noop_seconds:.2f}")
        ok = peak / 1024 < LIMIT_MIB
        print(f"peak RSS under {LIMIT_MIB} MiB: {'yes' if ok else 'NO'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
