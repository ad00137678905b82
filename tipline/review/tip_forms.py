"""Forms for the tip page and the tag admin page (Flask-WTF, CSRF on).

Choices are filled per request from the services (the statuses a tip may
move to, this instance's counties, the active tags), so WTForms' own choice
check refuses anything else before a service sees it; the services check
again, since a form is only the first line of defence. The case forms
(tipline.review.case_forms) build their topic and county choices with the
same helpers: :func:`checkboxes`, :func:`tag_choices`, :func:`with_current`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from tipline.models.tag import TAG_NAME_MAX, Tag
from tipline.models.tip import TIP_STATUSES, Tip
from tipline.tips.workflow import STATUS_LABELS, allowed_transitions

Choices = list[tuple[str, str]]


def checkboxes(label: str) -> SelectMultipleField:
    """A multiple choice shown as a list of checkboxes."""
    return SelectMultipleField(
        label, widget=ListWidget(prefix_label=False), option_widget=CheckboxInput()
    )


def tag_choices(all_tags: Iterable[Tag], current_ids: Collection[str]) -> Choices:
    """The tags on offer: active ones, and retired ones already chosen (marked so)."""
    return [
        (tag.id, f"{tag.name} (retired)" if tag.retired else tag.name)
        for tag in all_tags
        if not tag.retired or tag.id in current_ids
    ]


def with_current(choices: Choices, current: Mapping[str, str]) -> Choices:
    """``choices``, led by any current value (code: label) that is not among them.

    A county from before the instance's states changed stays selectable as
    itself, marked "(current)", so saving the form never changes it by accident.
    """
    values = {value for value, _ in choices}
    extra = [(value, f"{label} (current)") for value, label in current.items()]
    return [item for item in extra if item[0] not in values] + choices


class StatusForm(FlaskForm):  # type: ignore[misc]
    # The service is the judge of transitions (a clear message, not "not a valid
    # choice"), so the choice list here is for display only.
    status = SelectField("Move to", validators=[DataRequired()], validate_choice=False)
    # The status the reviewer saw: a concurrent change is refused, not overwritten.
    expected = HiddenField(validators=[AnyOf(TIP_STATUSES)])

    def fill(self, tip: Tip) -> StatusForm:
        self.status.choices = [(s, STATUS_LABELS[s]) for s in allowed_transitions(tip.status)]
        if not self.is_submitted():
            self.expected.data = tip.status
        return self


class CountyForm(FlaskForm):  # type: ignore[misc]
    county = SelectField("County", validate_choice=True)

    def fill(self, tip: Tip, choices: list[tuple[str, str]], current_label: str) -> CountyForm:
        current = tip.county_fips or ""
        self.county.choices = with_current(choices, {current: current_label})
        if not self.is_submitted():
            self.county.data = current
        return self


class TagsForm(FlaskForm):  # type: ignore[misc]
    tags = checkboxes("Topics")

    def fill(self, all_tags: Iterable[Tag], current: Iterable[Tag]) -> TagsForm:
        current_ids = {tag.id for tag in current}
        self.tags.choices = tag_choices(all_tags, current_ids)
        if not self.is_submitted():
            self.tags.data = sorted(current_ids)
        return self


class ReadForm(FlaskForm):  # type: ignore[misc]
    state = HiddenField(validators=[InputRequired(), AnyOf(("read", "unread"))])


class TagNameForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        "Name", validators=[DataRequired(), Length(max=TAG_NAME_MAX)], render_kw={"maxlength": 60}
    )


class RetireForm(FlaskForm):  # type: ignore[misc]
    retired = HiddenField(validators=[InputRequired(), AnyOf(("1", "0"))])


class BulkSpamForm(FlaskForm):  # type: ignore[misc]
    """The window of a bulk "mark as spam" (the filters ride along as hidden fields)."""

    window_start = StringField("From (UTC)", validators=[InputRequired()])
    window_end = StringField("Until (UTC)", validators=[InputRequired()])
    # The count the reviewer confirmed; absent on the first step.
    expected = HiddenField()


class ConfirmDeletionForm(FlaskForm):  # type: ignore[misc]
    # A tick box rather than a bare button: deleting a tip cannot be undone.
    confirm = BooleanField(
        "I understand that this deletes the tip for good",
        validators=[DataRequired(message="Tick the box to confirm.")],
    )
