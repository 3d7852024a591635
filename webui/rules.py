"""Keep and block rules for documentalists: try a rule on the latest 500 items, then save
it; delete one. The rules apply at the next collection (`veille rules apply` for stored
items)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from veille.curate import rulebook
from veille.enrich.regex import UnsupportedRegex
from veille.errors import InvalidRequest
from veille.models import Rule
from veille.store import sources as source_store

from .context import instance
from .forms import ConfirmForm

bp = Blueprint("rules", __name__, url_prefix="/rules")
ACTIONS = [("block", _l("Écarter ce qui correspond")),
           ("keep", _l("Ne garder que ce qui correspond (avec les autres règles « garder »)"))]
MATCHES = [("words", _l("tous ces mots")), ("phrase", _l("cette expression")),
           ("regex", _l("cette expression régulière")), ("source", _l("la source nommée")),
           ("tag", _l("le mot-clé"))]
SHOWN = 50  # titles of a preview
ALL_SOURCES = _l("toutes les sources")


def _choices(pairs: list[tuple]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class RuleForm(FlaskForm):
    action = RadioField(_l("Action"), choices=_choices(ACTIONS), default="block")
    match = SelectField(_l("Correspondance"), choices=_choices(MATCHES))
    value = StringField(_l("Valeur"), validators=[InputRequired(), Length(max=500)])
    source = SelectField(_l("Pour"), choices=[], default="")


@bp.get("")
def index():
    return _page(_form())


@bp.post("/preview")
def preview():
    form = _form()
    if not form.validate_on_submit():
        return _page(form), 400
    try:
        found = rulebook.preview(instance(), _rule(form))
    except InvalidRequest as refused:
        return _page(form, error=_explained(refused)), 400
    return _page(form, preview=found)


@bp.post("/new")
def save():
    form = _form()
    if not form.validate_on_submit():
        return _page(form), 400
    try:
        rulebook.save(instance(), _rule(form), current_user.user.email)
    except InvalidRequest as refused:
        return _page(form, error=_explained(refused)), 400
    flash(gettext("Règle enregistrée : elle s'applique dès la prochaine collecte."))
    return redirect(url_for("rules.index"))


@bp.post("/<int:rule_id>/delete")
def delete(rule_id: int):
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("rules.index"))
    rulebook.remove(instance(), rule_id, current_user.user.email)
    flash(gettext("Règle supprimée."))
    return redirect(url_for("rules.index"))


@bp.post("/<int:rule_id>/apply")
def apply(rule_id: int):
    """Apply a rule to the items already stored (`veille rules apply`): first what it would
    delete, then, confirmed, the deletion."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("rules.index"))
    veille, actor = instance(), current_user.user.email
    try:
        if not form.confirmed_now():
            doomed = rulebook.apply(veille, rule_id, actor, dry_run=True)
            return render_template("rules/apply.html", rule=_stored(rule_id), doomed=doomed,
                                   shown=SHOWN, form=form, matches=dict(MATCHES))
        deleted = rulebook.apply(veille, rule_id, actor)
    except InvalidRequest as refused:
        flash(_explained(refused))
        return redirect(url_for("rules.index"))
    flash(ngettext("%(num)d article supprimé.", "%(num)d articles supprimés.", len(deleted)))
    return redirect(url_for("rules.index"))


def _stored(rule_id: int) -> Rule:
    return next(rule for rule, _ in rulebook.listed(instance()) if rule.id == rule_id)


def _form() -> RuleForm:
    form = RuleForm()
    with instance().engine.connect() as conn:
        sources = source_store.all_sources(conn)
    form.source.choices = _choices([("", ALL_SOURCES)] + [(str(s.id), s.name) for s in sources])
    return form


def _rule(form: RuleForm) -> Rule:
    source_id = int(form.source.data) if form.source.data else None
    return Rule(form.action.data, form.match.data, form.value.data, source_id)


def _explained(refused: InvalidRequest) -> str:
    """Why a rule is refused, or skipped at collection, in the visitor's language."""
    if isinstance(refused, UnsupportedRegex):
        return gettext("Expression régulière non prise en charge : « %(found)s » (les "
                       "références arrière et les assertions comme \\1, (?=…), (?<=…) ou "
                       "\\b ne sont pas permises ; pour un mot entier, écrivez "
                       "(^|\\W)mot(\\W|$)).", found=refused.found)
    return gettext("Règle invalide : %(detail)s", detail=refused)


def _page(form: RuleForm, preview: rulebook.Preview | None = None, error: str | None = None):
    rules = [(rule, skipped and _explained(skipped))
             for rule, skipped in rulebook.listed(instance())]
    names = {choice.value: choice.label for choice in form.source.choices}
    return render_template("rules/index.html", form=form, rules=rules, preview=preview,
                           error=error, shown=SHOWN, source_names=names,
                           matches=dict(MATCHES), delete_form=FlaskForm())
