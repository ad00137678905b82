"""The whole of each name found: particles, suffixes, "LAST, First", line breaks.

A name that is partly covered is leaked: "Muhammed [name] van der [name]"
still tells a reader who it is. The detectors find words; this module
widens each name finding to the name around it:

- **particles between or before**: two name findings with only particles
  between them are one name ("Muhammed van der Cornelissen"); particles just
  before a name at a line's start or after a title, a colon or a comma
  belong to it ("Mr. van de Veen", "bin Umaarah, Naim");
- **a generational suffix**: "Jr.", "Sr.", "II", "III", "IV";
- **the other half of "Last, First"**: a name word after a found name and a
  comma ("Inmate Jameel, Aamir was ..."), or one starting the line before a
  found name and a comma ("Hoang, Phu - denied"), when a boundary closes the
  pair (not a longer list of plain words);
- **a name broken by a line**: a found name that ends a line, and the
  capitalized name words that start the next line before the sentence goes
  on in lower case ("Abayomi\\nAderibigbe when ...").

Name words and particles are :mod:`.name_positions`'s. Everything added is
low confidence; the finding it widens stays as it was.
"""

from __future__ import annotations

import re

from tipline.export.pii.common_words import rare_word
from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import is_first_name, is_name
from tipline.export.pii.name_positions import name_word
from tipline.export.pii.name_tokens import UPPER
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import (
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    KIN,
    PLACES,
    TITLES,
    all_stop_words,
)

_PARTICLES = (
    r"(?i:van|von|der|den|de|del|la|las|los|da|das|do|dos|di|du|le|ter|ten|bin|ibn|bint|'t|’t)"
)
_BETWEEN = re.compile(rf"[^\S\n]+(?:{_PARTICLES}[^\S\n]+)+")
_BEFORE = re.compile(rf"(?:^|(?<=[\n:,(]))([^\S\n]*)((?:{_PARTICLES}[^\S\n]+)+)$")
# "Liam van der Lede": a given name, particles, then the surname found.
_NAME_BEFORE_PARTICLES = re.compile(
    rf"(?<![\w'’-])({UPPER}[\w'’-]+)[^\S\n]+(?:{_PARTICLES}[^\S\n]+)+$"
)
_WORD_BEFORE = re.compile(rf"(?<![\w'’.-])({UPPER}[\w'’-]+)[^\S\n]$")
_TITLED = re.compile(rf"\b([^\W\d_]+)\.?[^\S\n]+((?:{_PARTICLES}[^\S\n]+)+)$")
# "Pippa van der Adriaansen", "Ana Beatriz dos Dias": particles, then a surname.
_PARTICLE_SURNAME = re.compile(rf"[^\S\n]+(?:{_PARTICLES}[^\S\n]+)+({UPPER}[\w'’-]+)(?![\w'’-])")
_SUFFIX = re.compile(r",?[^\S\n]+(?:Jr\.?|Sr\.|II|III|IV)(?![\w'’-])")
# Not in a list of surnames: "Okafor, Mensah and Diallo", "Lopez, Vega, Ruiz".
_GIVEN_AFTER = re.compile(
    rf",[^\S\n]?({UPPER}[\w'’-]+)(?![\w'’-])(?![^\S\n]*,[^\S\n]*{UPPER}[a-z])"
    rf"(?![^\S\n]+(?:and|y|&)[^\S\n]+{UPPER}[\w'’-])"
)
_LIST_GOES_ON = re.compile(rf"[^\S\n]*,?[^\S\n]+(?:and|y|&)[^\S\n]+{UPPER}[\w'’-]")
_SURNAME_BEFORE = re.compile(
    rf"(?:^|(?<=[\n:]))[^\S\n]*((?:{_PARTICLES}[^\S\n]+)*{UPPER}[\w'’-]+(?:[^\S\n]+{UPPER}[\w'’-]+)?),[^\S\n]?$"
)
_NEXT_LINE = re.compile(
    rf"[^\S\n]*\n[^\S\n]*((?:{_PARTICLES}[^\S\n]+)*{UPPER}[\w'’-]+(?:[^\S\n]+{UPPER}[\w'’-]+)?)"
    r"(?=[^\S\n]+[a-záéíóúñ])"
)


