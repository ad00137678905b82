"""Names found by where they stand, whatever their origin (low confidence).

The name lists know some countries' names and not others'; the places where
a tip names a person are the same for every name. Here a *name word* is a
word on the name lists or a rare word (:func:`.common_words.rare_word`: no
everyday English or Spanish word), never a stop word; a name is one to four
such words, with particles ("van der", "dos", "bin") and initials between.
The places:

- **a chat or call-log speaker** after a time stamp: "[10:42] Changaz: ...",
  "Kaombwe (9:02 PM): ...";
- **a form's value** after a person's label: "Name: adeolu adeleke",
  "Caller: ngamia mohamed", "Nombre: Liam van der Pol", "From: ...";
- **a roster row** "LAST, First" (any case) starting a line and followed by
  the row's next column (two spaces, a tab, a dash, a number) or its end;
- **capitals inside a sentence** of mixed case ("Inmate FOLASHADE SOBOWALE
  was ...", "El interno MAHAZ AARIF lleva ..."): two to four name words in
  capitals, not in a heading, which is all capitals;
- **a name broken across a line** in the middle of a sentence ("I was with
  Nasiru\\nYahaya when they came"): a capitalized name word ending a line
  after a lower-case word, and one starting the next before a lower-case
  word.

Everyday words in capitals ("NO VISITS", "GRIEVANCE FORM"), acronyms
("ICE", "GEO") and labels are no name words, so headings, table heads and
notices stay readable.
"""

from __future__ import annotations

import re

from tipline.export.pii.common_words import ordinary, rare_word
from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import is_first_name, is_name
from tipline.export.pii.name_tokens import UPPER
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import PARTICLES, TITLES, all_stop_words

_NAME_TOKEN = r"[^\W\d_][\w'’-]*"  # noqa: S105 - a pattern, not a password
_PARTICLE_WORDS = PARTICLES | {"der", "den", "ter", "ten", "'t", "’t", "van't", "al", "el"}
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[^\S\n]?(?i:[ap]\.?m\.?))?"
_SPEAKER_AFTER_TIME = re.compile(
    rf"(?m)^[^\S\n]*[\[(]?(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?,?[^\S\n]+)?{_TIME}[\])]?"
    rf"[^\S\n]*(?:[-–—][^\S\n]*)?({_NAME_TOKEN}(?:[^\S\n]+{_NAME_TOKEN}){{0,2}}):"
)
_SPEAKER_BEFORE_TIME = re.compile(
    rf"(?m)^[^\S\n]*({_NAME_TOKEN}(?:[^\S\n]+{_NAME_TOKEN}){{0,2}})[^\S\n]*[\[(]{_TIME}[\])]:"
)
_LABEL = re.compile(
    r"(?im)^[^\S\n]*(?:name|full\s+name|nombre(?:\s+completo)?|caller|llamante|from|de|sender"
    r"|remitente|requested\s+by|submitted\s+by|solicitado\s+por|inmate|detainee|interno"
    r"|interna|detenid[oa]|client|cliente|witness|testigo|contact|contacto|signed|firma"
    r"|person|persona)[^\S\n]*:[^\S\n]*([^\n]{2,80})"
)
# One space inside a name: two or a tab end the row's column.
_ROW = re.compile(
    rf"(?m)^[^\S\n]*({_NAME_TOKEN}(?:[^\S\n]{_NAME_TOKEN}){{0,3}}),[^\S\n]?"
    rf"({_NAME_TOKEN}(?:[^\S\n]{_NAME_TOKEN})?)(?=[^\S\n]*$|[^\S\n]{{2,}}|\t|[^\S\n]+[-–—|]"
    r"|[^\S\n]+\d)"
)
_CAPS_WORD = rf"{UPPER}(?:{UPPER}|['’-])+"
_CAPS_RUN = re.compile(rf"(?<![\w'’-]){_CAPS_WORD}(?:[^\S\n]+{_CAPS_WORD}){{1,5}}(?![\w'’-])")
_BROKEN = re.compile(
    rf"(?<=[a-záéíóúñ,][^\S\n])({UPPER}[\w'’-]+)[^\S\n]*\n[^\S\n]*"
    rf"((?:(?:{_NAME_TOKEN})[^\S\n]+){{0,2}}?{UPPER}[\w'’-]+)(?=[^\S\n]+[a-záéíóúñ])"
)

