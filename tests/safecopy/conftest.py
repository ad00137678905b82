"""Safe-copy fixtures: settings for quick runs, and skips where a tool is absent.

Conversions need Debian's poppler-utils (PDFs) and bubblewrap (the sandbox);
office documents need LibreOffice. Where one is missing the tests that need
it skip and say which package to install (README: the suite's packages).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest

from tipline.safecopy.sandbox import bwrap_command
from tipline.safecopy.settings import Settings

MIB = 1024 * 1024


def sandboxed(command: list[str], settings: Settings | None = None) -> list[str]:
    """``command`` inside the very sandbox conversions run in."""
    args = bwrap_command(settings or Settings())
    return args[: args.index("--") + 1] + command


def _bwrap_works() -> bool:
    if shutil.which("bwrap") is None:
        return False
    probe = sandboxed(["/usr/bin/true"])
    try:
        return subprocess.run(probe, capture_output=True, timeout=30, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


BWRAP_WORKS = _bwrap_works()
needs_bwrap = pytest.mark.skipif(
    not BWRAP_WORKS, reason="bubblewrap is missing or cannot create namespaces here"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils is not installed"
)
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)


@pytest.fixture
def settings() -> Settings:
    """Default limits, sandboxed; tests that are about a limit set their own."""
    if not BWRAP_WORKS:
        pytest.skip("bubblewrap is missing or cannot create namespaces here")
    return replace(Settings(), timeout_seconds=60)


@pytest.fixture
def unsandboxed() -> Settings:
    """The explicit fallback mode: same worker and limits, no namespaces."""
    return replace(Settings(), sandbox="none", timeout_seconds=60)
