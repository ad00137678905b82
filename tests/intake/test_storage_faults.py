"""A full disk, a database outage or a bug: the source gets a page, never a reset.

Whatever fails, the page says in the source's language what happened and
what to do, shows them again what they typed (escaped; a receipt phrase
never), reads the rest of the request body first so the browser sees the
page rather than "connection reset", and leaves nothing stored.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine

from tests.intake.conftest import assert_nothing_stored, file_part, multipart, tip_data
from tipline.blobs import BlobStore

TEXT = "The guard said <b>Tuesday</b> & called ICE: señor Quetzal-7719 saw it."
ESCAPED = "The guard said &lt;b&gt;Tuesday&lt;/b&gt; &amp; called ICE: señor Quetzal-7719 saw it."
MESSAGE = "More about <i>the van</i>: plate Quetzal-9931."
ENGLISH = ("was not sent yet", "Nothing was saved", "try again later")
SPANISH = ("todavía no se ha enviado", "No se guardó nada", "inténtelo de nuevo más tarde")


def outage_url(database_engine: Engine, tmp_path: Any) -> str:
    """A database URL for the same kind of database, that cannot be reached."""
    if database_engine.dialect.name == "sqlite":
        return f"sqlite:///{tmp_path / 'no-such-folder' / 'tipline.sqlite3'}"
    return "postgresql+psycopg://tipline@127.0.0.1:9/tipline?connect_timeout=2"


@pytest.fixture
def down_app(
    make_intake_app: Callable[..., Flask], database_engine: Engine, tmp_path: Any
) -> Flask:
    """An intake whose database is unreachable (its own engine, not the test's)."""
    from tipline.intake import create_app

    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)
    return create_app({**app.config, "DATABASE_URL": outage_url(database_engine, tmp_path)})


class CountingStream(io.BytesIO):
    """A request body that remembers how much of it the server read."""

    @property
    def unread(self) -> int:
        return len(self.getbuffer()) - self.tell()


def post_counted(app: Flask, path: str, fields: dict[str, Any], files: Any = (), **headers: str):
    body, content_type = multipart(fields, list(files))
    stream = CountingStream(body)
    response = app.test_client().post(
        path,
        input_stream=stream,
        content_type=content_type,
        content_length=len(body),
        headers=headers,
    )
    return response, stream


def full_disk(monkeypatch: pytest.MonkeyPatch, after_bytes: int = 0) -> None:
    """Every blob write fails with ENOSPC once ``after_bytes`` were written."""
    real_writer = BlobStore.writer
    written = [0]

    def writer(self: BlobStore) -> Any:
        import contextlib

        @contextlib.contextmanager
        def failing() -> Any:
            with real_writer(self) as (blob_id, handle):
                real_write = handle.write

                def write(data: Any) -> int:
                    written[0] += len(data)
                    if written[0] > after_bytes:
                        raise OSError(errno.ENOSPC, "No space left on device")
                    return real_write(data)

                handle.write = write  # type: ignore[method-assign]
                yield blob_id, handle

        return failing()

    monkeypatch.setattr(BlobStore, "writer", writer)


