"""Find identifying details in a summary, show them, and redact the accepted ones.

This is the pure core that the summary-editing views build on. The flow a
view implements (DESIGN.md, "Exports for organizers"):

1. ``findings = find_identifying(summary, people=case_people)`` - every
   candidate, sorted by position. Deterministic for the same arguments, so
   the view can recompute it on POST instead of trusting posted spans.
2. ``highlight(summary, findings)`` - plain :class:`Segment` records; a
   template renders ``seg.text`` (autoescaped) and wraps segments whose
   ``seg.findings`` is non-empty in ``<mark>`` with a checkbox per finding
   index. Low-confidence findings (``finding.confidence == "low"``: the
   name heuristic) should be shown unticked-but-visible or visually weaker;
   all others ticked by default.
3. ``apply_redactions(summary, findings, accepted)`` with ``accepted`` the set
   of ticked indices (or the :class:`Finding` objects themselves) - the text
   an organizer may see. Labels say what was removed (``[phone]``), or
   ``style="redacted"`` hides even that.
4. Before approval, run ``find_identifying`` on the result again and show any
   high-confidence finding that is left; approving over one should need an
   explicit reviewer confirmation.

``language`` ("en", "es" or None) is validated but both languages' cues are
always used: tips mix them (a Spanish letter quoting an English booking sheet),
and a wrong hint must never hide a detail.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from tipline.export.pii.addresses import addresses
from tipline.export.pii.dates import dates_of_birth
from tipline.export.pii.detectors import NUMBER_DETECTORS, TEXT_DETECTORS
from tipline.export.pii.dob_answers import answered_dates
from tipline.export.pii.findings import CATEGORIES, LABELS, Finding, resolve
from tipline.export.pii.likely_names import likely_names
from tipline.export.pii.lookalikes import overlaps_any, protected_spans, reference_spans
from tipline.export.pii.name_context import context_names
from tipline.export.pii.name_extent import widen_names
from tipline.export.pii.name_positions import position_names
from tipline.export.pii.name_shapes import name_shapes
from tipline.export.pii.names import people_names

__all__ = [
    "CATEGORIES",
    "LABELS",
    "Finding",
    "Segment",
    "apply_redactions",
    "find_identifying",
    "highlight",
    "redact_all",
]

LANGUAGES = (None, "en", "es")
Style = Literal["label", "redacted"]
REDACTED = "[redacted]"


def find_identifying(
    text: str, *, people: Sequence[str] = (), language: str | None = None
) -> list[Finding]:
    """Every likely identifying detail in ``text``, sorted by position.

    ``people`` is the case's list of names (sources, detained people,
    relatives, witnesses); they are matched leniently (:mod:`.names`).
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'en', 'es' or None, got {language!r}")
    if isinstance(people, str):
        raise TypeError("people must be a sequence of names, not a single string")
    protected = protected_spans(text)
    found: list[Finding] = []
    for detector in NUMBER_DETECTORS:
        found += [f for f in detector(text) if not overlaps_any(f.start, f.end, protected)]
    # A number after an identity-document or A-number cue is that document,
    # not a phone ("Mi cédula es 1072073308", "alien number 52531278"): the
    # same span must not be labelled twice.
    ids = [f for f in found if f.category in ("id_number", "a_number")]
    found = [f for f in found if f.category != "phone" or not any(i.contains(f) for i in ids)]
    # An A-number is never part of a plate ("VAN A 123 456 789 TX": "789 TX").
    a_numbers = [f for f in ids if f.category == "a_number"]
    found = [f for f in found if f.category != "plate" or not any(a.overlaps(f) for a in a_numbers)]
    # A case, incident or receipt number names an event, not a person:
    # neither an ID number nor a phone (it stays on the "check these" list).
    references = reference_spans(text)
    found = [
        f
        for f in found
        if f.category not in ("id_number", "phone") or not overlaps_any(f.start, f.end, references)
    ]
    web = [f for detector in TEXT_DETECTORS for f in detector(text)]
    # A name told as a user name on a platform ("rulo.mx en tiktok") is a
    # handle, though it reads like a domain too; an address with a scheme,
    # "www." or a path is a web address wherever it stands ("su face:
    # www.page.biz"), and resolve() keeps it whole over the handle.
    handle_spans = {(f.start, f.end) for f in web if f.category == "handle"}
    found += [
        f
        for f in web
        if f.category != "url" or (f.start, f.end) not in handle_spans or _WEB_SHAPED.search(f.text)
    ]
    found += dates_of_birth(text)
    found += answered_dates(text)
    listed = people_names(text, [p for p in people if p.strip()])
    # A street with no house number in front ("Walnut St 1084", "Los Robles
    # 1336" in an address block) that runs over a listed person is that
    # person and a number: an age in a list ("Jose Garcia 34"), a road
    # ("Maria Lopez Route 9"). Kept, it would hide the listed name and take
    # it out of the redaction if a reviewer rejected the false address. With
    # a number before the name ("Apt 3, 45 Maria Lopez St") it is a street.
    found += [
        a
        for a in addresses(text)
        if not _person_and_number(text, a, listed) and not _age_after_turn(text, a)
    ]
    found += listed
    found += likely_names(text)
    found += name_shapes(text)
    found += context_names(text, [f for f in found if f.category == "name"])
    found += position_names(text)
    # A name partly covered is leaked: each name finding is widened to its
    # particles, suffix, other half of "Last, First" and next line.
    found += widen_names(text, found)
    return resolve(found)


