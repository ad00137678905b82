"""Browser-test harness: Debian Chromium via Playwright, real ``tipline`` servers.

``live_instance`` initialises a fresh instance with the real CLI (``tipline
init --non-interactive``); ``live_servers`` runs ``tipline serve`` for it in a
subprocess whose output is captured, so tests can scan the logs. Chromium is
Debian's (``/usr/bin/chromium``): Playwright's own browser download does not
work offline. Tests skip with a reason where Chromium is absent; CI installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PASSPHRASE = "browser test organization passphrase"

# Real but cheap KDF costs for the server processes.
FAST_ENV = {
    "TIPLINE_ARGON2_MEMORY_KIB": "256",
    "TIPLINE_ARGON2_ITERATIONS": "1",
    "TIPLINE_SCRYPT_WORK_FACTOR": "8",
}


@dataclass
class LiveInstance:
    """An initialised instance: folders, the env to run against it, first admin."""

    root: Path
    instance: Path
    keys: Path
    passphrase_file: Path
    env: dict[str, str]
    admin_username: str
    admin_password: str
    identity_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.identity_file = self.keys / "identity.age"

    def tipline(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run the real ``tipline`` command against this instance."""
        env = {**self.env, "TIPLINE_PASSPHRASE": PASSPHRASE}
        return subprocess.run(
            [sys.executable, "-m", "tipline.cli", *args],
            env=env,
            input=input,
            capture_output=True,
            timeout=120,
            check=False,
        )


@dataclass
class LiveServers:
    intake_url: str
    review_url: str
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_instance(tmp_path: Path) -> LiveInstance:
    root = tmp_path / "live"
    root.mkdir()
    passphrase_file = root / "passphrase.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    # The servers' own temp folder, so a leak check scans what they spilled and
    # not another run's files in the shared system temp folder.
    (root / "tmp").mkdir()
    env = {
        **os.environ,
        **FAST_ENV,
        "TMPDIR": str(root / "tmp"),
        "TIPLINE_INSTANCE": str(root / "instance"),
        "TIPLINE_KEYS": str(root / "keys"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TIPLINE_DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tipline.cli",
            "init",
            "--non-interactive",
            "--passphrase-file",
            str(passphrase_file),
            "--work-factor",
            "8",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(r"One-time password.*\n\s+(\S.*)\n", result.stdout)
    assert match, result.stdout
    return LiveInstance(
        root=root,
        instance=root / "instance",
        keys=root / "keys",
        passphrase_file=passphrase_file,
        env=env,
        admin_username="admin",
        admin_password=match.group(1).strip(),
    )


def _wait_for(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tipline serve exited:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up:\n{log_path.read_text()}")


@contextmanager
def serving(instance: LiveInstance) -> Iterator[LiveServers]:
    """``tipline serve`` for ``instance`` on two free ports, until the block ends."""
    intake_port, review_port = free_port(), free_port()
    log_path = instance.root / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tipline.cli",
                "serve",
                "--intake-port",
                str(intake_port),
                "--review-port",
                str(review_port),
            ],
            env=instance.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    servers = LiveServers(
        intake_url=f"http://127.0.0.1:{intake_port}",
        review_url=f"http://127.0.0.1:{review_port}",
        log_path=log_path,
    )
    try:
        _wait_for(servers.intake_url + "/", process, log_path)
        _wait_for(servers.review_url + "/login", process, log_path)
        yield servers
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def live_servers(live_instance: LiveInstance) -> Iterator[LiveServers]:
    with serving(live_instance) as servers:
        yield servers


@pytest.fixture
def artifacts_dir() -> Path:
    """Where browser tests save screenshots (kept out of git)."""
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def has_age_cli() -> bool:
    return shutil.which("age") is not None
