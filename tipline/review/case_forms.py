"""Forms for the case pages and the search page (Flask-WTF, CSRF on).

Length limits and choice lists are the first line of defence; the services
(tipline.cases, tipline.search) apply the real rules and raise domain errors
that the views show as messages. Choices are filled per request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from tipline.cases import CASE_STATUS_LABELS
from tipline.cases.details import (
    NAME_MAX,
    NOTE_MAX,
    PEOPLE_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    CaseDetails,
    make_details,
)
from tipline.models.base import ID_PATTERN
from tipline.models.case import CASE_STATUSES, Case
from tipline.models.tag import Tag
from tipline.models.user import User
from tipline.review.tip_forms import checkboxes, tag_choices, with_current
from tipline.search.text import MAX_QUERY_LENGTH

# A tip id anywhere in what was pasted: a bare id or a tip page's address.
_TIP_ID = re.compile(rf"(?<![0-9a-f]){ID_PATTERN}(?![0-9a-f])")
MAX_TIPS_FIELD = 200 * 80


def tip_ids_in(text: str) -> list[str]:
    """The tip ids in ``text`` (ids or tip addresses, any separators), in order."""
    return list(dict.fromkeys(_TIP_ID.findall(text.lower())))


class CaseDetailsForm(FlaskForm):  # type: ignore[misc]
    title = StringField(
        "Title",
        validators=[DataRequired(), Length(max=TITLE_MAX)],
        render_kw={"maxlength": TITLE_MAX},
    )
    summary = TextAreaField("Summary", validators=[Length(max=SUMMARY_MAX)])
    people = TextAreaField(
        "People this case involves (one name per line)",
        validators=[Length(max=PEOPLE_MAX * (NAME_MAX + 2))],
    )

    def details(self) -> CaseDetails:
        """What was typed, checked and cleaned (:class:`CaseInputError` if unusable)."""
        return make_details(self.title.data or "", self.summary.data or "", self.people.data or "")


class NewCaseForm(CaseDetailsForm):
    tips = TextAreaField(
        "Tips (ids or tip page addresses)",
        validators=[DataRequired(), Length(max=MAX_TIPS_FIELD)],
    )


class LinkTipsForm(FlaskForm):  # type: ignore[misc]
    tips = TextAreaField(
        "Add tips (ids or tip page addresses)",
        validators=[DataRequired(), Length(max=MAX_TIPS_FIELD)],
    )


class AddToCaseForm(FlaskForm):  # type: ignore[misc]
    """On a tip's page: put this tip into an existing case."""

    # Any case id is accepted here: the view looks it up (404 if none).
    case_id = SelectField(
        "Add this tip to a case", validators=[DataRequired()], validate_choice=False
    )
    tip_id = HiddenField(validators=[InputRequired(), Length(min=32, max=32)])

    def fill(self, cases: Iterable[Case], titles: dict[str, str | None]) -> AddToCaseForm:
        self.case_id.choices = [
            (case.id, titles.get(case.id) or f"Case {case.id[:8]}") for case in cases
        ]
        return self


class CaseStatusForm(FlaskForm):  # type: ignore[misc]
    status = SelectField("Move to", validators=[DataRequired()])
    # The status the reviewer saw: a concurrent change is refused, not overwritten.
    expected = HiddenField(validators=[AnyOf(CASE_STATUSES)])

    def fill(self, case: Case) -> CaseStatusForm:
        self.status.choices = [
            (status, CASE_STATUS_LABELS[status])
            for status in CASE_STATUSES
            if status != case.status
        ]
        if not self.is_submitted():
            self.expected.data = case.status
        return self


class AssigneesForm(FlaskForm):  # type: ignore[misc]
    assignees = checkboxes("Assigned")

    def fill(self, users: Iterable[User], current: Iterable[str]) -> AssigneesForm:
        current_ids = set(current)
        self.assignees.choices = [(user.id, user.username) for user in users]
        if not self.is_submitted():
            self.assignees.data = sorted(current_ids)
        return self


class CaseTagsForm(FlaskForm):  # type: ignore[misc]
    tags = checkboxes("Topics")

    def fill(self, all_tags: Iterable[Tag], current: Iterable[str]) -> CaseTagsForm:
        current_ids = set(current)
        self.tags.choices = tag_choices(all_tags, current_ids)
        if not self.is_submitted():
            self.tags.data = sorted(current_ids)
        return self


class CaseCountiesForm(FlaskForm):  # type: ignore[misc]
    counties = SelectMultipleField("Counties", render_kw={"size": 8})

    def fill(
        self, choices: list[tuple[str, str]], current: Iterable[str], label: dict[str, str]
    ) -> CaseCountiesForm:
        current_list = list(current)
        self.counties.choices = with_current(choices, {fips: label[fips] for fips in current_list})
        if not self.is_submitted():
            self.counties.data = current_list
        return self


class NoteForm(FlaskForm):  # type: ignore[misc]
    body = TextAreaField(
        "Add a note",
        validators=[DataRequired(), Length(max=NOTE_MAX)],
        render_kw={"rows": 5},
    )


class SearchForm(FlaskForm):  # type: ignore[misc]
    # No DataRequired: an empty query gets the service's own, clearer message.
    q = StringField("Search for", render_kw={"maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"})
    # Where to continue: the last tip the previous page looked at (a cursor).
    before = HiddenField()
