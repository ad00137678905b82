"""A form's platform label with a bracketed hint: "Instagram (usuario):
lupita.ruiz", "IG (handle, no @): mariag_88", "TikTok (optional): jrivera".

The hint tells the person what to write; the user name is the value after
the colon. :mod:`.handles` reads the first word after a platform, which here
is the hint's ("optional", "user"): :func:`form_handles` drops findings inside
such a hint and takes the value instead. A hint with a user name in it
("Signal (sofi_22)") is left to :mod:`.handles`.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.handles import MARKED, NOT_HANDLES, PLATFORMS, USER_NAME, handles
from tipline.export.pii.namewords import all_stop_words

_LABEL = re.compile(
    rf"\b(?:{PLATFORMS})\b"
    r"(?:[^\S\n]+(?:handle|user(?:\s?name)?|usuario|account|cuenta|perfil|id))?"
    r"[^\S\n]*\((?P<hint>[^()\n]{1,40})\)[^\S\n]*[:=\u2013\u2014-]+[^\S\n]*\n?[^\S\n]*"
    rf"[\"'\u201c\u2018]?(?P<value>{USER_NAME})?",
    re.IGNORECASE,
)
# A hint with a user name in it is no hint: "(@lupe_r)", "(sofi_22)".
_NAMED_IN_HINT = re.compile(r"@\w|\d|_|\w\.\w")


def _value(match: re.Match[str]) -> Finding | None:
    token = (match.group("value") or "").rstrip(".-")
    word = token.lower().lstrip("@")
    if not word or word in NOT_HANDLES or word in all_stop_words():
        return None
    marked = bool(MARKED.search(token)) and any(ch.isalpha() for ch in token)
    # A plain value on a form line is a user name when it is one lower-case
    # word; "Ana Ruiz" is a person's name, which the name detectors read.
    after = match.string[match.start("value") + len(token) : match.start("value") + len(token) + 2]
    plain = token.islower() and len(word) >= 3 and not re.match(r" [A-Za-z]", after)
    if marked or plain:
        return make(match.string, match.start("value"), match.start("value") + len(token), "handle")
    return None


def form_handles(text: str) -> list[Finding]:
    """:func:`.handles.handles`, with a form's bracketed hint skipped."""
    found = handles(text)
    hints: list[tuple[int, int]] = []
    extra: list[Finding | None] = []
    for match in _LABEL.finditer(text):
        if _NAMED_IN_HINT.search(match.group("hint")):
            continue
        hints.append(match.span("hint"))
        if match.group("value"):
            extra.append(_value(match))
    kept = [f for f in found if not any(s <= f.start and f.end <= e for s, e in hints)]
    return sorted({*kept, *(f for f in extra if f)})
