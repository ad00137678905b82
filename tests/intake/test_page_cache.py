"""Issue 10 (load): the blank form and the receipt are rendered once, never what is per visitor.

tipline.intake.page_cache keeps the blank tip form per language, prefix,
flood state and recipients, and the receipt page per language and kind,
each cut around its per-visitor values (the CSRF token, the proof-of-work
challenge, the receipt phrase). These tests show the cache is used, and
that every visitor still gets their own token, challenge and phrase, none
of which is ever kept.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient

from tests.intake.conftest import tip_data, tips
from tipline.crypto import HybridIdentity
from tipline.intake.page_cache import PageCache, SplitPage
from tipline.intake.views import PAGE_CACHE_KEY

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_CHALLENGE = re.compile(r'name="pow_challenge" value="([^"]+)"')
_PHRASE = re.compile(r'class="receipt__phrase"[^>]*><code>([^<]+)</code>')
_SEAL_RECIPIENTS = re.compile(r'data-seal-recipients="([^"]+)"')


@contextmanager
def rendered(app: Flask) -> Iterator[list[str]]:
    """The names of the templates ``app`` renders inside the block."""
    names: list[str] = []

    def record(_sender: Flask, template: Any, context: Any, **_extra: Any) -> None:
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


@pytest.fixture
def csrf_app(make_intake_app: Callable[..., Flask]) -> Flask:
    return make_intake_app(WTF_CSRF_ENABLED=True)


def _token(client: FlaskClient) -> tuple[str, str]:
    page = client.get("/tip").get_data(as_text=True)
    match = _CSRF.search(page)
    assert match is not None
    return match.group(1), page


def _pieces(app: Flask) -> str:
    """Everything the cache holds, as one string."""
    cache: PageCache = app.extensions[PAGE_CACHE_KEY]
    return "".join("".join(split.fragments) for split in cache._pages.values())


def test_cut_needs_each_value_exactly_once() -> None:
    assert SplitPage.cut("<p>abc</p>", {"token": "zzz"}) is None
    assert SplitPage.cut("<p>abc abc</p>", {"token": "abc"}) is None
    assert SplitPage.cut("<p>abc</p>", {"token": ""}) is None
    split = SplitPage.cut('<i v="T1">C1</i>', {"b": "C1", "a": "T1"})
    assert split is not None
    assert split.fill({"a": "t2", "b": "<c2>"}) == '<i v="t2">&lt;c2&gt;</i>'


def test_blank_form_rendered_once_with_a_token_per_visitor(csrf_app: Flask) -> None:
    first, second = csrf_app.test_client(), csrf_app.test_client()
    with rendered(csrf_app) as names:
        token_a, page_a = _token(first)
        token_b, page_b = _token(second)
        token_a2, _ = _token(first)
    assert names == ["intake/form.html"]  # once, for three pages
    assert token_a != token_b
    assert page_a.replace(token_a, "T") == page_b.replace(token_b, "T")
    assert token_a not in _pieces(csrf_app) and token_b not in _pieces(csrf_app)
    # Each token is bound to its own visitor's session, as before.
    swapped = second.post("/tip", data=tip_data(csrf_token=token_a2))
    assert swapped.status_code == 400
    own = second.post("/tip", data=tip_data(csrf_token=token_b))
    assert own.status_code == 200
    assert len(tips(csrf_app)) == 1


def test_cached_form_is_the_page_a_fresh_render_gives(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    token, cached = _token(client)
    _token(client)  # from the cache
    token_again, from_cache = _token(client)
    csrf_app.extensions[PAGE_CACHE_KEY] = PageCache()
    token_fresh, fresh = _token(client)
    assert from_cache.replace(token_again, "T") == fresh.replace(token_fresh, "T")
    assert cached.replace(token, "T") == fresh.replace(token_fresh, "T")


def test_each_language_has_its_own_page(csrf_app: Flask) -> None:
    english = csrf_app.test_client().get("/tip").get_data(as_text=True)
    spanish = (
        csrf_app.test_client().get("/tip", headers={"Accept-Language": "es"}).get_data(as_text=True)
    )
    chosen = csrf_app.test_client().get("/tip?lang=es").get_data(as_text=True)
    again = csrf_app.test_client().get("/tip").get_data(as_text=True)
    assert "Enviar reporte" in spanish and "Enviar reporte" in chosen
    assert "Enviar reporte" not in english and "Enviar reporte" not in again
    assert 'lang="es"' in spanish and '<html lang="en">' in again


def test_flood_form_gets_a_fresh_challenge_each_time(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(WTF_CSRF_ENABLED=True, FLOOD_TIPS_PER_TWO_HOURS=0, POW_BITS=4)
    client = app.test_client()
    with rendered(app) as names:
        pages = [client.get("/tip") for _ in range(3)]
    assert names == ["intake/form.html"]
    challenges = {_CHALLENGE.search(page.get_data(as_text=True)).group(1) for page in pages}  # type: ignore[union-attr]
    assert len(challenges) == 3
    for page in pages:
        assert "pow.js" in page.get_data(as_text=True)
        assert "script-src" in page.headers["Content-Security-Policy"]
    assert not any(challenge in _pieces(app) for challenge in challenges)


def test_flood_and_calm_pages_are_not_mixed(intake_app: Flask) -> None:
    calm = intake_app.test_client().get("/tip")
    intake_app.config["FLOOD_TIPS_PER_TWO_HOURS"] = 0  # always a flood from now on
    flood = intake_app.test_client().get("/tip")
    assert "pow_challenge" not in calm.get_data(as_text=True)
    assert "pow_challenge" in flood.get_data(as_text=True)
    # The proof-of-work script's hash is allowed on the flood page only.
    flood_hashes = flood.headers["Content-Security-Policy"].count("'sha384-")
    assert flood_hashes == calm.headers["Content-Security-Policy"].count("'sha384-") + 1


def test_receipt_rendered_once_and_the_phrase_never_kept(intake_app: Flask) -> None:
    client = intake_app.test_client()
    with rendered(intake_app) as names:
        pages = [client.post("/tip", data=tip_data()).get_data(as_text=True) for _ in range(3)]
    assert names.count("intake/receipt.html") == 1
    phrases = [_PHRASE.search(page).group(1) for page in pages]  # type: ignore[union-attr]
    assert len(set(phrases)) == 3
    assert pages[0].replace(phrases[0], "P") == pages[2].replace(phrases[2], "P")
    assert not any(phrase in _pieces(intake_app) for phrase in phrases)
    spanish = client.post("/tip?lang=es", data=tip_data()).get_data(as_text=True)
    assert "Su reporte fue enviado" in spanish
    assert len(tips(intake_app)) == 4


def test_new_recipients_show_on_the_form_at_once(
    make_intake_app: Callable[..., Flask], keys_dir: Path, tmp_path: Path
) -> None:
    keys = tmp_path / "keys"
    shutil.copytree(keys_dir, keys)
    app = make_intake_app(KEYS_DIR=str(keys))
    client = app.test_client()
    before = _SEAL_RECIPIENTS.search(client.get("/tip").get_data(as_text=True))
    assert before is not None
    added = str(HybridIdentity.generate().recipient())
    replacement = keys / "recipients.new"
    text = (keys / "recipients.txt").read_text(encoding="utf-8")
    replacement.write_text(text.rstrip("\n") + "\n" + added + "\n", encoding="utf-8")
    replacement.replace(keys / "recipients.txt")  # a rotation's atomic rename
    after = _SEAL_RECIPIENTS.search(client.get("/tip").get_data(as_text=True))
    assert after is not None
    assert added not in before.group(1)
    assert added in after.group(1)
