"""Two threads for one stream: sealing on one core while hashing and file I/O use the other.

A backup must hash every byte (the manifest) and seal every byte (age);
``tar | age`` splits its work across two processes, so doing both in one
thread would run at half its speed on a two-core server. Both
``cryptography``'s ChaCha20-Poly1305 and ``hashlib`` release the GIL on
large buffers, so a second thread is enough:

- :class:`BackgroundWriter`: ``write`` hands the data to a thread that
  passes it on (to the age writer), through a short bounded queue;
- :class:`BackgroundReader`: a thread reads ahead (from the age reader) into
  a short bounded queue; ``read`` takes from it.

The queues hold at most :data:`DEPTH` blocks, so memory stays bounded. An
error in the thread is raised in the caller at its next call.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

DEPTH = 8
_DONE = object()


class BackgroundWriter:
    """Calls ``sink(data)`` for every ``write(data)``, in a thread of its own."""

    def __init__(self, sink: Callable[[bytes], Any]) -> None:
        self._sink = sink
        self._queue: queue.Queue[object] = queue.Queue(DEPTH)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backup-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not _DONE:
            if self._error is None:
                try:
                    self._sink(item)  # type: ignore[arg-type]
                except BaseException as exc:  # handed to the caller below
                    self._error = exc

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._check()
        self._queue.put(bytes(data))
        return len(data)

    def close(self) -> None:
        """Wait until everything written has reached the sink; re-raise its error."""
        self._queue.put(_DONE)
        self._thread.join()
        self._check()

    def abort(self) -> None:
        """Stop the thread after what is queued (on an error in the caller)."""
        self._error = self._error or RuntimeError("aborted")
        self._queue.put(_DONE)
        self._thread.join()


class BackgroundReader:
    """Reads blocks of ``src`` ahead in a thread; ``read`` returns them in order."""

    def __init__(self, read: Callable[[int], bytes], block: int = 1 << 16) -> None:
        self._read = read
        self._block = block
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(DEPTH)
        self._current = b""
        self._offset = 0
        self._ended = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backup-reader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                data = self._read(self._block)
                self._queue.put(data)
                if not data:
                    return
        except BaseException as exc:  # handed to the caller at its next read
            self._queue.put(exc)

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes (at most one block's worth); b"" at the end."""
        if self._offset >= len(self._current):
            if self._ended:
                return b""
            item = self._queue.get()
            if isinstance(item, BaseException):
                self._ended = True
                raise item
            if not item:
                self._ended = True
                return b""
            self._current, self._offset = item, 0
        start = self._offset
        left = len(self._current) - start
        size = left if n < 0 else min(n, left)
        self._offset += size
        if start == 0 and size == len(self._current):
            return self._current  # the whole block: no copy
        return self._current[start : start + size]

    def close(self) -> None:
        """Stop reading ahead (for a caller that gives up early)."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.1)
