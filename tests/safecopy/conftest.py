"""Safe-copy fixtures: settings for quick runs (skips and helpers: tools.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.safecopy.tools import BWRAP_WORKS
from tipline.safecopy.settings import Settings


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
