"""Starting the worker in its sandbox, feeding it, and reading what comes back.

The worker (tipline.safecopy.inside.worker) never runs in the calling
process. With ``sandbox="bwrap"`` it runs under bubblewrap with:

- every namespace unshared (no network at all, its own PIDs, IPC, hostname),
  as ``nobody`` with every capability dropped, in a new session, and killed
  if the caller dies;
- a file system of nothing but read-only system programs and libraries
  (``/usr``, fonts configuration, the linker cache), the Python environment
  and the worker's own folder, plus a private in-memory ``/tmp``: no
  ``/etc/passwd``, no home, no instance folder, no keys, no blobs;
- an empty environment but for ``PATH``, ``HOME`` and ``LANG``.

The input goes in through a pipe (the caller decrypts it chunk by chunk);
the worker sets its own CPU, memory, file-size and open-file limits before
reading any of it. The caller adds a wall-clock limit and kills the whole
process group when it passes. With ``sandbox="none"`` the same worker runs
as a plain subprocess with the same limits (settings.py says when that is
acceptable).

Everything read back is checked here (tipline.safecopy.inside.protocol):
page sizes against our own limits, codes against our own lists.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image

from tipline.safecopy.errors import ConversionError, SandboxUnavailableError
from tipline.safecopy.inside import protocol
from tipline.safecopy.messages import message_for
from tipline.safecopy.settings import Settings

log = logging.getLogger(__name__)

INSIDE_DIR = Path(__file__).resolve().parent / "inside"
SANDBOX_ROOT = "/run/safecopy"
# Read-only extras the tools need when present: fontconfig for poppler's
# substitute fonts, the linker cache, LibreOffice's registry links.
OPTIONAL_RO = ("/etc/fonts", "/etc/ld.so.cache", "/etc/libreoffice", "/etc/alternatives")


@dataclass(frozen=True)
class Report:
    """What the worker said about the input: kind, pages sent, metadata found."""

    kind: str
    pages: int
    found: list[tuple[str, str]]


def bwrap_command(settings: Settings) -> list[str]:
    """The bubblewrap command line that runs the worker (see the module docstring)."""
    program = shutil.which(settings.bwrap)
    if program is None:
        raise SandboxUnavailableError(message_for("sandbox_missing", settings))
    args = [program, "--unshare-all", "--die-with-parent", "--new-session"]
    args += ["--cap-drop", "ALL", "--uid", "65534", "--gid", "65534"]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        if Path(f"/{name}").is_symlink():
            args += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
        elif Path(f"/{name}").is_dir():
            args += ["--ro-bind", f"/{name}", f"/{name}"]
    for path in OPTIONAL_RO:
        args += ["--ro-bind-try", path, path]
    # A private tmpfs (memory) for LibreOffice; /tmp here is not the host's.
    # It is mounted before the interpreter's prefix: bwrap applies mounts in
    # order, so a virtual environment under the host's /tmp stays visible.
    args += ["--size", str(settings.max_input_bytes * 2), "--tmpfs", "/tmp"]  # noqa: S108
    for prefix in sorted({sys.prefix, sys.base_prefix}):
        if not prefix.startswith("/usr"):
            args += ["--ro-bind", prefix, prefix]
    args += ["--ro-bind", str(INSIDE_DIR), f"{SANDBOX_ROOT}/inside"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--chdir", SANDBOX_ROOT, "--clearenv"]
    args += ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp"]  # noqa: S108
    args += ["--setenv", "LANG", "C.UTF-8", "--"]
    return args + _python_command(settings)


def _python_command(settings: Settings) -> list[str]:
    limits = json.dumps(settings.worker_limits())
    # -E: no PYTHON* variables; -s: no user site; -B: write no .pyc files.
    return [sys.executable, "-E", "-s", "-B", "-m", "inside.worker", limits]


def command(settings: Settings) -> tuple[list[str], str | None]:
    """The command and working directory for the configured mode."""
    if settings.sandbox == "bwrap":
        return bwrap_command(settings), None
    return _python_command(settings), str(INSIDE_DIR.parent)


PageSink = Callable[[Image.Image], None]


def run(chunks: Iterable[bytes], settings: Settings, on_page: PageSink) -> Report:
    """Convert the input (as chunks) in the sandbox; hand each page to ``on_page``."""
    args, cwd = command(settings)
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"}
    process = subprocess.Popen(  # noqa: S603 - our own argv; the file comes through a pipe
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # tools may echo what they read: never kept
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    timed_out = threading.Event()
    timer = threading.Timer(settings.timeout_seconds, _kill, (process, timed_out))
    feed_errors: list[BaseException] = []
    stop = threading.Event()
    feeder = threading.Thread(
        target=_feed, args=(process.stdin, chunks, feed_errors, stop), daemon=True
    )
    timer.start()
    feeder.start()
    try:
        report = _read(process, settings, on_page, timed_out)
        # The worker exits by itself after its report; give it a moment so
        # that its CPU time is accounted for, then make sure it is gone.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=2)
    finally:
        timer.cancel()
        stop.set()
        _kill(process, None)
        feeder.join(timeout=5)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        # A stored file that fails to decrypt part-way must not yield a safe
        # copy of whatever arrived before the failure: its error wins.
        if feed_errors:
            raise ConversionError("input_failed", message_for("input_failed", settings))
    return report


def _kill(process: subprocess.Popen[bytes], flag: threading.Event | None) -> None:
    if flag is not None:
        flag.set()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _feed(
    stdin: IO[bytes] | None,
    chunks: Iterable[bytes],
    errors: list[BaseException],
    stop: threading.Event,
) -> None:
    """Write the input into the worker's pipe; a worker that stops early is fine.

    Raw writes, not the buffered file: a worker that has died must make the
    next write fail at once (EPIPE), not fill a buffer first.
    """
    assert stdin is not None
    try:
        for chunk in chunks:
            if stop.is_set():
                break
            view = memoryview(chunk)
            while view:
                view = view[os.write(stdin.fileno(), view) :]
    except (BrokenPipeError, ValueError):
        pass  # the worker refused the input (too big) or died: its report says why
    except Exception as exc:  # decrypting failed part-way: the caller raises
        log.warning("safe copy: the input failed while feeding the worker (%s)", type(exc).__name__)
        errors.append(exc)
    finally:
        with contextlib.suppress(BrokenPipeError, OSError, ValueError):
            stdin.close()


def _read(
    process: subprocess.Popen[bytes],
    settings: Settings,
    on_page: PageSink,
    timed_out: threading.Event,
) -> Report:
    stdout = process.stdout
    assert stdout is not None
    if stdout.readline(len(protocol.HELLO_LINE) + 1) != protocol.HELLO_LINE:
        status = process.wait()
        if timed_out.is_set():
            raise ConversionError("timeout", message_for("timeout", settings))
        log.warning("safe copy: the sandbox did not start (exit %s)", status)
        raise SandboxUnavailableError(message_for("sandbox_failed", settings))
    pages = 0
    while True:
        line = stdout.readline(protocol.MAX_LINE)
        if line.startswith(b"PAGE "):
            pages += 1
            if pages > settings.max_pages:
                raise ConversionError("unreadable", message_for("unreadable", settings))
            on_page(_read_page(stdout, line, settings))
            continue
        if line.startswith(b"DONE ") and line.endswith(b"\n"):
            return _report(line[5:], pages, settings)
        if line.startswith(b"FAIL ") and line.endswith(b"\n"):
            code = line[5:].strip().decode("ascii", "replace")
            code = code if code in protocol.FAILURES else "unreadable"
            log.info("safe copy refused: %s", code)
            raise ConversionError(code, message_for(code, settings))
        break  # EOF or garbage: the worker died or misbehaved
    status = process.wait()
    code = "timeout" if timed_out.is_set() else "killed"
    log.info("safe copy stopped: %s (exit %s)", code, status)
    raise ConversionError(code, message_for(code, settings))


def _read_page(stdout: IO[bytes], line: bytes, settings: Settings) -> Image.Image:
    try:
        width, height = (int(part) for part in line.split()[1:3])
    except ValueError as exc:
        raise ConversionError("unreadable", message_for("unreadable", settings)) from exc
    limit = settings.long_side + 1
    if not (0 < width <= limit and 0 < height <= limit):
        raise ConversionError("unreadable", message_for("unreadable", settings))
    size = width * height * 3
    pixels = stdout.read(size)
    if len(pixels) != size:
        raise ConversionError("killed", message_for("killed", settings))
    return Image.frombytes("RGB", (width, height), pixels)


def _report(payload: bytes, pages: int, settings: Settings) -> Report:
    try:
        data = json.loads(payload)
        kind, found = data["kind"], data["found"]
        items = {(str(c), str(f)) for c, f in found}
    except (ValueError, KeyError, TypeError) as exc:
        raise ConversionError("unreadable", message_for("unreadable", settings)) from exc
    if kind not in protocol.KINDS or pages == 0 or data.get("pages") != pages:
        raise ConversionError("unreadable", message_for("unreadable", settings))
    # Only codes we know, each in the category we give it.
    known = sorted((protocol.FIELD_CATEGORY[f], f) for _, f in items if f in protocol.FIELDS)
    return Report(kind=kind, pages=pages, found=known)
