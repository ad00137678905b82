"""How long-running services report progress, without knowing who watches.

Backups, restores and key rotation take a :class:`Progress`; the CLI hands
them a terminal bar (tipline.cli.progress) or :class:`Silent` under
``--quiet`` and when no one is at a terminal. Reports are counts only.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int) -> None:
        """Begin a phase of ``total`` units (bytes, rows, objects)."""

    def advance(self, amount: int) -> None:
        """``amount`` more units are done."""

    def finish(self) -> None:
        """The phase is over."""


class Silent:
    """A :class:`Progress` that shows nothing."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def finish(self) -> None:
        pass
