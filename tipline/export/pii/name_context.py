"""Names the text itself points at, which the word-shape heuristics miss.

:mod:`.likely_names` and :mod:`.name_shapes` judge a run of words by its
capitalization and the name lists; a tip also says *who* in its sentences:

- **Repeated mentions.** Once "Paulina Miranda Maturana" or "Officer Rivas"
  is a name, a later "Miranda was released" or "Rivas drives a Chevy" is the
  same person, even at the start of a sentence or in another case.
- **Joined names.** "Agents named Boyle and O'Connor", "Interviewed Meghan
  and Jones": a name-list word joined by "and"/"y" to a name is a name.
- **Naming phrases before lower case.** Chats and transcripts drop the
  capitals: "my name is darsh vala", "soy custodia cózar", "his gf rose
  mutuma". After such a phrase, one to three words that are no stop words
  are the name, when one of them is on the name lists.
- **Lists after a label.** "Residents: fatuma korir, KIRSTY SIMPSON",
  "Testigos: ...": each comma-separated item of one to three non-stop words.
- **Sign-offs.** A letter's last line or sentence that is one or two
  capitalized words ("please write me. Leena", "God bless\\n-- Andrew").

All are ``confidence="low"``: the reviewer decides, as for the heuristic.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from tipline.export.pii.common_words import ordinary, rare_word
from tipline.export.pii.findings import Finding
from tipline.export.pii.name_cues import joined_before
from tipline.export.pii.name_lexicon import is_first_name, is_name, is_plain_first_name
from tipline.export.pii.name_tokens import UPPER
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import (
    KIN,
    MONTHS_AND_DAYS,
    PARTICLES,
    SPANISH_CALENDAR,
    TITLES,
    all_stop_words,
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_REST = r"[\w'’-]*"
_NAME_WORD = rf"[^\W\d_]{_REST}"
_CAPITAL = rf"{UPPER}{_REST}"
_NAMING = re.compile(
    r"\b(?:my\s+name\s+is|name\s+is|this\s+is|it['’]s|it\s+is|me\s+llamo|mi\s+nombre\s+es"
    r"|se\s+llama|soy|habla|calling\s+(?:for|about)|llamo\s+por|gf|bf|girlfriend|boyfriend"
    r"|novia|novio|wife|husband|esposa|esposo|sister|brother|hermana|hermano|son|daughter"
    r"|hijo|hija|cousin|primo|prima|nephew|niece|sobrino|sobrina|cellmate|celly|friend"
    r"|amig[oa]|neighbou?r|vecin[oa]|compañer[oa]\s+de\s+celda"
    r"|a\s+nombre\s+de|in\s+the\s+name\s+of"
    # Whom someone reached: "spoke to okafor", "talked with nguyen van thanh".
    r"|spoke\s+(?:to|with|w/)|talked\s+(?:to|with)|habl[ée]\s+con|call|ll[áa]mal[ea]\s+a"
    # A person's role: "inmate kelechi iwu", "la detenida julius oversteeg".
    r"|inmate|detainee|intern[oa]|detenid[oa]|client|cliente|ask\s+for|preguntar\s+por)"
    # "brother-in-law, FEARGAL LEEN,": the tie, then the name after a comma.
    rf"(?:-in-law)?,?[^\S\n]+((?:{_NAME_WORD})(?:[^\S\n]+{_NAME_WORD}){{0,2}})",
    re.IGNORECASE,
)
_NAME_IS = re.compile(
    r"\b(?i:my\s+name\s+is|my\s+name['’]s|me\s+llamo|mi\s+nombre\s+es)[^\S\n]+"
    r"([a-záéíóúñü][\w'’-]*(?:[^\S\n]+[a-záéíóúñü][\w'’-]*){0,2}?)"
    r"(?=[^\S\n]*(?:[,.!;:\n]|$)|[^\S\n]+(?i:and|y|from|de|i|yo|my|mi|im|i['’]m)\b)"
)
_LIST_LABEL = re.compile(
    r"\b(?:residents|residentes|names|nombres|witnesses|testigos|victims|v[íi]ctimas"
    r"|detained|detenidos|family|familia)\s*:[^\S\n]*([^\n.;]{3,120})",
    re.IGNORECASE,
)
# Not "&": "Sullivan & Cromwell" is a firm.
_JOINED = re.compile(rf"[^\S\n]+(?:and|y)[^\S\n]+({_CAPITAL})")
# After a sentence or a dash; a bare line ("Dirección:\n...\nTracyland") may
# be the town of an address.
_SIGN_OFF = re.compile(
    # ... or after a closing line ending in a comma ("God bless you all,\nWilner").
    r"(?:[.!?][^\S\n]+|\n[^\S\n]*(?:--?|—|–)[^\S\n]*|(?:^|\n)[^\d\n]{3,40},[^\S\n]*\n[^\S\n]*)"
    rf"({_CAPITAL}(?:[^\S\n]+{_CAPITAL})?)[^\S\n]*[.!]?\s*$"
)


# A caller says who they are: "its Ndegwa.", "it's Sanya, Smith's wife", "hi
# im waida mand, our neighbor...", "this is nevaeh simmons calling for...":
# at the start of the text or of a sentence, one to three words, then a
# pause or "calling"/"here".
_SELF_NAMED = re.compile(
    r"(?:^|[.!?:\n\]][^\S\n]*)(?:(?i:hi|hello|hey|hola|buenas|buenas\s+tardes|buenas\s+noches"
    r"|buenos\s+d[íi]as|good\s+morning|good\s+afternoon|good\s+evening|yeah|yes|s[íi]|ok)"
    r"[,!]?[^\S\n]+)?"
    r"(?i:it['’]?s(?:\s+me)?|this\s+is|i['’]?m|i\s+am|soy|habla|aqu[íi]\s+habla)[^\S\n]+"
    rf"({_NAME_WORD}(?:[^\S\n]+{_NAME_WORD}){{0,2}}?)"
    r"(?=[^\S\n]*(?:[,.!;:\n]|$)|[^\S\n]+(?i:calling|here|llamando|aqu[íi]|from|de|my|mi"
    r"|ur|your|tu|and|y)\b)"
)
# What a caller is about, and who said it: "calling about Kimberly Guerrero",
# "es sobre Lucho,", "Eutimio contó que", "Florencia said".
_ABOUT = re.compile(
    r"\b(?i:calling\s+(?:about|for)|is\s+about|llamo\s+por|es\s+sobre|llamando\s+por)"
    rf"[^\S\n]+({_CAPITAL}(?:[^\S\n]+{_CAPITAL}){{0,2}})"
)
# English puts bare nouns before its verbs ("Officials said", "Family says"),
# so there the word must be on the name lists; Spanish puts an article
# before them ("La familia dijo"), so a bare capitalized word is a name.
_LETTERS = rf"{UPPER}[^\W\d_]*(?:['’-][^\W\d_]+)*"
_SPEAKER_EN = re.compile(
    rf"(?<![\w'’-])({_LETTERS})[^\S\n]+(?i:said|says|told|wrote|explained|reported)\b"
)
_SPEAKER_ES = re.compile(
    rf"(?<![\w'’-])({_LETTERS})[^\S\n]+(?i:cont[óo]|cuenta|dijo|dice|explic[óo]|relat[óo]"
    r"|report[óo]|escribi[óo])\b"
)
# Spanish marks a person as the object with "a": "se llevaron a Jordana",
# "detuvieron a Yuridia", "díganle a Pietra" (with a pronoun before the verb,
# "lo llevaron a Berks", the "a" is a direction and is left alone).
_PERSON_OBJECT = re.compile(
    r"(?<![\w'’-])(?<!lo )(?<!la )(?<!los )(?<!las )"
    r"(?:(?i:se\s+llevaron|detuvieron|arrestaron|agarraron|d[íi]ganle|av[íi]senle|av[íi]sale"
    r"|d[íi]le|preg[úu]ntenle|preg[úu]ntale)\s+a[^\S\n]+"
    # ... and the owner of a thing: "a nombre de Yuridia", "registered to ...".
    r"|(?i:a\s+nombre\s+de|in\s+the\s+name\s+of|registered\s+to)[^\S\n]+)"
    rf"({_LETTERS}(?:[^\S\n]+{_LETTERS}){{0,2}})(?![^\S\n]+{UPPER}|[\w'’-])"
)
# A name set off by its tie to someone: "through Julio, a cousin", "por medio
# de Gabrielly, una prima", "Ana Ruiz, my neighbor".
_APPOSITION = re.compile(
    rf"(?<![\w'’-])({_LETTERS}(?:[^\S\n]+{_LETTERS}){{0,2}}),[^\S\n]+"
    r"(?i:a|an|my|his|her|their|our|the|una?|mi|su|sus|nuestr[oa])[^\S\n]+([^\W\d_]+)"
)
# Someone to reach at a number: "call Darsh at 1-215-...", "háblale a
# Ascensión al 5705660198", "text Benson on 717-...".
_CALL_AT = re.compile(
    r"\b(?i:call|text|phone|ring|contact|ll[áa]m(?:a|ale|en)\s+a|h[áa]bl(?:a|ale|en)\s+a"
    r"|marc(?:a|ale)\s+a|escr[íi]b(?:e|ele)\s+a)[^\S\n]+"
    rf"({_CAPITAL}(?:[^\S\n]+{_CAPITAL})?)"
    r"[^\S\n]+(?i:at|on|al|en\s+el)[^\S\n]+[+(\d]"
)


def _title_before() -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{'|'.join(sorted(TITLES, key=len, reverse=True))})\.?\s+$")


_TITLE_BEFORE = _title_before()


def _stop(word: str) -> bool:
    folded = fold_word(word)
    return folded in all_stop_words() or len(folded) < 2


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _repeated(text: str, names: list[Finding]) -> list[Finding]:
    words: set[str] = set()
    for f in names:
        parts = _WORD.findall(f.text)
        titled = _TITLE_BEFORE.search(text, max(0, f.start - 20), f.start) is not None
        if len(parts) >= 2 or f.confidence == "high" or titled:
            words |= {fold_word(w) for w in parts if len(w) >= 3 and not _stop(w)}
    # Only words the lists know as names ("AARON BALL WAS TAKEN" gives no "WAS").
    words = {w for w in words if is_name(w)}
    found = []
    for m in _WORD.finditer(text):
        token = re.sub(r"['’]s$", "", m.group())
        if fold_word(token) in words and (token[0].isupper() or token.islower()):
            found.append(Finding(m.start(), m.start() + len(token), "name", token, "low"))
    return found


def _joined(text: str, names: list[Finding]) -> list[Finding]:
    found = []
    for f in names:
        m = _JOINED.match(text, f.end)
        if m and is_name(fold_word(m.group(1))) and not _stop(m.group(1)):
            found.append(Finding(m.start(1), m.end(1), "name", m.group(1), "low"))
    return found


def _everyday(word: str) -> bool:
    """An everyday word that is no first name ("HUNGER", not "KEVIN")."""
    return ordinary(word) and not is_first_name(fold_word(word))


def _named(word: str) -> bool:
    """On the name lists, or rare in both languages ("olabode", "durdu")."""
    return is_name(fold_word(word)) or rare_word(word)


def _words_as_name(text: str, start: int, value: str, *, need_list: bool) -> Finding | None:
    """The longest run of non-stop words at the start of ``value``."""
    taken: list[re.Match[str]] = []
    for m in _WORD.finditer(value):
        word = m.group()
        particle = fold_word(word) in PARTICLES and bool(taken)  # "nguyen van thanh"
        if (_stop(word) and not particle) or (taken and value[taken[-1].end() : m.start()].strip()):
            break
        # Lower case after a cue: three letters or more ("a mi esposa al").
        if need_list and len(word) < 3:
            break
        taken.append(m)
    # ... and names from the lists: one is enough when two or three words go
    # together ("abdoulaye traore"), the last must be one ("rita francis",
    # not "gareth walker lives").
    while need_list and taken and not _named(taken[-1].group()):
        taken.pop()
    if not taken:
        return None
    folded = [fold_word(m.group()) for m in taken]
    if need_list and not (is_first_name(folded[0]) or len(folded) > 1):
        return None
    end = taken[-1].end()
    return Finding(start, start + end, "name", value[:end], "low")


def _after_cues(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for m in _NAMING.finditer(text):
        if m.group(1)[0].islower():
            name = _words_as_name(text, m.start(1), m.group(1), need_list=True)
            # "inmate see attached": everyday words that are also surnames.
            if name and not all(map(_everyday, name.text.split())):
                found.append(name)
        elif m.group(1).split()[0].isupper() and len(m.group(1).split()[0]) > 1:
            # "his gf ALESSIA CAFARCHIA has the kids": the capitals after the cue.
            caps = re.match(r"[^\W\d_a-z]+(?:[^\S\n]+[^\W\d_a-z]+)*(?![\w'’-])", m.group(1))
            # ... not an acronym ("Detainee DOB:") nor everyday words in
            # capitals ("THE DETAINEE HUNGER STRIKE").
            if caps and len(caps.group()) > 3 and not all(map(_everyday, caps.group().split())):
                found.append(_words_as_name(text, m.start(1), caps.group(), need_list=False))
    # "my name is darsh vala and ...": said outright, in lower case, the words
    # up to a pause need no name list.
    for m in _NAME_IS.finditer(text):
        found.append(_words_as_name(text, m.start(1), m.group(1), need_list=False))
    for m in _LIST_LABEL.finditer(text):
        position = m.start(1)
        for item in m.group(1).split(","):
            lead = len(item) - len(item.lstrip())
            found.append(_words_as_name(text, position + lead, item.strip(), need_list=False))
            position += len(item) + 1
    return [f for f in found if f]


def _given_calendar_name(word: str) -> bool:
    """ "Julio", "Domingo" capitalized: Spanish writes its months and days in
    lower case, so after a cue they are given names."""
    folded = fold_word(word)
    return word.istitle() and folded in SPANISH_CALENDAR and is_first_name(folded)


def _month_name(word: str) -> bool:
    folded = fold_word(word)
    return word.istitle() and folded in MONTHS_AND_DAYS and is_first_name(folded)


def _self_named_and_reachable(text: str) -> list[Finding]:
    found = []
    appositions = (m for m in _APPOSITION.finditer(text) if fold_word(m.group(2)) in KIN)
    for m in itertools.chain(
        _SELF_NAMED.finditer(text),
        _CALL_AT.finditer(text),
        _ABOUT.finditer(text),
        (m for m in _SPEAKER_EN.finditer(text) if is_name(fold_word(m.group(1)))),
        _SPEAKER_ES.finditer(text),
        _PERSON_OBJECT.finditer(text),
        appositions,
    ):
        value = m.group(1)
        words = value.split()
        # "habla June Walsh": a month that is a given name, before a surname.
        if any(
            _stop(w)
            and not _given_calendar_name(w)
            and not (len(words) > 1 and k == 0 and _month_name(w))
            for k, w in enumerate(words)
        ):
            continue
        if fold_word(words[0]) in PARTICLES:
            continue
        # "ICE", "OK": an acronym is no caller.
        if any(w.isupper() and len(w) > 1 for w in words) and not value.isupper():
            continue
        # Lower case says nothing: a lone word must be a first name that is no
        # everyday word ("its true" names nobody), or one of two or three
        # words on the name lists ("i'm really scared" names nobody).
        if value.islower() and not (
            is_plain_first_name(words[0]) if len(words) == 1 else any(_named(w) for w in words)
        ):
            continue
        found.append(Finding(m.start(1), m.end(1), "name", value, "low"))
    return found


def _sign_off(text: str) -> list[Finding]:
    m = _SIGN_OFF.search(text[-80:])
    if not m:
        return []
    offset = max(0, len(text) - 80)
    words = m.group(1).split()
    if any(_stop(w) for w in words) or fold_word(words[0]) in PARTICLES:
        return []
    # "Módulo E2-48.": a code closing a receipt, not a signature.
    if any(ch.isdigit() for ch in m.group(1)):
        return []
    return [Finding(offset + m.start(1), offset + m.end(1), "name", m.group(1), "low")]


def context_names(text: str, names: list[Finding]) -> list[Finding]:
    """Low-confidence names pointed at by ``text`` and the ``names`` found so far."""
    found = _after_cues(text) + _sign_off(text) + _self_named_and_reachable(text)
    found += _joined(text, names + found)
    found += joined_before(text, names + found)
    found += _repeated(text, names)
    taken = [(f.start, f.end) for f in names]
    return [f for f in found if not _overlaps(f.start, f.end, taken)]
