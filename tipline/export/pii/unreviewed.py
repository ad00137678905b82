"""Words and numbers no finding covers: what a reviewer should still look at.

The detectors miss things (docs/exports.md gives the measured rates), so the
summary editor also lists, quietly, every number and every capitalized word
that no finding covers, redacted or kept: "Check these". A number left in a
summary is the likeliest leak (a booking number without its cue, a plate
with none, a house number), so approving a text that still shows one takes
one more confirmation (:func:`tipline.export.summaries.approve`).

Left out of the list: case numbers, statutes, forms, times and money that
:mod:`.lookalikes` recognises, sentence-initial words (capitalized anyway), the words
the name heuristic never takes (function words, months, agencies, places:
:func:`~tipline.export.pii.namewords.all_stop_words`), and the labels a
redaction leaves (``[phone]``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tipline.export.pii.findings import LABELS, Finding
from tipline.export.pii.lookalikes import overlaps_any, protected_spans
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import all_stop_words

_TOKEN = re.compile(r"[^\W_][\w'’./:-]*[^\W_]|[^\W_]")
_SENTENCE_GAP = re.compile(r"(?:^|[.!?¿¡:;\n•]|[.!?]\s*[\"”)])\s*[\"“(]?$")
_LABEL_WORDS = frozenset(label.strip("[]") for label in LABELS.values()) | {"redacted"}


@dataclass(frozen=True)
class Unreviewed:
    """Tokens no finding covers, each listed once in order of appearance."""

    numbers: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.numbers or self.words)


def _covered(start: int, end: int, findings: Sequence[Finding]) -> bool:
    return any(f.start <= start and end <= f.end for f in findings)


def unreviewed(text: str, findings: Sequence[Finding]) -> Unreviewed:
    """Numbers and capitalized words in ``text`` outside every finding."""
    numbers: dict[str, None] = {}
    words: dict[str, None] = {}
    stops = all_stop_words()
    protected = protected_spans(text)
    for match in _TOKEN.finditer(text):
        token = match.group().rstrip(".:")
        start, end = match.start(), match.start() + len(token)
        if not token or _covered(start, end, findings) or overlaps_any(start, end, protected):
            continue
        if text[max(0, start - 1) : start] == "[" and token in _LABEL_WORDS:
            continue
        if any(ch.isdigit() for ch in token):
            numbers[token] = None
        elif token[0].isupper() and len(token) > 1:
            if _SENTENCE_GAP.search(text[max(0, start - 4) : start]):
                continue
            if fold_word(token.split("’")[0].split("'")[0]) in stops:
                continue
            words[token] = None
    return Unreviewed(tuple(numbers), tuple(words))
