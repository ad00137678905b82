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
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from tipline.key_folder import KeysError, write_private

ROTATION_DIR = "rotation"
NEXT_FILE = "next.age"
PREVIOUS_FILE = "previous.age"
STATE_FILE = "state.json"
RETIRED_DIR = "retired"
PHASES = ("prepared", "switched", "retiring")


@dataclass
class RotationState:
    phase: str
    old: str  # recipient strings: public, safe to keep in the clear
    new: str
    started: str
    switched: str | None = None

    def switched_at(self) -> datetime | None:
        return datetime.fromisoformat(self.switched) if self.switched else None


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
