"""The unread markers on both sides of a conversation.

Each message carries two flags: ``seen_by_source`` (a reply the source has
not read yet) and ``seen_by_organization`` (a source's message no reviewer has
marked read). The source's side is marked when the conversation page is shown
to them; the organization's when a reviewer marks it read or replies
(tipline.conversation.messages.post_reply: replying is reading). Marking it
read from the review app is audited (``conversation.read``); nothing a source
does is (see tipline.conversation).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipline import audit
from tipline.models.base import affected_rows
from tipline.models.message import ORGANIZATION, SOURCE, Message
from tipline.models.tip import Tip
from tipline.models.user import User


def mark_seen_by_source(session: Session, tip: Tip) -> int:
    """The source has now seen every reply; returns how many were new."""
    return _mark_seen(session, tip, ORGANIZATION, Message.seen_by_source)


def mark_seen_by_organization(session: Session, tip: Tip) -> int:
    """A reviewer has read every message from the source; returns how many were new."""
    return _mark_seen(session, tip, SOURCE, Message.seen_by_organization)


def unread_by_organization(session: Session, tip_ids: Iterable[str]) -> dict[str, int]:
    """For the inbox: how many source messages no reviewer has marked read, per tip."""
    ids = list(tip_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Message.tip_id, func.count())
        .where(
            Message.tip_id.in_(ids),
            Message.author == SOURCE,
            Message.seen_by_organization.is_(False),
        )
        .group_by(Message.tip_id)
    )
    return {tip_id: int(count) for tip_id, count in rows}


def _mark_seen(session: Session, tip: Tip, author: str, seen: InstrumentedAttribute[bool]) -> int:
    """Set ``seen`` on ``tip``'s messages by ``author`` that lack it; how many did."""
    statement = (
        update(Message)
        .where(Message.tip_id == tip.id, Message.author == author, seen.is_(False))
        .values({seen: True})
    )
    result = session.execute(statement.execution_options(synchronize_session="fetch"))
    return affected_rows(result)


def read_by_organization(session: Session, tip: Tip, actor: User) -> int:
    """A reviewer marks the source's messages read (``conversation.read``)."""
    changed = mark_seen_by_organization(session, tip)
    audit.record(
        session, actor=actor, action="conversation.read", object_type="tip", object_id=tip.id
    )
    return changed
