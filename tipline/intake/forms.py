"""The tip form (Flask-WTF, CSRF in the session cookie).

Every message a source can see is our own, translated (``lazy_gettext``);
WTForms' built-in English messages are never shown. The honeypot field
``leave_blank`` is hidden with CSS (not JavaScript) and labelled for screen
readers, so a person who does reach it knows to leave it empty.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from tipline import counties

OTHER_COUNTY = "other"
MAX_TEXT_CHARS = 60_000
MAX_SHORT_CHARS = 500


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def agency_choices() -> list[tuple[str, Any]]:
    return [
        ("ice", lazy_gettext("ICE (immigration enforcement)")),
        ("county_jail", lazy_gettext("County jail")),
        ("local_police", lazy_gettext("Local police")),
        ("courts", lazy_gettext("Courts")),
        ("other", lazy_gettext("Other")),
    ]


def knowledge_choices() -> list[tuple[str, Any]]:
    return [
        ("saw", lazy_gettext("I saw it happen")),
        ("told", lazy_gettext("Someone told me")),
        ("documents", lazy_gettext("I have documents")),
    ]


class MinimumLength:
    """At least ``MIN_TIP_LENGTH`` characters (read from the config at request time)."""

    def __call__(self, form: FlaskForm, field: Any) -> None:
        minimum: int = current_app.config["MIN_TIP_LENGTH"]
        if len(field.data or "") < minimum:
            raise ValidationError(
                gettext(
                    "Please write at least %(num)d characters, so the people reading "
                    "this can understand what happened.",
                    num=minimum,
                )
            )


class CountyForm(FlaskForm):  # type: ignore[misc]  # flask_wtf has no type hints
    """The CSRF token and the county: what both ways of sending a tip have in the clear."""

    county = SelectField(lazy_gettext("County"), default=OTHER_COUNTY, validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = current_app.config["STATES"]
        self.county.choices = [(OTHER_COUNTY, lazy_gettext("Other / not sure"))] + [
            (county.fips, county.label) for county in counties.counties_for(states)
        ]

    def validate_county(self, field: Any) -> None:
        value = field.data or OTHER_COUNTY
        if value != OTHER_COUNTY and not counties.is_valid(value, current_app.config["STATES"]):
            raise ValidationError(gettext("Please choose a county from the list."))

    @property
    def county_fips(self) -> str | None:
        value = self.county.data or OTHER_COUNTY
        return None if value == OTHER_COUNTY else str(value)

    @property
    def csrf_failed(self) -> bool:
        return "csrf_token" in self.errors


class SealedTipForm(CountyForm):
    """The clear fields of a tip sealed in the browser (tipline.intake.sealed).

    The words and files are sealed file parts, checked by the request class;
    the language is checked by the service.
    """

    language = StringField()


class TipForm(CountyForm):
    # The limits, for the sealing script's own checks (it runs them on words
    # the server will never see).
    what_happened_max = MAX_TEXT_CHARS
    short_max = MAX_SHORT_CHARS

    what_happened = TextAreaField(
        lazy_gettext("What happened?"),
        filters=[_strip],
        validators=[
            InputRequired(message=lazy_gettext("Please tell us what happened.")),
            MinimumLength(),
            Length(
                max=MAX_TEXT_CHARS,
                message=lazy_gettext("Please shorten this to %(max)d characters or fewer."),
            ),
        ],
    )
    place = StringField(
        lazy_gettext("Place or facility (optional)"),
        filters=[_strip],
        validators=[Length(max=MAX_SHORT_CHARS, message=lazy_gettext("Please shorten this."))],
    )
    when = StringField(
        lazy_gettext("When did it happen? (optional)"),
        filters=[_strip],
        validators=[Length(max=MAX_SHORT_CHARS, message=lazy_gettext("Please shorten this."))],
    )
    agencies = SelectMultipleField(
        lazy_gettext("Agencies involved (optional)"),
        choices=agency_choices,
        invalid_choice_message=lazy_gettext("Please choose only from the list."),
    )
    knowledge = SelectMultipleField(
        lazy_gettext("How do you know? (optional)"),
        choices=knowledge_choices,
        invalid_choice_message=lazy_gettext("Please choose only from the list."),
    )
    attachments = MultipleFileField(lazy_gettext("Files (optional)"))
    leave_blank = StringField(lazy_gettext("Leave this field empty"))

    @property
    def tripped_honeypot(self) -> bool:
        return bool((self.leave_blank.data or "").strip())
