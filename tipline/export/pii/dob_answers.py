"""Dates of birth given as the answer to a question or prompt in the sentence
before: "What is your date of birth? It's March 3, 1990.", "¿Su fecha de
nacimiento? Es el 3 de marzo de 1990.", "They asked for his DOB. He said
04/12/1988."

:mod:`.dates` stops a birth cue's reach at the end of its sentence, so that
"He was born in Honduras. On 3/4/2020 ICE came" does not date the arrest.
An answer is different: the cue's sentence asks (a question mark, or a
prompt verb such as "asked", "wanted", "pregunté", "dígame") and the next
sentence *starts* with the date, or with the few words an answer starts
with ("It's", "Es el", "He said", "Le dije que"). Anything else in front of
the date ("Then on 3/4/2020 ...") keeps it readable.
"""

from __future__ import annotations

import re

from tipline.export.pii.dates import BIRTH_CUES, DATE_SHAPE
from tipline.export.pii.findings import Finding, make

# How far the cue's sentence may run on after the cue ("date of birth for
# the form?"), and how far back its prompt verb may stand.
_REST = 40
_BACK = 80
# Questions put to someone: "¿Cuándo naciste?", "¿cuándo nacieron?".
_ASKED_CUES = re.compile(r"\bnac(?:iste|ieron|isteis)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[?!]|\.(?=\s)|\n\n")
_PROMPT = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|want(?:s|ed)?\s+to\s+know|wanted|need(?:s|ed)?|request(?:s|ed)?"
    r"|provide|give|state|enter|confirm|verify|tell\s+(?:me|us|them|him|her)|what(?:'s)?|which"
    r"|pregunt\w*|pidi\w*|ped[íi]\w*|quer[íi]\w*|quiso|necesit\w*|d[íi]game|d[ée]me|dame"
    r"|indique|proporcione|confirme|cu[áa]l|qu[ée])\b",
    re.IGNORECASE,
)
_LAST_SENTENCE = re.compile(r"(?:[.!?]\s+|\n)(?=[^.!?\n]*$)")
# What may stand between the prompt and its answer: a line break, a chat
# time stamp and speaker ("[10:13] usuaria:", "Me:", "A:"), and the words an
# answer starts with.
_ANSWER_LEAD = re.compile(
    r"\s{0,4}(?:\[[^\]\n]{1,12}\][^\S\n]*)?(?:[^\W\d][\w .-]{0,20}:[^\S\n]*|[AR]\.[^\S\n]+)?"
    r"(?:(?:it'?s|it\s+is|it\s+was|that'?s|mine\s+is|his\s+is|hers\s+is|on|the"
    r"|i\s+think|i\s+believe|creo\s+que|pienso\s+que"
    r"|(?:he|she|they|i)\s+(?:said|says|told\s+(?:me|us|him|her|them)|answered|replied|gave\s+it)"
    r"|yes|yeah|s[íi]|es|era|fue|el|del|la\s+m[íi]a\s+es|la\s+suya\s+es|nac[íi]\s+el|naci[óo]\s+el"
    r"|(?:le|les|me|nos)\s+dij(?:e|o|eron)(?:\s+que)?|dij(?:e|o)(?:\s+que)?|respond[íi]ó?|contest[óo])"
    r"[,:]?\s+){0,3}",
    re.IGNORECASE,
)


def answered_dates(text: str) -> list[Finding]:
    """Dates that answer a birth question or prompt in the sentence before."""
    found: list[Finding | None] = []
    cues = [*BIRTH_CUES.finditer(text), *_ASKED_CUES.finditer(text)]
    for cue in cues:
        end = _SENTENCE_END.search(text, cue.end(), min(len(text), cue.end() + _REST))
        # A date in the cue's own sentence is :mod:`.dates`' to take.
        if not end or DATE_SHAPE.search(text, cue.end(), end.start()):
            continue
        before = text[max(0, cue.start() - _BACK) : cue.start()]
        own = before[m.end() :] if (m := _LAST_SENTENCE.search(before)) else before
        asks = end.group() == "?" or "¿" in own or bool(_PROMPT.search(own))
        if not asks:
            continue
        lead = _ANSWER_LEAD.match(text, end.end())
        start = lead.end() if lead else end.end()
        if date := DATE_SHAPE.match(text, start):
            found.append(make(text, *date.span(), "dob"))
    return sorted({f for f in found if f})
