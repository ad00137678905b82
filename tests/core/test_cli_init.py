"""``tipline init``: config, keys, database, first admin; safe to run again."""

from __future__ import annotations

import pytest

from tipline.cli import cli
from tipline.config import load_config
from tipline.db import Database
from tipline.key_folder import load_identity, load_recipients


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPLINE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("TIPLINE_KEYS", str(tmp_path / "keys"))
    for name, value in {
        "ARGON2_MEMORY_KIB": "64",
        "ARGON2_ITERATIONS": "1",
    }.items():
        monkeypatch.setenv(f"TIPLINE_{name}", value)
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("a long organization passphrase\n")
    return tmp_path, str(passphrase)


def _init(cli_runner, passphrase, *extra):
    return cli_runner.invoke(
        cli,
        [
            "init",
            "--non-interactive",
            "--passphrase-file",
            passphrase,
            "--work-factor",
            "2",
            *extra,
        ],
    )


def test_non_interactive_init_creates_everything(cli_runner, fresh):
    root, passphrase = fresh
    result = _init(cli_runner, passphrase)
    assert result.exit_code == 0, result.output
    config = load_config(root / "instance")
    assert (root / "instance" / "config.py").stat().st_mode & 0o077 == 0
    assert (root / "keys" / "identity.age").stat().st_mode & 0o077 == 0
    recipients = load_recipients(root / "keys")
    assert str(recipients[0]).startswith("age1pq1")
    identity = load_identity(root / "keys", "a long organization passphrase")
    assert str(identity.recipient()) == str(recipients[0])
    assert "One-time password" in result.output
    assert Database(config["DATABASE_URL"]).engine.dialect.name == "sqlite"


def test_running_again_keeps_keys_and_secrets(cli_runner, fresh):
    root, passphrase = fresh
    assert _init(cli_runner, passphrase).exit_code == 0
    before = (root / "keys" / "recipients.txt").read_text()
    config_before = (root / "instance" / "config.py").read_text()
    result = _init(cli_runner, passphrase)
    assert result.exit_code == 0, result.output
    assert "Keeping the existing keys" in result.output
    assert "One-time password" not in result.output
    assert (root / "keys" / "recipients.txt").read_text() == before
    assert (root / "instance" / "config.py").read_text() == config_before


def test_force_needs_a_confirmation(cli_runner, fresh):
    root, passphrase = fresh
    assert _init(cli_runner, passphrase).exit_code == 0
    before = (root / "keys" / "recipients.txt").read_text()
    result = _init(cli_runner, passphrase, "--force")
    assert result.exit_code != 0
    assert "--confirm-replace-keys" in result.output
    assert (root / "keys" / "recipients.txt").read_text() == before
    result = _init(cli_runner, passphrase, "--force", "--confirm-replace-keys")
    assert result.exit_code == 0, result.output
    assert (root / "keys" / "recipients.txt").read_text() != before


def test_interactive_force_asks_and_can_be_refused(cli_runner, fresh):
    root, passphrase = fresh
    assert _init(cli_runner, passphrase).exit_code == 0
    before = (root / "keys" / "recipients.txt").read_text()
    result = cli_runner.invoke(cli, ["init", "--force"], input="n\n")
    assert result.exit_code != 0
    assert (root / "keys" / "recipients.txt").read_text() == before


def test_non_interactive_without_passphrase_fails_clearly(cli_runner, fresh):
    result = cli_runner.invoke(cli, ["init", "--non-interactive"])
    assert result.exit_code != 0
    assert "--passphrase-file" in result.output


def test_short_passphrase_is_refused(cli_runner, fresh, tmp_path):
    short = tmp_path / "short"
    short.write_text("tiny\n")
    result = _init(cli_runner, str(short))
    assert result.exit_code != 0
    assert "at least 12" in result.output


def test_bad_instance_config_is_one_line(cli_runner, fresh):
    root, passphrase = fresh
    assert _init(cli_runner, passphrase).exit_code == 0
    with (root / "instance" / "config.py").open("a") as handle:
        handle.write("STATES = ['Pennsylvania']\n")
    result = _init(cli_runner, passphrase)
    assert result.exit_code != 0
    assert "STATES" in result.output
    assert "Traceback" not in result.output


def test_commands_are_on_the_flask_cli_of_the_review_app(review_app):
    """``flask --app tipline.review tipline ...``: the CLI registers itself as a
    Flask CLI plugin (the flask.commands entry point), so the app imports none of it."""
    from click.testing import CliRunner
    from flask.cli import FlaskGroup, ScriptInfo

    info = ScriptInfo(create_app=lambda: review_app, load_dotenv_defaults=False)
    result = CliRunner().invoke(FlaskGroup(load_dotenv=False), ["tipline", "--help"], obj=info)
    assert result.exit_code == 0, result.output
    for command in ("init", "serve", "users", "keys", "audit", "age"):
        assert command in result.output


def test_the_apps_do_not_import_the_cli(review_app):
    import tipline.review

    assert "tipline.cli" not in vars(tipline.review)
    assert "tipline" not in review_app.cli.commands


def test_age_loads_no_web_or_database_code():
    """``tipline age`` imports only what sealing needs: fast start, small memory."""
    import subprocess
    import sys

    probe = (
        "import sys; from tipline.cli import cli; cli.get_command(None, 'age');"
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'flask', 'werkzeug', 'sqlalchemy', 'alembic', 'jinja2'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_interactive_init_accepts_the_suggested_passphrase(tmp_path):
    """The README's first command runs init interactively: Enter is enough."""
    import os
    import sys

    pexpect = pytest.importorskip("pexpect")
    env = {
        **os.environ,
        "TIPLINE_INSTANCE": str(tmp_path / "instance"),
        "TIPLINE_KEYS": str(tmp_path / "keys"),
        "TIPLINE_ARGON2_MEMORY_KIB": "64",
        "TIPLINE_ARGON2_ITERATIONS": "1",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "tipline.cli", "init", "--work-factor", "2"],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"Suggested passphrase: ([a-z\- ]+)\r?\n")
    suggestion = child.match.group(1).strip()
    child.expect("Passphrase")
    child.sendline("")
    child.expect("One-time password")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    identity = load_identity(tmp_path / "keys", suggestion)
    assert str(identity.recipient()).startswith("age1pq1")


def test_interactive_init_with_a_typed_passphrase_asks_twice(cli_runner, fresh):
    root, _passphrase = fresh
    typed = "our own long passphrase here"
    result = cli_runner.invoke(cli, ["init", "--work-factor", "2"], input=f"{typed}\nother\n")
    assert result.exit_code != 0
    assert "differ" in result.output
    assert not (root / "keys" / "identity.age").exists()
    result = cli_runner.invoke(cli, ["init", "--work-factor", "2"], input=f"{typed}\n{typed}\n")
    assert result.exit_code == 0, result.output
    assert str(load_identity(root / "keys", typed).recipient()).startswith("age1pq1")
