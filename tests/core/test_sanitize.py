"""tipline.sanitize: the one chokepoint where text may become HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from tipline.sanitize import clean_html, render_markdown_light, reveal_invisible

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<object data="javascript:alert(1)"></object>',
    '<form action="https://evil.example"><input name=x></form>',
    "<details open ontoggle=alert(1)>",
    '<base href="https://evil.example/">',
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _assert_inert(html: str) -> None:
    allowed = {"p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"}
    for tag, attrs in _elements(html):
        assert tag in allowed, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name in ("href", "rel"), html
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:")), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_clean_html_removes_everything_active(payload: str) -> None:
    cleaned = clean_html(payload)
    assert isinstance(cleaned, Markup)
    _assert_inert(str(cleaned))
    assert "alert(1)</script>" not in cleaned


def test_clean_html_keeps_the_allowlist() -> None:
    html = '<p>Hi <strong>there</strong> <em>you</em> <a href="https://example.org/">x</a></p>'
    cleaned = str(clean_html(html))
    assert "<strong>there</strong>" in cleaned and "<em>you</em>" in cleaned
    assert 'href="https://example.org/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned
    assert "<script" not in clean_html("<script>x</script>ok") and "ok" in clean_html("ok")
    assert clean_html("<script>secret()</script>ok") == "ok"  # content dropped too


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_light_escapes_html_payloads(payload: str) -> None:
    rendered = str(render_markdown_light(payload))
    _assert_inert(rendered)
    assert "<script" not in rendered and "<img" not in rendered and "<svg" not in rendered


def test_markdown_light_formats_the_small_subset() -> None:
    text = (
        "First **bold** and *italic* and `<b>code</b>`\nsecond line\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n"
        "[site](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))"
    )
    html = str(render_markdown_light(text))
    assert "<p>First <strong>bold</strong> and <em>italic</em> and " in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code><br>second line</p>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html
    assert "<blockquote><p>quoted</p></blockquote>" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert "[bad](javascript:alert(1))" in html  # left as text, never a link
    _assert_inert(html)


def test_markdown_light_link_text_cannot_break_out() -> None:
    html = str(render_markdown_light('[x" onmouseover="alert(1)](https://e.org/"onclick=")'))
    _assert_inert(html)
    for _, attrs in _elements(html):
        assert all(not name.startswith("on") for name, _ in attrs)


def test_reveal_invisible() -> None:
    assert reveal_invisible("plain text") == "plain text"
    assert reveal_invisible("evil\u202efdp.exe") == "evil⟨U+202E⟩fdp.exe"
    assert reveal_invisible("a\u200bb\u2066c") == "a⟨U+200B⟩b⟨U+2066⟩c"
    assert reveal_invisible("line\nnext\tcol\r\nend") == "line\nnext\tcol\nend"
    assert reveal_invisible("nul\x00bell\x07") == "nul⟨U+0000⟩bell⟨U+0007⟩"
    assert reveal_invisible("ñandú, 文件, <b>") == "ñandú, 文件, <b>"  # escaping is Jinja's job
