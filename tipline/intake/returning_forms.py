"""Forms for a source who comes back: the receipt phrase, a message, sign-out.

Flask-WTF forms with the CSRF token in the intake's session cookie (a random
value, unrelated to the phrase). Every message a source can see is ours and
translated. The phrase field is never filled back in: a page that failed to
sign in must not carry the phrase (or most of it) in its HTML.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from tipline.conversation.messages import MAX_TEXT_CHARS

# Seven words of at most nine letters and their spaces fit in far less; the
# rest is room for a source who types separators or spaces generously.
MAX_PHRASE_CHARS = 200


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class PhraseForm(FlaskForm):  # type: ignore[misc]  # flask_wtf has no type hints
    phrase = StringField(
        lazy_gettext("Your receipt phrase"),
        filters=[_strip],
        validators=[
            InputRequired(message=lazy_gettext("Please type your receipt phrase.")),
            Length(
                max=MAX_PHRASE_CHARS, message=lazy_gettext("That is longer than a receipt phrase.")
            ),
        ],
    )

    @property
    def csrf_failed(self) -> bool:
        return "csrf_token" in self.errors


class MessageForm(FlaskForm):  # type: ignore[misc]
    body = TextAreaField(
        lazy_gettext("Your message"),
        filters=[_strip],
        validators=[
            Length(
                max=MAX_TEXT_CHARS,
                message=lazy_gettext("Please shorten this to %(max)d characters or fewer."),
            )
        ],
    )
    attachments = MultipleFileField(lazy_gettext("Add files (optional)"))

    @property
    def csrf_failed(self) -> bool:
        return "csrf_token" in self.errors


class SignOutForm(FlaskForm):  # type: ignore[misc]
    """No fields: only the CSRF token, so no other site can sign a source out."""
