"""What bench/browser_seal.py needs around Chromium: our processes, a local sink.

Only this benchmark's own processes count (other people's browsers may run on
the same machine): CPU time and peak RSS are read from /proc for the
benchmark's descendants. The sink serves the bench page from 127.0.0.1 (a
secure context, as the intake is in practice) and takes uploads, counting
their bytes and dropping them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-precise-memory-info",
    "--renderer-process-limit=100",
    "--js-flags=--expose-gc",
]
MIB = 1024 * 1024


def my_processes() -> dict[int, bytes]:
    """This benchmark's descendant processes (its Chromium), pid to command line.

    Other people's browsers may run on the same machine: only ours count.
    """
    parents: dict[int, int] = {}
    cmdlines: dict[int, bytes] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(stat[1])
            cmdlines[int(entry)] = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
    mine, me = {}, os.getpid()
    for pid in parents:
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            mine[pid] = cmdlines[pid]
    return mine


def renderer_hwm_kib() -> dict[int, int]:
    """Peak RSS (VmHWM) of each of our Chromium renderer processes, by pid."""
    peaks = {}
    for pid, cmdline in my_processes().items():
        if b"--type=renderer" not in cmdline:
            continue
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1])
        except OSError:
            continue
    return peaks


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*ARGS, *extra_args]
        )
        try:
            yield browser
        finally:
            browser.close()


class Sink(BaseHTTPRequestHandler):
    """The bench page, and an upload address that counts what it receives and drops it."""

    def do_GET(self) -> None:  # http.server's names
        self.reply(b"<!doctype html><input type=file>", "text/html")

    def do_POST(self) -> None:
        left, received = int(self.headers["Content-Length"]), 0
        while left:
            piece = self.rfile.read(min(left, MIB))
            left, received = left - len(piece), received + len(piece)
        self.reply(str(received).encode(), "text/plain")

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def sink() -> Iterator[str]:
    """A local server for the page (127.0.0.1 is a secure context) and its uploads."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
