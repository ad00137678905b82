"""Failed, refused and aborted submissions: a clear page, and nothing left behind."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.helpers import distinctive
from tests.intake.conftest import (
    GOOD_TEXT,
    assert_nothing_stored,
    file_part,
    multipart,
    store_of,
    tip_data,
    tips,
)
from tipline.db import get_db
from tipline.models import Tip


def test_oversize_upload_is_413_and_leaves_nothing(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(MAX_UPLOAD_BYTES=1_000_000)
    response = app.test_client().post(
        "/tip",
        data=tip_data(
            attachments=[file_part(b"a" * 600_000, "one.bin"), file_part(b"b" * 600_000, "two.bin")]
        ),
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "too large" in page and "at most 1 MB in total" in page
    assert_nothing_stored(app)


def test_body_over_content_length_limit_is_refused_before_reading(
    make_intake_app: Callable[..., Flask],
) -> None:
    app = make_intake_app(MAX_UPLOAD_BYTES=1024)
    body, content_type = multipart(
        tip_data(), [("x.bin", b"x" * (5 * 1024 * 1024), "application/zip")]
    )
    response = app.test_client().post("/tip", data=body, content_type=content_type)
    assert response.status_code == 413
    assert_nothing_stored(app)


def test_too_many_files_is_413(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(MAX_ATTACHMENTS=2)
    files = [file_part(b"data", f"f{i}.txt", "text/plain") for i in range(3)]
    response = app.test_client().post("/tip", data=tip_data(attachments=files))
    assert response.status_code == 413
    assert "at most 2 files" in response.get_data(as_text=True)
    assert_nothing_stored(app)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            b'--zzz\r\nContent-Disposition: form-data; name="what_happened"\r\n\r\nhi',
            "multipart/form-data; boundary=zzz",
        ),
        (b"no boundary at all", "multipart/form-data"),
        (b"--zzz\r\nno headers end", "multipart/form-data; boundary=zzz"),
    ],
)
def test_malformed_multipart_is_400(
    intake_app: Flask, intake_client: FlaskClient, body: bytes, content_type: str
) -> None:
    response = intake_client.post("/tip", data=body, content_type=content_type)
    assert response.status_code == 400
    assert "could not be read" in response.get_data(as_text=True)
    assert_nothing_stored(intake_app)


def test_client_disconnect_mid_upload_leaves_nothing(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    body, content_type = multipart(
        tip_data(), [("big.bin", distinctive("cut", 2_000_000), "application/zip")]
    )
    truncated = body[: len(body) // 2]
    response = intake_client.post(
        "/tip",
        input_stream=io.BytesIO(truncated),
        content_type=content_type,
        content_length=len(body),
    )
    assert response.status_code == 400
    assert_nothing_stored(intake_app)


def test_exception_during_submission_leaves_nothing(
    make_intake_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away while quoting: secret tip text")

    monkeypatch.setattr("tipline.tips.submit.size_bucket", explode)
    response = app.test_client().post("/tip", data=tip_data(attachments=[file_part(b"evidence")]))
    assert response.status_code == 500
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert_nothing_stored(app)


def test_failed_commit_leaves_no_blob(
    make_intake_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)
    from sqlalchemy.orm import Session as SessionClass

    def failing_commit(self: Session) -> None:
        raise RuntimeError("commit failed")

    monkeypatch.setattr(SessionClass, "commit", failing_commit)
    response = app.test_client().post("/tip", data=tip_data(attachments=[file_part(b"evidence")]))
    assert response.status_code == 500
    assert list(store_of(app).ids()) == []


def test_unhandled_errors_are_logged_without_their_message(
    make_intake_app: Callable[..., Flask],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret tip text in an error message")

    monkeypatch.setattr("tipline.tips.submit.size_bucket", explode)
    app.test_client().post("/tip", data=tip_data())
    assert "unhandled RuntimeError on POST /tip" in caplog.text
    assert "secret tip text" not in caplog.text


def extract_csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def test_csrf_token_accepted_then_rotated(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = extract_csrf(client.get("/tip").get_data(as_text=True))
    assert client.post("/tip", data=tip_data(csrf_token=token)).status_code == 200
    # Reloading the receipt resends the same form: refused, not stored twice.
    again = client.post("/tip", data=tip_data(csrf_token=token))
    assert again.status_code == 400
    assert "form had expired" in again.get_data(as_text=True)
    assert len(tips(app)) == 1


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_bad_csrf_reshows_form_with_text_kept(
    make_intake_app: Callable[..., Flask], token: str | None
) -> None:
    app = make_intake_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.get("/tip")
    data = tip_data(attachments=[file_part(b"evidence")])
    if token:
        data["csrf_token"] = token
    response = client.post("/tip", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "form had expired or was opened in another window" in page
    assert GOOD_TEXT in page
    assert "files you chose were not kept" in page
    extract_csrf(page)  # a fresh token, so sending again works
    assert_nothing_stored(app)


def test_no_temporary_file_during_large_upload(
    intake_app: Flask, intake_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = distinctive("spool", 3_000_000)  # far above Werkzeug's 500 KB spooling threshold
    body, content_type = multipart(tip_data(), [("big.bin", marker, "application/zip")])
    temp_root = tmp_path / "systemp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload was about to be spooled to a temporary file")

    for name in ("TemporaryFile", "SpooledTemporaryFile", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, forbidden)
    written: list[bytes] = []
    store = store_of(intake_app)
    original_writer = store.writer

    def recording_writer() -> Any:
        import contextlib

        @contextlib.contextmanager
        def wrapped() -> Any:
            with original_writer() as (blob_id, handle):
                real_write = handle.write
                handle.write = lambda data: (written.append(bytes(data)), real_write(data))[1]  # type: ignore[method-assign]
                yield blob_id, handle

        return wrapped()

    monkeypatch.setattr(store, "writer", recording_writer)
    response = intake_client.post("/tip", data=body, content_type=content_type)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert list(temp_root.iterdir()) == []
    everything = b"".join(written)
    assert len(everything) > len(marker)
    assert b"<spool:" not in everything
    for path in store.root.rglob("*"):
        if path.is_file():
            assert b"<spool:" not in path.read_bytes()


def test_file_under_another_field_name_is_not_kept(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    data = tip_data(attachments=[file_part(b"wanted")])
    data["sneaky"] = file_part(b"sealed while parsing, then referred to by nothing")
    assert intake_client.post("/tip", data=data).status_code == 200
    [tip] = tips(intake_app)
    with intake_app.app_context():
        session = get_db(intake_app).session()
        blob_ids = {a.blob_id for a in session.get(Tip, tip.id).attachments}  # type: ignore[union-attr]
        session.close()
    assert set(store_of(intake_app).ids()) == {tip.body_blob, *blob_ids}
    assert len(blob_ids) == 1
