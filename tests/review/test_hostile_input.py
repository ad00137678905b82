"""Hostile text typed into every intake field is inert in the reviewer's pages.

Each payload goes into every free-text field of a tip, an extra field's name
and value, and an attachment's file name and type, through the intake's own
submission service. The inbox and the tip page are then parsed as HTML: no
element or attribute that could run anything may appear, and the payload
must be visible as text. (tests/browser/test_review_browser.py checks the
same in a real browser with JavaScript on.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy.orm import Session

import tipline
from tests.factories import make_tip

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><script>window.pwned=1</script>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click me</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "{{ 7*7 }} {% raw %}${7*7}",
    "<style>body{display:none}</style>",
    "</textarea><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\u202egnp.exe <b>bidi</b>",
    "zero\u200bwidth\u2066isolate\u2069 &amp; &lt;b&gt;",
]
DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "math", "style", "base"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check_inert(page: str) -> str:
    parser = _Collector()
    parser.feed(page)
    for tag, attrs in parser.elements:
        assert tag not in DANGEROUS_TAGS, f"<{tag}> in page"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name}= on <{tag}>"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith("javascript"), value
    return "".join(parser.text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_as_text(
    payload: str, reviewer_client: FlaskClient, db_session: Session, blobs, recipients
) -> None:
    tip, _ = make_tip(
        db_session,
        blobs,
        recipients,
        what_happened=payload,
        fields={"place": payload, "when": payload, payload: payload},
        files=[(payload + ".txt", payload, b"file body")],
    )
    for url in ("/", f"/tips/{tip.id}"):
        response = reviewer_client.get(url)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        text = _check_inert(page)
        visible = payload.replace("\u202e", "⟨U+202E⟩").replace("\u200b", "⟨U+200B⟩")
        visible = visible.replace("\u2066", "⟨U+2066⟩").replace("\u2069", "⟨U+2069⟩")
        assert visible.splitlines()[0] in text, url
        assert str(escape(visible)) in page, url  # escaped exactly as Jinja does
    page = reviewer_client.get(f"/tips/{tip.id}").get_data(as_text=True)
    # Field, extra-field name and value, and the file name: at least four copies.
    assert _check_inert(page).count(visible) >= 4


def test_pages_carry_the_strict_csp(
    reviewer_client: FlaskClient, db_session, blobs, recipients
) -> None:
    tip, _ = make_tip(db_session, blobs, recipients)
    for url in ("/", f"/tips/{tip.id}"):
        csp = reviewer_client.get(url).headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "'unsafe-inline'" not in csp


def test_templates_never_mark_user_text_safe() -> None:
    root = Path(tipline.__file__).parent / "templates" / "review"
    for name in ("inbox.html", "tip.html", "tags.html"):
        source = re.sub(r"{#.*?#}", "", (root / name).read_text(encoding="utf-8"), flags=re.S)
        assert "|safe" not in source.replace(" ", "") and "Markup(" not in source, name
        assert "autoescape false" not in source, name
