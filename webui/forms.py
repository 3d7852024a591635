"""Forms several pages share."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired


class ShareForm(FlaskForm):
    """Share something of one's own with the team ("1") or make it private again ("0")."""

    shared = HiddenField(validators=[InputRequired()])
