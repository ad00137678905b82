"""Skips and a sandbox runner for safe-copy tests (used by other folders too).

Conversions need Debian's poppler-utils (PDFs) and bubblewrap (the sandbox);
office documents need LibreOffice. Where one is missing the tests that need
it skip and say which package to install (README: the suite's packages).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tipline.safecopy.sandbox import bwrap_command
from tipline.safecopy.settings import Settings


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
