"""``tipline doctor``: check a deployment, one line per check, a fix for each failure.

Each check is a function returning a :class:`Finding`: ``ok``, ``warn`` (worth
a look, not a failure), ``skip`` (does not apply here) or ``fail``, a line
saying what was found, and for a failure the fix. The checks
(:mod:`tipline.doctor.checks`): file permissions of the keys and the
instance, that the review app is not on a public interface, that nothing
writes an access log, a key rotation in progress or left unfinished, that
the mail settings work, that a backup was made recently, the clock, and the
worker. Findings name paths, ports and counts, never a secret or an address
from a log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["ok", "warn", "skip", "fail"]


@dataclass(frozen=True)
class Finding:
    name: str
    status: Status
    message: str
    fix: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def line(self) -> str:
        text = f"{self.status.upper():<4}  {self.name}: {self.message}"
        if self.fix and self.status in ("fail", "warn"):
            text += f" Fix: {self.fix}"
        return text


def ok(name: str, message: str) -> Finding:
    return Finding(name, "ok", message)


def warn(name: str, message: str, fix: str | None = None) -> Finding:
    return Finding(name, "warn", message, fix)


def skip(name: str, message: str) -> Finding:
    return Finding(name, "skip", message)


def fail(name: str, message: str, fix: str) -> Finding:
    return Finding(name, "fail", message, fix)
