"""Speakers' user names at the start of a chat or SMS export's lines, with no
time stamp in front: "mariagarcia: ya llegué", "j.rivera_88: ok".

:mod:`.handles` reads a speaker after a time stamp ("[9:14 PM] daniel65.12:").
Without one, a word and a colon at the start of a line is as often a form's
label ("Nota:", "Re:", "Q:"), a role ("Visitor:", "Abogada:") or a heading,
so a label is read as a user name only when all of these hold:

- the text is a conversation: two or more lines start with a label, the same
  label recurs, or the text says it is a chat ("WhatsApp", "SMS", "texts",
  "chat", "mensajes", "captura");
- the label is shaped like a user name: marked (a digit, "_", "." or "-"
  between letters, an inner capital) or a first name and surname run
  together ("mariagarcia", "jrivera");
- its letters are no role, form or heading word ("visitor2", "Q1", "IMG_2034"
  and "first_name" stay).

A plain name with a space ("Maria Garcia:") is a person's name, which the
name detectors read.
"""

from __future__ import annotations

import re
from collections import Counter

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.namewords import all_stop_words, word_set
from tipline.export.pii.user_names import first_and_surname, initial_and_surname

# A line's label: an optional list mark or export prefix ("3/12/24, 9:14 PM -"),
# then the label and a colon that ends it ("https://" is no label).
_PREFIX = (
    r"(?:[-*•>][^\S\n]*|\[[^\]\n]{1,20}\][^\S\n]*"
    r"|\d[\d/.,: ]{3,20}(?i:[ap]\.?[^\S\n]?m\.?)?[^\S\n]*[-\u2013\u2014][^\S\n]*)?"
)
_SPEAKER = re.compile(
    rf"^[^\S\n]*{_PREFIX}<?(?P<label>[A-Za-z0-9][A-Za-z0-9_.-]{{1,29}})>?[^\S\n]*:(?=[^\S\n]|$)",
    re.MULTILINE,
)
# Any line-start label, for telling a conversation: also "Maria Garcia:", "Me:".
_ANY_LABEL = re.compile(
    rf"^[^\S\n]*{_PREFIX}[^\W\d_][\w.'-]*(?:[^\S\n][\w.'-]+){{0,2}}[^\S\n]*:(?=[^\S\n]|$)",
    re.MULTILINE,
)
_CHAT = re.compile(
    r"\b(?:chats?|sms|texts?|texted|text\s+messages?|whats\s?app|wa|signal|telegram|imessage"
    r"|messenger|dms?|group\s+chat|screenshots?|transcript|mensajes?|mensajitos|conversaci[óo]n"
    r"|captura(?:s)?(?:\s+de\s+pantalla)?|chat(?:eo|eamos|e[óo])?)\b",
    re.IGNORECASE,
)
# Roles, form fields and headings, with or without a number ("visitor2", "Q1").
_NOT_SPEAKERS = word_set(
    """
    q a p r re fw fwd ps pd cc bcc to from de para subject asunto date fecha hora time
    note notes nota notas update context background summary resumen transcript question
    answer pregunta respuesta edit warning important reminder location address
    visitor visitante abogada abogado lawyer attorney agent agente officer oficial guard
    guardia interpreter interprete staff volunteer voluntaria voluntario caller operator
    moderator mod admin user usuario usuaria client cliente source fuente tip me yo
    first last middle name nombre apellido phone telefono email correo case caso number
    numero no id dob step paso item line page pagina part parte exhibit anexo attachment
    img image photo foto file archivo doc video audio pic screenshot captura detainee
    mom dad son daughter hijo hija wife husband esposa esposo
    """
)
_MARKED = re.compile(r"[A-Za-z][\d_.-]|[\d_.-][A-Za-z]|[a-z][A-Z]")


def _user_name(label: str, *, initials: bool) -> bool:
    letters = re.sub(r"[^A-Za-z]+", " ", label).lower().split()
    # An abbreviation ("D.O.B", "S.S.N") is a form's label.
    if not letters or sum(map(len, letters)) < 3 or max(map(len, letters)) < 2:
        return False
    if all(w in _NOT_SPEAKERS or w in all_stop_words() for w in letters):
        return False
    if _MARKED.search(label):
        return True
    # Unmarked, a chat's user name is lower case ("Charges:" is a heading)
    # and names run together: "mariagarcia", "garciamaria"; an initial and
    # a surname ("jrivera") only beside another speaker's user name, since
    # many words are a letter and a surname ("charges", "reason").
    if not label.islower():
        return False
    if first_and_surname(label):
        return True
    return initials and initial_and_surname(label)


def chat_speakers(text: str) -> list[Finding]:
    """User names that speak at the start of a chat log's lines."""
    speakers = list(_SPEAKER.finditer(text))
    if not speakers:
        return []
    labels = Counter(m.group("label").lower() for m in speakers)
    conversation = (
        len(_ANY_LABEL.findall(text)) >= 2
        or labels.most_common(1)[0][1] >= 2
        or bool(_CHAT.search(text))
    )
    if not conversation:
        return []
    named = [m for m in speakers if _user_name(m.group("label"), initials=False)]
    if named or any(n >= 2 for n in labels.values()):
        named = [m for m in speakers if _user_name(m.group("label"), initials=True)]
    found = [make(text, *m.span("label"), "handle") for m in named]
    return sorted({f for f in found if f})
