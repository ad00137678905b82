"""Fixtures for the intake tests: app variants, the blob store, form data."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection, select

from tests.conftest import bind_to_connection
from tipline.blobs import BlobStore
from tipline.db import get_db
from tipline.models import Tip
from tipline.web import BLOBS_KEY

GOOD_TEXT = "A guard at the county jail told ICE when a man would be released from custody."


@pytest.fixture
def make_intake_app(
    base_config: dict[str, Any], db_connection: Connection, instance_dir: Path
) -> Callable[..., Flask]:
    """Build an intake app with config overrides, joined to the test transaction."""

    def build(**overrides: Any) -> Flask:
        from tipline.intake import create_app

        app = create_app({**base_config, **overrides})
        bind_to_connection(app, db_connection)
        return app

    return build


@pytest.fixture
def blobs(intake_app: Flask) -> BlobStore:
    store: BlobStore = intake_app.extensions[BLOBS_KEY]
    return store


def tip_data(**overrides: Any) -> dict[str, Any]:
    """A valid form submission; override or add fields (files as tuples)."""
    data: dict[str, Any] = {
        "what_happened": GOOD_TEXT,
        "county": "42091",
        "place": "Montgomery County Correctional Facility",
        "when": "last March",
        "agencies": ["ice", "county_jail"],
        "knowledge": ["saw"],
    }
    data.update(overrides)
    return data


def file_part(
    data: bytes, name: str = "evidence.pdf", content_type: str = "application/pdf"
) -> Any:
    return (io.BytesIO(data), name, content_type)


def multipart(
    fields: dict[str, Any],
    files: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
) -> tuple[bytes, str]:
    """Encode a form body ourselves (the test client would spool big bodies
    to a temporary file, which the no-temp-file tests forbid)."""
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    values: MultiDict[str, Any] = MultiDict()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            values.add(name, item)
    for filename, data, content_type in files:
        values.add(
            "attachments",
            FileStorage(io.BytesIO(data), filename=filename, content_type=content_type),
        )
    boundary, body = encode_multipart(values)
    return body, f"multipart/form-data; boundary={boundary}"


def distinctive(label: str, size: int) -> bytes:
    """``size`` bytes that are easy to find again: a label repeated with a counter."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += f"<{label}:{counter:08d}>".encode()
        counter += 1
    return bytes(out[:size])


def store_of(app: Flask) -> BlobStore:
    store: BlobStore = app.extensions[BLOBS_KEY]
    return store


def tips(app: Flask) -> list[Tip]:
    with app.app_context():
        session = get_db(app).session()
        try:
            return list(session.scalars(select(Tip)))
        finally:
            session.close()


def assert_nothing_stored(app: Flask) -> None:
    store = store_of(app)
    assert tips(app) == []
    assert list(store.ids()) == []
    tmp = store.root / "tmp"
    assert not tmp.exists() or list(tmp.iterdir()) == []
