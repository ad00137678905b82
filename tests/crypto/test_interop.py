"""Interoperability with the reference Go implementation (Debian's ``age``).

Debian's age 1.1.x predates mlkem768x25519, so the hybrid type is covered by
the CCTV vectors instead; X25519, scrypt, armor and key files are tested here
both ways. ``age`` reads passphrases from the terminal, hence pexpect.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from tipline.crypto import (
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    decrypt,
    encrypt,
    parse_identities_file,
    parse_recipient,
)
from tipline.crypto.key_format import format_identity_file

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")
pytestmark = pytest.mark.skipif(
    AGE is None or AGE_KEYGEN is None,
    reason="the Go 'age' tool is not installed (apt-get install age)",
)
DATA = os.urandom(200_000) + b"end"


def _run(*args: str, stdin: bytes = b"") -> bytes:
    result = subprocess.run(args, input=stdin, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def _age_keygen(path: Path) -> X25519Identity:
    _run(str(AGE_KEYGEN), "-o", str(path))
    identities = parse_identities_file(path.read_text())
    assert len(identities) == 1 and isinstance(identities[0], X25519Identity)
    return identities[0]


@pytest.mark.parametrize("armor", [False, True])
def test_tipline_seals_age_opens(tmp_path: Path, armor: bool) -> None:
    identity = X25519Identity.generate()
    key = tmp_path / "key.txt"
    key.write_text(format_identity_file(identity))
    sealed = tmp_path / "sealed.age"
    sealed.write_bytes(encrypt(DATA, [identity.recipient()], armor=armor))
    assert _run(str(AGE), "-d", "-i", str(key), str(sealed)) == DATA


@pytest.mark.parametrize("armor", [False, True])
def test_age_seals_tipline_opens(tmp_path: Path, armor: bool) -> None:
    identity = _age_keygen(tmp_path / "key.txt")
    flags = ["-a"] if armor else []
    sealed = _run(str(AGE), *flags, "-r", str(identity.recipient()), stdin=DATA)
    assert sealed.startswith(b"-----BEGIN" if armor else b"age-encryption.org/v1\n")
    assert decrypt(sealed, [identity]) == DATA


def test_key_files_are_shared(tmp_path: Path) -> None:
    # age-keygen's key file parses here and gives the same recipient ...
    identity = _age_keygen(tmp_path / "go.txt")
    assert _run(str(AGE_KEYGEN), "-y", str(tmp_path / "go.txt")).decode().strip() == str(
        identity.recipient()
    )
    # ... and tipline's key file parses there.
    ours = X25519Identity.generate()
    (tmp_path / "py.txt").write_text(format_identity_file(ours))
    go_recipient = _run(str(AGE_KEYGEN), "-y", str(tmp_path / "py.txt")).decode().strip()
    assert parse_recipient(go_recipient) == ours.recipient()


def test_multiple_recipients_across_tools(tmp_path: Path) -> None:
    go = _age_keygen(tmp_path / "go.txt")
    ours = X25519Identity.generate()
    (tmp_path / "py.txt").write_text(format_identity_file(ours))
    sealed = _run(str(AGE), "-r", str(go.recipient()), "-r", str(ours.recipient()), stdin=DATA)
    assert decrypt(sealed, [ours]) == DATA
    (tmp_path / "mine.age").write_bytes(encrypt(DATA, [ours.recipient(), go.recipient()]))
    assert _run(str(AGE), "-d", "-i", str(tmp_path / "go.txt"), str(tmp_path / "mine.age")) == DATA


def _age_with_passphrase(args: list[str], passphrase: str, prompts: int) -> None:
    child = pexpect.spawn(str(AGE), args, timeout=60)
    for _ in range(prompts):
        child.expect("passphrase")
        child.sendline(passphrase)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


@pytest.mark.parametrize("armor", [False, True])
def test_passphrase_files_both_ways(tmp_path: Path, armor: bool) -> None:
    plain = tmp_path / "plain"
    plain.write_bytes(DATA)
    # age -p (work factor 18) -> tipline
    go_sealed = tmp_path / "go.age"
    flags = ["-a"] if armor else []
    _age_with_passphrase(["-p", *flags, "-o", str(go_sealed), str(plain)], "hunter2 go", 2)
    assert decrypt(go_sealed.read_bytes(), [ScryptIdentity("hunter2 go")]) == DATA
    # tipline scrypt -> age -d
    ours = tmp_path / "ours.age"
    ours.write_bytes(encrypt(DATA, [ScryptRecipient("hunter2 py", work_factor=10)], armor=armor))
    out = tmp_path / "out"
    _age_with_passphrase(["-d", "-o", str(out), str(ours)], "hunter2 py", 1)
    assert out.read_bytes() == DATA