_WEB_SHAPED = re.compile(r"^(?:h[tx]{2}ps?:|www\d?\.)|/", re.IGNORECASE)

# "I'll turn 45 ...", "he turns 30 ...", "cumple 45 ...": the number is an
# age, never a house number.
_TURN = re.compile(
    r"\b(?:turn(?:s|ed|ing)?|cumpl(?:e|ió|io|irá|ira|ir|iría|iria))[^\S\n]+$", re.IGNORECASE
)


def _age_after_turn(text: str, address: Finding) -> bool:
    return text[address.start].isdigit() and bool(
        _TURN.search(text, max(0, address.start - 20), address.start)
    )


def _person_and_number(text: str, address: Finding, listed: list[Finding]) -> bool:
    return any(
        n.overlaps(address) and not any(ch.isdigit() for ch in text[address.start : n.start])
        for n in listed
    )


def _accepted(
    text: str, findings: Sequence[Finding], accepted: Iterable[int] | Iterable[Finding]
) -> list[Finding]:
    chosen: list[Finding] = []
    for item in accepted:
        if isinstance(item, Finding):
            finding = item
        elif isinstance(item, int) and not isinstance(item, bool):
            if not 0 <= item < len(findings):
                raise ValueError(f"no finding number {item}")
            finding = findings[item]
        else:
            raise TypeError(f"accepted items are finding indices or Findings, got {item!r}")
        # A finding computed for another version of the text would redact the
        # wrong characters and leave the detail in place: refuse it.
        if text[finding.start : finding.end] != finding.text:
            raise ValueError(f"finding {finding.key} does not match the text; recompute findings")
        chosen.append(finding)
    return sorted(chosen)


def _merged(findings: list[Finding]) -> list[tuple[int, int, set[str]]]:
    """Overlapping or touching findings become one span; categories collected."""
    spans: list[tuple[int, int, set[str]]] = []
    for f in findings:
        if spans and f.start <= spans[-1][1]:
            start, end, categories = spans[-1]
            spans[-1] = (start, max(end, f.end), categories | {f.category})
        else:
            spans.append((f.start, f.end, {f.category}))
    return spans


def apply_redactions(
    text: str,
    findings: Sequence[Finding],
    accepted: Iterable[int] | Iterable[Finding],
    style: Style = "label",
) -> str:
    """``text`` with the accepted findings replaced.

    ``style="label"`` writes the category label (``[phone]``, ``[name]``...);
    a merged span of several categories becomes ``[redacted]``, as does every
    span with ``style="redacted"``.
    """
    if style not in ("label", "redacted"):
        raise ValueError(f"style must be 'label' or 'redacted', got {style!r}")
    parts: list[str] = []
    position = 0
    for start, end, categories in _merged(_accepted(text, findings, accepted)):
        parts.append(text[position:start])
        if style == "label" and len(categories) == 1:
            parts.append(LABELS[next(iter(categories))])
        else:
            parts.append(REDACTED)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def redact_all(
    text: str, *, people: Sequence[str] = (), style: Style = "label", include_low: bool = True
) -> str:
    """Redact everything :func:`find_identifying` finds (no reviewer step)."""
    findings = find_identifying(text, people=people)
    chosen = [i for i, f in enumerate(findings) if include_low or f.confidence == "high"]
    return apply_redactions(text, findings, chosen, style)


@dataclass(frozen=True)
class Segment:
    """A stretch of text covered by the same findings (indices into the list
    given to :func:`highlight`); ``findings == ()`` for plain text."""

    text: str
    start: int
    end: int
    findings: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    low_confidence: bool = False

    @property
    def marked(self) -> bool:
        return bool(self.findings)


def highlight(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """Split ``text`` at every finding boundary; concatenating the segments'
    text gives ``text`` back. Overlapping findings share segments."""
    cuts = {0, len(text)}
    for f in findings:
        cuts.update((f.start, f.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    segments: list[Segment] = []
    for start, end in itertools.pairwise(bounds):
        covering = tuple(i for i, f in enumerate(findings) if f.start <= start and end <= f.end)
        categories = tuple(dict.fromkeys(findings[i].category for i in covering))
        low = bool(covering) and all(findings[i].confidence == "low" for i in covering)
        segments.append(Segment(text[start:end], start, end, covering, categories, low))
    return segments
