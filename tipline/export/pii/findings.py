"""The :class:`Finding` type shared by every detector, and overlap clean-up.

A finding is a half-open character span ``text[start:end]`` that looks like an
identifying detail, with a category (see :data:`CATEGORIES`) and a confidence:
``"high"`` for structured matches and names from the case's people list,
``"low"`` for the personal-name heuristic, which a reviewer should look at
rather than trust.

Findings are plain, frozen and ordered, so they are deterministic for a given
text: a review form can post back indices or :attr:`Finding.key` values and the
view can recompute the same list from the same stored text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Confidence = Literal["high", "low"]

#: Category -> label used by ``apply_redactions(style="label")``.
LABELS: dict[str, str] = {
    "email": "[email]",
    "phone": "[phone]",
    "ssn": "[ssn]",
    "a_number": "[a-number]",
    "id_number": "[id-number]",
    "dob": "[dob]",
    "address": "[address]",
    "plate": "[plate]",
    "url": "[url]",
    "handle": "[handle]",
    "name": "[name]",
}
CATEGORIES: tuple[str, ...] = tuple(LABELS)

# When two findings cover exactly the same span, the more specific kind wins.
_PRIORITY = {category: rank for rank, category in enumerate(CATEGORIES)}
_CONFIDENCE_RANK = {"low": 0, "high": 1}


@dataclass(frozen=True, order=True)
class Finding:
    """One identifying detail: ``text`` is ``source[start:end]``."""

    start: int
    end: int
    category: str
    text: str
    confidence: Confidence = "high"

    def __post_init__(self) -> None:
        if self.category not in LABELS:
            raise ValueError(f"unknown finding category {self.category!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    @property
    def key(self) -> str:
        """A stable form value, e.g. ``"12:24:phone"``."""
        return f"{self.start}:{self.end}:{self.category}"

    @property
    def label(self) -> str:
        return LABELS[self.category]

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Finding) -> bool:
        return self.start <= other.start and other.end <= self.end


def make(
    text: str, start: int, end: int, category: str, confidence: Confidence = "high"
) -> Finding | None:
    """A finding for ``text[start:end]`` with surrounding spaces and
    punctuation trimmed; ``None`` if nothing is left."""
    while start < end and not (text[start].isalnum() or text[start] in "@+(#"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ")"):
        end -= 1
    if start >= end:
        return None
    return Finding(start, end, category, text[start:end], confidence)


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Drop duplicates and findings that add nothing, sorted by position.

    A finding is dropped when another one covers all of it with at least the
    same confidence (a phone number inside a URL, a heuristic name inside a
    people-list name). Partial overlaps are kept: ``apply_redactions`` merges
    them, and dropping either would leave part of a detail in the clear. A
    low-confidence finding never hides a high-confidence one inside it, because
    a reviewer may reject the outer one.
    """
    unique = sorted(
        set(findings),
        key=lambda f: (-(f.end - f.start), -_CONFIDENCE_RANK[f.confidence], _PRIORITY[f.category]),
    )
    kept: list[Finding] = []
    for finding in unique:
        if any(
            k.contains(finding)
            and _CONFIDENCE_RANK[k.confidence] >= _CONFIDENCE_RANK[finding.confidence]
            for k in kept
        ):
            continue
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, _PRIORITY[f.category]))
