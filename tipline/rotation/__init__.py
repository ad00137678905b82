"""Key rotation: a new organization key, everything re-sealed to it, the old one retired.

:func:`rotate` runs the phases of tipline.rotation.state in order, each one
redoable, so ``tipline keys rotate`` killed at any moment is simply run again:

1. *prepare*: make the new identity, seal it with the passphrase into
   ``keys/rotation/next.age``, record the state;
2. re-make every key holder's copy as a key ring of new and old key, end the
   sessions that hold the old key alone, re-make the copies once more (a
   password changed in such a session meanwhile wrote an old-only copy);
3. *switch*: keep the old identity as ``previous.age``, rename a new
   recipients.txt into place (the intake picks it up at its next request:
   tipline.intake.refresh_keys; the review app reads it each time it seals),
   then the new identity.age;
4. *re-seal* every object that the new key alone does not open
   (tipline.rotation.reseal), from the key ring to the new recipients;
5. after the grace period (uploads that started before the switch, sealed to
   the old key, have landed by then) a last pass must find nothing left;
   then *retire*: copies hold the new key alone, key-holding sessions are
   ended again, the old identity file moves to ``keys/retired/``.

Both apps keep serving throughout. Counts go to the caller, and the start
and the end to the audit log (``keys.rotation_started``, ``keys.rotated``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Identity, KeyRing
from tipline.key_folder import (
    IDENTITY_FILE,
    KeysError,
    load_recipients,
    open_identity_file,
    recipient_fingerprint,
    recipient_lines,
    replace_organization_recipient,
    seal_identity_file,
    write_private,
)
from tipline.progress import Progress
from tipline.rotation import copies, state
from tipline.rotation.reseal import PassResult, Resealer, reseal_pass


class RotationError(Exception):
    """The rotation cannot go on; the message says why. Nothing is lost: run it again."""


@dataclass
class RotationResult:
    """What one run did; ``finished`` is False while the grace period runs."""

    new_fingerprint: str
    resealed: int = 0
    checked: int = 0
    rewrapped: int = 0
    sessions_ended: int = 0
    dropped: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    finished: bool = False
    retire_after: datetime | None = None
    retired_file: Path | None = None


@dataclass
class Rotation:
    """One run of ``tipline keys rotate`` against an instance's keys and database."""

    config: Mapping[str, Any]
    sessions: Callable[[], Session]
    passphrase: str
    new_passphrase: str
    progress: Progress
    grace: timedelta
    work_factor: int = 18

    @property
    def keys_dir(self) -> Path:
        return Path(self.config["KEYS_DIR"])

    def run(self, now: datetime | None = None) -> RotationResult:
        now = now or datetime.now(UTC).replace(tzinfo=None)
        current = state.read(self.keys_dir)
        if current is None:
            current = self._prepare(now)
        old, new = self._identities(current)
        self._record_run(current, now)
        result = RotationResult(recipient_fingerprint(current.new))
        if current.phase == "prepared":
            self._hold_both(old, new, result)
            current = self._switch(current, now)
        if current.phase == "switched":
            resealer = self._resealer(old, new)
            self._tally(result, reseal_pass(self.sessions, resealer, self.progress))
            switched = current.switched_at() or now
            if now < switched + self.grace:
                result.retire_after = switched + self.grace
                return result
            last = reseal_pass(self.sessions, self._resealer(old, new), self.progress)
            self._tally(result, last)
            if last.resealed:
                return result  # something arrived meanwhile: the next run checks again
            # Objects that open with neither key (damaged, or sealed to some
            # other key) do not block: the old key cannot open them either.
            # They are named in the result, and the retired file is kept.
            current.phase = "retiring"
            state.write(self.keys_dir, current)
        self._retire(current, new, result)
        return result

    # -- phases ----------------------------------------------------------------

    def _prepare(self, now: datetime) -> state.RotationState:
        try:
            old = open_identity_file(self.keys_dir / IDENTITY_FILE, self.passphrase)
            old_recipient = recipient_lines(self.keys_dir)[0]
        except KeysError as exc:
            raise RotationError(str(exc)) from exc
        if old_recipient != str(_recipient(old)):
            raise RotationError("keys/identity.age does not match the first line of recipients.txt")
        new = HybridIdentity.generate()
        directory = state.folder(self.keys_dir)
        directory.mkdir(exist_ok=True, mode=0o700)
        sealed = seal_identity_file(new, self.new_passphrase, self.work_factor)
        write_private(directory / state.NEXT_FILE, sealed)
        current = state.RotationState(
            phase="prepared", old=old_recipient, new=str(new.recipient()), started=now.isoformat()
        )
        state.write(self.keys_dir, current)
        self._audit("keys.rotation_started", current.new)
        return current

    def _identities(self, current: state.RotationState) -> tuple[Identity, Identity]:
        directory = state.folder(self.keys_dir)
        try:
            new = open_identity_file(directory / state.NEXT_FILE, self.new_passphrase)
        except KeysError as exc:
            raise RotationError(
                f"{exc}; a rotation is in progress: give the same passphrases as when it began"
            ) from exc
        previous = directory / state.PREVIOUS_FILE
        if current.phase == "retiring" and not previous.exists():
            return new, new  # the old key is already retired; only clean-up is left
        source = previous if previous.exists() else self.keys_dir / IDENTITY_FILE
        try:
            old = open_identity_file(source, self.passphrase)
        except KeysError as exc:
            raise RotationError(str(exc)) from exc
        if str(_recipient(new)) != current.new or str(_recipient(old)) != current.old:
            raise RotationError(f"the key files do not match {directory / state.STATE_FILE}")
        return old, new

    def _hold_both(self, old: Identity, new: Identity, result: RotationResult) -> None:
        ring = KeyRing([new, old])
        self._rewrap(ring, result)
        with self.sessions() as session:
            result.sessions_ended += copies.end_key_sessions(session)
            session.commit()
        self._rewrap(ring, result)

    def _switch(self, current: state.RotationState, now: datetime) -> state.RotationState:
        directory = state.folder(self.keys_dir)
        previous = directory / state.PREVIOUS_FILE
        if not previous.exists():
            write_private(previous, (self.keys_dir / IDENTITY_FILE).read_bytes())
        replace_organization_recipient(self.keys_dir, current.new)
        write_private(self.keys_dir / IDENTITY_FILE, (directory / state.NEXT_FILE).read_bytes())
        current.phase, current.switched = "switched", now.isoformat()
        state.write(self.keys_dir, current)
        return current

    def _resealer(self, old: Identity, new: Identity) -> Resealer:
        try:
            recipients = load_recipients(self.keys_dir)
        except KeysError as exc:
            raise RotationError(str(exc)) from exc
        return Resealer(BlobStore(self.config["BLOB_DIR"]), new, KeyRing([new, old]), recipients)

    def _retire(self, current: state.RotationState, new: Identity, result: RotationResult) -> None:
        self._rewrap(new, result)
        with self.sessions() as session:
            result.sessions_ended += copies.end_key_sessions(session)
            session.commit()
        self._rewrap(new, result)
        directory = state.folder(self.keys_dir)
        previous = directory / state.PREVIOUS_FILE
        if previous.exists():
            retired = self.keys_dir / state.RETIRED_DIR
            retired.mkdir(exist_ok=True, mode=0o700)
            stamp = datetime.fromisoformat(current.started).strftime("%Y%m%d")
            short = recipient_fingerprint(current.old).replace(" ", "")[:16].lower()
            result.retired_file = retired / f"identity-{stamp}-{short}.age"
            previous.replace(result.retired_file)
        self._audit("keys.rotated", current.new)
        shutil.rmtree(directory)
        result.finished = True

    # -- helpers ---------------------------------------------------------------

    def _record_run(self, current: state.RotationState, now: datetime) -> None:
        """Note this run and its grace period, for the checks (state.status)."""
        current.grace_seconds = int(self.grace.total_seconds())
        current.updated = now.isoformat()
        state.write(self.keys_dir, current)

    def _rewrap(self, identity: Identity, result: RotationResult) -> None:
        with self.sessions() as session:
            outcome = copies.rewrap_all(session, identity, self.config["INSTANCE_SECRET"])
            session.commit()
        result.rewrapped = outcome.rewrapped
        result.dropped = sorted(set(result.dropped) | set(outcome.dropped))

    def _tally(self, result: RotationResult, one: PassResult) -> None:
        result.resealed += one.resealed
        result.checked = max(result.checked, one.checked)
        result.unreadable = one.unreadable

    def _audit(self, action: str, recipient: str) -> None:
        with self.sessions() as session:
            audit.record(
                session,
                actor=None,
                action=action,
                object_type="key",
                object_id=recipient_fingerprint(recipient).replace(" ", ""),
            )
            session.commit()


def _recipient(identity: Identity) -> object:
    recipient = getattr(identity, "recipient", None)
    if recipient is None:
        raise RotationError("the organization identity has no recipient")
    return recipient()
