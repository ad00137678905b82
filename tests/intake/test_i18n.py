"""English and Spanish: selection, the no-JavaScript switch, and complete catalogs."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from tests.intake.conftest import file_part, tip_data
from tipline.i18n import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]
PO = TRANSLATIONS_DIR / "es" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


def page(client: FlaskClient, path: str = "/", **headers: str) -> str:
    return client.get(path, headers=headers).get_data(as_text=True)


@pytest.mark.parametrize("accept", ["es", "es-MX,es;q=0.9,en;q=0.5", "es-US"])
def test_accept_language_spanish(intake_client: FlaskClient, accept: str) -> None:
    response = intake_client.get("/", headers={"Accept-Language": accept})
    text = response.get_data(as_text=True)
    assert '<html lang="es">' in text
    assert "Envíe un reporte de forma segura" in text
    assert "navegador Tor" in text
    assert response.headers["Content-Language"] == "es"


@pytest.mark.parametrize("accept", ["", "en-US,en;q=0.9", "fr-FR", "de,en;q=0.1"])
def test_english_otherwise(intake_client: FlaskClient, accept: str) -> None:
    text = page(intake_client, "/", **({"Accept-Language": accept} if accept else {}))
    assert '<html lang="en">' in text and "Send a tip safely" in text


def test_switch_overrides_and_is_remembered(intake_client: FlaskClient) -> None:
    english = page(intake_client, "/tip", **{"Accept-Language": "en"})
    assert 'href="/tip?lang=es" hreflang="es" lang="es">Español</a>' in english
    response = intake_client.get("/tip?lang=es", headers={"Accept-Language": "en"})
    assert "¿Qué pasó?" in response.get_data(as_text=True)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # Remembered on later pages, whatever the browser prefers.
    later = page(intake_client, "/", **{"Accept-Language": "en"})
    assert "Envíe un reporte" in later
    assert 'href="/?lang=en" hreflang="en" lang="en">English</a>' in later
    assert "Send a tip safely" in page(intake_client, "/?lang=en", **{"Accept-Language": "es"})
    assert "Send a tip safely" in page(intake_client, "/", **{"Accept-Language": "es"})


def test_unknown_language_is_ignored(intake_client: FlaskClient) -> None:
    response = intake_client.get("/?lang=xx")
    assert "Send a tip safely" in response.get_data(as_text=True)
    assert not response.headers.getlist("Set-Cookie")


def test_spanish_tip_is_recorded_as_spanish(
    intake_app: Flask, intake_client: FlaskClient, org_identity: object
) -> None:
    from tipline.documents import open_document
    from tipline.web import BLOBS_KEY

    intake_client.get("/?lang=es")
    response = intake_client.post(
        "/tip", data=tip_data(what_happened="La migra esperaba en la puerta.")
    )
    text = response.get_data(as_text=True)
    assert "Su frase de recibo" in text and "Anótela en papel" in text
    store = intake_app.extensions[BLOBS_KEY]
    [blob] = list(store.ids())
    assert open_document(store.read(blob), [org_identity]).language == "es"  # type: ignore[list-item]


def test_errors_are_translated(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(MAX_UPLOAD_BYTES=1000, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    es = {"Accept-Language": "es"}
    client.get("/tip", headers=es)
    csrf = client.post("/tip", data=tip_data(), headers=es).get_data(as_text=True)
    assert "El formulario había caducado" in csrf
    token = csrf.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    short = client.post("/tip", data=tip_data(what_happened="corto", csrf_token=token), headers=es)
    assert "Escriba al menos 20 caracteres" in short.get_data(as_text=True)
    big = client.post(
        "/tip", data=tip_data(csrf_token=token, attachments=[file_part(b"x" * 5000)]), headers=es
    )
    assert big.status_code == 413 and "demasiado grandes" in big.get_data(as_text=True)
    assert "Página no encontrada" in page(client, "/nada", **es)
    bad = client.post("/tip", data=b"x", content_type="multipart/form-data", headers=es)
    assert "No se pudo leer" in bad.get_data(as_text=True)
    county = client.post("/tip", data=tip_data(csrf_token=token, county="06037"), headers=es)
    assert "Elija un condado de la lista." in county.get_data(as_text=True)
    agency = client.post("/tip", data=tip_data(csrf_token=token, agencies=["fbi"]), headers=es)
    assert "Elija solo opciones de la lista." in agency.get_data(as_text=True)
    # Nothing in English leaked into the Spanish pages.
    for text in (csrf, short.get_data(as_text=True), big.get_data(as_text=True)):
        assert "Please" not in text and "Your tip" not in text


def _extracted_ids() -> set[str]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None}
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return {i for i in ids if i}


def test_every_message_in_code_and_templates_is_translated() -> None:
    catalog = read_po(PO.open("rb"), locale="es")
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id and not m.fuzzy
    }
    missing = []
    for msgid in sorted(_extracted_ids()):
        message = translated.get(msgid)
        strings = message.string if message else ""
        if not message or not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(msgid)
    assert missing == [], f"untranslated in {PO}: {missing}"
    assert len(_extracted_ids()) > 50


def test_translations_keep_their_placeholders() -> None:
    catalog = read_po(PO.open("rb"), locale="es")
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check() if errors]
    assert problems == []


def test_compiled_catalog_matches_the_po() -> None:
    """messages.mo is committed; it must say exactly what messages.po says."""
    catalog = read_po(PO.open("rb"), locale="es")
    compiled = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    expected: dict[object, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            for index, text in enumerate(message.string):
                expected[(message.id[0], index)] = text
        else:
            expected[message.id] = message.string
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}  # type: ignore[attr-defined]
    assert actual == expected, "run: pybabel compile -d tipline/translations"
