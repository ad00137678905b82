"""Benchmark: a 1 GiB upload through gunicorn keeps the intake's memory flat.

Runs the real intake (``tipline.intake:create_app()``) under gunicorn (one
sync worker) against a throwaway instance, streams a multipart tip with a
1 GiB attachment to it from a generator (so this client never holds the body
either), and reads the worker's peak RSS (``VmHWM`` in /proc). The same body is
then sent to a no-op WSGI app (below) under the same server, which only reads
and discards it; the ratio of the two times is the cost of sealing.

Usage::

    python bench/upload.py [--size-mib 1024]

The gunicorn runner and the throwaway instance are bench/harness.py's.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, Server, make_instance

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


def make_intake(root: Path, size: int) -> dict[str, str]:
    """Keys, an empty database and the environment, allowing a ``size`` upload."""
    env = make_instance(root, ROOT, None)
    env["TIPLINE_MAX_UPLOAD_BYTES"] = str(size + MIB)
    return env


def start(app_spec: str, env: dict[str, str], log: Path) -> Server:
    """gunicorn with one sync worker (its RSS is the one measured)."""
    return Server(
        app_spec, env, ROOT, log, workers=1, options=("--worker-class", "sync", "--timeout", "900")
    )


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
    """Samples the worker's RSS while a request streams."""

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
    args = parser.parse_args()
    size = args.size_mib * MIB
    root = Path(tempfile.mkdtemp(prefix="tipline-bench-"))
    try:
        env = make_intake(root, size)
        intake = start("tipline.intake:create_app()", env, root / "intake.log")
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
        noop = start("upload:noop_app", env, root / "noop.log")
        try:
            noop_seconds, noop_status, _ = post(noop.port, "/", size)
            noop_peak = noop.status("VmHWM")
        finally:
            noop.stop()
        if noop_status != 200:
            print(f"no-op app answered {noop_status}", file=sys.stderr)
            return 1
        print(f"upload size            {args.size_mib} MiB (sealed on disk: {blobs / MIB:.1f} MiB)")
        print(f"intake worker RSS      after a first page {idle / 1024:.1f} MiB")
        print(f"  sampled max during the request   {streaming / 1024:.1f} MiB")
        print(f"  peak over its life (VmHWM)       {peak / 1024:.1f} MiB")
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
