"""``tipline doctor``: each check on good and bad setups, and the command's exit code.

Checks read the kernel's socket table, process list and /etc through paths
the tests point at small fake trees (and, for sockets, at the real
/proc with a real listening socket). The mail check talks to a real SMTP
server. Database checks run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from tests.helpers import run_on_session, use_instance_config
from tests.upkeep.mailserver import PASSWORD, mail_server
from tipline import audit
from tipline.cli import cli
from tipline.doctor import Finding
from tipline.doctor.checks import (
    Environment,
    check_backup,
    check_mail,
    check_rotation,
    check_worker,
)
from tipline.doctor.clock import check_clock, kernel_synchronized
from tipline.doctor.files import private_paths
from tipline.doctor.logs import check_access_logs
from tipline.doctor.network import check_review_exposure
from tipline.models import AuditEvent, User, WorkerJob
from tipline.models.base import utcnow
from tipline.notify import subscriptions
from tipline.rotation import state as rotation_state

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 6, 1, 12)


def _tree(root: Path, files: dict[str, str], mode: int = 0o644) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        path.chmod(mode)
    return root


# -- permissions ------------------------------------------------------------------


def test_private_folders_pass_and_loose_ones_fail_with_a_chmod(tmp_path: Path) -> None:
    keys = _tree(tmp_path / "keys", {"recipients.txt": "age1...", "identity.age": "x"}, 0o600)
    keys.chmod(0o755)
    (keys / "recipients.txt").chmod(0o644)  # public on purpose
    found = private_paths("keys", keys, public=("recipients.txt",), public_root=True)
    assert found.status == "ok"

    (keys / "identity.age").chmod(0o640)
    found = private_paths("keys", keys, public=("recipients.txt",), public_root=True)
    assert found.status == "fail" and "identity.age (0640)" in found.message
    assert found.fix == f"chmod 600 {keys / 'identity.age'}"

    instance = _tree(tmp_path / "instance", {"config.py": "SECRET = 1", "blobs/ab/x": "y"}, 0o600)
    for folder in (instance, instance / "blobs", instance / "blobs" / "ab"):
        folder.chmod(0o700)
    assert private_paths("instance", instance).status == "ok"
    (instance / "blobs").chmod(0o755)
    (instance / "config.py").chmod(0o644)
    found = private_paths("instance", instance)
    assert found.status == "fail"
    assert found.fix == (f"chmod 600 {instance / 'config.py'}; chmod 700 {instance / 'blobs'}")
    assert private_paths("instance", tmp_path / "nowhere").status == "skip"


def test_a_new_sqlite_database_is_private(tmp_path: Path) -> None:
    from tipline.db import Database

    old = os.umask(0o022)
    try:
        database = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
        with database.session() as session:
            session.execute(text("CREATE TABLE t (x)"))
            session.commit()
        database.engine.dispose()
    finally:
        os.umask(old)
    for path in tmp_path.glob("new.sqlite3*"):
        assert path.stat().st_mode & 0o077 == 0, path


# -- review exposure --------------------------------------------------------------


def _proc(root: Path, tcp: list[str] = (), tcp6: list[str] = ()) -> Path:  # type: ignore[assignment]
    header = "  sl  local_address rem_address   st ...\n"
    row = "   0: {} 00000000:0000 {} 00000000:00000000 00:00000000 00000000 0 0 1 1\n"
    (root / "net").mkdir(parents=True, exist_ok=True)
    (root / "net" / "tcp").write_text(header + "".join(row.format(a, "0A") for a in tcp))
    (root / "net" / "tcp6").write_text(header + "".join(row.format(a, "0A") for a in tcp6))
    return root


def test_the_review_port_on_all_interfaces_fails(tmp_path: Path) -> None:
    loopback = _proc(tmp_path / "a", tcp=["0100007F:1F91"])  # 127.0.0.1:8081
    assert check_review_exposure("127.0.0.1:8081", loopback).status == "ok"
    everywhere = _proc(tmp_path / "b", tcp=["00000000:1F91"])  # 0.0.0.0:8081
    found = check_review_exposure("127.0.0.1:8081", everywhere)
    assert found.status == "fail" and "0.0.0.0:8081" in found.message
    assert found.fix is not None and "127.0.0.1" in found.fix
    v6 = _proc(tmp_path / "c", tcp6=["00000000000000000000000000000000:1F91"])  # [::]:8081
    assert check_review_exposure("127.0.0.1:8081", v6).status == "fail"
    vpn = _proc(tmp_path / "d", tcp=["0100000A:1F91"])  # 10.0.0.1:8081, a VPN address
    assert check_review_exposure("10.0.0.1:8081", vpn).status == "ok"
    assert check_review_exposure("0.0.0.0:8081", loopback).status == "fail"
    assert check_review_exposure("9.9.9.9:8081", loopback).status == "fail"
    assert check_review_exposure("unix:/run/tipline/review.sock", loopback).status == "ok"
    assert check_review_exposure("127.0.0.1:8081", _proc(tmp_path / "e")).status == "warn"


def test_the_real_socket_table_is_read() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        found = check_review_exposure(f"127.0.0.1:{port}")
    assert found == Finding(
        "review exposure", "ok", f"the review app listens on 127.0.0.1:{port} only"
    )


# -- access logs -------------------------------------------------------------------


def _gunicorn(proc: Path, pid: int, args: list[str]) -> None:
    folder = proc / str(pid)
    folder.mkdir(parents=True)
    (folder / "cmdline").write_bytes(b"\0".join(arg.encode() for arg in args) + b"\0")


def test_access_logs_are_found_wherever_they_are_turned_on(tmp_path: Path) -> None:
    proc, etc = tmp_path / "proc", tmp_path / "etc"
    proc.mkdir()
    etc.mkdir()
    _gunicorn(proc, 10, ["gunicorn", "--bind", "127.0.0.1:8080", "tipline.intake:create_app()"])
    assert check_access_logs(proc, etc).status == "ok"

    _gunicorn(proc, 11, ["gunicorn", "--access-logfile", "-", "tipline.review:create_app()"])
    found = check_access_logs(proc, etc)
    assert found.status == "fail" and "running gunicorn" in found.message
    (proc / "11" / "cmdline").unlink()

    _tree(etc, {"nginx/nginx.conf": "http {\n  access_log /var/log/nginx/access.log;\n}\n"})
    assert "nginx writes an access log" in check_access_logs(proc, etc).message
    _tree(etc, {"nginx/nginx.conf": "http {\n  include sites-enabled/*;\n}\n"})
    assert check_access_logs(proc, etc).status == "fail"  # nginx's default is to log
    _tree(etc, {"nginx/nginx.conf": "http {\n  access_log off;\n}\n"})
    assert "error log names clients" in check_access_logs(proc, etc).message  # the default
    _tree(
        etc, {"nginx/nginx.conf": "error_log /var/log/nginx/error.log;\nhttp {access_log off;}\n"}
    )
    assert "error log names clients" in check_access_logs(proc, etc).message
    _tree(etc, {"nginx/nginx.conf": "error_log stderr emerg;\nhttp {\n  access_log off;\n}\n"})
    assert check_access_logs(proc, etc).status == "ok"

    _tree(etc, {"tor/torrc": "SafeLogging 0\n"})
    assert "SafeLogging" in check_access_logs(proc, etc).message
    _tree(etc, {"tor/torrc": "SafeLogging 1\n"})
    unit = "[Service]\nExecStart=/x/gunicorn --access-logfile /var/log/t.log a:b\n"
    _tree(etc, {"systemd/system/tipline-review.service": unit})
    assert "tipline-review.service" in check_access_logs(proc, etc).message


def test_the_deployment_kit_writes_no_access_log(tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    for unit in (REPO / "deploy" / "systemd").glob("*.service"):
        _tree(etc, {f"systemd/system/{unit.name}": unit.read_text()})
    _tree(etc, {"tor/torrc": (REPO / "deploy" / "tor" / "torrc").read_text()})
    _tree(etc, {"nginx/nginx.conf": (REPO / "deploy" / "nginx" / "tipline.conf").read_text()})
    (tmp_path / "proc").mkdir()
    assert check_access_logs(tmp_path / "proc", etc).status == "ok"


# -- mail, backup, clock, worker ---------------------------------------------------


def test_mail_settings_are_tried_for_real(
    db_session: Session,
    review_app: Flask,
    reviewer_user: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = dict(review_app.config)
    assert check_mail(db_session, config, Environment()).status == "skip"
    subscriptions.choose(db_session, config, reviewer_user, "daily", "lawyer@example.org")
    found = check_mail(db_session, config, Environment())
    assert found.status == "fail" and "1 reviewer(s) asked" in found.message
    with mail_server(tmp_path) as server:
        config.update(server.config())
        found = check_mail(db_session, config, Environment())
        assert found.status == "fail" and "$TIPLINE_SMTP_PASSWORD is empty" in found.message
        monkeypatch.setenv("TIPLINE_SMTP_PASSWORD", "wrong")
        found = check_mail(db_session, config, Environment())
        assert found.status == "fail" and "authentication" in found.message
        assert found.fix == "check SMTP_USERNAME and the password in $TIPLINE_SMTP_PASSWORD"
        monkeypatch.setenv("TIPLINE_SMTP_PASSWORD", PASSWORD)
        found = check_mail(db_session, config, Environment())
        assert found.status == "ok" and found.message.startswith("logged in to 127.0.0.1:")
        assert server.messages == []  # it checks; it sends nothing


def test_the_newest_backup_comes_from_the_audit_log(db_session: Session) -> None:
    config = {"BACKUP_MAX_AGE_DAYS": 7}
    found = check_backup(db_session, config, NOW)
    assert found.status == "fail" and "no backup has ever been made" in found.message
    assert found.fix is not None and "tipline backup create" in found.fix
    audit.record(db_session, actor=None, action="backup.created")
    made = utcnow().replace(microsecond=0)
    db_session.execute(
        update(AuditEvent).where(AuditEvent.action == "backup.created").values(at=made)
    )
    assert check_backup(db_session, config, made + timedelta(days=2)).status == "ok"
    found = check_backup(db_session, config, made + timedelta(days=9))
    assert found.status == "fail" and "9 day(s) old" in found.message


def test_the_clock_findings() -> None:
    assert check_clock(NOW, synchronized=True, database_now=None, newest_event=None).status == "ok"
    assert check_clock(NOW, synchronized=False, database_now=None, newest_event=None).failed
    assert check_clock(NOW, synchronized=None, database_now=None, newest_event=None).status == (
        "skip"
    )
    skewed = check_clock(
        NOW, synchronized=True, database_now=NOW + timedelta(minutes=3), newest_event=None
    )
    assert skewed.failed and "180 s off" in skewed.message
    future = check_clock(
        NOW, synchronized=True, database_now=None, newest_event=NOW + timedelta(hours=2)
    )
    assert future.failed and "in the future" in future.message
    assert kernel_synchronized() in (True, False, None)  # the real call works here


def test_the_worker_finding(db_session: Session) -> None:
    config = {"WORKER_SCHEDULE": {}}
    assert check_worker(db_session, config, NOW).status == "warn"
    db_session.add(WorkerJob(name="retention", next_run_at=NOW, last_ok=True, last_finished_at=NOW))
    assert check_worker(db_session, config, NOW).status == "ok"
    assert check_worker(db_session, config, NOW + timedelta(days=5)).status == "warn"
    db_session.add(WorkerJob(name="check", next_run_at=NOW, last_ok=False, last_summary="broken"))
    found = check_worker(db_session, config, NOW)
    assert found.failed and "job check failed: broken" in found.message


# -- the command -------------------------------------------------------------------


@pytest.fixture
def doctor(
    cli_runner: Any,
    base_config: dict[str, Any],
    instance_dir: Path,
    db_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    instance_dir.chmod(0o700)
    use_instance_config(instance_dir, base_config).chmod(0o600)
    run_on_session(monkeypatch, "tipline.cli.doctor", db_session)
    proc = _proc(tmp_path / "proc", tcp=["0100007F:1F91"])
    (tmp_path / "etc").mkdir()

    def run(synchronized: bool) -> Any:
        env = Environment(proc=proc, etc=tmp_path / "etc", synchronized=lambda: synchronized)
        monkeypatch.setattr("tipline.cli.doctor.Environment", lambda: env)
        return cli_runner.invoke(cli, ["doctor"])

    return run


def test_a_rotation_in_progress_is_a_warning_and_one_left_interrupted_fails(
    tmp_path: Path,
) -> None:
    assert check_rotation(tmp_path, NOW).status == "ok"
    started = NOW - timedelta(minutes=30)
    record = rotation_state.RotationState(
        phase="switched", old="age1old", new="age1new", started=started.isoformat()
    )
    record.switched = record.updated = started.isoformat()
    rotation_state.write(tmp_path, record)
    waiting = check_rotation(tmp_path, NOW)
    assert waiting.status == "warn" and "the old key is still needed" in waiting.message
    late = check_rotation(tmp_path, NOW + timedelta(hours=1))
    assert late.status == "fail" and "interrupted" in late.message
    record.phase = "retiring"
    rotation_state.write(tmp_path, record)
    assert "nothing refers to the old key" in check_rotation(tmp_path, NOW).message
    (tmp_path / "rotation" / "state.json").write_text("{not json")
    assert check_rotation(tmp_path, NOW).status == "fail"


def test_the_command_prints_a_line_per_check_and_fails_on_any_failure(
    doctor: Any, db_session: Session, keys_dir: Path
) -> None:
    audit.record(db_session, actor=None, action="backup.created")
    db_session.add(
        WorkerJob(name="check", next_run_at=utcnow(), last_ok=True, last_finished_at=utcnow())
    )
    result = doctor(synchronized=True)
    lines = result.output.splitlines()
    names = [line.split(":")[0].split(None, 1)[1] for line in lines[:-1]]
    assert names == [
        "key permissions",
        "instance permissions",
        "review exposure",
        "access logs",
        "key rotation",
        "mail",
        "backup",
        "clock",
        "worker",
    ]
    assert result.exit_code == 0 and lines[-1] == "All checks passed.", result.output

    result = doctor(synchronized=False)
    assert result.exit_code == 1
    assert "FAIL  clock: the kernel says the clock is not synchronized" in result.output
    assert "Fix: turn on time synchronization" in result.output
    assert result.output.strip().endswith("Error: 1 check(s) failed")
