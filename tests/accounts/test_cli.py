"""``tipline users``, ``tipline keys`` and the first admin from ``tipline init``."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.accounts.conftest import one_line_error
from tests.conftest import TEST_PASSPHRASE
from tipline.accounts import service
from tipline.accounts.settings import AccountSettings
from tipline.cli import cli
from tipline.config import load_config
from tipline.db import Database
from tipline.key_folder import load_identity
from tipline.models import AuditEvent, User, WrappedKey


def _password(output: str) -> str:
    lines = output.strip().splitlines()
    index = next(i for i, line in enumerate(lines) if "shown once" in line)
    return lines[index + 1].strip()


def _session(engine: Engine) -> Session:
    return Session(engine)


def test_users_add_list_disable_reset(cli_runner, cli_instance: Engine) -> None:
    result = cli_runner.invoke(cli, ["users", "add", "Lawyer1", "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    password = _password(result.output)
    assert len(password.split()) == 7
    result = cli_runner.invoke(cli, ["users", "add", "org1", "--role", "organizer"])
    assert result.exit_code == 0, result.output
    config = load_config()
    with _session(cli_instance) as session:
        user = session.scalars(select(User).where(User.username == "lawyer1")).one()
        assert user.must_change_password and session.get(WrappedKey, user.id) is not None
        assert (
            service.authenticate(
                session, AccountSettings.from_config(config), "lawyer1", password
            ).identity
            is not None
        )
        organizer = session.scalars(select(User).where(User.username == "org1")).one()
        assert session.get(WrappedKey, organizer.id) is None

    listing = cli_runner.invoke(cli, ["users", "list"])
    assert listing.exit_code == 0
    assert re.search(r"lawyer1\s+reviewer\s+active\s+no-totp\s+key", listing.output)
    assert re.search(r"org1\s+organizer\s+active\s+no-totp\s+no-key", listing.output)

    assert cli_runner.invoke(cli, ["users", "disable", "lawyer1"]).exit_code == 0
    assert re.search(
        r"lawyer1\s+reviewer\s+disabled\s+\S+\s+no-key",
        cli_runner.invoke(cli, ["users", "list"]).output,
    )

    result = cli_runner.invoke(cli, ["users", "reset", "lawyer1", "--totp"])
    assert result.exit_code == 0, result.output
    new_password = _password(result.output)
    with _session(cli_instance) as session:
        opened = service.authenticate(
            session, AccountSettings.from_config(config), "lawyer1", new_password
        )
        assert opened.identity is not None and not opened.user.disabled
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == [
        "user.create",
        "user.create",
        "user.disable",
        "user.password_reset",
        "user.enable",
        "user.totp_reset",
    ]


def test_users_errors_are_one_line(cli_runner, cli_instance: Engine, monkeypatch) -> None:
    assert cli_runner.invoke(cli, ["users", "add", "pat"]).exit_code == 0
    assert "already taken" in one_line_error(cli_runner.invoke(cli, ["users", "add", "pat"]))
    assert "no account" in one_line_error(cli_runner.invoke(cli, ["users", "disable", "nobody"]))
    assert "no account" in one_line_error(cli_runner.invoke(cli, ["users", "reset", "nobody"]))
    assert "username" in one_line_error(cli_runner.invoke(cli, ["users", "add", "x y"])).lower()
    monkeypatch.setenv("TIPLINE_PASSPHRASE", "the wrong passphrase")
    line = one_line_error(cli_runner.invoke(cli, ["users", "add", "kim"]))
    assert "wrong passphrase" in line


def test_users_list_when_empty(cli_runner, cli_instance: Engine) -> None:
    result = cli_runner.invoke(cli, ["users", "list"])
    assert result.exit_code == 0 and "No accounts" in result.output


def _shares(output: str) -> list[str]:
    lines = output.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines) if line.startswith("Share ")]


def test_keys_split_and_recover_round_trip(
    cli_runner, cli_instance: Engine, keys_dir: Path, tmp_path: Path, org_identity
) -> None:
    result = cli_runner.invoke(cli, ["keys", "split", "--threshold", "3", "--shares", "5"])
    assert result.exit_code == 0, result.output
    shares = _shares(result.output)
    assert len(shares) == 5 and len(set(shares)) == 5
    assert str(org_identity) not in result.output
    chosen = [shares[4], shares[1], shares[2]]  # any three, in another order
    result = cli_runner.invoke(cli, ["keys", "recover"], input="\n".join(chosen) + "\n")
    assert result.exit_code == 0, result.output
    assert str(org_identity.recipient()) in result.output
    assert "It matches the organization key" in result.output

    out = tmp_path / "recovered"
    out.mkdir()
    result = cli_runner.invoke(
        cli,
        ["keys", "recover", "-o", str(out / "identity.age"), "--work-factor", "2"],
        input="\n".join([shares[0], shares[3], shares[2]]) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert (out / "identity.age").stat().st_mode & 0o077 == 0
    recovered = load_identity(out, TEST_PASSPHRASE)
    assert str(recovered) == str(org_identity)
    again = cli_runner.invoke(
        cli, ["keys", "recover", "-o", str(out / "identity.age")], input="\n".join(chosen) + "\n"
    )
    assert "refusing to overwrite" in one_line_error(again)


def test_keys_recover_fails_clearly(cli_runner, cli_instance: Engine) -> None:
    shares = _shares(cli_runner.invoke(cli, ["keys", "split", "-m", "3", "-n", "5"]).output)
    too_few = cli_runner.invoke(cli, ["keys", "recover"], input="\n".join(shares[:2]) + "\n")
    assert "at least 3" in one_line_error(too_few)
    words = shares[1].split()
    words[2] = "notaword"
    typo = cli_runner.invoke(
        cli, ["keys", "recover"], input="\n".join([shares[0], " ".join(words), shares[2]]) + "\n"
    )
    line = one_line_error(typo)
    assert "share 2" in line and "word 3" in line and "notaword" in line
    swapped = shares[1].split()
    swapped[0], swapped[1] = swapped[1], swapped[0]
    line = one_line_error(
        cli_runner.invoke(
            cli, ["keys", "recover"], input="\n".join([shares[0], " ".join(swapped), shares[2]])
        )
    )
    assert "share 2" in line and "checksum" in line
    assert "no shares" in one_line_error(cli_runner.invoke(cli, ["keys", "recover"], input=""))
    bad = cli_runner.invoke(cli, ["keys", "split", "-m", "4", "-n", "3"])
    assert "cannot be larger" in one_line_error(bad)


def test_keys_show(cli_runner, cli_instance: Engine, org_identity) -> None:
    result = cli_runner.invoke(cli, ["keys", "show"])
    assert result.exit_code == 0, result.output
    assert str(org_identity.recipient()) in result.output
    assert "Fingerprint:" in result.output and str(org_identity) not in result.output


def test_init_creates_the_first_admin_once(cli_runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TIPLINE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("TIPLINE_KEYS", str(tmp_path / "keys"))
    for name, value in {
        "ARGON2_MEMORY_KIB": "64",
        "ARGON2_ITERATIONS": "1",
        "ARGON2_LANES": "1",
    }.items():
        monkeypatch.setenv(f"TIPLINE_{name}", value)
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("a long organization passphrase\n")
    args = [
        "init",
        "--non-interactive",
        "--passphrase-file",
        str(passphrase),
        "--work-factor",
        "2",
        "--admin",
        "boss",
    ]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    password = _password(result.output)
    config = load_config()
    database = Database(config["DATABASE_URL"])
    with database.session() as session:
        admin = session.scalars(select(User)).one()
        assert admin.username == "boss" and admin.role == "admin"
        assert admin.must_change_password and not admin.totp_confirmed
        opened = service.authenticate(
            session, AccountSettings.from_config(config), "boss", password
        ).identity
        identity = load_identity(tmp_path / "keys", "a long organization passphrase")
        assert str(opened) == str(identity)
    again = cli_runner.invoke(cli, args)
    assert again.exit_code == 0 and "One-time password" not in again.output
    with database.session() as session:
        assert len(session.scalars(select(User)).all()) == 1
    database.engine.dispose()
