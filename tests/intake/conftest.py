"""Helpers for the intake tests: form data, multipart bodies, what was stored."""

from __future__ import annotations

import io
from typing import Any

from flask import Flask
from sqlalchemy import select

from tipline.blobs import BlobStore
from tipline.db import get_db
from tipline.models import Tip
from tipline.web import BLOBS_KEY

GOOD_TEXT = "A guard at the county jail told ICE when a man would be released from custody."


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
