"""Factories for summary tests: summaries written and approved through the service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from tipline.crypto import Identity, Recipient
from tipline.export.summaries.drafts import REDACT, open_draft
from tipline.export.summaries.service import approve, decide, people_for, review, write_draft
from tipline.models import Case, Summary, Tip, User


def draft_summary(
    session: Session,
    target: Tip | Case,
    text: str,
    *,
    actor: User,
    recipients: Sequence[Recipient],
    identity: Identity,
) -> Summary:
    """A saved draft (no decisions yet)."""
    summary, _ = write_draft(
        session,
        target,
        text,
        people=people_for(session, target, identity),
        actor=actor,
        recipients=recipients,
        identity=identity,
    )
    return summary


def approved_summary(
    session: Session,
    target: Tip | Case,
    text: str,
    *,
    actor: User,
    recipients: Sequence[Recipient],
    identity: Identity,
    today: date | None = None,
) -> Summary:
    """A summary with every finding redacted, approved."""
    summary = draft_summary(
        session, target, text, actor=actor, recipients=recipients, identity=identity
    )
    people = people_for(session, target, identity)
    result = review(open_draft(summary.sealed, [identity]), people)
    decide(
        session,
        summary,
        {item.key: REDACT for item in result.items},
        people=people,
        actor=actor,
        recipients=recipients,
        identity=identity,
    )
    approve(session, summary, people=people, actor=actor, identity=identity, today=today)
    return summary
