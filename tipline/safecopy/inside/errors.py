"""The one exception the worker's parts raise: a failure code for the parent."""

from __future__ import annotations

from . import protocol


class WorkerError(Exception):
    """Conversion stops; ``code`` is one of protocol.FAILURES."""

    def __init__(self, code: str) -> None:
        assert code in protocol.FAILURES, code
        super().__init__(code)
        self.code = code
