"""Template helpers for the case partials other pages include.

The inbox and the tip page belong to tipline.review.inbox and
tipline.review.tips; they only include a partial from
``templates/review/cases/``, and the partial calls one of these helpers
(registered as template globals by the cases blueprint). So the case logic
stays here and those views need no change:

- ``case_filter_options(selected)``: the inbox's and search page's "case"
  filter choices (``_case_filter.html``);
- ``tip_case_panel(tip)``: the tip page's cases section, with related tips
  and cases (``_tip_panel.html``).

Both run only inside requests the including view has already authorised
(reviewers and admins); titles are opened only when the session holds the key.
"""

from __future__ import annotations

from sqlalchemy import select

from tipline.accounts.errors import NotUnlockedError
from tipline.cases import CASE_STATUS_LABELS
from tipline.db import get_session
from tipline.models.case import Case
from tipline.models.tip import Tip
from tipline.review.auth import unlocked_identity
from tipline.review.case_page import TipCasePanel, case_titles, tip_case_panel

FILTER_CHOICES = 100  # titles are opened for each: keep the inbox quick


def case_filter_options(selected: str | None = None) -> list[tuple[str, str]]:
    """``(case id, label)`` for a case filter: recently worked cases first.

    Labels are titles when the session holds the key, else the short id and
    status. The selected case is always offered, however old.
    """
    db = get_session()
    cases = list(
        db.scalars(select(Case).order_by(Case.updated_at.desc(), Case.id).limit(FILTER_CHOICES))
    )
    if selected and selected not in {case.id for case in cases}:
        chosen = db.get(Case, selected)
        if chosen is not None:
            cases.insert(0, chosen)
    try:
        titles = case_titles(cases, unlocked_identity())
    except NotUnlockedError:
        titles = {}
    options = []
    for case in cases:
        status = CASE_STATUS_LABELS.get(case.status, case.status)
        title = titles.get(case.id) or f"Case {case.id[:8]}"
        options.append((case.id, f"{title} ({status})"))
    return options


def tip_panel(tip: Tip) -> TipCasePanel | None:
    """The tip page's case section; ``None`` if the session holds no key."""
    try:
        identity = unlocked_identity()
    except NotUnlockedError:
        return None
    return tip_case_panel(get_session(), tip, identity)


def template_helpers() -> dict[str, object]:
    return {"case_filter_options": case_filter_options, "tip_case_panel": tip_panel}
