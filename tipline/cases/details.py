"""What reviewers write on a case, checked, sealed and opened again.

A case's title, summary and people list travel together as one small JSON
document; each note is its own document. Both are sealed with age to every
organization recipient (so the intake key, an offline backup key and the
reviewers' unlocked identity can all open them), after Padmé padding so the
ciphertext length says little about how much was written, exactly like a
tip document (tipline.documents.seal_json). Trailing spaces pad the JSON, so
a value opened offline with ``age -d`` still reads as plain JSON.

:func:`case_people` is the exports' entry point: the names to redact.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.cases import CaseError, CaseInputError
from tipline.crypto import Identity, Recipient
from tipline.documents import SealedJsonError, open_json, seal_json
from tipline.models.case import Case, CaseNote
from tipline.sanitize import render_markdown_light, reveal_invisible

VERSION = 1
CASE_KIND = "case"
NOTE_KIND = "case-note"
TITLE_MAX = 200
SUMMARY_MAX = 10_000
NAME_MAX = 120
PEOPLE_MAX = 200
NOTE_MAX = 20_000
# One-line values (a title, a name) may not hide anything: no controls, no
# invisible formatting such as bidi overrides, nothing unassigned.
_FORBIDDEN_IN_LINE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


class SealedContentError(CaseError):
    """A sealed case value is damaged or cannot be opened with this key."""


@dataclass(frozen=True)
class CaseDetails:
    """The sealed part of a case, as the reviewer sees it.

    Kept out of ``repr`` so that a traceback or a debug log cannot show it.
    """

    title: str = field(repr=False)
    summary: str = field(default="", repr=False)
    people: tuple[str, ...] = field(default=(), repr=False)


def _line(raw: str, label: str, limit: int) -> str:
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if len(text) > limit:
        raise CaseInputError(f"The {label} can have at most {limit} characters.")
    if any(unicodedata.category(ch) in _FORBIDDEN_IN_LINE for ch in text):
        raise CaseInputError(f"The {label} cannot contain control or invisible characters.")
    return text


def _block(raw: str, label: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\x00", "").strip()
    if len(text) > limit:
        raise CaseInputError(f"The {label} can have at most {limit:,} characters.")
    return text


def parse_people(lines: str | Iterable[str]) -> tuple[str, ...]:
    """Names, one per line, cleaned; duplicates (ignoring case) dropped, order kept."""
    raw = lines.splitlines() if isinstance(lines, str) else list(lines)
    people: list[str] = []
    seen: set[str] = set()
    for line in raw:
        name = _line(line, "name", NAME_MAX)
        key = unicodedata.normalize("NFKC", name).casefold()
        if name and key not in seen:
            seen.add(key)
            people.append(name)
    if len(people) > PEOPLE_MAX:
        raise CaseInputError(f"A case can list at most {PEOPLE_MAX} people.")
    return tuple(people)


def make_details(title: str, summary: str = "", people: str | Iterable[str] = ()) -> CaseDetails:
    """Check and clean what a reviewer typed; :class:`CaseInputError` if unusable."""
    clean_title = _line(title, "title", TITLE_MAX)
    if not clean_title:
        raise CaseInputError("A case needs a title.")
    return CaseDetails(
        title=clean_title,
        summary=_block(summary, "summary", SUMMARY_MAX),
        people=parse_people(people),
    )


def clean_note(body: str) -> str:
    text = _block(body, "note", NOTE_MAX)
    if not text:
        raise CaseInputError("A note cannot be empty.")
    return text


def _seal(kind: str, payload: dict[str, Any], recipients: Sequence[Recipient]) -> bytes:
    return seal_json({"kind": kind, "version": VERSION, **payload}, recipients)


def _open(kind: str, sealed: bytes, identities: Sequence[Identity]) -> dict[str, Any]:
    try:
        return open_json(sealed, identities, kind=kind, version=VERSION)
    except SealedJsonError as exc:
        name = kind.replace("-", " ")
        messages = {
            "unreadable": f"This sealed {name} could not be opened ({exc.detail}).",
            "kind": f"This is not a sealed {name}.",
            "version": f"Unsupported {kind} version {exc.detail}.",
        }
        raise SealedContentError(messages[exc.problem]) from exc


def seal_details(details: CaseDetails, recipients: Sequence[Recipient]) -> bytes:
    payload = {"title": details.title, "summary": details.summary, "people": list(details.people)}
    return _seal(CASE_KIND, payload, recipients)


def open_details(case: Case, identities: Sequence[Identity]) -> CaseDetails:
    document = _open(CASE_KIND, case.sealed, identities)
    try:
        return CaseDetails(
            title=str(document["title"]),
            summary=str(document.get("summary", "")),
            people=tuple(str(name) for name in document.get("people", [])),
        )
    except (KeyError, TypeError) as exc:
        raise SealedContentError("This sealed case is incomplete.") from exc


def seal_note(body: str, recipients: Sequence[Recipient]) -> bytes:
    return _seal(NOTE_KIND, {"body": body}, recipients)


def open_note(note: CaseNote, identities: Sequence[Identity]) -> str:
    body = _open(NOTE_KIND, note.sealed, identities).get("body")
    if not isinstance(body, str):
        raise SealedContentError("This sealed note is incomplete.")
    return body


def render_note(body: str) -> Markup:
    """A note as safe HTML: invisible characters shown, then light Markdown.

    tipline.sanitize is the one place text becomes HTML: it escapes first,
    builds a few tags from fixed patterns and runs nh3 over the result.
    """
    return render_markdown_light(reveal_invisible(body))


def case_people(session: Session, case: Case, identity: Identity) -> list[str]:
    """The names the case involves, from its sealed details (for redaction).

    Reads the sealed value from the database rather than trusting an object
    that may be stale, so an export always redacts the current list.
    """
    sealed = session.scalar(select(Case.sealed).where(Case.id == case.id))
    if sealed is None:
        raise SealedContentError("This case no longer exists.")
    return list(_open_people(sealed, identity))


def _open_people(sealed: bytes, identity: Identity) -> tuple[str, ...]:
    document = _open(CASE_KIND, sealed, [identity])
    people = document.get("people", [])
    if not isinstance(people, list):
        raise SealedContentError("This sealed case is incomplete.")
    return tuple(str(name) for name in people)
