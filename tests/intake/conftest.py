"""Fixtures for the intake tests: app variants, the blob store, form data."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection

from tests.conftest import bind_to_connection
from tipline.blobs import BlobStore
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


def file_part(data: bytes, name: str = "evidence.pdf", content_type: str = "application/pdf") -> Any:
    return (io.BytesIO(data), name, content_type)
