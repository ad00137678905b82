"""A summary draft: the text a reviewer wrote and their redaction decisions.

The draft may still contain every identifying detail (that is what the
reviewer is about to redact), and the decisions name the flagged strings,
so both travel together as one small JSON document, Padmé-padded and sealed
with age to the organization recipients, like a case's details
(tipline.cases.details). Nothing here touches the database.

Decisions are keyed by :func:`finding_keys`: category, a short digest of the
flagged text, and which occurrence of that text it is. The key depends only
on the text of the finding, not on its position, so when a reviewer edits
another sentence the decisions already made still apply; a new detail gets
a new key and waits for a decision.

:func:`review` (pure) lays a draft out for the editor: each finding with
its number, key and decision, the highlighted segments, the text as it
would be shared, and any high-confidence detail still in that text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tipline.crypto import Identity, Recipient
from tipline.documents import SealedJsonError, open_json, seal_json
from tipline.export.pii.findings import Finding
from tipline.export.pii.redaction import Segment, apply_redactions, find_identifying, highlight
from tipline.export.pii.unreviewed import Unreviewed, unreviewed

KIND = "summary-draft"
VERSION = 1
TEXT_MAX = 10_000
REDACT, KEEP = "redact", "keep"
DECISIONS = (REDACT, KEEP)
STYLES = ("label", "redacted")

Decision = Literal["redact", "keep"]
Style = Literal["label", "redacted"]

# Controls (but line breaks and tabs), invisible formatting such as bidi
# overrides and zero-width spaces, surrogates, private use, unassigned. They
# are dropped, not refused: a zero-width space inside a name would otherwise
# hide it from the people-list matcher, and nobody sees them anyway.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_KEPT_CONTROLS = frozenset("\n\t")


class SummaryError(Exception):
    """A summary domain error; the message is safe to show to the reviewer."""


class SummaryInputError(SummaryError, ValueError):
    """The text or a choice is not acceptable."""


class SummaryContentError(SummaryError):
    """A sealed draft (or the case it needs) is damaged or cannot be opened."""


@dataclass(frozen=True)
class Draft:
    text: str
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    style: Style = "label"


def clean_text(raw: str) -> tuple[str, bool]:
    """``(text, removed)``: NFC, LF line breaks, invisible characters dropped.

    ``removed`` says whether anything invisible was dropped, so the view can
    tell the reviewer. Raises :class:`SummaryInputError` for an empty or
    too long text.
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in _INVISIBLE
    )
    removed = kept != text
    kept = kept.strip()
    if not kept:
        raise SummaryInputError("Write the summary first: it is empty.")
    if len(kept) > TEXT_MAX:
        raise SummaryInputError(f"A summary can have at most {TEXT_MAX:,} characters.")
    return kept, removed


def check_style(style: str) -> Style:
    if style == "label":
        return "label"
    if style == "redacted":
        return "redacted"
    raise SummaryInputError("Choose how removed details are shown.")


def as_decision(value: object) -> Decision:
    """``"redact"`` or ``"keep"``; anything else is refused."""
    if value == REDACT:
        return "redact"
    if value == KEEP:
        return "keep"
    raise SummaryInputError("Each finding is either redacted or kept.")


def finding_keys(findings: Sequence[Finding]) -> list[str]:
    """One stable form key per finding (see the module docstring)."""
    seen: Counter[tuple[str, str]] = Counter()
    keys = []
    for finding in findings:
        seen[(finding.category, finding.text)] += 1
        digest = hashlib.sha256(f"{finding.category}\n{finding.text}".encode()).hexdigest()[:12]
        keys.append(f"{finding.category}-{digest}-{seen[(finding.category, finding.text)]}")
    return keys


def seal_draft(draft: Draft, recipients: Sequence[Recipient]) -> bytes:
    document = {
        "kind": KIND,
        "version": VERSION,
        "text": draft.text,
        "decisions": dict(sorted(draft.decisions.items())),
        "style": draft.style,
    }
    return seal_json(document, recipients)


def open_draft(sealed: bytes, identities: Sequence[Identity]) -> Draft:
    try:
        document = open_json(sealed, identities, kind=KIND, version=VERSION)
    except SealedJsonError as exc:
        messages = {
            "unreadable": f"This summary draft could not be opened ({exc.detail}).",
            "kind": "This is not a sealed summary draft.",
            "version": f"Unsupported summary draft version {exc.detail}.",
        }
        raise SummaryContentError(messages[exc.problem]) from exc
    text, decisions = document.get("text"), document.get("decisions", {})
    if not isinstance(text, str) or not isinstance(decisions, dict):
        raise SummaryContentError("This summary draft is incomplete.")
    clean = {str(key): as_decision(value) for key, value in decisions.items() if value in DECISIONS}
    style = document.get("style", "label")
    return Draft(text=text, decisions=clean, style="redacted" if style == "redacted" else "label")


@dataclass(frozen=True)
class FindingItem:
    """One finding as the page lists it: number, what, and the decision so far."""

    number: int  # 1-based, matches the number shown in the highlighted text
    finding: Finding
    key: str
    decision: Decision | None


@dataclass(frozen=True)
class SummaryReview:
    """A draft with its findings, decisions, the text as it would be shared,
    and any high-confidence detail left in that text."""

    draft: Draft
    items: tuple[FindingItem, ...]
    segments: tuple[Segment, ...]
    preview: str
    leftovers: tuple[Finding, ...]
    #: Numbers and capitalized words no finding covers ("Check these").
    unreviewed: Unreviewed = field(default_factory=lambda: Unreviewed((), ()))

    @property
    def undecided(self) -> int:
        return sum(1 for item in self.items if item.decision is None)

    @property
    def complete(self) -> bool:
        return self.undecided == 0


def review(draft: Draft, people: Sequence[str]) -> SummaryReview:
    """Findings, decisions and the shareable text for ``draft`` (pure)."""
    findings = find_identifying(draft.text, people=people)
    keys = finding_keys(findings)
    items = tuple(
        FindingItem(i + 1, finding, key, draft.decisions.get(key))
        for i, (finding, key) in enumerate(zip(findings, keys, strict=True))
    )
    redacted = [item.finding for item in items if item.decision == REDACT]
    preview = apply_redactions(draft.text, findings, redacted, draft.style)
    kept = {(item.finding.category, item.finding.text) for item in items if item.decision == KEEP}
    # Only a finished text is checked again: before that, every undecided
    # finding would be reported as "left over".
    complete = all(item.decision is not None for item in items)
    leftovers = tuple(
        f
        for f in (find_identifying(preview, people=people) if complete else [])
        if f.confidence == "high" and (f.category, f.text) not in kept
    )
    return SummaryReview(
        draft,
        items,
        tuple(highlight(draft.text, findings)),
        preview,
        leftovers,
        unreviewed(draft.text, findings),
    )
