"""Is the clock right? TOTP sign-in, sessions, retention and the audit log depend on it.

- the kernel's own view (``adjtimex``): is an NTP client (systemd-timesyncd,
  chrony) keeping the clock synchronized?
- PostgreSQL's clock, when the database is on another machine, must agree
  with ours within a minute (the database stamps nothing itself, but a
  second machine with a wrong clock is a sign of the same problem);
- the newest audit event must not be in the future: a clock that went
  backwards would make the log's times lie.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from datetime import datetime, timedelta

from tipline.doctor import Finding, fail, ok, skip

NAME = "clock"
FIX = "turn on time synchronization: sudo timedatectl set-ntp true (or install chrony)"
TIME_ERROR = 5  # adjtimex's "clock not synchronized"
MAX_SKEW = timedelta(seconds=60)


class _Timeval(ctypes.Structure):
    _fields_ = [("sec", ctypes.c_long), ("usec", ctypes.c_long)]


class _Timex(ctypes.Structure):
    # struct timex from <sys/timex.h>; only ``status`` is read.
    _fields_ = [
        ("modes", ctypes.c_uint),
        ("offset", ctypes.c_long),
        ("freq", ctypes.c_long),
        ("maxerror", ctypes.c_long),
        ("esterror", ctypes.c_long),
        ("status", ctypes.c_int),
        ("constant", ctypes.c_long),
        ("precision", ctypes.c_long),
        ("tolerance", ctypes.c_long),
        ("time", _Timeval),
        ("tick", ctypes.c_long),
        ("ppsfreq", ctypes.c_long),
        ("jitter", ctypes.c_long),
        ("shift", ctypes.c_int),
        ("stabil", ctypes.c_long),
        ("jitcnt", ctypes.c_long),
        ("calcnt", ctypes.c_long),
        ("errcnt", ctypes.c_long),
        ("stbcnt", ctypes.c_long),
        ("tai", ctypes.c_int),
        ("reserved", ctypes.c_int * 11),
    ]


def kernel_synchronized() -> bool | None:
    """True or False from the kernel; None where it cannot be asked (not Linux)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        adjtimex = ctypes.CDLL(name, use_errno=True).adjtimex
    except (OSError, AttributeError):
        return None
    state = adjtimex(ctypes.byref(_Timex()))  # modes 0: read only, no privilege needed
    if state < 0:
        return None
    return bool(state != TIME_ERROR)


def check_clock(
    now: datetime,
    *,
    synchronized: bool | None,
    database_now: datetime | None,
    newest_event: datetime | None,
) -> Finding:
    if newest_event is not None and newest_event - now > MAX_SKEW:
        return fail(
            NAME,
            f"the newest audit event ({newest_event:%Y-%m-%d %H:%M} UTC) is in the future: "
            "the clock went backwards.",
            FIX,
        )
    if database_now is not None and abs(database_now - now) > MAX_SKEW:
        skew = int(abs(database_now - now).total_seconds())
        return fail(NAME, f"the database server's clock is {skew} s off this machine's.", FIX)
    if synchronized is False:
        return fail(NAME, "the kernel says the clock is not synchronized (no NTP).", FIX)
    if synchronized is None:
        return skip(NAME, "cannot ask the kernel whether the clock is synchronized here")
    return ok(NAME, f"synchronized; now {now:%Y-%m-%d %H:%M:%S} UTC")
