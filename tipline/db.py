"""Database engine and sessions.

One :class:`Database` per app (or CLI command) holds the engine and a session
factory. Views get a request-scoped session from :func:`get_session`; services
take a ``Session`` argument and never commit, the view does (Warehouse style).

SQLite is the embedded default. Each connection turns on WAL (readers do not
block the intake writer), foreign keys, and ``secure_delete`` so deleted rows
are overwritten rather than left readable in free pages.

Concurrency on SQLite (issue 10: 50 concurrent sources under gunicorn got
"database is locked"): SQLite has one writer at a time. A transaction begun
with a plain ``BEGIN`` that reads and then writes must upgrade its lock, and
if another connection committed in between, SQLite fails it at once with
SQLITE_BUSY, without waiting (waiting could not help: its snapshot is stale).
Under a flood the intake commits many times a second, so nearly every
read-then-write transaction of either app would fail. Both apps therefore
begin every transaction with ``BEGIN IMMEDIATE`` (``immediate=True``): it
takes the write lock up front, waiting up to the busy timeout for it, so a
request either gets to write or waits its turn.

That is cheap only while write sections are short. The intake's are: a
submission seals and derives everything before its first statement, and
holds the lock for its INSERTs and the commit; the flood count and the
attachment budget read in sessions of their own marked :func:`read_only`,
which begin with a plain ``BEGIN`` and take no write lock. The review app's
longest request, a search (bounded by its scan budget, about five seconds
of decrypting), reads in a :func:`read_only` transaction too and writes its
audit event in a short one of its own afterwards, so intake writes do not
wait for it. Other review requests are short; the busy timeout (10 s)
covers them.

On PostgreSQL a pooled connection is checked with a ping before use only
when it has sat unused for :data:`IDLE_PING_SECONDS` (issue 10 follow-up).
SQLAlchemy's ``pool_pre_ping`` pinged on every checkout: one extra round trip
per request, about a quarter of a text-only tip's round trips, paid exactly
when the intake is busiest and its connections cannot have gone stale. A
connection that sat idle (the normal state of a tip line: a few tips a day)
is still pinged and replaced if the server restarted meanwhile; one used a
moment ago is not. What that gives up: a server restart within the last
second can fail the one request per worker that picks up a connection used
just before it; SQLAlchemy then drops every older connection of that pool,
so the next requests reconnect.

A new database file is created readable by its owner only, whatever the
umask (its -wal and -shm files copy that mode).
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, exc, make_url
from sqlalchemy.orm import Session, sessionmaker

EXTENSION_KEY = "tipline.db"
# A connection execution option: begin this connection's transaction with a
# plain BEGIN even on an ``immediate`` engine (see read_only()).
READ_ONLY = "tipline_read_only"
# Ping a pooled PostgreSQL connection before use only after this long unused.
IDLE_PING_SECONDS = 1.0
_RETURNED_AT = "tipline_returned_at"  # in a pool record's info: monotonic seconds


def make_engine(url: str, *, immediate: bool = False, **kwargs: Any) -> Engine:
    """Create an engine with the pragmas and transaction handling we rely on.

    ``immediate``: on SQLite, begin every transaction with ``BEGIN IMMEDIATE``
    (see the module docstring); no effect on PostgreSQL.
    """
    if url.startswith("sqlite"):
        _create_private(url)
        # Pooled, not opened per request: when the last connection to a WAL
        # database closes, SQLite checkpoints and syncs the whole file, which
        # cost each request ~10 ms of disk time; an open pool also keeps the
        # pragmas below from running on every request.
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin_immediate if immediate else _sqlite_on_begin)
        return engine
    engine = create_engine(url, **kwargs)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection at checkout if it was unused for a while.

    Raising ``DisconnectionError`` from a checkout listener makes the pool
    discard that connection and hand out a fresh one (SQLAlchemy's documented
    "pessimistic" disconnect handling), as ``pool_pre_ping`` would.
    """
    dialect = engine.dialect

    def returned(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_RETURNED_AT] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_RETURNED_AT)
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return  # new, or used a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("pooled connection is gone") from error

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)


def _create_private(url: str) -> None:
    """Create a new SQLite file readable by its owner only.

    SQLite would create it with the process umask (often 0644); its -wal and
    -shm files copy the database file's mode, so this covers them too.
    """
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    with contextlib.suppress(FileExistsError, FileNotFoundError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin,
    # so SAVEPOINTs work (tests roll every case back) and BEGIN is explicit.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _sqlite_begin_immediate(connection: Any) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def read_only(session: Session) -> None:
    """Begin ``session``'s next transaction without taking SQLite's write lock.

    Call it when no transaction is open (right after a commit), before a long
    stretch of reads that writes nothing; a write in that transaction could
    fail with "database is locked" under concurrent writers. No effect on
    PostgreSQL, whose transactions take no such lock.
    """
    session.connection(execution_options={READ_ONLY: True})


class Database:
    """An engine plus a session factory; tests may rebind ``sessionmaker``."""

    def __init__(self, url: str, *, immediate: bool = False) -> None:
        self.engine = make_engine(url, immediate=immediate)
        self.sessionmaker: sessionmaker[Session] = sessionmaker(
            bind=self.engine, expire_on_commit=False
        )

    def session(self) -> Session:
        return self.sessionmaker()

    def create_all(self) -> None:
        """Create the schema through the Alembic migrations."""
        from tipline.migrate import upgrade

        upgrade(self.engine)


def init_app(app: Flask, *, immediate: bool = False) -> Database:
    """Attach a :class:`Database` to ``app`` and close sessions per request."""
    database = Database(app.config["DATABASE_URL"], immediate=immediate)
    app.extensions[EXTENSION_KEY] = database
    app.teardown_appcontext(_close_session)
    return database


def get_db(app: Flask | None = None) -> Database:
    database: Database = (app or current_app).extensions[EXTENSION_KEY]
    return database


def get_session() -> Session:
    """The session for the current request, opened on first use."""
    if "db_session" not in g:
        g.db_session = get_db().session()
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
