"""National identity numbers of Latin America and Spain, after their cue.

People write the number of the document they carry: a Salvadoran *DUI*
(``04512345-6``), a Honduran *DNI* (``0801-1985-04567``), a Guatemalan *DPI*
or *CUI* (``2587 45612 0101``), a Colombian *cédula* (``1.021.863.541``), an
Argentine *DNI* (``45.324.863``), a Chilean *RUT* (``14.060.050-4``), a
Mexican *CURP* or voter card (*INE*, *clave de elector*), a Spanish *DNI*
(``45678123Z``) or *NIE* (``Y4567123T``), a *matrícula consular*. Each is a
person as surely as an SSN, so it is an ``id_number``.

A number is taken only after its cue, within a few words on the same line
("DNI de la madre: 45.324.863", "Mi cédula es 1.021.863.541"), because the
same shapes are case, docket and incident numbers elsewhere. The CURP is the
exception: 18 characters of letters and digits in a fixed pattern (name
initials, birth date, sex, state code) that nothing else shares, so it is
taken anywhere.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.id_numbers import GROUPED_VALUE, LETTERS_VALUE

# Acronyms in capitals only ("run", "nie" and "ine" are words too); the rest in any case.
_ACRONYMS = r"\b(?:CC|DNI|DUI|DPI|CUI|RUT|RUN|CURP|NIE|NIF|INE|IFE)\b|\bC\.C\."
_CUE = (
    r"\bc[ée]dula(?:\s+de\s+(?:identidad|ciudadan[íi]a))?"
    r"|\b(?:credencial|clave)\s+(?:de\s+|para\s+votar\s*)?elector(?:al)?"
    r"|matr[íi]cula\s+consular|tarjeta\s+de\s+identidad|documento\s+(?:nacional\s+)?de\s+identidad"
    r"|n[úu]mero\s+de\s+identidad|carn[ée]t?\s+de\s+identidad|national\s+ID|ID\s+card"
)
# What may stand between a cue and its number: a few words on the same line
# ("de la madre", "del hermano", "es", "number"), never a digit.
_BETWEEN = r"[^\d\n]{0,30}?"
_VALUE = (
    # A document's printed shapes: W030-402-84-830-5, 3067 30696 0625, JB001942.
    rf"{GROUPED_VALUE}|{LETTERS_VALUE}|"
    # Dotted or spaced groups: 1.021.863.541, 45.324.863, 14.060.050-4, 2587 45612 0101.
    r"\d{1,4}(?:[.\s]\d{3,5}){1,3}(?:-[\dkK])?"
    # Hyphenated: 0801-1985-04567, 04512345-6, 45678123-Z.
    r"|\d{4}-\d{4}-\d{5}|\d{7,9}-[\dA-Za-z]"
    # Panama's and Costa Rica's cédula: province, volume, entry (8-812-1203).
    r"|\d{1,2}-\d{3,4}-\d{3,5}"
    # Letters and digits: NIE Y4567123T, DNI 45678123Z, CURP, voter keys, bare runs.
    r"|[XYZxyz]-?\d{7}-?[A-Za-z]|\d{8}[A-Za-z]|[A-Z]{4,6}\d{6,8}[A-Z0-9]{2,6}|\d{6,13}"
)
_NATIONAL = re.compile(rf"(?:{_ACRONYMS}|(?i:{_CUE})){_BETWEEN}(?<![\w.-])({_VALUE})(?![\w-]|\.\d)")
_CURP = re.compile(r"(?<![\w-])[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d(?![\w-])")


def national_ids(text: str) -> list[Finding]:
    """Identity-document numbers after their cue, and CURPs anywhere."""
    found = [make(text, *m.span(1), "id_number") for m in _NATIONAL.finditer(text)]
    found += [make(text, *m.span(), "id_number") for m in _CURP.finditer(text)]
    return sorted({f for f in found if f})
