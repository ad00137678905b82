"""Text with its details marked inline, split into plain text and gold spans.

The hand-written dev sets (``redaction_addrplate_dev``, ``redaction_handles_dev``,
``redaction_dobmail_dev``, ``redaction_names_dev``) mark each detail in the
sentence itself (``{a|4417 Summit Ridge Way}``, ``{{dob:03/14/1988}}``,
``[[Maria Lopez]]``), and ``redaction_names7`` fills ``{N}`` slots with drawn
names; each set has its own marks, so a set passes its pattern and a function
that reads one mark into the span's fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# One mark's span fields: "category" and "text" (the value as it stands in the
# plain text), and any more the set records ("listed", "origin").
Read = Callable[[re.Match[str]], dict[str, Any]]


def unescape(marked: str) -> str:
    """A set's line as written (``\\n`` and ``\\t`` spelt out) as text."""
    return marked.replace("\\n", "\n").replace("\\t", "\t")


def splice(marked: str, mark: re.Pattern[str], read: Read) -> tuple[str, list[dict[str, Any]]]:
    """The text with every mark replaced by its value, and one span a mark
    (``start`` and ``end`` in the plain text, then what ``read`` gave)."""
    text, spans = "", []
    pos = 0
    for m in mark.finditer(marked):
        text += marked[pos : m.start()]
        pos = m.end()
        fields = read(m)
        value = fields["text"]
        spans.append({"start": len(text), "end": len(text) + len(value), **fields})
        text += value
    return text + marked[pos:], spans


def marked_row(
    row_id: str, split: str, lang: str, marked: str, mark: re.Pattern[str], read: Read
) -> dict[str, Any]:
    """One scored row (as ``bench/redaction.py`` reads them) from a marked line;
    the people list is every span ``read`` calls ``listed``."""
    text, spans = splice(unescape(marked), mark, read)
    return {
        "id": row_id,
        "split": split,
        "lang": lang,
        "text": text,
        "people": [s["text"] for s in spans if s.get("listed")],
        "spans": spans,
    }
