"""Failures described without their content, and sorted into "ours" and "storage".

Operators need to know *what* failed; nobody may learn *what was written*.
An exception's message can quote a tip, a receipt phrase or, for a database
error, the SQL parameters (SQLAlchemy appends them), so logs get only names
and codes from here:

- the exception class, and the class of each exception it wraps;
- the database's own error code: PostgreSQL's SQLSTATE (``53100`` disk full,
  ``08006`` connection failure, ``40P01`` deadlock), or SQLite's error name
  (``SQLITE_FULL``, ``SQLITE_BUSY``, ``SQLITE_CANTOPEN``);
- for an operating-system error, the errno name (``ENOSPC``, ``EROFS``).

:func:`is_storage_failure` says whether a failure means the database or the
disk cannot take a write right now (outage, full disk, read-only file
system) rather than a bug: the intake then tells the source that nothing was
saved and to try again later, and shows them what they typed.

No Flask here; both apps' ``log_exception`` call :func:`log_unhandled`.
"""

from __future__ import annotations

import errno
import logging
import traceback
from collections.abc import Iterator
from types import TracebackType

from sqlalchemy import exc as sa_exc

# Operating-system errors that mean "the disk cannot take this write now".
STORAGE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.ENOMEM}
)
# SQLite result codes (by name) that mean the same for the database file.
SQLITE_STORAGE = frozenset(
    {"SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_BUSY"}
    | {"SQLITE_LOCKED", "SQLITE_PROTOCOL", "SQLITE_NOLFS"}
)
# SQLSTATE classes for the same on PostgreSQL: 08 connection exception,
# 53 insufficient resources, 57 operator intervention (shutdown, cancel),
# 58 system error (I/O), 40 transaction rollback (serialization, deadlock).
PG_STORAGE_CLASSES = frozenset({"08", "53", "57", "58", "40"})
# How far to follow __cause__ / __context__ (a wrapped error wraps one or two).
_MAX_CHAIN = 4


def chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, then what it wraps (a DBAPI error, a cause), a few levels deep."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < _MAX_CHAIN:
        seen.add(id(current))
        yield current
        if isinstance(current, sa_exc.DBAPIError) and isinstance(current.orig, BaseException):
            current = current.orig
        else:
            current = current.__cause__ or current.__context__


def error_code(error: BaseException) -> str | None:
    """The database's or the system's code for ``error`` itself, if it has one."""
    sqlstate = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate:
        return f"SQLSTATE {sqlstate}"
    sqlite_name = getattr(error, "sqlite_errorname", None)
    if isinstance(sqlite_name, str) and sqlite_name:
        return sqlite_name
    if isinstance(error, OSError) and isinstance(error.errno, int):
        return errno.errorcode.get(error.errno, f"errno {error.errno}")
    return None


def describe(error: BaseException) -> str:
    """Class names and codes along the chain, e.g. ``OperationalError <- DiskFull
    (SQLSTATE 53100)``; never a message, never SQL parameters."""
    parts = []
    for item in chain(error):
        code = error_code(item)
        name = type(item).__name__
        parts.append(f"{name} ({code})" if code else name)
    return " <- ".join(parts)


def is_storage_failure(error: BaseException) -> bool:
    """True when the database or the disk cannot take a write right now."""
    for item in chain(error):
        if isinstance(item, sa_exc.TimeoutError | sa_exc.DisconnectionError):
            return True  # no pooled connection in time; the server went away
        if isinstance(item, sa_exc.DBAPIError):
            if item.connection_invalidated:
                return True
            driver = item.orig
            if isinstance(item, sa_exc.OperationalError | sa_exc.InterfaceError) and (
                driver is None or error_code(driver) is None
            ):
                # The driver's own error, without a server code: the
                # connection itself failed (refused, reset, timed out).
                return True
            continue  # judged by the driver's error, next in the chain
        code = error_code(item)
        if isinstance(item, OSError) and item.errno in STORAGE_ERRNOS:
            return True
        if code in SQLITE_STORAGE:
            return True
        if code is not None and code.startswith("SQLSTATE ") and code[9:11] in PG_STORAGE_CLASSES:
            return True
    return False


def frames(tb: TracebackType | None) -> str:
    """File, line and function of each frame: no source lines, no locals."""
    return "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)
    )


def log_unhandled(
    logger: logging.Logger,
    error: BaseException | None,
    tb: TracebackType | None,
    where: str,
) -> None:
    """Log an unhandled exception by class, codes and frames only."""
    what = describe(error) if error is not None else "unknown error"
    kind = "storage failure" if error is not None and is_storage_failure(error) else "unhandled"
    logger.error("%s %s on %s\n%s", kind, what, where, frames(tb))
