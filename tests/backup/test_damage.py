"""A damaged, cut-short, altered or foreign backup fails verify and restore with one line.

Whatever the damage, restore leaves the target exactly as it was: no folder,
no staging folder, no rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.backup.conftest import LiveInstance, run
from tests.backup.populate import populate
from tipline.backup import manifest, tables
from tipline.crypto import X25519Identity


def _fails_everywhere(path: Path, live: LiveInstance, target: LiveInstance, expected: str) -> None:
    runner = CliRunner()
    identity = str(live.keys / "identity.age")
    for command in (["verify"], ["restore"]):
        result = run(runner, target, "backup", *command, str(path), "-i", identity)
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
        assert expected in lines[0]
    assert not target.instance.exists() and not target.keys.exists()
    assert not list(target.root.parent.glob(".*restoring-*"))
    if target.database_url.startswith("postgresql"):
        database = target.database()
        with database.engine.connect() as connection:
            assert tables.is_empty(connection)
        database.engine.dispose()


def test_a_flipped_byte_fails(backup: Path, live: LiveInstance, empty_target: LiveInstance) -> None:
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    backup.write_bytes(bytes(data))
    _fails_everywhere(backup, live, empty_target, "damaged, altered or cut short")


@pytest.mark.parametrize("keep", [0.5, 0.999])
def test_a_truncated_backup_fails(
    backup: Path, live: LiveInstance, empty_target: LiveInstance, keep: float
) -> None:
    data = backup.read_bytes()
    backup.write_bytes(data[: int(len(data) * keep)])
    _fails_everywhere(backup, live, empty_target, "damaged, altered or cut short")


def test_a_part_that_differs_from_its_manifest_fails(
    live: LiveInstance, empty_target: LiveInstance, tmp_path: Path, monkeypatch: Any
) -> None:
    """The manifest catches what age cannot: a writer that stored the wrong bytes."""
    populate(live)
    original = manifest.ManifestWriter.add

    def lying(self: Any, name: str, size: int, sha256: Callable[[], str]) -> bool:
        return original(
            self, name, size, (lambda: "0" * 64) if name.startswith("blobs/") else sha256
        )

    monkeypatch.setattr(manifest.ManifestWriter, "add", lying)
    path = tmp_path / "bad.age"
    assert run(CliRunner(), live, "backup", "create", "-o", str(path)).exit_code == 0
    monkeypatch.undo()
    _fails_everywhere(path, live, empty_target, "SHA-256 does not match the manifest")


def test_a_backup_for_other_keys_fails(
    backup: Path, live: LiveInstance, empty_target: LiveInstance, tmp_path: Path
) -> None:
    stranger = tmp_path / "stranger.txt"
    stranger.write_text(str(X25519Identity.generate()) + "\n")
    result = run(CliRunner(), empty_target, "backup", "verify", str(backup), "-i", str(stranger))
    assert result.exit_code == 1
    assert "none of the given keys opens this backup" in result.output


def test_not_a_backup_fails(live: LiveInstance, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = run(CliRunner(), live, "backup", "verify", str(path))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1


def test_the_offline_key_alone_opens_a_backup(
    live: LiveInstance, empty_target: LiveInstance, tmp_path: Path
) -> None:
    """BACKUP_RECIPIENTS and -r: the offline keys open the backup without the org key."""
    populate(live)
    offline, extra = X25519Identity.generate(), X25519Identity.generate()
    files = []
    for number, identity in enumerate((offline, extra)):
        files.append(tmp_path / f"offline-{number}.txt")
        files[-1].write_text(str(identity) + "\n")
    path = tmp_path / "backup.age"
    runner = CliRunner()
    env = {"TIPLINE_BACKUP_RECIPIENTS": f'["{offline.recipient()}"]'}
    made = run(
        runner, live, "backup", "create", "-o", str(path), "-r", str(extra.recipient()), **env
    )
    assert made.exit_code == 0, made.output
    assert "sealed to 3 recipient(s)" in made.output
    for key in files:
        result = run(runner, empty_target, "backup", "verify", str(path), "-i", str(key))
        assert result.exit_code == 0, result.output


def test_no_plaintext_reaches_the_disk(
    backup: Path, live: LiveInstance, empty_target: LiveInstance, tmp_path: Path
) -> None:
    """What a source wrote is nowhere on disk unsealed: not in the backup, not in a restore."""
    identity = str(live.keys / "identity.age")
    restored = run(CliRunner(), empty_target, "backup", "restore", str(backup), "-i", identity)
    assert restored.exit_code == 0
    for marker in (b"Release-time handoff number 0", b"Jane Roe", b"One more thing", b"a letter"):
        for file in tmp_path.rglob("*"):
            if file.is_file():
                assert marker not in file.read_bytes(), f"{marker!r} in {file}"
