"""Case- and accent-insensitive matching of decrypted text, and result snippets.

Both the query and every document are *folded* the same way: case folded,
decomposed (NFKD, so "ﬁ" is "fi" and "é" is "e" plus a combining accent),
diacritics removed (:data:`_MARKS`), whitespace runs made one space. So "Norristown"
finds "NORRISTOWN" and "detención" finds "detencion" (and the other way
round). Matching is plain substring search on folded strings: a query is
never a regular expression or a pattern, so ``.*``, ``(`` or ``\\`` are just
characters. Every word must occur (AND); "quoted words" must occur together.

Nothing folded is kept after the request: this module has no cache.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tipline.search import QueryError

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_CONTEXT = 70
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
# Diacritics that NFKD splits off: the combining blocks used by Latin, Greek
# and Cyrillic letters, Hebrew points and Arabic harakat. Marks of other
# scripts are kept (many are vowels there, not accents). One small character
# class keeps this fast: a class of every combining mark in Unicode, or a
# translate table, costs as much as decrypting the tip.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\ufe20-\ufe2f]+"
)

# A snippet: text pieces in order, each flagged True where it matched.
Snippet = list[tuple[str, bool]]


def fold(text: str) -> str:
    """The folded form of ``text`` (see the module docstring)."""
    if text.isascii():
        return " ".join(text.lower().split())  # the common case, all in C
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(_MARKS.sub("", decomposed).split())


@dataclass(frozen=True)
class Query:
    """A parsed search: folded terms that must all occur."""

    terms: tuple[str, ...]

    def matches(self, folded: str) -> bool:
        return all(term in folded for term in self.terms)


def parse_query(raw: str) -> Query:
    """Parse what the reviewer typed; :class:`QueryError` says what to fix."""
    text = raw.strip()
    if not text:
        raise QueryError("Type a word or a phrase to search for.")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"A search can be at most {MAX_QUERY_LENGTH} characters long.")
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        term = fold(match.group(1) if match.group(1) is not None else match.group(2))
        if term and term not in terms:
            terms.append(term)
    if not any(ch.isalnum() for term in terms for ch in term):
        raise QueryError("Search for at least one letter or digit.")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"A search can have at most {MAX_TERMS} words or phrases.")
    return Query(terms=tuple(terms))


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` built one character at a time, with each output
    character's index in ``text``; slow, so only for the hits on a page."""
    out: list[str] = []
    origin: list[int] = []
    space = True  # drop leading whitespace, collapse runs
    for index, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                origin.append(index)
            space = True
            continue
        folded = fold(ch)
        out.append(folded)
        origin.extend([index] * len(folded))
        space = space and not folded
    return "".join(out), origin


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (original indexes), merged, in order."""
    folded, origin = _folded_with_positions(text)
    spans = []
    for term in query.terms:
        start = folded.find(term)
        while start != -1:
            stop = origin[start + len(term) - 1] + 1
            # Take along the accents that follow the last letter ("e" + U+0301).
            while stop < len(text) and not text[stop].isspace() and not fold(text[stop]):
                stop += 1
            spans.append((origin[start], stop))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, query: Query, context: int = SNIPPET_CONTEXT) -> Snippet:
    """A short excerpt around the first match, with every match in it flagged."""
    spans = _spans(text, query)
    first = spans[0] if spans else (0, 0)
    start = max(0, first[0] - context)
    end = min(len(text), first[1] + context)
    # Widen to whole words where that is cheap.
    while start > 0 and not text[start - 1].isspace() and first[0] - start < context + 15:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - first[1] < context + 15:
        end += 1
    pieces: Snippet = [("…", False)] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > cursor:
            pieces.append((text[cursor:span_start], False))
        pieces.append((text[span_start:span_end], True))
        cursor = span_end
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append(("…", False))
    # Line breaks would make a results list hard to read.
    return [(_SPACES.sub(" ", piece), hit) for piece, hit in pieces]
