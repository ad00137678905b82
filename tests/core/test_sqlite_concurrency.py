"""SQLite under concurrent writers: why both apps begin with BEGIN IMMEDIATE (issue 10).

A read-then-write transaction begun with a plain BEGIN fails at once with
"database is locked" if another connection committed in between; one begun
with BEGIN IMMEDIATE waits for the lock instead. These tests stage exactly
that interleaving with two threads on a file database.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tipline.db import make_engine, read_only
from tipline.models import Base
from tipline.models.base import coarse_now
from tipline.models.hourly_count import AttachmentBytes


def _engine(path: Path, immediate: bool) -> Engine:
    engine = make_engine(f"sqlite:///{path}", immediate=immediate)
    Base.metadata.create_all(engine)
    return engine


def _interleave(engine: Engine) -> list[BaseException]:
    """A reads, B writes and commits, then A writes: the failure SQLite gives."""
    a_has_read = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with Session(engine) as session:
                session.execute(select(AttachmentBytes)).all()
                a_has_read.set()
                # Long enough for B to commit when it can; short when B must wait on us.
                threading.Event().wait(0.3)
                session.execute(insert(AttachmentBytes).values(hour=coarse_now(), count=1))
                session.commit()
        except BaseException as exc:
            a_has_read.set()
            errors.append(exc)

    def second() -> None:
        a_has_read.wait(5)
        try:
            with Session(engine) as session:
                earlier = coarse_now() - timedelta(hours=1)
                session.execute(insert(AttachmentBytes).values(hour=earlier, count=2))
                session.commit()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return errors


def test_a_plain_begin_fails_when_another_writer_commits_in_between(tmp_path: Path) -> None:
    errors = _interleave(_engine(tmp_path / "deferred.sqlite3", immediate=False))
    assert errors and all(isinstance(e, OperationalError) for e in errors)
    assert "locked" in str(errors[0])


def test_begin_immediate_waits_its_turn_instead(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "immediate.sqlite3", immediate=True)
    assert _interleave(engine) == []
    with Session(engine) as session:
        assert sorted(session.scalars(select(AttachmentBytes.count))) == [1, 2]


def test_read_only_begins_without_the_write_lock(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "begins.sqlite3", immediate=True)
    seen: list[str] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: seen.append(statement) if "BEGIN" in statement else None,
    )
    with Session(engine) as session:
        session.execute(select(AttachmentBytes)).all()
        session.commit()
        read_only(session)
        session.execute(select(AttachmentBytes)).all()
        session.commit()
    assert seen == ["BEGIN IMMEDIATE", "BEGIN"]


@pytest.mark.parametrize("immediate", [False, True])
def test_postgresql_urls_ignore_the_option(immediate: bool) -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", immediate=immediate)
    assert engine.dialect.name == "postgresql"
    engine.dispose()
