"""What the organizer page and its downloads read, each read recorded.

Organizers see approved summaries and suppressed aggregate figures
(tipline.export.summaries.selection, clear columns only); reviewers and
admins opening the same page also see which summaries still wait for
approval. Every look and every download is one audit event here
(``export.view``, ``export.csv``, ``export.json``, ``export.pdf``; never
content), in the caller's transaction. Turning the rows into a file is
tipline.export.rendering's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from tipline import audit
from tipline.export.aggregate import Aggregates
from tipline.export.rendering.formats import ExportSummary
from tipline.export.summaries.selection import (
    SummaryFilters,
    approved_summaries,
    count_approved,
    figures,
)
from tipline.export.summaries.service import drafts_waiting
from tipline.models.summary import Summary
from tipline.models.user import User

EXPORT_KINDS = ("csv", "json", "pdf")


@dataclass
class OrganizerPage:
    """One page of approved summaries, the figures, and (for key holders) drafts."""

    rows: list[ExportSummary]
    total: int
    figures: Aggregates
    waiting: list[Summary] = field(default_factory=list)


def view_exports(
    session: Session,
    filters: SummaryFilters | None,
    states: Sequence[str],
    *,
    threshold: int,
    page: int,
    page_size: int,
    actor: User,
) -> OrganizerPage:
    """The organizer page for ``actor`` (``export.view``).

    ``filters`` None: they could not be read, so no rows; the figures, which
    never depend on the filters, are still shown.
    """
    rows: list[ExportSummary] = []
    total = 0
    if filters is not None:
        total = count_approved(session, filters, states)
        offset = (page - 1) * page_size
        rows = approved_summaries(session, filters, states, limit=page_size, offset=offset)
    shown = OrganizerPage(
        rows=rows,
        total=total,
        figures=figures(session, states, threshold),
        waiting=drafts_waiting(session) if actor.holds_key else [],
    )
    audit.record(session, actor=actor, action="export.view")
    return shown


def export_selection(
    session: Session,
    filters: SummaryFilters,
    states: Sequence[str],
    *,
    threshold: int,
    kind: str,
    actor: User,
) -> tuple[list[ExportSummary], Aggregates]:
    """Every approved summary the filters select, and the figures, for a
    ``kind`` download (``export.csv``, ``export.json`` or ``export.pdf``)."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    rows = approved_summaries(session, filters, states)
    numbers = figures(session, states, threshold)
    audit.record(session, actor=actor, action=f"export.{kind}")
    return rows, numbers
