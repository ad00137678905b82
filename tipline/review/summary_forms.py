"""Forms and page helpers for the summary editor (tipline.review.summaries).

- :class:`SummaryTextForm`, :class:`VersionForm`, :class:`ApproveForm`
  (Flask-WTF, so CSRF applies); the per-finding choices are plain radio
  inputs named ``decision-<key>`` (:func:`posted_decisions`), since their
  number depends on the text.
- :func:`target_or_404` finds the tip or case a summary URL names.
- :func:`summary_panel` is what the tip page's and the case page's views
  pass to ``review/summaries/_panel.html``: the summary's state and a link,
  from clear columns only, so showing it opens nothing sealed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import abort, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, TextAreaField

from tipline import counties
from tipline.db import get_session
from tipline.export.aggregate import month_of
from tipline.export.summaries.drafts import TEXT_MAX
from tipline.export.summaries.service import SummaryReview, Target, find_target, summary_for
from tipline.models.summary import Summary
from tipline.models.tip import Tip

DECISION_PREFIX = "decision-"
STYLE_CHOICES = [
    ("label", "Say what kind of detail was removed, e.g. [phone], [name]"),
    ("redacted", "Only write [redacted]"),
]


class SummaryTextForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField("Summary for sharing", render_kw={"maxlength": TEXT_MAX, "rows": 10})
    # The service checks the value; the form only offers the choices.
    style = RadioField(
        "Removed details show as", choices=STYLE_CHOICES, default="label", validate_choice=False
    )
    version = HiddenField()


class VersionForm(FlaskForm):  # type: ignore[misc]
    """The version the reviewer saw: a change since then is refused."""

    version = HiddenField()


class ApproveForm(VersionForm):
    confirm = BooleanField("I checked: the remaining flagged details may be shared")
    # The second step for numbers no finding covers: a plain checkbox the
    # page shows only then, so it works without JavaScript.
    confirm_numbers = BooleanField(
        "I checked the numbers under “Check these”: none of them identifies anyone"
    )


def form_version(raw: str | None) -> int:
    """The posted version; ``-1`` (never current) for a missing or mangled one."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else -1


def posted_decisions(form: Mapping[str, str]) -> dict[str, str]:
    """``{finding key: "redact" | "keep"}`` from the findings form."""
    return {
        name[len(DECISION_PREFIX) :]: value
        for name, value in form.items()
        if name.startswith(DECISION_PREFIX)
    }


def target_or_404(scope: str, object_id: str) -> Target:
    """The tip or case named in the URL (404 for anything else)."""
    found = find_target(get_session(), scope, object_id)
    if found is None:
        abort(404)
    return found


@dataclass(frozen=True)
class TargetFacts:
    """What goes out with the summary besides its text (clear metadata)."""

    scope: str
    county: str
    month: str
    back_url: str
    editor_url: str


def target_facts(target: Target) -> TargetFacts:
    if isinstance(target, Tip):
        return TargetFacts(
            scope="tip",
            county=counties.name(target.county_fips),
            month=month_of(target.received_hour),
            back_url=url_for("tips.show", tip_id=target.id),
            editor_url=url_for("summaries.tip_summary", tip_id=target.id),
        )
    return TargetFacts(
        scope="case",
        county="the case's counties",
        month=month_of(target.created_at),
        back_url=url_for("cases.show", case_id=target.id),
        editor_url=url_for("summaries.case_summary", case_id=target.id),
    )


@dataclass(frozen=True)
class Mark:
    """A stretch of the draft as the page shows it: plain, or a marked finding."""

    text: str
    state: str  # "plain", or the strictest decision of its findings: redact > undecided > keep
    numbers: tuple[int, ...]  # finding numbers that end here (shown after the mark)
    kinds: str  # e.g. "phone, name"
    low: bool


def marks(result: SummaryReview) -> list[Mark]:
    """The draft's segments with what the highlighted text needs to show."""
    out = []
    for segment in result.segments:
        items = [result.items[i] for i in segment.findings]
        decisions = {item.decision for item in items}
        state = (
            "plain"
            if not items
            else "redact"
            if "redact" in decisions
            else "undecided"
            if None in decisions
            else "keep"
        )
        numbers = tuple(item.number for item in items if item.finding.end == segment.end)
        kinds = ", ".join(dict.fromkeys(item.finding.category for item in items))
        out.append(Mark(segment.text, state, numbers, kinds, segment.low_confidence))
    return out


@dataclass(frozen=True)
class SummaryPanel:
    scope: str
    summary: Summary | None
    editor_url: str


def summary_panel(target: Target) -> SummaryPanel:
    """The tip or case page's "summary for sharing" box."""
    facts = target_facts(target)
    return SummaryPanel(facts.scope, summary_for(get_session(), target), facts.editor_url)
