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
- :class:`BlockReader` (verify, restore): the mirror image. A thread takes
  a free block and has the age reader decrypt 16 chunks straight into it
  (``DecryptReader.readinto``: one read, no copy); the caller parses, hashes
  and writes views of the block, which goes back to the pool once read.
  (Handing over each 64 KiB chunk through a queue, as before, cost twice the
  CPU time in queue and GIL hand-offs.)

An error in the thread is raised in the caller at its next call.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

BLOCK = 1 << 20
DEPTH = 4


class _Pool:
    """``depth`` blocks of ``block`` bytes; one given back after its hashing, with a hasher."""

    def __init__(self, block: int, depth: int, hasher: Hasher | None) -> None:
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        for _ in range(depth):
            self._free.put(bytearray(block))
        self._hasher = hasher

    def take(self) -> bytearray:
        """A free block (waits while every block is in use)."""
        return self._free.get()

    def give_back(self, block: bytearray) -> None:
        # Views of the block may still wait to be hashed: it goes back after them.
        if self._hasher is not None:
            self._hasher.then(self._free.put, block)
        else:
            self._free.put(block)

    def wake(self) -> None:
        """Wake a thread waiting in :meth:`take` with an empty block."""
        self._free.put(bytearray())


class BlockWriter:
    """Calls ``sink(view)`` for every block sent, in a thread of its own, in order."""

    def __init__(
        self,
        sink: Callable[[memoryview], Any],
        block: int = BLOCK,
        depth: int = DEPTH,
        hasher: Hasher | None = None,
    ) -> None:
        self._sink = sink
        self._pool = _Pool(block, depth, hasher)
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
            self._pool.give_back(block)

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def take(self) -> bytearray:
        """A free block to fill (waits while every block is in flight)."""
        block = self._pool.take()
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


class BlockReader:
    """Fills pooled blocks with ``readinto`` in a thread; ``read`` hands out views, in order.

    A view returned by :meth:`read` stays valid until the next call, when its
    block may go back to the pool to be filled again: a caller that keeps
    bytes across calls copies them.
    """

    def __init__(
        self,
        readinto: Callable[[memoryview], int],
        block: int = BLOCK,
        depth: int = DEPTH,
        hasher: Hasher | None = None,
    ) -> None:
        self._readinto = readinto
        self._pool = _Pool(block, depth, hasher)
        self._full: queue.SimpleQueue[tuple[bytearray, int] | BaseException] = queue.SimpleQueue()
        self._current: bytearray | None = None
        self._view = memoryview(b"")
        self._offset = 0
        self._ended = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backup-reader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                block = self._pool.take()
                if self._stop.is_set():
                    return
                n = self._readinto(memoryview(block))
                self._full.put((block, n))
                if not n:
                    return
        except BaseException as exc:  # handed to the caller at its next read
            self._full.put(exc)

    def read(self, n: int = -1) -> memoryview:
        """Up to ``n`` bytes (at most the rest of one block); empty at the end."""
        if self._offset >= len(self._view):
            if self._ended:
                return memoryview(b"")
            if self._current is not None:
                self._pool.give_back(self._current)
                self._current, self._view = None, memoryview(b"")
            item = self._full.get()
            if isinstance(item, BaseException):
                self._ended = True
                raise item
            block, length = item
            if not length:
                self._ended = True
                return memoryview(b"")
            self._current, self._view, self._offset = block, memoryview(block)[:length], 0
        start = self._offset
        self._offset = len(self._view) if n < 0 else min(len(self._view), start + n)
        return self._view[start : self._offset]

    def close(self) -> None:
        """Stop reading ahead (for a caller that gives up early, or is done)."""
        self._stop.set()
        self._pool.wake()  # if the thread waits for a free block
        self._thread.join()


class Hasher:
    """Runs hash updates, and whatever must follow them, in order in a thread of its own.

    A third thread for the third kind of work: SHA-256 costs more CPU than
    sealing or opening, so hashing on the thread that reads or writes files
    would leave that one the bottleneck. The views handed to :meth:`update`
    belong to pooled blocks, so a block goes back to its pool through
    :meth:`then`, after every update queued before it.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[Callable[[Any], Any], Any] | None] = (
            queue.SimpleQueue()
        )
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backup-hasher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            call, argument = item
            try:
                call(argument)
            except BaseException as exc:  # raised in the caller at wait()
                self._error = self._error or exc

    def update(self, digest: Any, data: bytes | memoryview) -> None:
        """``digest.update(data)``, later; ``data`` must stay as it is until then."""
        self._queue.put((digest.update, data))

    def then(self, call: Callable[[Any], Any], argument: Any) -> None:
        """``call(argument)`` once everything queued before it has run."""
        self._queue.put((call, argument))

    def wait(self) -> None:
        """Return once everything queued so far has run (its digests are final)."""
        done = threading.Event()
        self._queue.put((threading.Event.set, done))
        done.wait()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
