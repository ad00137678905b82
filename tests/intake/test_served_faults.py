"""A full disk under gunicorn, as deployed: the source gets our page, not a reset.

The intake runs under the README's gunicorn command in its own process, with
the file-size limit (``RLIMIT_FSIZE``) set so low that sealing an upload
fails part-way with ``EFBIG``, as a full disk would with ``ENOSPC``. A raw
socket client sends a tip with a 4 MB file in one go and then reads the
answer, as a browser does: it must be the tip form again, with the text, not
a connection reset because the server stopped reading.
"""

from __future__ import annotations

import http.client
import os
import re
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.conftest import FAST_KDF
from tests.intake.conftest import multipart, tip_data
from tipline.blobs import BlobStore

ROOT = Path(__file__).resolve().parents[2]
FILE_LIMIT = 1024 * 1024
TEXT = "Handed over at the back door <at 2 a.m.>, Quetzal-5150."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _limit_file_size() -> None:
    # Python ignores SIGXFSZ, so an over-limit write fails with EFBIG instead.
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


@pytest.fixture
def served_intake(
    committed_engine: Engine, tmp_path: Path, keys_dir: Path, base_config: dict[str, Any]
) -> Iterator[tuple[int, Path]]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), TIPLINE_INSTANCE=str(tmp_path / "instance"))
    secrets = ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET")
    settings = {
        **{name: base_config[name] for name in secrets},
        "DATABASE_URL": committed_engine.url.render_as_string(hide_password=False),
        "BLOB_DIR": str(tmp_path / "served-blobs"),
        "KEYS_DIR": str(keys_dir),
        **FAST_KDF,
    }
    env.update({f"TIPLINE_{key}": str(value) for key, value in settings.items()})
    (tmp_path / "instance").mkdir()
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
        "--workers", "1", "--threads", "2", "--no-control-socket", "tipline.intake:create_app()",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        preexec_fn=_limit_file_size,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not start") from None
                time.sleep(0.1)
        yield port, tmp_path / "served-blobs"
    finally:
        process.terminate()
        process.wait(timeout=20)


def open_form(port: int) -> tuple[str, str]:
    """GET /tip as a browser would: the session cookie and the form's CSRF token."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/tip")
        response = connection.getresponse()
        page = response.read().decode()
        assert response.status == 200
        cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
    finally:
        connection.close()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token and cookie
    return cookie, token.group(1)


def post_raw(port: int, path: str, body: bytes, content_type: str, cookie: str) -> tuple[int, str]:
    """Send the whole request first, then read the whole answer (a browser's order)."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(head + body)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    assert raw, "the server closed the connection without an answer"
    status = int(raw.split(b" ", 2)[1])
    return status, raw.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


def test_full_disk_during_an_upload_is_a_page_not_a_reset(
    served_intake: tuple[int, Path],
) -> None:
    port, blob_dir = served_intake
    cookie, token = open_form(port)
    body, content_type = multipart(
        tip_data(what_happened=TEXT, csrf_token=token),
        [("video.mp4", os.urandom(4 * 1024 * 1024), "video/mp4")],
    )
    status, page = post_raw(port, "/tip", body, content_type, cookie)
    assert status == 503
    assert "Handed over at the back door &lt;at 2 a.m.&gt;, Quetzal-5150." in page
    assert "Nothing was saved" in page and "try again later" in page
    assert list(BlobStore(blob_dir).ids()) == []
    assert 'name="csrf_token"' in page  # the form, ready to be sent again
    open_form(port)  # and the worker still serves
