"""Two threads for one stream: sealing or opening on one core, hashing and file I/O on the other.

A backup hashes every byte (the manifest) and seals or opens every byte
(age); ``tar | age`` splits that work across two processes. ``hashlib`` and
``cryptography`` (from 50.0 on) release the GIL while they work on a large
buffer, as file reads and writes do, so two threads really use two cores.

- :class:`BlockWriter` (backup create): blocks come from a fixed pool of
  :data:`DEPTH` blocks of :data:`BLOCK` bytes. The caller takes a free
  block, reads files straight into it and sends it; a thread hands it to
  ``sink`` (the age writer, which seals its 16 chunks in one go) and
  returns it to the pool. Memory stays bounded and no byte is copied on its
  way between the threads.
- :class:`BackgroundReader` (verify, restore): a thread reads the age
  reader's authenticated chunks ahead into a short bounded queue; ``read``
  takes from it. The chunks are handed over as they are, without a copy.
  (Reading into pooled 1 MiB blocks instead was measured: the same CPU
  time, but up to twice the wall time, as the two threads kept waiting for
  the GIL after every chunk copied into a block.)

An error in the thread is raised in the caller at its next call.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

BLOCK = 1 << 20
DEPTH = 4
READ_AHEAD = 8  # chunks of the age reader (64 KiB each) read ahead


class BlockWriter:
    """Calls ``sink(view)`` for every block sent, in a thread of its own, in order."""

    def __init__(
        self, sink: Callable[[memoryview], Any], block: int = BLOCK, depth: int = DEPTH
    ) -> None:
        self._sink = sink
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        for _ in range(depth):
            self._free.put(bytearray(block))
        self._full: queue.SimpleQueue[tuple[bytearray, int] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backup-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._full.get()) is not None:
            block, length = item
            if self._error is None:
                try:
                    self._sink(memoryview(block)[:length])
                except BaseException as exc:  # handed to the caller at its next call
                    self._error = exc
            # Back to the pool even after an error, so take() never waits forever.
            self._free.put(block)

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def take(self) -> bytearray:
        """A free block to fill (waits while every block is in flight)."""
        block = self._free.get()
        self._check()
        return block

    def send(self, block: bytearray, length: int) -> None:
        """Pass on the first ``length`` bytes of ``block``, which is no longer the caller's."""
        self._check()
        self._full.put((block, length))

    def close(self) -> None:
        """Wait until everything sent has reached the sink; re-raise its error."""
        self._full.put(None)
        self._thread.join()
        self._check()

    def abort(self) -> None:
        """Stop the thread after what is queued (on an error in the caller)."""
        self._error = self._error or RuntimeError("aborted")
        self._full.put(None)
        self._thread.join()


class BackgroundReader:
    """Reads blocks of ``src`` ahead in a thread; ``read`` returns them in order."""

    def __init__(self, read: Callable[[int], bytes], block: int = 1 << 16) -> None:
        self._read = read
        self._block = block
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(READ_AHEAD)
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