@pytest.mark.parametrize(("language", "words"), [("en", ENGLISH), ("es", SPANISH)])
def test_full_disk_mid_upload_shows_the_form_again(
    make_intake_app: Callable[..., Flask],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    words: tuple[str, ...],
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)
    full_disk(monkeypatch, after_bytes=100_000)
    fields = tip_data(what_happened=TEXT, place="Norristown <jail>")
    response, stream = post_counted(
        app,
        "/tip",
        fields,
        [("video.mp4", b"v" * 1_500_000, "video/mp4")],
        **{"Accept-Language": language},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert stream.unread == 0
    assert ESCAPED in page and "Norristown &lt;jail&gt;" in page and TEXT not in page
    assert '<form method="post" action="/tip"' in page
    for word in words:
        assert word in page
    assert_nothing_stored(app)


def test_full_disk_while_storing_the_tip_itself(
    make_intake_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)
    full_disk(monkeypatch)
    response, stream = post_counted(app, "/tip", tip_data(what_happened=TEXT))
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and stream.unread == 0
    assert ESCAPED in page and all(word in page for word in ENGLISH)
    assert_nothing_stored(app)


@pytest.mark.parametrize(("language", "words"), [("en", ENGLISH), ("es", SPANISH)])
def test_database_outage_shows_the_form_again(
    down_app: Flask, language: str, words: tuple[str, ...]
) -> None:
    response, stream = post_counted(
        down_app,
        "/tip",
        tip_data(what_happened=TEXT),
        [("letter.pdf", b"%PDF-1.4 letter", "application/pdf")],
        **{"Accept-Language": language},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and stream.unread == 0
    assert ESCAPED in page
    assert all(word in page for word in words)
    assert list(BlobStore(down_app.config["BLOB_DIR"]).ids()) == []


def test_database_outage_on_a_message_shows_the_message(
    make_intake_app: Callable[..., Flask], down_app: Flask, db_session: Any, org_identity: Any
) -> None:
    from tests.factories import make_tip

    working = make_intake_app()
    _tip, phrase = make_tip(
        db_session, BlobStore(working.config["BLOB_DIR"]), [org_identity.recipient()]
    )
    client = working.test_client()
    assert client.post("/return", data={"phrase": phrase}).status_code == 303
    # The same browser (cookie) reaches the intake while its database is down.
    cookie = client.get_cookie("tipline_intake")
    assert cookie is not None
    down = down_app.test_client()
    down.set_cookie("tipline_intake", cookie.value)
    stored_before = set(BlobStore(down_app.config["BLOB_DIR"]).ids())
    body, content_type = multipart({"body": MESSAGE}, [("more.jpg", b"j" * 300_000, "image/jpeg")])
    stream = CountingStream(body)
    response = down.post(
        "/conversation/message",
        input_stream=stream,
        content_type=content_type,
        content_length=len(body),
        headers={"Accept-Language": "es"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and stream.unread == 0
    assert "More about &lt;i&gt;the van&lt;/i&gt;: plate Quetzal-9931." in page
    assert '<form method="post" action="/conversation/message"' in page
    assert "Su mensaje todavía no se ha enviado" in page and "inténtelo de nuevo más tarde" in page
    assert set(BlobStore(down_app.config["BLOB_DIR"]).ids()) == stored_before


def test_database_outage_on_sign_in_never_shows_the_phrase(down_app: Flask) -> None:
    phrase = "quetzal orbit candle mango ripple velvet anchor"
    response = down_app.test_client().post("/return", data={"phrase": phrase})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "quetzal" not in page and "velvet" not in page
    assert "try again later" in page


@pytest.mark.parametrize("path", ["/", "/tip", "/return", "/conversation"])
def test_database_outage_on_pages_is_a_clear_503(down_app: Flask, path: str) -> None:
    response = down_app.test_client().get(path)
    assert response.status_code in (200, 303, 503)  # pages that need no database still work
    if response.status_code == 503:
        assert "try again later" in response.get_data(as_text=True)


def test_a_bug_before_the_body_is_read_still_drains_it(
    make_intake_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("tipline.intake.returning.current_visit", broken)
    response, stream = post_counted(
        app, "/conversation/message", {"body": MESSAGE}, [("a.bin", b"a" * 800_000, "x/y")]
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and stream.unread == 0
    assert "More about &lt;i&gt;the van&lt;/i&gt;" in page
    assert "Something went wrong on our side" in page
    assert_nothing_stored(app)


def test_a_bug_in_the_submission_shows_the_form_again(
    make_intake_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_intake_app(PROPAGATE_EXCEPTIONS=False)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret tip text in an error message")

    monkeypatch.setattr("tipline.tips.submit.size_bucket", explode)
    response = app.test_client().post(
        "/tip", data=tip_data(what_happened=TEXT, attachments=[file_part(b"evidence")])
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert ESCAPED in page and "Your tip was not sent yet" in page
    assert "secret tip text" not in page
    assert_nothing_stored(app)


def test_database_outage_on_a_browser_sealed_tip(down_app: Flask, keys_dir: Any) -> None:
    """Sealed in the browser: nothing readable to show back, so say where the words are."""
    from tests.intake.test_sealed import Submission
    from tipline.key_folder import load_recipients

    body, content_type = Submission(load_recipients(keys_dir), [("a.txt", b"x")]).body()
    response = down_app.test_client().post(
        "/tip/sealed", data=body, content_type=content_type, headers={"Accept-Language": "es"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "No se guardó nada" in page and "Inténtelo de nuevo más tarde" in page
    assert "nunca nos llegaron" in page or "navegador" in page
    assert list(BlobStore(down_app.config["BLOB_DIR"]).ids()) == []
