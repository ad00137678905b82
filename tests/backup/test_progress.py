"""The progress bar shows on a terminal and stays away under --quiet or without one."""

from __future__ import annotations

import io
import sys

import pytest

from tipline.cli.progress import TerminalProgress, progress_for
from tipline.progress import Silent


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = progress_for(quiet=False)
    assert isinstance(progress, TerminalProgress)
    progress.start("blobs", 10)
    progress.advance(10)
    progress.finish()
    assert "blobs" in screen.getvalue() and "100%" in screen.getvalue()


def test_quiet_or_no_terminal_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(progress_for(quiet=True), Silent)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert isinstance(progress_for(quiet=False), Silent)
