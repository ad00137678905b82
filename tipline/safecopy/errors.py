"""Why a safe copy could not be made, in words a reviewer (or a shell) can act on."""

from __future__ import annotations


class SafeCopyError(Exception):
    """No safe copy was made; ``str(exc)`` is one clear sentence, never file content."""

    code = "unreadable"


class ConversionError(SafeCopyError):
    """The file was refused or could not be converted (``code`` says why)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class SandboxUnavailableError(SafeCopyError):
    """The sandbox could not start here, and no weaker mode was allowed."""

    code = "sandbox_unavailable"
