"""Forms for sign-in, the account page and user administration (Flask-WTF).

Length limits here are the first line of defence against oversized input; the
services apply the real rules (password length, username pattern) and raise
domain errors that the views show next to the form.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from tipline.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from tipline.models.user import ROLES

ROLE_LABELS = {
    "admin": "Admin (accounts and settings; holds the key)",
    "reviewer": "Reviewer (reads tips; holds the key)",
    "organizer": "Organizer (exports and figures; never sees tips)",
}


class LoginForm(FlaskForm):  # type: ignore[misc]
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])


class CodeForm(FlaskForm):  # type: ignore[misc]
    code = StringField(
        "6-digit code from your authenticator app",
        validators=[DataRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message="Enter 6 digits.")],
    )


class NewPasswordForm(FlaskForm):  # type: ignore[misc]
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
    )
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", message="The two entries differ.")],
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_LENGTH)])


class CreateUserForm(FlaskForm):  # type: ignore[misc]
    username = StringField(
        "Username",
        validators=[
            DataRequired(),
            Length(min=2, max=64),
            Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", message="Letters, digits, '.', '_', '-'."),
        ],
    )
    role = SelectField(
        "Role",
        choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
        default="reviewer",
    )
