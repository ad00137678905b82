"""Submitting through the web form: receipt, sealing, and every kind of bad input."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.helpers import distinctive
from tests.intake.conftest import (
    GOOD_TEXT,
    assert_nothing_stored,
    file_part,
    store_of,
    tip_data,
    tips,
)
from tipline.crypto import HybridIdentity, decrypt
from tipline.db import get_db
from tipline.documents import open_document
from tipline.models import Tip

PHRASE = re.compile(r'<p class="receipt__phrase" lang="en"><code>([a-z -]+)</code></p>')


def phrase_of(page: str) -> str:
    match = PHRASE.search(page)
    assert match, page
    return match.group(1)


def test_submission_shows_receipt_and_seals_everything(
    intake_app: Flask, intake_client: FlaskClient, org_identity: HybridIdentity
) -> None:
    big = distinctive("big", 1_300_000)
    response = intake_client.post(
        "/tip",
        data=tip_data(
            what_happened="Guards said ICE would wait at the back gate. / La migra esperaba.",
            attachments=[
                file_part(b"%PDF-1.4 letter", "carta.pdf"),
                file_part(big, "video.bin", "video/mp4"),
            ],
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    phrase = phrase_of(page)
    assert len(phrase.split()) == 7
    assert "only time it is shown" in page
    assert not response.headers.getlist("Set-Cookie") or all(
        word not in cookie
        for cookie in response.headers.getlist("Set-Cookie")
        for word in phrase.split()
    )

    [tip] = tips(intake_app)
    store = store_of(intake_app)
    assert tip.county_fips == "42091" and tip.has_files
    document = open_document(store.read(tip.body_blob), [org_identity])
    assert document.language == "en"
    assert document.fields == {
        "what_happened": "Guards said ICE would wait at the back gate. / La migra esperaba.",
        "county_fips": "42091",
        "place": "Montgomery County Correctional Facility",
        "when": "last March",
        "agencies": ["ice", "county_jail"],
        "knowledge": ["saw"],
    }
    assert [(a.filename, a.content_type, a.size) for a in document.attachments] == [
        ("carta.pdf", "application/pdf", 15),
        ("video.bin", "video/mp4", len(big)),
    ]
    with intake_app.app_context():
        session = get_db(intake_app).session()
        rows = {a.id: a.blob_id for a in session.get(Tip, tip.id).attachments}  # type: ignore[union-attr]
        session.close()
    opened = [
        decrypt(store.read(rows[a.attachment_id]), [org_identity]) for a in document.attachments
    ]
    assert opened == [b"%PDF-1.4 letter", big]
    assert set(store.ids()) == {tip.body_blob, *rows.values()}


def test_other_county_is_stored_as_none(intake_app: Flask, intake_client: FlaskClient) -> None:
    assert intake_client.post("/tip", data=tip_data(county="other")).status_code == 200
    assert tips(intake_app)[0].county_fips is None


def test_missing_text_reshows_form_with_typed_text(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    response = intake_client.post(
        "/tip", data=tip_data(what_happened="", place="Berks County Jail", when="ayer")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please tell us what happened." in page
    assert 'value="Berks County Jail"' in page and 'value="ayer"' in page
    assert '<option value="42091" selected>' in page
    assert re.search(r'value="ice" checked', page)
    assert_nothing_stored(intake_app)


def test_too_short_text_is_refused_and_kept(intake_app: Flask, intake_client: FlaskClient) -> None:
    response = intake_client.post("/tip", data=tip_data(what_happened="ICE at jail"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "at least 20 characters" in page
    assert ">ICE at jail</textarea>" in page
    assert_nothing_stored(intake_app)


def test_min_length_is_configurable(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(MIN_TIP_LENGTH=5)
    assert (
        app.test_client().post("/tip", data=tip_data(what_happened="ICE at jail")).status_code
        == 200
    )


def test_files_dropped_notice_when_form_is_reshown(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    response = intake_client.post(
        "/tip", data=tip_data(what_happened="", attachments=[file_part(b"some file")])
    )
    assert "files you chose were not kept" in response.get_data(as_text=True)
    assert_nothing_stored(intake_app)


@pytest.mark.parametrize(
    "overrides",
    [
        {"county": "06037"},  # a real county, but not in this instance's state
        {"county": "99999"},
        {"agencies": ["ice", "fbi"]},
        {"knowledge": ["rumour"]},
        {"what_happened": "x" * 60_001},
    ],
)
def test_invalid_fields_are_refused(
    intake_app: Flask, intake_client: FlaskClient, overrides: dict[str, Any]
) -> None:
    response = intake_client.post("/tip", data=tip_data(**overrides))
    assert response.status_code == 400
    assert "Please correct the fields marked below" in response.get_data(as_text=True)
    assert_nothing_stored(intake_app)


def test_honeypot_refuses_and_shows_the_field(
    intake_app: Flask, intake_client: FlaskClient
) -> None:
    response = intake_client.post("/tip", data=tip_data(leave_blank="http://spam.example"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Leave this field empty" in page and "stop automated spam" in page
    assert '<div class="field">\n    <label for="leave_blank">' in page  # no longer hidden
    assert GOOD_TEXT in page
    assert_nothing_stored(intake_app)
