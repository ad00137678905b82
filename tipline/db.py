"""Database engine and sessions.

One :class:`Database` per app (or CLI command) holds the engine and a session
factory. Views get a request-scoped session from :func:`get_session`; services
take a ``Session`` argument and never commit, the view does (Warehouse style).

SQLite is the embedded default. Each connection turns on WAL (readers do not
block the intake writer), foreign keys, and ``secure_delete`` so deleted rows
are overwritten rather than left readable in free pages.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

EXTENSION_KEY = "tipline.db"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the pragmas and transaction handling we rely on."""
    if url.startswith("sqlite"):
        engine = create_engine(url, poolclass=NullPool, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


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


class Database:
    """An engine plus a session factory; tests may rebind ``sessionmaker``."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessionmaker: sessionmaker[Session] = sessionmaker(
            bind=self.engine, expire_on_commit=False
        )

    def session(self) -> Session:
        return self.sessionmaker()

    def create_all(self) -> None:
        """Create the schema through the Alembic migrations."""
        from tipline.migrate import upgrade

        upgrade(self.engine)


def init_app(app: Flask) -> Database:
    """Attach a :class:`Database` to ``app`` and close sessions per request."""
    database = Database(app.config["DATABASE_URL"])
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
