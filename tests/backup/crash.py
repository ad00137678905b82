"""Run the ``tipline`` command and SIGKILL it at the Nth call of a given function.

``python -m tests.backup.crash MODULE:ATTR N tipline-args...``: a real
``kill -9`` (no ``finally``, no flush, no clean-up) at a chosen point, so a
test can show that a rerun of the command loses nothing.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Any


def _patch(target: str, nth: int) -> None:
    module_name, _, attribute = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    calls = 0

    def killer(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(owner, name, killer)


def main() -> None:
    target, nth, *args = sys.argv[1:]
    _patch(target, int(nth))
    from tipline.cli import cli

    cli.main(args=args, prog_name="tipline")


if __name__ == "__main__":
    main()
