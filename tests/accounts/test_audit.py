"""The hash-chained audit log: recording, verifying, tamper detection."""

from __future__ import annotations

import itertools
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from tests.accounts.conftest import one_line_error
from tipline import audit
from tipline.cli import cli
from tipline.db import make_engine
from tipline.models import AuditEvent, AuditHead, Base

ROWS = 5


def fill(session: Session, count: int = ROWS) -> None:
    for number in range(count):
        audit.record(
            session, actor=None, action="tip.view", object_type="tip", object_id=f"tip{number}"
        )


def recompute(connection, seq: int) -> None:
    """Re-hash one row after editing it, as a careful forger would."""
    with Session(bind=connection) as session:
        event = session.get(AuditEvent, seq)
        event.hash = audit.chain_hash(event.prev_hash, event)
        session.commit()  # only ends the session's savepoint in the caller's transaction


def swap_rows(connection, a: int, b: int) -> None:
    """Reorder: exchange the contents of rows ``a`` and ``b`` (seq stays)."""
    columns = "at, actor_id, actor_name, action, object_type, object_id, prev_hash, hash"
    first = connection.execute(
        text(f"SELECT {columns} FROM audit_events WHERE seq = :s"), {"s": a}
    ).one()
    second = connection.execute(
        text(f"SELECT {columns} FROM audit_events WHERE seq = :s"), {"s": b}
    ).one()
    assignments = ", ".join(f"{c} = :{c}" for c in columns.split(", "))
    for seq, row in ((a, second), (b, first)):
        connection.execute(
            text(f"UPDATE audit_events SET {assignments} WHERE seq = :seq"),
            {**row._asdict(), "seq": seq},
        )


# Each tamper takes (connection, row) and returns what verify must report.
TAMPERS = {
    "edit": lambda c, n: (
        c.execute(text("UPDATE audit_events SET object_id = 'other' WHERE seq = :n"), {"n": n}),
        f"row {n} was edited",
    )[1],
    "edit-and-rehash": lambda c, n: (
        c.execute(text("UPDATE audit_events SET action = 'x.y' WHERE seq = :n"), {"n": n}),
        recompute(c, n),
        f"row {n + 1} does not follow row {n}" if n < ROWS else f"row {n} does not match",
    )[-1],
    "delete": lambda c, n: (
        c.execute(text("DELETE FROM audit_events WHERE seq = :n"), {"n": n}),
        f"row {n} is missing" if n < ROWS else f"rows after {n - 1} were deleted",
    )[1],
    "reorder": lambda c, n: (
        swap_rows(c, n, n % ROWS + 1),
        f"row {min(n, n % ROWS + 1)} does not follow",
    )[1],
}


def test_records_form_a_chain(db_session) -> None:
    fill(db_session)
    events = db_session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.seq for e in events] == list(range(1, ROWS + 1))
    assert events[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    result = audit.verify(db_session)
    assert result.ok and result.checked == ROWS
    assert db_session.get(AuditHead, 1).last_hash == events[-1].hash == result.head_hash


def test_empty_log_verifies(db_session) -> None:
    assert audit.verify(db_session).ok


def test_record_refuses_a_bad_action(db_session) -> None:
    with pytest.raises(ValueError):
        audit.record(db_session, actor=None, action="")


@pytest.mark.parametrize("kind", sorted(TAMPERS))
def test_any_tampered_row_is_detected_by_the_service(db_session, db_connection, kind) -> None:
    fill(db_session)
    db_session.flush()
    for row in range(1, ROWS + 1):
        nested = db_connection.begin_nested()
        expected = TAMPERS[kind](db_connection, row)
        db_session.expire_all()
        result = audit.verify(db_session)
        assert not result.ok, (kind, row)
        assert expected in (result.problem or ""), (kind, row, result.problem)
        nested.rollback()
        db_session.expire_all()
    assert audit.verify(db_session).ok


def test_events_page_newest_first_with_filters(db_session) -> None:
    fill(db_session)
    page = audit.events(db_session, limit=2)
    assert [e.seq for e in page] == [5, 4]
    assert [e.seq for e in audit.events(db_session, before=4, limit=2)] == [3, 2]
    assert [e.object_id for e in audit.events(db_session, object_type="tip", object_id="tip1")] == [
        "tip1"
    ]


def test_concurrent_writers_keep_one_linear_chain(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    Base.metadata.create_all(engine)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(15):
                with Session(engine) as session:
                    fill(session, 1)
                    session.commit()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Session(engine) as session:
        result = audit.verify(session)
    assert result.ok and result.checked == 60
    engine.dispose()


def test_cli_verify_reports_ok_then_every_kind_of_tampering(
    cli_instance: Engine, cli_runner, tmp_path: Path
) -> None:
    with Session(cli_instance) as session:
        fill(session)
        session.commit()
    result = cli_runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert f"{ROWS} events" in result.output
    database = Path(cli_instance.url.database or "")
    pristine = tmp_path / "pristine.sqlite3"
    cli_instance.dispose()
    shutil.copy(database, pristine)
    for kind, tamper in sorted(TAMPERS.items()):
        for row in (1, 3, ROWS):
            shutil.copy(pristine, database)
            with cli_instance.begin() as connection:
                expected = tamper(connection, row)
            cli_instance.dispose()
            line = one_line_error(cli_runner.invoke(cli, ["audit", "verify"]))
            assert "audit log is broken" in line and expected in line, (kind, row, line)
