"""The forms of the bulletin pages, and reading a draft's entries back from its edit form
(position, comment and "remove" fields for each entry, numbered from 1)."""

from dataclasses import replace

from flask import request
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from veille.diffuse import bulletins, dossiers
from veille.models import LOCAL_TIME, Bulletin, BulletinEntry
from veille.store import subscribers as subscriber_store

from .context import instance

NO_DOSSIER = ""


class BulletinForm(FlaskForm):
    title = StringField(_l("Titre"),
                        validators=[InputRequired(), Length(max=bulletins.TITLE_CHARS)])
    editorial = TextAreaField(
        _l("Éditorial (texte simple ; une ligne vide sépare les paragraphes)"),
        validators=[Length(max=20_000)])


class NewBulletinForm(BulletinForm):
    dossier = SelectField(_l("Reprendre un dossier (son ordre et ses notes)"), choices=[],
                          default=NO_DOSSIER)


class SendForm(FlaskForm):
    list_id = SelectField(_l("Liste d'abonnés"), choices=[], default="")
    recipients = TextAreaField(
        _l("Autres destinataires (une adresse par ligne, ou séparées par des virgules)"),
        validators=[Length(max=100_000)])
    send_at = DateTimeLocalField(_l("Programmer l'envoi (heure de Paris ; vide : tout de suite)"),
                                 format="%Y-%m-%dT%H:%M", validators=[Optional()])

    def chosen_list(self) -> int | None:
        return int(self.list_id.data) if self.list_id.data else None

    def moment(self):
        """The planned time, aware (French time), or None: send now."""
        return self.send_at.data.replace(tzinfo=LOCAL_TIME) if self.send_at.data else None


def send_form(**values) -> SendForm:
    """The sending form, offering the lists of subscribers with their confirmed counts."""
    form = SendForm(**values)
    with instance().engine.connect() as conn:
        found = subscriber_store.lists(conn)
    form.list_id.choices = [("", gettext("— aucune —"))] + [
        (str(each.id), ngettext("%(name)s (%(num)d abonné)", "%(name)s (%(num)d abonnés)",
                                counts.get(subscriber_store.CONFIRMED, 0), name=each.name))
        for each, counts in found]
    return form


def new_form() -> NewBulletinForm:
    form = NewBulletinForm()
    found = dossiers.visible(instance(), current_user.user)  # never a colleague's private one
    form.dossier.choices = [(NO_DOSSIER, gettext("— aucun —"))] + [
        (str(dossier.id), _named_size(dossier.name, dossier.size)) for dossier in found]
    return form


def _named_size(name: str, size: int) -> str:
    return ngettext("%(name)s (%(num)d document)", "%(name)s (%(num)d documents)", size,
                    name=name)


def chosen_dossier(form: NewBulletinForm) -> int | None:
    return int(form.dossier.data) if form.dossier.data else None


def chosen_items() -> list[str]:
    """The ids of the items ticked in the list of curated items."""
    return request.form.getlist("items")


def edited_entries(bulletin: Bulletin) -> list[BulletinEntry]:
    """The draft's entries as its edit form leaves them: those not marked for removal, in
    the order of their positions (ties keep the order they had), with their comments."""
    kept = []
    for number, entry in enumerate(bulletin.entries, start=1):
        if request.form.get(f"remove-{number}"):
            continue
        comment = request.form.get(f"comment-{number}", entry.comment)
        kept.append((_position(number), number, replace(entry, comment=comment.strip())))
    return [entry for _, _, entry in sorted(kept, key=lambda found: found[:2])]


def _position(number: int) -> int:
    try:
        return int(request.form.get(f"position-{number}", number))
    except ValueError:
        return number
