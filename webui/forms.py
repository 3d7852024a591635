"""Forms several pages share."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired


class ShareForm(FlaskForm):
    """Share something of one's own with the team ("1") or make it private again ("0")."""

    shared = HiddenField(validators=[InputRequired()])


class ConfirmForm(FlaskForm):
    """The second step of an action that asks first: the button of its confirmation page
    sends `confirmed`; the first POST (without it) shows that page."""

    confirmed = HiddenField()

    def confirmed_now(self) -> bool:
        """Whether this POST is valid and confirms the action."""
        return self.validate_on_submit() and self.confirmed.data == "1"
