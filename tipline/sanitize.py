"""The one place where text people wrote may become HTML.

Everything else in tipline renders user text through Jinja's autoescaping
and never marks it ``|safe``. Where a little formatting is wanted (reviewer
notes, later), it goes through this module and only this module:

- :func:`clean_html` runs HTML through nh3 (the Rust ``ammonia`` sanitiser)
  with a strict allowlist: a handful of formatting tags, ``href`` on links
  and only with http, https or mailto, no attributes otherwise, scripts and
  styles dropped with their content, comments dropped.
- :func:`render_markdown_light` turns a small Markdown subset into HTML. It
  escapes the text *first* and builds tags only from fixed patterns, then
  hands the result to :func:`clean_html` anyway: two independent layers.

:func:`reveal_invisible` is for plain text (it returns ``str``, still to be
autoescaped): it makes characters that change how text *looks* without
being seen, such as right-to-left overrides and zero-width joiners, visible
as ``⟨U+202E⟩``, so a source's text cannot disguise itself or the page.

nh3, not bleach: bleach is unmaintained since 2026 (DESIGN.md).
"""

from __future__ import annotations

import re
import unicodedata

import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript"})
LINK_REL = "noopener noreferrer nofollow"

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
# Applied to already-escaped text: the URL cannot contain a quote or "<".
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")  # web links only, not mailto:
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def clean_html(html: str) -> Markup:
    """Sanitise an HTML fragment with the strict allowlist; safe to render."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return Markup(cleaned)  # noqa: S704 (nh3 output is the definition of safe here)


def _inline(escaped: str) -> str:
    """Inline formatting on text that is already HTML-escaped."""
    code_spans: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        code_spans.append(f"<code>{match.group(1)}</code>")
        return f"\x00{len(code_spans) - 1}\x00"

    text = _CODE.sub(keep_code, escaped)  # no formatting inside code
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: code_spans[int(m.group(1))], text)


def _items(pattern: re.Pattern[str], lines: list[str]) -> list[str] | None:
    """The item texts if every line is an item of this kind of list."""
    matches = [pattern.match(line) for line in lines]
    if not all(matches):
        return None
    return [_inline(m.group(1)) for m in matches if m is not None]


def _block(lines: list[str]) -> str:
    """One paragraph, list or quote, from the escaped lines of a block."""
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        items = _items(pattern, lines)
        if items is not None:
            return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"
    if all(line.startswith("&gt;") for line in lines):
        inner = "<br>".join(_inline(line[4:].strip()) for line in lines)
        return f"<blockquote><p>{inner}</p></blockquote>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def render_markdown_light(text: str) -> Markup:
    """Paragraphs, line breaks, lists, quotes, **bold**, *italic*, `code`, links."""
    escaped = str(escape(text.replace("\r\n", "\n").replace("\x00", "")))
    blocks: list[str] = []
    current: list[str] = []
    for line in escaped.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(_block(current))
            current = []
    if current:
        blocks.append(_block(current))
    return clean_html("".join(blocks))


# Kept as they are: ordinary line structure.
_VISIBLE_CONTROLS = frozenset("\n\t")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})


def reveal_invisible(text: str) -> str:
    """``text`` with invisible and control characters shown as ``⟨U+XXXX⟩``."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a per-character walk
    out = []
    for ch in text.replace("\r\n", "\n"):
        if ch not in _VISIBLE_CONTROLS and unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)
