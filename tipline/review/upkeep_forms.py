"""Forms for the admin upkeep page (retention) and the account page (notifications)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, IntegerField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from tipline.models.notification import NOTIFY_MODES
from tipline.models.retention import MAX_RETENTION_DAYS, RETENTION_POLICIES

RETENTION_CHOICES = [
    SelectChoice("configuration", "Follow the configuration"),
    SelectChoice("forever", "Keep forever"),
    SelectChoice("days", "Delete after this many days:"),
]
NOTIFY_CHOICES = [
    SelectChoice("off", "No email"),
    SelectChoice("immediate", "An email soon after something new arrives"),
    SelectChoice("daily", "At most one email a day"),
]


class RetentionForm(FlaskForm):  # type: ignore[misc]
    policy = HiddenField(validators=[InputRequired(), AnyOf(RETENTION_POLICIES)])
    choice = RadioField("Keep", choices=RETENTION_CHOICES, validators=[InputRequired()])
    days = IntegerField(
        "Days",
        validators=[
            Optional(),
            NumberRange(
                min=1, max=MAX_RETENTION_DAYS, message=f"From 1 to {MAX_RETENTION_DAYS} days."
            ),
        ],
    )

    def validate(self, extra_validators: object = None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.choice.data == "days" and self.days.data is None:
            self.days.errors = [*self.days.errors, "Enter a number of days."]
            return False
        return True


class NotificationForm(FlaskForm):  # type: ignore[misc]
    mode = RadioField(
        "Email me when there is new activity",
        choices=NOTIFY_CHOICES,
        validators=[InputRequired(), AnyOf(("off", *NOTIFY_MODES))],
    )
    # The service checks the address itself (tipline.notify.subscriptions).
    email = EmailField("Email address", validators=[Optional(), Length(max=254)])
