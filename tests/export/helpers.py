"""Plain helpers the detector tests share."""

from __future__ import annotations

from tipline.export.pii.redaction import find_identifying


def covered(text: str, value: str, category: str) -> bool:
    """Whether every letter and digit of ``value`` (its first place in
    ``text``) is covered by findings of ``category``: full cover, as
    bench/redaction.py scores it."""
    start = text.index(value)
    findings = [f for f in find_identifying(text) if f.category == category]
    return all(
        not text[i].isalnum() or any(f.start <= i < f.end for f in findings)
        for i in range(start, start + len(value))
    )