# "hoang huu duc said", "goma kipkemei contó": lower case before a person's verb.
_LOWER_SUBJECT = re.compile(
    r"(?<![\w'’@./-])([^\W\d_A-Z][\w'’-]*(?:[^\S\n][^\W\d_A-Z][\w'’-]*){1,2})[^\S\n]+"
    r"(?=(?:said|says|told|asked|was|were|has|had|cont[óo]|dijo|dice|fue|est[áa]|estaba"
    rf"|tiene|lleva)\b|(?:and|y)[^\S\n]+{UPPER})"
)


def _title_particles() -> re.Pattern[str]:
    # "Mr. de Marduras-Fortuyn", "el Sr. dos Machado": a title, particles, a surname.
    titles = "|".join(sorted(TITLES, key=len, reverse=True))
    particles = "|".join(sorted(_PARTICLE_WORDS, key=len, reverse=True))
    return re.compile(rf"\b(?i:{titles})\.?[^\S\n]+((?:(?i:{particles})[^\S\n]+)+{UPPER}[\w'’-]+)")


_TITLE_PARTICLES = _title_particles()
# After these a lone "de" starts a surname ("Sr. de Pauw"); after "abogada"
# it is a preposition ("abogada de Itzel").
_DE_TITLE = re.compile(r"\b(?i:mr|mrs|ms|miss|dr|sr|sra|srta|don|doña|dona|lic)\.?[^\S\n]+$")


def _everyday(word: str) -> bool:
    """An everyday word that is no first name ("see", not "Kevin")."""
    return ordinary(word) and not is_first_name(fold_word(word))


def name_word(word: str) -> bool:
    """On the name lists or rare, and no stop word."""
    folded = fold_word(word)
    if folded in all_stop_words() or (word.isupper() and len(word) <= 3 and not is_name(folded)):
        return False
    if is_name(folded) or rare_word(word):
        return True
    # "Meijer-Wilson": each part a name word.
    parts = [p for p in word.split("-") if len(p) >= 3]
    return len(parts) > 1 and all(map(name_word, parts))


def _particle(word: str) -> bool:
    return fold_word(word) in _PARTICLE_WORDS or bool(re.fullmatch(r"[A-Z]\.?", word))


def name_words(value: str, *, need: int = 1) -> int:
    """Length of the name at the start of ``value`` (0 if none): name words,
    with particles and initials between them, at least ``need`` name words."""
    end = count = 0
    pending = 0
    for m in re.finditer(r"[^\s,]+", value):
        word = m.group().rstrip(".")
        if value[end : m.start()].strip(" \t") and count:
            break  # a comma or a line break ends it
        if count and _particle(m.group()):
            pending = m.end()
            continue
        if not re.fullmatch(_NAME_TOKEN, word) or not name_word(word):
            if _particle(m.group()) and not count:
                continue  # "van der Pol", "bin Umaarah" start with particles
            break
        end, count, pending = m.end(), count + 1, 0
    del pending
    return end if count >= need else 0


def _find(text: str, start: int, value: str, need: int = 1) -> Finding | None:
    lead = len(value) - len(value.lstrip())
    value = value.strip()
    # Particles before the first name word belong to the name.
    size = name_words(value, need=need)
    if not size:
        return None
    return Finding(start + lead, start + lead + size, "name", value[:size], "low")


