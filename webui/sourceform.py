"""The form of a source (the options of `veille sources add`), and the words its pages use
for kinds, statuses and errors (French, translated as the visitor chose)."""

import re
from datetime import datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField, URLField
from wtforms.validators import URL, InputRequired, Length, Optional, Regexp, ValidationError

from veille.collectors import APIS
from veille.collectors.page import KEYS as PAGE_FIELDS
from veille.durations import format_duration
from veille.instance import Instance
from veille.models import LOCAL_TIME, Source
from veille.sources.apisources import api_source
from veille.sources.sourcebook import source_options
from veille.sources.watchlist import make_source

from .filters import date_fr

KINDS = {"feed": _l("Flux (RSS, Atom, JSON Feed)"),
         "page": _l("Page web sans flux (sélecteurs CSS)"),
         "francetravail-offres": _l("Offres d'emploi de France Travail (API, sans adresse)"),
         "francetravail-stats": _l("Statistiques du marché du travail de France Travail (API, "
                                   "sans adresse)")}
# The same, in a word, for the list of sources.
KIND_NAMES = {"feed": _l("Flux"), "page": _l("Page web"),
              "francetravail-offres": _l("Offres France Travail"),
              "francetravail-stats": _l("Statistiques France Travail")}
ADDRESS = URL(require_tld=False, message=_l("Une adresse web complète : http://… ou https://…"))
STATUSES = {"new": _l("nouvelle, jamais collectée"), "ok": _l("en service"),
            "failing": _l("en échec"), "paused": _l("en pause"), "disabled": _l("désactivée")}
# Intervals as `format_duration` spells them ("30m"), by unit, with the number as `n`.
UNITS = {"s": _l("%(n)s s"), "m": _l("%(n)s min"), "h": _l("%(n)s h"), "d": _l("%(n)s j"),
         "w": _l("%(n)s sem.")}
DURATION = re.compile(r"^\s*\d+\s*[smhdjw]\s*$", re.IGNORECASE)
DURATION_HELP = _l("Une durée : un nombre et une unité (m minutes, h heures, d jours), "
                   "ex. 30m, 1h, 2d.")


def _duration(required: bool) -> list:
    first = InputRequired(_l("Indiquez une durée.")) if required else Optional()
    return [first, Regexp(DURATION, message=DURATION_HELP)]


def _selector(label) -> StringField:
    return StringField(label, validators=[Length(max=500)])


class SourceForm(FlaskForm):
    """A source as a documentalist defines it; `editing` holds the id of the source edited."""

    url = URLField(_l("Adresse (URL) du flux ou de la page"), validators=[Length(max=2000)])
    kind = SelectField(_l("Type de source"),
                       choices=[SelectChoice(k, v) for k, v in KINDS.items()], default="feed")
    name = StringField(_l("Nom affiché (par défaut : l'adresse)"), validators=[Length(max=300)])
    every = StringField(_l("Fréquence de collecte (ex. 30m, 1h, 1d)"),
                        validators=_duration(True))
    tags = StringField(_l("Mots-clés donnés à chaque article (séparés par des virgules)"),
                       validators=[Length(max=1000)])
    page_item = _selector(_l("Chaque actualité de la page (obligatoire pour une page)"))
    page_title = _selector(_l("Son titre (par défaut : le premier titre h1 à h4)"))
    page_link = _selector(_l("Son lien (par défaut : le premier lien)"))
    page_date = _selector(_l("Sa date (par défaut : le premier élément time)"))
    page_summary = _selector(_l("Son résumé (par défaut : le premier paragraphe)"))
    full_text = BooleanField(_l("Récupérer le texte complet de chaque nouvel article"))
    full_text_selector = _selector(_l("Élément de l'article sur ces pages (sélecteur CSS ; par "
                                      "défaut, trouvé automatiquement)"))
    keep_for = StringField(_l("Conservation des actualités (ex. 540d ; vide : le réglage "
                              "général)"), validators=_duration(False))
    rome = StringField(_l("Métiers : codes ROME séparés par des virgules (ex. H2913)"),
                       validators=[Length(max=1000)])
    lieux = StringField(_l("Lieux : départements ou communes, par code INSEE ou par nom, "
                           "séparés par des virgules (ex. 57, Thionville)"),
                        validators=[Length(max=1000)])
    editing = HiddenField()

    def validate_url(self, field: URLField) -> None:
        """An address for a feed or a page; an API source has none to give."""
        if self.kind.data in APIS:
            return
        if not (field.data or "").strip():
            raise ValidationError(_l("Indiquez l'adresse de la source."))
        ADDRESS(self, field)

    def source(self, instance: Instance) -> Source:
        """The source the form describes, checked (ConfigError naming the problem)."""
        if self.kind.data in APIS:
            return api_source(instance, self.kind.data, _listed(self.rome.data),
                              _listed(self.lieux.data), name=self.name.data or "",
                              every=self.every.data.strip(),
                              tags=tuple((self.tags.data or "").split(",")))
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
            "keep_for": options.get("keep_for", ""), "editing": str(source.id),
            "rome": ", ".join(options.get("rome", ())),
            "lieux": ", ".join(options.get("lieux", ()))}


def _listed(text: str | None) -> list[str]:
    return [value.strip() for value in (text or "").split(",") if value.strip()]


def moment_fr(moment: datetime | None) -> str:
    """12 mars 2026 à 14:30, in French time (March 12, 2026 at 14:30 in English)."""
    if moment is None:
        return gettext("jamais")
    return gettext("%(day)s à %(time)s", day=date_fr(moment),
                   time=f"{moment.astimezone(LOCAL_TIME):%H:%M}")


def every_fr(seconds: int) -> str:
    """3600 → "1 h", 1800 → "30 min", 172800 → "2 j" ("2 d" in English)."""
    spelt = format_duration(seconds)
    return UNITS[spelt[-1]] % {"n": spelt[:-1]}
