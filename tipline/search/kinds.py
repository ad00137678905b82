"""The built-in searchable kinds: tips, source messages and replies, case
details, case notes.

Each loader opens a batch of sealed documents with the reviewer's identity
and yields their text for one request. A new kind is one more decorated
loader here; see tipline.search.registry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from tipline.cases.details import SealedContentError, open_details, open_note
from tipline.conversation.reading import message_text, open_message
from tipline.documents import DocumentError, TipDocument
from tipline.models.case import Case, CaseNote
from tipline.models.message import Message
from tipline.models.tip import Tip
from tipline.search.registry import Searchable, SearchContext, searchable
from tipline.tips.content import ContentError, open_tip

# Tip fields that hold codes from checkboxes or a select, not words a
# source wrote: searching "ice" should not match every ticked "ICE" box.
CODE_FIELDS = frozenset({"county_fips", "agencies", "knowledge"})


def tip_text(document: TipDocument) -> str:
    """Everything a source wrote in a tip, one field per line, file names last."""
    parts: list[str] = []
    for key, value in document.fields.items():
        if key not in CODE_FIELDS:
            parts.extend(_strings(value))
    parts.extend(info.filename for info in document.attachments)
    return "\n".join(part for part in parts if part.strip())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _tips(session: Session, tip_ids: Sequence[str]) -> dict[str, Tip]:
    """The tips, from the session's identity map where the engine's inbox
    query already loaded them; one query for any others."""
    found: dict[str, Tip] = {}
    for tip_id in tip_ids:
        loaded = session.identity_map.get(identity_key(Tip, tip_id))
        if isinstance(loaded, Tip):
            found[tip_id] = loaded
    missing = [tip_id for tip_id in tip_ids if tip_id not in found]
    if missing:
        found.update((t.id, t) for t in session.scalars(select(Tip).where(Tip.id.in_(missing))))
    return found


@searchable("tip", "Tip", scope="tip")
def load_tips(ctx: SearchContext, tip_ids: Sequence[str]) -> Iterator[Searchable]:
    tips = _tips(ctx.session, tip_ids)
    for tip_id in tip_ids:
        tip = tips.get(tip_id)
        if tip is None:
            continue
        try:
            text: str | None = tip_text(open_tip(ctx.blobs, tip, ctx.identities))
        except ContentError:
            text = None
        yield Searchable("tip", tip.id, tip.id, text)


@searchable("message", "Source message or reply", scope="tip")
def load_messages(ctx: SearchContext, tip_ids: Sequence[str]) -> Iterator[Searchable]:
    query = select(Message).where(Message.tip_id.in_(tip_ids)).order_by(Message.tip_id, Message.seq)
    for message in ctx.session.scalars(query):
        text: str | None = None
        for identity in ctx.identities:
            try:
                text = message_text(open_message(ctx.blobs, message, identity))
                break
            except DocumentError:
                continue
        yield Searchable("message", message.tip_id, message.id, text)


@searchable("case", "Case title, summary or people", scope="case")
def load_case_details(ctx: SearchContext, case_ids: Sequence[str]) -> Iterator[Searchable]:
    query = select(Case).where(Case.id.in_(case_ids)).order_by(Case.updated_at.desc())
    for case in ctx.session.scalars(query):
        try:
            details = open_details(case, ctx.identities)
        except SealedContentError:
            yield Searchable("case", case.id, case.id, None)
            continue
        text = "\n".join([details.title, details.summary, *details.people])
        yield Searchable("case", case.id, case.id, text)


@searchable("note", "Case note", scope="case")
def load_notes(ctx: SearchContext, case_ids: Sequence[str]) -> Iterator[Searchable]:
    query = (
        select(CaseNote)
        .where(CaseNote.case_id.in_(case_ids))
        .order_by(CaseNote.created_at.desc(), CaseNote.id)
    )
    for note in ctx.session.scalars(query):
        try:
            text: str | None = open_note(note, ctx.identities)
        except SealedContentError:
            text = None
        yield Searchable("note", note.case_id, note.id, text)