def _speakers(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for pattern in (_SPEAKER_AFTER_TIME, _SPEAKER_BEFORE_TIME):
        for m in pattern.finditer(text):
            value = m.group(1)
            # A role is often written in lower case ("usuaria:", "agent:"); a
            # display name is capitalized.
            if value[0].isupper() and name_words(value) == len(value):
                found.append(Finding(m.start(1), m.end(1), "name", value, "low"))
    return found


def _labelled(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for m in _LABEL.finditer(text):
        value = m.group(1)
        first = _find(text, m.start(1), value)
        # "Inmate: see attached": everyday words that are also surnames.
        # The whole value in everyday words is a sentence, not a name.
        words = re.findall(r"[^\W\d_]+", value)
        if all(map(ordinary, words)) and any(map(_everyday, words)):
            continue
        found.append(first)
        # "Name: Nwachukwu, Emeka": the given name after the surname.
        if first and value.strip()[len(first.text) :].startswith(","):
            rest = value.strip()[len(first.text) + 1 :]
            offset = m.start(1) + (len(value) - len(value.lstrip())) + len(first.text) + 1
            found.append(_find(text, offset, rest))
    return found


def _rows(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for m in _ROW.finditer(text):
        surnames, given = m.group(1), m.group(2)
        # "IWU, KELECHI": short capitals are no acronym in a roster row.
        short = all(len(w) <= 3 and rare_word(w) for w in surnames.split())
        # "Tacoma, WA": a given name has three letters or is a first name.
        given_ok = all(len(w) >= 3 or is_first_name(fold_word(w)) for w in given.split())
        whole = name_words(surnames) == len(surnames) and name_words(given) == len(given)
        if given_ok and (short or whole) and name_words(given) == len(given):
            start, end = m.start(1), m.end(2)
            found.append(Finding(start, end, "name", text[start:end], "low"))
    return found


def _capitals(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for m in _CAPS_RUN.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if not any(c.islower() for c in line):
            continue  # a heading or a notice
        words = list(re.finditer(r"\S+", m.group()))
        i = 0
        while i < len(words):
            j = i
            while j < len(words) and (
                name_word(words[j].group()) or (j > i and _particle(words[j].group()))
            ):
                j += 1
            while j > i + 1 and _particle(words[j - 1].group()):
                j -= 1
            # Everyday words in capitals ("HUNGER STRIKE") are no name, even
            # when each is also a surname somewhere.
            if j - i >= 2 and not all(ordinary(w.group()) for w in words[i:j]):
                s, e = m.start() + words[i].start(), m.start() + words[j - 1].end()
                found.append(Finding(s, e, "name", text[s:e], "low"))
            i = max(j, i + 1)
    return found


def _broken(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for m in _BROKEN.finditer(text):
        first, rest = m.group(1), m.group(2)
        words = rest.split()
        if (
            name_word(first)
            and name_word(words[-1])
            and all(_particle(w) or name_word(w) for w in words)
        ):
            start, end = m.start(1), m.end(2)
            found.append(Finding(start, end, "name", text[start:end], "low"))
    return found


def _lower_subjects(text: str) -> list[Finding | None]:
    found: list[Finding | None] = []
    for m in _LOWER_SUBJECT.finditer(text):
        words = m.group(1).split()
        # Everyday words ("the guard said") are no name; each is a name word
        # and one at least is rare.
        if (
            all(name_word(w) or _particle(w) for w in words)
            and any(map(rare_word, words))
            and name_word(words[0])
            and name_word(words[-1])
        ):
            found.append(Finding(m.start(1), m.end(1), "name", m.group(1), "low"))
    return found


def _titled_particles(text: str) -> list[Finding | None]:
    return [
        Finding(m.start(1), m.end(1), "name", m.group(1), "low")
        for m in _TITLE_PARTICLES.finditer(text)
        if name_word(m.group(1).split()[-1])
        and not (
            m.group(1).split()[0].casefold() in ("de", "del")
            and not _DE_TITLE.search(text, 0, m.start(1))
        )
    ]


def position_names(text: str) -> list[Finding]:
    """Low-confidence names found by their place in the text."""
    found = _speakers(text) + _labelled(text) + _rows(text) + _capitals(text) + _broken(text)
    found += _lower_subjects(text) + _titled_particles(text)
    return [f for f in found if f]
