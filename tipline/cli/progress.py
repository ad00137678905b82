"""A progress bar on the terminal for long commands, and silence otherwise.

:func:`progress_for` gives a :class:`tipline.progress.Progress` that draws
click's bar on standard error when a person is watching (standard error is a
terminal) and ``--quiet`` was not given; under cron, in a pipe or in tests it
is :class:`tipline.progress.Silent`, so logs get no bar noise.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from tipline.progress import Progress, Silent


class TerminalProgress:
    """One click progress bar per phase, on standard error."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, label: str, total: int) -> None:
        self.finish()
        self._bar = click.progressbar(length=max(total, 1), label=label.ljust(10), file=sys.stderr)
        self._bar.__enter__()

    def advance(self, amount: int) -> None:
        if self._bar is not None:
            self._bar.update(amount)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def progress_for(quiet: bool) -> Progress:
    """A bar when someone watches a terminal and did not ask for quiet."""
    if quiet or not sys.stderr.isatty():
        return Silent()
    return TerminalProgress()
