"""The form of a source (the options of `veille sources add`), and the French words its
pages use for kinds, statuses and errors."""

import re
from datetime import datetime

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField, URLField
from wtforms.validators import URL, InputRequired, Length, Optional, Regexp

from veille.collectors.page import KEYS as PAGE_FIELDS
from veille.durations import format_duration
from veille.errors import ConfigError, FetchError, ParseError, VeilleError
from veille.models import LOCAL_TIME, Source
from veille.sourcebook import source_options
from veille.watchlist import make_source

from .filters import date_fr

KINDS = {"feed": "Flux (RSS, Atom, JSON Feed)", "page": "Page web sans flux (sélecteurs CSS)"}
STATUSES = {"new": "nouvelle, jamais collectée", "ok": "en service", "failing": "en échec",
            "paused": "en pause", "disabled": "désactivée"}
PROBLEMS = {
    FetchError: "Cette adresse n'a pas pu être téléchargée.",
    ParseError: "Le contenu reçu n'a pas pu être lu comme une source de ce type.",
    ConfigError: "La source est mal définie.",
}
UNITS = {"s": "s", "m": "min", "h": "h", "d": "j", "w": "sem."}
DURATION = re.compile(r"^\s*\d+\s*[smhdjw]\s*$", re.IGNORECASE)
DURATION_HELP = ("Une durée : un nombre et une unité (m minutes, h heures, d jours), "
                 "ex. 30m, 1h, 2d.")


def _duration(required: bool) -> list:
    first = InputRequired("Indiquez une durée.") if required else Optional()
    return [first, Regexp(DURATION, message=DURATION_HELP)]


def _selector(label: str) -> StringField:
    return StringField(label, validators=[Length(max=500)])


class SourceForm(FlaskForm):
    """A source as a documentalist defines it; `editing` holds the id of the source edited."""

    url = URLField("Adresse (URL) du flux ou de la page", validators=[
        InputRequired("Indiquez l'adresse de la source."),
        URL(require_tld=False, message="Une adresse web complète : http://… ou https://…"),
        Length(max=2000)])
    kind = SelectField("Type de source", choices=[SelectChoice(k, v) for k, v in KINDS.items()],
                       default="feed")
    name = StringField("Nom affiché (par défaut : l'adresse)", validators=[Length(max=300)])
    every = StringField("Fréquence de collecte (ex. 30m, 1h, 1d)", validators=_duration(True))
    tags = StringField("Mots-clés donnés à chaque article (séparés par des virgules)",
                       validators=[Length(max=1000)])
    page_item = _selector("Chaque actualité de la page (obligatoire pour une page)")
    page_title = _selector("Son titre (par défaut : le premier titre h1 à h4)")
    page_link = _selector("Son lien (par défaut : le premier lien)")
    page_date = _selector("Sa date (par défaut : le premier élément time)")
    page_summary = _selector("Son résumé (par défaut : le premier paragraphe)")
    full_text = BooleanField("Récupérer le texte complet de chaque nouvel article")
    full_text_selector = _selector("Élément de l'article sur ces pages (sélecteur CSS ; par "
                                   "défaut, trouvé automatiquement)")
    keep_for = StringField("Conservation des actualités (ex. 540d ; vide : le réglage général)",
                           validators=_duration(False))
    editing = HiddenField()

    def source(self) -> Source:
        """The source the form describes, checked (ConfigError naming the problem)."""
        selectors = {}
        if self.kind.data == "page":
            selectors = {key: self[f"page_{key}"].data.strip() for key in PAGE_FIELDS
                         if (self[f"page_{key}"].data or "").strip()}
        options = source_options(selectors, self.full_text.data,
                                 (self.full_text_selector.data or "").strip() or None,
                                 (self.keep_for.data or "").strip() or None)
        return make_source(self.url.data.strip(), name=self.name.data or "",
                           kind=self.kind.data, every=self.every.data.strip(),
                           tags=tuple((self.tags.data or "").split(",")), options=options)


def form_data(source: Source) -> dict:
    """What the form shows of a stored source."""
    options, selectors = source.options, source.options.get("page", {})
    return {"url": source.url, "kind": source.kind, "name": source.name,
            "every": format_duration(source.every), "tags": ", ".join(source.tags),
            **{f"page_{key}": selectors.get(key, "") for key in PAGE_FIELDS},
            "full_text": bool(options.get("full_text")),
            "full_text_selector": options.get("full_text_selector", ""),
            "keep_for": options.get("keep_for", ""), "editing": str(source.id)}


def problem(error: VeilleError) -> str:
    """An error in French, with veille's own words as the detail."""
    sentence = next((text for kind, text in PROBLEMS.items() if isinstance(error, kind)),
                    "La source n'a pas pu être lue.")
    return f"{sentence} Détail : {error}"


def moment_fr(moment: datetime | None) -> str:
    """12 mars 2026 à 14:30, in French time."""
    if moment is None:
        return "jamais"
    return f"{date_fr(moment)} à {moment.astimezone(LOCAL_TIME):%H:%M}"


def every_fr(seconds: int) -> str:
    """3600 → "1 h", 1800 → "30 min", 172800 → "2 j"."""
    spelt = format_duration(seconds)
    return f"{spelt[:-1]} {UNITS[spelt[-1]]}"
