"""The database part of a backup: every table as JSON lines, from one snapshot.

Why a table dump through SQLAlchemy rather than SQLite's backup API or
``pg_dump``: both of those want a file (the SQLite API copies into another
database file, ``pg_dump`` into its own archive), and a database snapshot on
disk would be plaintext metadata next to the backup being sealed. A dump of
rows streams straight into the age writer instead, in bounded chunks, and it
is the same on both databases, so a SQLite backup restores onto PostgreSQL
and back. Consistency comes from the database itself: the dump reads every
table inside one read transaction (on SQLite a WAL read snapshot, which
writers do not disturb; on PostgreSQL ``REPEATABLE READ READ ONLY``, the
snapshot ``pg_dump`` uses), so the intake and the review app keep writing
while it runs and the backup sees none of it.

A chunk's first line names the table and its columns; each further line is
one row as a JSON array. Binary values are base64, times ISO 8601; the
column types in the models say how to read them back.
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, inspect, select, text

from tipline.backup import BackupError
from tipline.models import Base

# Rows are grouped into chunks of about this many bytes: big enough that the
# per-part overhead is nothing, small enough to hold in memory.
CHUNK_BYTES = 4 * 1024 * 1024
INSERT_BATCH = 500


def tables() -> list[Table]:
    """Every table, parents before children (the order rows are dumped and loaded)."""
    return list(Base.metadata.sorted_tables)


@contextlib.contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection inside one read-only transaction: a consistent view of every table."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                connection.execute(text("SET TRANSACTION READ ONLY"))
                yield connection
            return
        with connection.begin():
            # SQLite takes its WAL read snapshot at the first read, so read now.
            connection.execute(text("SELECT count(*) FROM sqlite_master"))
            yield connection


def row_counts(connection: Connection) -> dict[str, int]:
    """How many rows each table holds in this snapshot."""
    return {
        table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
        for table in tables()
    }


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Chunk:
    """One database part: a table's rows, encoded."""

    table: str
    rows: int
    data: bytes


def dump(connection: Connection, table: Table) -> Iterator[Chunk]:
    """The rows of ``table`` in primary-key order, as chunks of JSON lines."""
    columns = [column.name for column in table.columns]
    header = json.dumps({"table": table.name, "columns": columns}).encode() + b"\n"
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(stream_results=True, yield_per=1000).execute(
        select(table).order_by(*order)
    )
    lines: list[bytes] = []
    size = 0
    for row in result:
        line = json.dumps([_encode(value) for value in row], separators=(",", ":")).encode()
        lines.append(line)
        size += len(line) + 1
        if size >= CHUNK_BYTES:
            yield Chunk(table.name, len(lines), header + b"\n".join(lines) + b"\n")
            lines, size = [], 0
    if lines:
        yield Chunk(table.name, len(lines), header + b"\n".join(lines) + b"\n")


def _decoder(table: Table, name: str) -> Any:
    column = table.columns.get(name)
    if column is None:
        raise BackupError(f"table {table.name} has no column {name!r} in this version")
    try:
        kind = column.type.python_type
    except NotImplementedError:  # pragma: no cover - every tipline column has one
        kind = object
    if kind is bytes:
        return lambda v: None if v is None else base64.b64decode(v, validate=True)
    if kind is datetime:
        return lambda v: None if v is None else datetime.fromisoformat(v)
    return lambda v: v


def parse_chunk(data: bytes) -> tuple[Table, list[dict[str, Any]]]:
    """The table and decoded rows of one chunk; :class:`BackupError` if malformed."""
    try:
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        table = Base.metadata.tables[header["table"]]
        names = list(header["columns"])
        decoders = [_decoder(table, name) for name in names]
        rows = []
        for line in body.splitlines():
            values = json.loads(line)
            if len(values) != len(names):
                raise ValueError("a row has the wrong number of values")
            rows.append({n: d(v) for n, d, v in zip(names, decoders, values, strict=True)})
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"a database part cannot be read: {exc}") from exc
    return table, rows


def load(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert decoded rows in batches (the caller's transaction)."""
    for start in range(0, len(rows), INSERT_BATCH):
        connection.execute(table.insert(), rows[start : start + INSERT_BATCH])


def is_empty(connection: Connection) -> bool:
    """True when no tipline table exists or every one is empty."""
    existing = set(inspect(connection).get_table_names())
    for table in tables():
        if table.name in existing and connection.scalar(select(table).limit(1)) is not None:
            return False
    return True


def clear(connection: Connection) -> None:
    """Delete every row, children first (``restore --force`` on PostgreSQL)."""
    existing = set(inspect(connection).get_table_names())
    for table in reversed(tables()):
        if table.name in existing:
            connection.execute(table.delete())


def reset_sequences(connection: Connection) -> None:
    """Move PostgreSQL's sequences past the restored ids, so new rows do not collide."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                # Names from the models, never from the backup.
                highest = connection.scalar(select(func.max(column)))
                connection.execute(
                    text("SELECT setval(pg_get_serial_sequence(:table, :column), :next, false)"),
                    {"table": table.name, "column": column.name, "next": (highest or 0) + 1},
                )
