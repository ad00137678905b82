"""Every intake page: content, no JavaScript, nothing from other origins, headers."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.intake.conftest import tip_data
from tipline.intake.scripts import SEAL_SCRIPT
from tipline.intake.scripts import STATIC_DIR as STATIC
from tipline.key_folder import fingerprint

ONION = "tiplinexampleaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion"
FOREIGN = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def html(response: TestResponse) -> str:
    return response.get_data(as_text=True)


SEAL_TAG = re.compile(
    r'<script src="/static/seal/tipline-seal-[0-9.]+\.js" '
    r'integrity="(sha384-[A-Za-z0-9+/=]+)" defer></script>'
)


def seal_integrity() -> str:
    return (
        "sha384-"
        + base64.b64encode(hashlib.sha384((STATIC / SEAL_SCRIPT).read_bytes()).digest()).decode()
    )


def assert_no_script_and_same_origin(page: str, *, seal: bool = False) -> None:
    """No script at all; or, on the tip form, exactly the sealing file (by hash)."""
    if seal:
        assert [m.group(1) for m in SEAL_TAG.finditer(page)] == [seal_integrity()]
        page = SEAL_TAG.sub("", page)
    assert "<script" not in page.lower()
    assert not re.search(r"\son[a-z]+\s*=", page, re.I), "inline event handler"
    assert "javascript:" not in page.lower()
    assert not FOREIGN.search(page), "a resource or link to another origin"
    assert "@import" not in page and "<iframe" not in page and "<img" not in page


def test_landing_explains_and_shows_fingerprint(intake_client: FlaskClient, keys_dir: Path) -> None:
    response = intake_client.get("/")
    page = html(response)
    assert response.status_code == 200
    assert fingerprint(keys_dir) in page
    assert "Tor Browser" in page
    assert "work computer" in page
    assert "do not have to give your name" in page
    assert "receipt phrase of seven words" in page
    assert 'href="/tip"' in page
    assert_no_script_and_same_origin(page)


def test_form_page_fields(intake_client: FlaskClient) -> None:
    page = html(intake_client.get("/tip"))
    assert 'enctype="multipart/form-data"' in page
    assert 'name="what_happened"' in page
    options = re.findall(r'<option value="([^"]*)"', page)
    assert options[0] == "other"
    assert len(options) == 68  # Pennsylvania's 67 counties and "other / not sure"
    assert all(re.fullmatch(r"42\d{3}", value) for value in options[1:])
    assert "Montgomery County, PA" in page
    for value in (
        "ice",
        "county_jail",
        "local_police",
        "courts",
        "other",
        "saw",
        "told",
        "documents",
    ):
        assert f'value="{value}"' in page
    assert re.search(r'<input type="file"[^>]*name="attachments"[^>]*multiple', page)
    assert 'name="place"' in page and 'name="when"' in page
    assert_no_script_and_same_origin(page, seal=True)


def test_form_offers_the_configured_states(make_intake_app: Callable[..., Flask]) -> None:
    page = html(make_intake_app(STATES=["DE"]).test_client().get("/tip"))
    options = re.findall(r'<option value="([^"]*)"', page)
    assert options == ["other", "10001", "10003", "10005"]


def test_honeypot_is_hidden_by_css_not_script(intake_client: FlaskClient) -> None:
    page = html(intake_client.get("/tip"))
    match = re.search(
        r'<div class="field hp" aria-hidden="true">.*?name="leave_blank"[^>]*>', page, re.S
    )
    assert match and 'tabindex="-1"' in match.group(0) and 'autocomplete="off"' in match.group(0)
    css = intake_client.get("/static/tipline.css").get_data(as_text=True)
    assert re.search(r"\.hp\s*\{[^}]*left:\s*-10000px", css)


def test_stylesheet_is_local_and_self_contained(intake_client: FlaskClient) -> None:
    response = intake_client.get("/static/tipline.css")
    assert response.status_code == 200
    css = response.get_data(as_text=True)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_unknown_page_is_a_friendly_404(intake_client: FlaskClient) -> None:
    response = intake_client.get("/wp-admin")
    assert response.status_code == 404
    assert "Page not found" in html(response)


def test_wrong_method_is_a_friendly_405(intake_client: FlaskClient) -> None:
    response = intake_client.post("/")
    assert response.status_code == 405
    assert "cannot be done here" in html(response)


def _responses(client: FlaskClient) -> dict[str, TestResponse]:
    return {
        "landing": client.get("/"),
        "form": client.get("/tip"),
        "css": client.get("/static/tipline.css"),
        "404": client.get("/nothing-here"),
        "405": client.post("/"),
        "invalid": client.post("/tip", data=tip_data(what_happened="")),
        "receipt": client.post("/tip", data=tip_data()),
        "malformed": client.post(
            "/tip", data=b"garbage", content_type="multipart/form-data; boundary=zzz"
        ),
    }


EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def assert_hardened(response: TestResponse, *, seal: bool = False) -> None:
    """Hardened headers; no script may run, or on the tip form only the sealing file."""
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    scripts = re.findall(r"script-src ([^;]*)", csp)
    # Without script-src, default-src 'none' applies: no script at all.
    assert scripts == ([f"'{seal_integrity()}'"] if seal else [])
    assert "http:" not in csp and "https:" not in csp and "*" not in csp
    assert "'self'" not in "".join(scripts) and "unsafe" not in csp


def test_headers_on_every_response(intake_client: FlaskClient) -> None:
    responses = _responses(intake_client)
    assert {name: r.status_code for name, r in responses.items()} == {
        "landing": 200,
        "form": 200,
        "css": 200,
        "404": 404,
        "405": 405,
        "invalid": 400,
        "receipt": 200,
        "malformed": 400,
    }
    for name, response in responses.items():
        assert_hardened(response, seal=name in ("form", "invalid"))
        assert "Onion-Location" not in response.headers


def test_onion_location_when_configured(make_intake_app: Callable[..., Flask]) -> None:
    client = make_intake_app(ONION_ADDRESS=ONION).test_client()
    assert client.get("/").headers["Onion-Location"] == f"http://{ONION}/"
    assert client.get("/tip").headers["Onion-Location"] == f"http://{ONION}/tip"
    for response in _responses(client).values():
        assert response.headers["Onion-Location"].startswith(f"http://{ONION}/")


def test_session_cookie_is_httponly_and_strict(make_intake_app: Callable[..., Flask]) -> None:
    client = make_intake_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.get("/tip")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "the CSRF token needs the session cookie"
    for cookie in cookies:
        assert cookie.startswith("tipline_intake=")
        assert "HttpOnly" in cookie
        assert "SameSite=Strict" in cookie


@pytest.mark.parametrize("path", ["/", "/tip"])
def test_pages_work_without_a_session_cookie(intake_client: FlaskClient, path: str) -> None:
    # Nothing is required from the browser but HTML forms: no cookie is set
    # unless it is needed (CSRF is off in this app, so none at all).
    response = intake_client.get(path)
    assert response.status_code == 200
    assert not response.headers.getlist("Set-Cookie")
