"""``tipline keys rotate``: everything re-sealed to a new key, resumable after kill -9.

Checked on SQLite and PostgreSQL: every sealed object opens with the new key
and with nothing else, reads back the same, the reviewer's own password
opens the new key, the source still reads the conversation, the intake
seals to the new key from its next request, and the old key is retired.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from tests.backup.conftest import SECRETS, LiveInstance, assert_healthy, run
from tests.backup.populate import populate, read_everything, sign_in
from tests.conftest import TEST_PASSPHRASE
from tests.factories import make_tip
from tests.helpers import times_finer_than_the_hour
from tipline.crypto import Identity, KeyRing, NoIdentityError, X25519Identity, decrypt, encrypt
from tipline.key_folder import load_identity, open_identity_file, recipient_lines
from tipline.models import AuditEvent, Case, Message, Tip, WrappedKey
from tipline.receipt_phrases import derive_source_keys

ROOT = Path(__file__).resolve().parents[2]
ROTATE = ["keys", "rotate", "--grace-minutes", "0", "--work-factor", "2", "--quiet"]


def plaintexts(live: LiveInstance, identity: Identity) -> dict[str, Any]:
    database = live.database()
    try:
        with database.session() as session:
            return read_everything(session, live.blobs, identity)
    finally:
        database.engine.dispose()


def test_rotation_reseals_everything(live: LiveInstance) -> None:
    made = populate(live)
    old = load_identity(live.keys, TEST_PASSPHRASE)
    before = plaintexts(live, old)
    result = run(CliRunner(), live, *ROTATE)
    assert result.exit_code == 0, result.output
    assert "Done: nothing refers to the old key" in result.output

    new = load_identity(live.keys, TEST_PASSPHRASE)
    assert str(new.recipient()) == recipient_lines(live.keys)[0] != str(old.recipient())
    assert plaintexts(live, new) == before
    with pytest.raises(NoIdentityError):
        plaintexts(live, old)
    assert not (live.keys / "rotation").exists()
    (retired,) = (live.keys / "retired").iterdir()
    assert str(open_identity_file(retired, TEST_PASSPHRASE).recipient()) == str(old.recipient())

    database = live.database()
    with database.session() as session:
        key = sign_in(session, live.config(), made.reviewer)
        assert not isinstance(key, KeyRing) and str(key.recipient()) == str(new.recipient())
        tip = session.get(Tip, made.tip_id)
        assert tip is not None
        source = derive_source_keys(made.phrase, SECRETS["PHRASE_PEPPER"])
        for message in session.scalars(select(Message).where(Message.tip_id == tip.id)):
            assert decrypt(live.blobs.read(message.body_blob), [source.identity])
        actions = list(session.scalars(select(AuditEvent.action)))
    database.engine.dispose()
    assert "keys.rotation_started" in actions and actions[-1] == "keys.rotated"
    # Re-sealed blobs carry the hour they were rewritten, no finer (DESIGN.md).
    assert not times_finer_than_the_hour(live.instance / "blobs")
    assert_healthy(live)


def test_the_old_key_waits_for_uploads_in_flight(live: LiveInstance) -> None:
    """Within the grace period the old key stays; a late tip sealed to it is re-sealed."""
    populate(live)
    old_recipients = live.recipients()
    waiting = run(CliRunner(), live, "keys", "rotate", "--work-factor", "2", "--quiet")
    assert waiting.exit_code == 0, waiting.output
    assert "again after" in waiting.output
    assert (live.keys / "rotation" / "previous.age").exists()
    # The checks report the rotation; waiting out the grace period is no problem.
    checked = run(CliRunner(), live, "maintenance", "check")
    assert checked.exit_code == 0, checked.output
    assert "Key rotation: in progress since" in checked.output
    assert "the old key is still needed" in checked.output
    # Left alone for longer than its grace period, it is one.
    state_file = live.keys / "rotation" / "state.json"
    recorded = json.loads(state_file.read_text())
    two_hours_ago = (datetime.fromisoformat(recorded["updated"]) - timedelta(hours=2)).isoformat()
    recorded.update(switched=two_hours_ago, updated=two_hours_ago)
    state_file.write_text(json.dumps(recorded))
    checked = run(CliRunner(), live, "maintenance", "check")
    assert checked.exit_code == 1, checked.output
    assert "Problem: a key rotation was interrupted (phase switched" in checked.output
    # An upload that began before the switch lands now, sealed to the old key.
    database = live.database()
    with database.session() as session:
        late, _ = make_tip(session, live.blobs, old_recipients, what_happened="A late upload.")
        session.commit()
        late_blob = late.body_blob
    database.engine.dispose()
    finished = run(CliRunner(), live, *ROTATE)
    assert finished.exit_code == 0, finished.output
    assert "Done" in finished.output
    new = load_identity(live.keys, TEST_PASSPHRASE)
    assert b"A late upload." in decrypt(live.blobs.read(late_blob), [new])


def test_a_tampered_wrap_recipient_is_not_trusted(live: LiveInstance) -> None:
    """Someone who can write to the database cannot have the new key sealed to them."""
    made = populate(live)
    database = live.database()
    with database.session() as session:
        session.execute(update(WrappedKey).values(wrap_recipient="age1" + "q" * 58))
        session.commit()
    database.engine.dispose()
    result = run(CliRunner(), live, *ROTATE)
    assert result.exit_code == 0, result.output
    assert f"tipline users reset {made.reviewer}" in result.output
    database = live.database()
    with database.session() as session:
        assert session.scalars(select(WrappedKey)).first() is None
    database.engine.dispose()


# Where each run is killed: phase by phase, mid-write, mid-commit, mid-retire.
KILL_POINTS = [
    ("tipline.rotation.state:write", 1),  # new key written, state not yet
    ("tipline.rotation.copies:end_key_sessions", 1),  # copies hold both keys
    ("tipline.rotation:write_private", 2),  # recipients switched, identity.age not yet
    ("tipline.blobs:BlobStore.writer", 3),  # between two blob re-seals
    ("tipline.crypto.stream:EncryptWriter.close", 2),  # a blob half re-sealed
    ("tipline.rotation.reseal:Resealer.column", 2),  # a batch of columns uncommitted
    ("tipline.rotation.copies:end_key_sessions", 1),  # retiring: copies hold the new key
    ("tipline.rotation:shutil.rmtree", 1),  # old key retired, state not yet removed
]


def _current_keys(live: LiveInstance) -> KeyRing:
    identities = [load_identity(live.keys, TEST_PASSPHRASE)]
    for name in ("rotation/next.age", "rotation/previous.age"):
        if (live.keys / name).exists():
            identities.append(open_identity_file(live.keys / name, TEST_PASSPHRASE))
    return KeyRing(identities)


def test_kill_9_at_any_point_loses_nothing(live: LiveInstance) -> None:
    made = populate(live, tips=3)
    before = plaintexts(live, load_identity(live.keys, TEST_PASSPHRASE))
    env = {**os.environ, **live.env()}
    for target, nth in KILL_POINTS:
        killed = subprocess.run(
            [sys.executable, "-m", "tests.backup.crash", target, str(nth), *ROTATE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=False,
        )
        assert killed.returncode == -signal.SIGKILL, (target, killed.stderr.decode()[-2000:])
        # Whatever the moment, everything still opens with the keys on disk.
        assert plaintexts(live, _current_keys(live)) == before, target
    result = run(CliRunner(), live, *ROTATE)
    assert result.exit_code == 0, result.output
    assert "Done" in result.output
    new = load_identity(live.keys, TEST_PASSPHRASE)
    assert plaintexts(live, new) == before
    database = live.database()
    with database.session() as session:
        assert not isinstance(sign_in(session, live.config(), made.reviewer), KeyRing)
    database.engine.dispose()
    assert_healthy(live)


def test_an_object_no_key_opens_is_reported(live: LiveInstance) -> None:
    """Damaged or foreign objects are named; they do not keep the old key alive forever."""
    populate(live)
    stranger = X25519Identity.generate()
    database = live.database()
    with database.session() as session:
        case = session.scalars(select(Case)).one()
        case.sealed = encrypt(b"sealed to someone else", [stranger.recipient()])
        session.commit()
        case_id = case.id
    database.engine.dispose()
    result = run(CliRunner(), live, *ROTATE)
    assert result.exit_code == 0, result.output
    assert (
        f"open with neither key and were left as they are (first: case {case_id})" in result.output
    )
    assert "Done" in result.output
