"""A rotation in progress, kept in ``keys/rotation/`` so it survives ``kill -9``.

Files, each written atomically (temporary file, fsync, rename):

- ``next.age``: the new identity, sealed with the passphrase, written first;
- ``state.json``: the phase and both recipients, written after ``next.age``;
- ``previous.age``: the old identity, copied there before ``identity.age`` is
  replaced at the switch.

Phases: ``prepared`` (new key made, copies hold both keys; the intake still
seals to the old one), ``switched`` (recipients.txt and identity.age name the
new key; objects are being re-sealed), ``retiring`` (nothing refers to the
old key any more; it is being dropped from the copies and moved to
``keys/retired/``). No state file: no rotation in progress. Every step of
every phase can be redone, so a second run after a crash simply continues.

:func:`status` is what ``tipline maintenance check`` (and the worker's
``check`` job, and ``tipline doctor``) say about it: a rotation in progress
is reported, and is a problem only once no run has touched it for longer
than its grace period (interrupted, and the old key still needed).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tipline.key_folder import KeysError, write_private

ROTATION_DIR = "rotation"
NEXT_FILE = "next.age"
PREVIOUS_FILE = "previous.age"
STATE_FILE = "state.json"
RETIRED_DIR = "retired"
PHASES = ("prepared", "switched", "retiring")
DEFAULT_GRACE_SECONDS = 3600


@dataclass
class RotationState:
    phase: str
    old: str  # recipient strings: public, safe to keep in the clear
    new: str
    started: str
    switched: str | None = None
    # The newest run's grace period and time (state files of an older
    # version have neither: the default, and the newest time recorded).
    grace_seconds: int = DEFAULT_GRACE_SECONDS
    updated: str | None = None

    def switched_at(self) -> datetime | None:
        return datetime.fromisoformat(self.switched) if self.switched else None

    def last_run(self) -> datetime:
        return datetime.fromisoformat(self.updated or self.switched or self.started)


def folder(keys_dir: str | Path) -> Path:
    return Path(keys_dir) / ROTATION_DIR


def read(keys_dir: str | Path) -> RotationState | None:
    path = folder(keys_dir) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = RotationState(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        raise KeysError(f"{path} cannot be read; it records a rotation in progress") from exc
    if state.phase not in PHASES:
        raise KeysError(f"{path} names an unknown phase {state.phase!r}")
    return state


def write(keys_dir: str | Path, state: RotationState) -> None:
    directory = folder(keys_dir)
    directory.mkdir(exist_ok=True, mode=0o700)
    write_private(directory / STATE_FILE, json.dumps(asdict(state), indent=1).encode())


@dataclass(frozen=True)
class RotationStatus:
    """A rotation in progress, as the checks report it (times in UTC, naive)."""

    phase: str
    started: datetime
    last_run: datetime
    grace: timedelta
    retire_after: datetime | None

    @property
    def old_key_needed(self) -> bool:
        """Until the phase ``retiring``, objects sealed to the old key may remain."""
        return self.phase != "retiring"

    def stalled(self, now: datetime) -> bool:
        """No run for longer than the grace period: interrupted, not merely waiting."""
        return now > self.last_run + self.grace

    def describe(self, now: datetime) -> str:
        key = (
            "the old key is still needed (keep keys/rotation/previous.age and its passphrase)"
            if self.old_key_needed
            else "nothing refers to the old key any more; the next run retires it"
        )
        when = f"{self.last_run:%Y-%m-%d %H:%M} UTC"
        if self.stalled(now):
            minutes = int(self.grace.total_seconds() // 60)
            return (
                f"a key rotation was interrupted (phase {self.phase}, last run {when}, longer "
                f"ago than its {minutes}-minute grace period); {key}. Run 'tipline keys rotate' "
                "again with the same passphrases to finish it"
            )
        text = f"in progress since {self.started:%Y-%m-%d %H:%M} UTC (phase {self.phase}); {key}"
        if self.retire_after is not None and now < self.retire_after:
            text += f"; run 'tipline keys rotate' again after {self.retire_after:%H:%M} UTC"
        return text


def status(keys_dir: str | Path) -> RotationStatus | None:
    """The rotation in progress, or None; :class:`KeysError` if its state cannot be read."""
    current = read(keys_dir)
    if current is None:
        return None
    grace = timedelta(seconds=current.grace_seconds)
    switched = current.switched_at()
    return RotationStatus(
        phase=current.phase,
        started=datetime.fromisoformat(current.started),
        last_run=current.last_run(),
        grace=grace,
        retire_after=None if switched is None else switched + grace,
    )
