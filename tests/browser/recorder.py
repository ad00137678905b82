"""A recording TCP relay: every byte a browser sends to a server, kept for a test.

Playwright's request events do not always carry file parts (Chromium reports
a blob-backed multipart body without the file bytes), so a test that must
prove "no plaintext left the browser" also puts this relay between the
browser and the server and searches what went over the wire. Loopback only;
it serves until the test closes it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator


class Recorder:
    """Listens on 127.0.0.1:<port>, relays to ``target_port``, records client bytes."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._sent = bytearray()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sent(self) -> bytes:
        """Everything every client has sent so far."""
        with self._lock:
            return bytes(self._sent)

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, record: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(256 * 1024):
                if record:
                    with self._lock:
                        self._sent += data
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def recording(target_url: str) -> Iterator[Recorder]:
    recorder = Recorder(int(target_url.rsplit(":", 1)[1]))
    try:
        yield recorder
    finally:
        recorder.close()
