"""Fail closed: without usable keys the intake starts, says so, and accepts nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from tests.intake.conftest import tip_data
from tipline.crypto import HybridIdentity

SECRET_LOOKING = str(HybridIdentity.generate())


def keys_variants(tmp_path: Path) -> dict[str, Path]:
    missing = tmp_path / "no-such-keys"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "recipients.txt").write_text("# no recipients yet\n\n", encoding="utf-8")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "recipients.txt").write_text("not a recipient at all\n", encoding="utf-8")
    # Someone pasted the secret identity where the public recipient belongs.
    pasted = tmp_path / "pasted-identity"
    pasted.mkdir()
    (pasted / "recipients.txt").write_text(SECRET_LOOKING + "\n", encoding="utf-8")
    no_file = tmp_path / "no-file"
    no_file.mkdir()
    return {
        "missing": missing,
        "empty": empty,
        "garbage": garbage,
        "pasted": pasted,
        "no_file": no_file,
    }


@pytest.fixture(params=["missing", "empty", "garbage", "pasted", "no_file"])
def offline_app(
    request: pytest.FixtureRequest, tmp_path: Path, make_intake_app: Callable[..., Flask]
) -> Flask:
    keys = keys_variants(tmp_path)[request.param]
    return make_intake_app(KEYS_DIR=str(keys))


@pytest.mark.parametrize("path", ["/", "/tip", "/anything"])
def test_every_page_is_503(offline_app: Flask, path: str) -> None:
    response = offline_app.test_client().get(path)
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Temporarily offline" in page
    assert "<form" not in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_submissions_are_refused_and_nothing_is_written(offline_app: Flask) -> None:
    from tipline.web import BLOBS_KEY

    response = offline_app.test_client().post(
        "/tip", data=tip_data(attachments=[(io.BytesIO(b"evidence"), "a.pdf", "application/pdf")])
    )
    assert response.status_code == 503
    assert list(offline_app.extensions[BLOBS_KEY].ids()) == []
    assert not offline_app.extensions[BLOBS_KEY].root.exists()


def test_stylesheet_still_served(offline_app: Flask) -> None:
    assert offline_app.test_client().get("/static/tipline.css").status_code == 200


def test_offline_page_in_spanish(offline_app: Flask) -> None:
    page = (
        offline_app.test_client().get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    )
    assert "Fuera de servicio temporalmente" in page


def test_one_log_line_without_key_material(
    tmp_path: Path, make_intake_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    for name, keys in keys_variants(tmp_path).items():
        caplog.clear()
        make_intake_app(KEYS_DIR=str(keys))
        lines = [r for r in caplog.records if r.name == "tipline.intake"]
        assert len(lines) == 1, name
        message = lines[0].getMessage()
        assert "offline" in message and str(keys) in message
        assert "AGE-SECRET-KEY" not in caplog.text
        assert SECRET_LOOKING not in caplog.text
        assert "not a recipient at all" not in caplog.text


def test_working_keys_log_nothing_and_serve(intake_app: Flask) -> None:
    assert intake_app.test_client().get("/").status_code == 200