def _all_name_words(value: str) -> bool:
    words = [w for w in re.split(r"[\s,]+", value) if w]
    plain = [w for w in words if not re.fullmatch(_PARTICLES, w)]
    return bool(plain) and all(name_word(w) for w in plain)


#: Titles that take a surname with "de" ("Sr. de la Fuente"); after others
#: "de" is a preposition ("Abogada de Itzel").
_DE_TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr", "sr", "sra", "srta", "don", "dona", "lic"])


def _titled(title: str, particles: str) -> bool:
    title = fold_word(title)
    lone_de = fold_word(particles) in ("de", "del")
    return title in TITLES and (not lone_de or title in _DE_TITLES)


def _after_particles(m: re.Match[str]) -> bool:
    word = fold_word(m.group(1))
    if len(m.group().split()) > 2:
        return word not in INSTITUTION_WORDS | PLACES
    return word not in all_stop_words()


def _given(word: str) -> bool:
    folded = fold_word(word)
    return folded not in all_stop_words() and (
        is_first_name(folded) or (rare_word(word) and not is_name(folded))
    )


def _joins(word: str, name: str) -> bool:
    """A word right before a name found is its first part: a given name before
    a middle initial ("Virginia L. Riojas", even when it is a place), or a
    name word in capitals before capitals ("MARÍA CRISTINA SALAS ...")."""
    folded = fold_word(word)
    if folded in FUNCTION_WORDS | TITLES | KIN:
        return False
    if re.match(rf"{UPPER}\.", name):
        return True
    return word.isupper() and name.split()[0].isupper() and name_word(word)


def _widen(text: str, f: Finding, names: list[Finding]) -> Finding:
    start, end = f.start, f.end
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start] if start - line_start <= 60 else ""
    m = _BEFORE.search(before) or (
        (t := _TITLED.search(before)) and _titled(t.group(1), t.group(2)) and t
    )
    if m:
        start -= len(m.group(2))
    elif ((m := _NAME_BEFORE_PARTICLES.search(before)) and name_word(m.group(1))) or (
        (m := _WORD_BEFORE.search(before)) and _joins(m.group(1), text[start:end])
    ):
        start = line_start + m.start(1)
    # After particles a surname: "van der Adriaansen"; after two, any word
    # but a place's ("de la Fuente", "de los Santos").
    if (m := _PARTICLE_SURNAME.match(text, end)) and _after_particles(m):
        end = m.end(1)
    if (m := _SUFFIX.match(text, end)) and not text[m.end() : m.end() + 1].isalpha():
        end = m.end()
    # Only after a lone surname: "Walter Trace, Burnettchester" is a street and a town.
    single = " " not in text[start:end].strip()
    # ... and a given name, not another surname ("Officers Lopez, Vega and Ruiz").
    if single and (m := _GIVEN_AFTER.match(text, end)) and _given(m.group(1)):
        end = m.end(1)
    window = max(0, start - 60)
    in_list = _LIST_GOES_ON.match(text, end)
    if (
        not in_list
        and (m := _SURNAME_BEFORE.search(text[window:start]))
        and _all_name_words(m.group(1))
    ):
        start = window + m.start(1)
    nl = _NEXT_LINE.match(text, end)
    if (
        nl
        and text[end : nl.start(1)].count("\n") == 1
        and _all_name_words(nl.group(1))
        and re.search(r"[a-z]", text[line_start:start])  # a sentence broken, not a list
    ):
        end = nl.end(1)
    for other in names:
        if other.start > end and _BETWEEN.fullmatch(text[end : other.start]):
            end = max(end, other.end)
    return (
        f
        if (start, end) == (f.start, f.end)
        else Finding(start, end, "name", text[start:end], "low")
    )


def widen_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Wider low-confidence names around the name findings (see above)."""
    names = [f for f in findings if f.category == "name"]
    wider = [_widen(text, f, names) for f in names]
    return [w for w, f in zip(wider, names, strict=True) if w is not f]
