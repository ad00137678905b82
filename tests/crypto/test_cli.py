"""``tipline age`` and ``tipline age-keygen``, through CliRunner and the real script."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from tipline.cli.age import age_command, age_keygen_command
from tipline.crypto import ScryptIdentity, decrypt, parse_identities_file

REPO = Path(__file__).resolve().parents[2]
FAST = {"TIPLINE_SCRYPT_WORK_FACTOR": "10"}
DATA = os.urandom(150_000)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("TIPLINE_PASSPHRASE", raising=False)
    return CliRunner()


def _ok(runner: CliRunner, command, args: list[str], **kwargs):
    result = runner.invoke(command, args, catch_exceptions=False, **kwargs)
    assert result.exit_code == 0, result.output
    return result


def _fails(runner: CliRunner, command, args: list[str], match: str, **kwargs) -> str:
    result = runner.invoke(command, args, catch_exceptions=False, **kwargs)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert lines[0].startswith("tipline age") and ": error: " in lines[0]
    assert match in lines[0], lines[0]
    return lines[0]


def _keygen(runner: CliRunner, path: Path, *flags: str) -> str:
    result = _ok(runner, age_keygen_command, [*flags, "-o", str(path)])
    recipient = result.stderr.strip().removeprefix("Public key: ")
    return recipient


def test_keygen_file_mode_comments_and_y(runner: CliRunner, tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    recipient = _keygen(runner, key)
    assert recipient.startswith("age1pq1")  # post-quantum by default
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    lines = key.read_text().splitlines()
    assert lines[0].startswith("# created: 20") and lines[1] == f"# public key: {recipient}"
    assert lines[2].startswith("AGE-SECRET-KEY-PQ-1")
    assert _ok(runner, age_keygen_command, ["-y", str(key)]).stdout == recipient + "\n"
    assert (
        _ok(runner, age_keygen_command, ["-y"], input=key.read_bytes()).stdout == recipient + "\n"
    )
    x = _keygen(runner, tmp_path / "x.txt", "--x25519")
    assert x.startswith("age1") and not x.startswith("age1pq1")
    _fails(runner, age_keygen_command, ["-o", str(key)], "cannot create")  # never overwrites
    stdout = _ok(runner, age_keygen_command, []).stdout
    assert parse_identities_file(stdout)


def test_round_trip_with_r_R_i_and_o(runner: CliRunner, tmp_path: Path) -> None:
    r1 = _keygen(runner, tmp_path / "k1.txt")
    r2 = _keygen(runner, tmp_path / "k2.txt", "--x25519")
    (tmp_path / "recipients.txt").write_text(f"# team\n{r2}\n")
    (tmp_path / "plain").write_bytes(DATA)
    sealed = tmp_path / "sealed.age"
    args = ["-e", "-r", r1, "-R", str(tmp_path / "recipients.txt"), "-o", str(sealed)]
    _ok(runner, age_command, [*args, str(tmp_path / "plain")])
    for key in ("k1.txt", "k2.txt"):
        out = _ok(runner, age_command, ["-d", "-i", str(tmp_path / key), str(sealed)])
        assert out.stdout_bytes == DATA
    # stdin to stdout, and -e -i encrypts to the identity's own recipient
    sealed2 = _ok(runner, age_command, ["-i", str(tmp_path / "k1.txt")], input=DATA).stdout_bytes
    got = _ok(runner, age_command, ["-d", "-i", str(tmp_path / "k1.txt")], input=sealed2)
    assert got.stdout_bytes == DATA


def test_output_to_a_device_or_pipe_is_written_in_place(runner: CliRunner, tmp_path: Path) -> None:
    """``-o /dev/null`` or a FIFO: written directly, never replaced by a renamed file."""
    recipient = _keygen(runner, tmp_path / "k.txt")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    _ok(runner, age_command, ["-r", recipient, "-o", str(fifo)], input=DATA)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a file renamed over it
    assert received and received[0].startswith(b"age-encryption.org/v1\n")
    assert list(tmp_path.glob(".tipline-age-*")) == []
    assert decrypt(received[0], parse_identities_file((tmp_path / "k.txt").read_text())) == DATA


def test_armor(runner: CliRunner, tmp_path: Path) -> None:
    recipient = _keygen(runner, tmp_path / "k.txt")
    armored = _ok(runner, age_command, ["-a", "-r", recipient], input=DATA).stdout_bytes
    assert armored.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n") and armored.isascii()
    out = _ok(runner, age_command, ["-d", "-i", str(tmp_path / "k.txt")], input=armored)
    assert out.stdout_bytes == DATA


def test_passphrase_from_env(runner: CliRunner, tmp_path: Path) -> None:
    env = {**FAST, "TIPLINE_PASSPHRASE": "a long passphrase"}
    sealed = _ok(runner, age_command, ["-p"], input=DATA, env=env).stdout_bytes
    assert b"-> scrypt " in sealed and b" 10\n" in sealed
    assert decrypt(sealed, [ScryptIdentity("a long passphrase")]) == DATA
    assert _ok(runner, age_command, ["-d"], input=sealed, env=env).stdout_bytes == DATA
    wrong = {"TIPLINE_PASSPHRASE": "nope"}
    _fails(runner, age_command, ["-d"], "incorrect passphrase", input=sealed, env=wrong)
    _fails(runner, age_command, ["-p", "-r", "age1x"], "can't be combined", env=env)
    bad_wf = {**env, "TIPLINE_SCRYPT_WORK_FACTOR": "abc"}
    _fails(runner, age_command, ["-p"], "TIPLINE_SCRYPT_WORK_FACTOR", input=b"x", env=bad_wf)


def test_passphrase_protected_identity_file(runner: CliRunner, tmp_path: Path) -> None:
    env = {**FAST, "TIPLINE_PASSPHRASE": "identity passphrase"}
    recipient = _keygen(runner, tmp_path / "k.txt")
    for armor in ([], ["-a"]):
        sealed_key = tmp_path / "k.age"
        _ok(
            runner,
            age_command,
            ["-p", *armor, "-o", str(sealed_key), str(tmp_path / "k.txt")],
            env=env,
        )
        sealed = _ok(runner, age_command, ["-r", recipient], input=DATA).stdout_bytes
        out = _ok(runner, age_command, ["-d", "-i", str(sealed_key)], input=sealed, env=env)
        assert out.stdout_bytes == DATA
    _fails(
        runner,
        age_command,
        ["-d", "-i", str(sealed_key)],
        "cannot decrypt identity file",
        input=sealed,
        env={"TIPLINE_PASSPHRASE": "wrong"},
    )


def test_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    recipient = _keygen(runner, tmp_path / "k.txt")
    other = tmp_path / "other.txt"
    _keygen(runner, other)
    _fails(runner, age_command, ["-r", "age1notarecipient"], "invalid recipient", input=b"x")
    _fails(runner, age_command, ["-r", "AGE-SECRET-KEY-1XYZ"], "invalid recipient", input=b"x")
    _fails(runner, age_command, [], "missing recipients", input=b"x")
    _fails(runner, age_command, ["-r", recipient, str(tmp_path / "missing")], "cannot open input")
    _fails(runner, age_command, ["-d", "-i", str(tmp_path / "missing.txt")], "cannot read")
    _fails(runner, age_command, ["-d", "-r", recipient], "can't be used with -d")
    _fails(runner, age_command, ["--bogus"], "No such option")
    (tmp_path / "bad.txt").write_text("AGE-SECRET-KEY-1QQQQ\n")
    msg = _fails(runner, age_command, ["-d", "-i", str(tmp_path / "bad.txt")], "line 1", input=b"")
    assert "QQQQ" not in msg  # never echo (possibly secret) identity lines
    sealed = _ok(runner, age_command, ["-r", recipient], input=DATA).stdout_bytes
    _fails(runner, age_command, ["-d", "-i", str(other)], "no identity matched", input=sealed)
    _fails(runner, age_command, ["-d"], "not passphrase-encrypted: use -i", input=sealed)
    _fails(
        runner,
        age_command,
        ["-d", "-i", str(tmp_path / "k.txt")],
        "not an age file",
        input=b"hello",
    )


def test_corrupted_file_leaves_no_output(runner: CliRunner, tmp_path: Path) -> None:
    recipient = _keygen(runner, tmp_path / "k.txt")
    sealed = bytearray(_ok(runner, age_command, ["-r", recipient], input=DATA).stdout_bytes)
    sealed[-100] ^= 1  # in the last chunk: the first two chunks would be authentic
    out = tmp_path / "out.bin"
    args = ["-d", "-i", str(tmp_path / "k.txt"), "-o", str(out)]
    _fails(runner, age_command, args, "failed to authenticate", input=bytes(sealed))
    assert not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".tipline-age-")]


# -- the real console script ---------------------------------------------------


def _script() -> list[str]:
    # The console script of *this* interpreter's environment (a `tipline` found
    # on PATH could belong to another install), else the module entry point.
    script = Path(sys.executable).parent / "tipline"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tipline.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TIPLINE_PASSPHRASE"}
    return {**env, "PYTHONPATH": str(REPO), **FAST, **extra}


def test_script_round_trip_and_error_exit(tmp_path: Path) -> None:
    key = tmp_path / "k.txt"
    run = subprocess.run(
        [*_script(), "age-keygen", "-o", str(key)], env=_env(), capture_output=True, check=True
    )
    recipient = run.stderr.decode().strip().removeprefix("Public key: ")
    sealed = subprocess.run(
        [*_script(), "age", "-r", recipient],
        input=DATA,
        env=_env(),
        capture_output=True,
        check=True,
    ).stdout
    out = subprocess.run(
        [*_script(), "age", "-d", "-i", str(key)],
        input=sealed,
        env=_env(),
        capture_output=True,
        check=True,
    ).stdout
    assert out == DATA
    bad = subprocess.run(
        [*_script(), "age", "-d", "-i", str(key)],
        input=sealed[:-1],
        env=_env(),
        capture_output=True,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stderr.decode().count("\n") == 1 and "Traceback" not in bad.stderr.decode()


def test_script_without_terminal_or_env_refuses_passphrase(tmp_path: Path) -> None:
    # A new session has no controlling terminal, so /dev/tty cannot be opened.
    result = subprocess.run(
        [*_script(), "age", "-p"],
        input=b"x",
        env=_env(),
        capture_output=True,
        check=False,
        start_new_session=True,
    )
    assert result.returncode == 1
    assert "TIPLINE_PASSPHRASE" in result.stderr.decode()


def test_script_prompts_on_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "plain").write_bytes(DATA)
    sealed = tmp_path / "p.age"
    cmd = [*_script(), "age", "-p", "-o", str(sealed), str(tmp_path / "plain")]
    child = pexpect.spawn(cmd[0], cmd[1:], env=_env(), timeout=30)
    child.expect("Enter passphrase: ")
    child.sendline("typed passphrase")
    child.expect("Confirm passphrase: ")
    child.sendline("typed passphrase")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert decrypt(sealed.read_bytes(), [ScryptIdentity("typed passphrase")]) == DATA
    # A mismatched confirmation is refused.
    child = pexpect.spawn(cmd[0], cmd[1:], env=_env(), timeout=30)
    child.expect("Enter passphrase: ")
    child.sendline("one")
    child.expect("Confirm passphrase: ")
    child.sendline("two")
    child.expect("didn't match")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_script_refuses_binary_to_a_terminal(tmp_path: Path) -> None:
    key = tmp_path / "k.txt"
    subprocess.run(
        [*_script(), "age-keygen", "-o", str(key)], env=_env(), check=True, capture_output=True
    )
    (tmp_path / "plain").write_bytes(b"text")
    cmd = [*_script(), "age", "-i", str(key), str(tmp_path / "plain")]
    child = pexpect.spawn(cmd[0], cmd[1:], env=_env(), timeout=30)
    child.expect("refusing to output binary to the terminal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    # Armored output to the terminal is fine, and so is decrypted text.
    cmd = [
        *_script(),
        "age",
        "-a",
        "-i",
        str(key),
        "-o",
        str(tmp_path / "a.age"),
        str(tmp_path / "plain"),
    ]
    subprocess.run(cmd, env=_env(), check=True)
    cmd = [*_script(), "age", "-d", "-i", str(key), str(tmp_path / "a.age")]
    child = pexpect.spawn(cmd[0], cmd[1:], env=_env(), timeout=30)
    child.expect("text")
    child.expect(pexpect.EOF)


@pytest.mark.skipif(shutil.which("age") is None, reason="the Go 'age' tool is not installed")
def test_script_output_opens_with_go_age(tmp_path: Path) -> None:
    key = tmp_path / "k.txt"
    subprocess.run(
        [*_script(), "age-keygen", "--x25519", "-o", str(key)],
        env=_env(),
        check=True,
        capture_output=True,
    )
    recipient = (
        subprocess.run(
            [*_script(), "age-keygen", "-y", str(key)], env=_env(), check=True, capture_output=True
        )
        .stdout.decode()
        .strip()
    )
    sealed = subprocess.run(
        [*_script(), "age", "-a", "-r", recipient],
        input=DATA,
        env=_env(),
        check=True,
        capture_output=True,
    ).stdout
    out = subprocess.run(
        ["age", "-d", "-i", str(key)], input=sealed, check=True, capture_output=True
    ).stdout
    assert out == DATA
