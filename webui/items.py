"""The page of one item: its content, every source that brought it, the same story elsewhere,
its jobs, skills and places (which documentalists edit)."""

from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from veille.curate import curation as curating
from veille.curate import notes
from veille.curate.sectors import SECTORS
from veille.diffuse import dossiers
from veille.errors import IndexUnavailable, InvalidRequest
from veille.index.search import Similar
from veille.library import catalogue
from veille.models import Curation
from veille.store import curation as curation_store
from veille.store import items as item_store
from veille.store import resources as resource_store
from veille.store import stories
from veille.tags import entry, itemtags
from veille.text.labels import normalise_tags

from .access import can, sees_everything
from .context import instance
from .dossiers import AddToDossierForm
from .forms import ConfirmForm
from .language import translated
from .notes import form_for

bp = Blueprint("items", __name__, url_prefix="/items")
SIMILAR = 5


@bp.get("/<item_id>")
def show(item_id: str):
    if not sees_everything():
        return redirect(url_for("portal.item", item_id=item_id))
    return _page(item_id)


def _page(item_id: str, tag_form: "TagForm | None" = None, tag_error: str = "") -> str:
    """The item's page; `tag_form` and `tag_error` show a refused tag edit again."""
    with instance().engine.connect() as conn:
        item = item_store.get(conn, item_id)
        record = resource_store.by_id(conn, item_id) if item.kind == "resource" else None
        # What only some visitors see is read only for them (the page is public).
        curation = curation_store.get(conn, item_id) if can("items.curate") else None
        also_in = item_store.sources_of(conn, item_id)[1:]
        story = stories.members(conn, item.story_id) if item.story_id else []
        tags = entry.item_tags(conn, item_id)
    person = current_user.user if current_user.is_authenticated else None
    baskets = dossiers.changeable(instance(), person) if person and can("dossiers.add") else []
    note = notes.of_item(instance(), person, item_id) if person and can("notes.save") else None
    retold = [member for member in story if member.id != item.id]
    told_ids = {member.id for member in story}
    similar = [s for s in _similar(item_id, SIMILAR + len(retold)) if s.id not in told_ids]
    return render_template(
        "items/show.html", item=item, also_in=also_in, retold=retold, similar=similar[:SIMILAR],
        record=record, curation=curation,
        form=CurationForm(obj=_form_values(curation)) if curation else None,
        publish_form=_publish_form(obj=_publish_values(curation, tags)) if curation else None,
        dossiers=baskets, dossier_form=AddToDossierForm(), note=note, note_form=form_for(note),
        tags=tags, tag_kinds=TAG_KINDS, tag_form=tag_form or TagForm(), tag_error=tag_error,
        promote_form=ConfirmForm(),
    )


class CurationForm(FlaskForm):
    starred = BooleanField(_l("Favori"))
    hidden = BooleanField(_l("Masqué dans les recherches"))
    tags = StringField(_l("Mots-clés de la Maison (séparés par des virgules)"))
    note = TextAreaField(_l("Note de l'équipe (interne, lue par les documentalistes)"))


@bp.post("/<item_id>/curate")
def curate(item_id: str):
    """Set the item's star, hidden state, tags and note as the form says."""
    form = CurationForm()
    if not form.validate_on_submit():
        abort(400)
    with instance().engine.connect() as conn:
        current = curation_store.get(conn, item_id)
    wanted = tuple(tag for tag in (form.tags.data or "").split(",") if tag.strip())
    curating.curate(
        instance(), item_id, current_user.user.email, star=form.starred.data,
        hide=form.hidden.data, note=form.note.data or "", add_tags=wanted,
        remove_tags=tuple(set(current.tags) - set(normalise_tags(wanted))),
    )
    flash(gettext("Curation enregistrée."))
    return redirect(url_for("items.show", item_id=item_id))


class PublishForm(FlaskForm):
    published = BooleanField(_l("Publié sur le portail des employeurs"))
    sectors = SelectMultipleField(
        _l("Secteurs"), choices=[SelectChoice(code, label) for code, label in SECTORS.items()],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    places = StringField(_l("Territoires (séparés par des virgules, ex. Moselle, Metz)"))


def _publish_form(**values) -> PublishForm:
    """The publication form, its sectors named in the visitor's language."""
    form = PublishForm(**values)
    form.sectors.choices = [SelectChoice(code, translated(label))
                            for code, label in SECTORS.items()]
    return form


@bp.post("/<item_id>/publish")
def publish(item_id: str):
    """Put the item on the employers' portal, or take it off, as the form says."""
    form = _publish_form()
    if not form.validate_on_submit():
        abort(400)
    places = tuple((form.places.data or "").split(","))
    done = curating.publish(instance(), item_id, current_user.user.email, form.published.data,
                            tuple(form.sectors.data or ()), places)
    flash(gettext("Publié sur le portail.") if done.published else gettext("Retiré du portail."))
    return redirect(url_for("items.show", item_id=item_id))


@bp.post("/<item_id>/promote")
def promote(item_id: str):
    """Make a news item a resource of the catalogue (as `veille items promote`), once
    confirmed; then its record, prefilled from the item, to complete."""
    form = ConfirmForm()
    if not form.confirmed_now():
        if not form.validate_on_submit():
            abort(400)
        with instance().engine.connect() as conn:
            item = item_store.get(conn, item_id)
        return render_template("items/promote.html", item=item, form=form)
    try:
        added = catalogue.promote(instance(), item_id, current_user.user.email)
    except InvalidRequest:
        flash(gettext("Ce document est déjà une ressource du catalogue."))
        return redirect(url_for("items.show", item_id=item_id))
    flash(gettext("Versé au catalogue : complétez sa notice.") if added.status == "new"
          else gettext("Cet article est déjà au catalogue : voici sa notice."))
    return redirect(url_for("resources.edit", resource_id=added.resource.id))


# The kinds of item tags (store.tags.KINDS), as the page names them.
TAG_KINDS = {"rome": _l("Métiers"), "domaine": _l("Domaines professionnels"),
             "grand_domaine": _l("Grands domaines"), "skill": _l("Compétences"),
             "place": _l("Lieux")}


class TagForm(FlaskForm):
    """Add a job or a place to the item's tags (`kind`, `value`), or remove one (`remove`,
    sent by the button of each tag)."""

    kind = SelectField(_l("Type"), choices=[SelectChoice("rome", _l("Métier")),
                                            SelectChoice("lieu", _l("Lieu"))],
                       default="rome", id="tag-kind")
    value = StringField(_l("Code ou nom (ex. H2913, soudeur, 57, Moselle)"), id="tag-value")
    remove = HiddenField()


@bp.post("/<item_id>/tags")
def edit_tags(item_id: str):
    """Add a job or a place to the item's tags, or remove a tag: the change is kept when
    items are tagged again, and the index follows at once, so searches find it."""
    form = TagForm()
    if not form.validate_on_submit():
        abort(400)
    veille = instance()
    removed = [form.remove.data] if form.remove.data else []
    try:
        added = [] if removed else [entry.meant(veille.engine, form.kind.data,
                                                   form.value.data or "")]
    except InvalidRequest as refused:
        return _page(item_id, form, str(refused)), 400
    edited = itemtags.edit(veille, item_id, [tag for tag, _ in added], removed,
                           current_user.user.email)
    if not edited.changed:
        flash(gettext("Rien n'a changé : l'étiquette y était déjà, ou n'y était plus."))
    elif added:
        flash(gettext("Ajouté : %(label)s.", label=added[0][1]))
    else:
        flash(gettext("Étiquette retirée."))
    return redirect(url_for("items.show", item_id=item_id, _anchor="tags"))


def _publish_values(curation: Curation, tags: dict[str, list[entry.ItemTag]]
                    ) -> SimpleNamespace:
    """The publication as it stands; an item never published gets its tags as a proposal:
    the grands domaines of its jobs as sectors, the départements it names as places."""
    if curation.published or curation.sectors or curation.places:
        return SimpleNamespace(published=curation.published, sectors=list(curation.sectors),
                               places=", ".join(curation.places))
    sectors = [tag.value for tag in tags.get("grand_domaine", ()) if tag.value in SECTORS]
    places = [tag.label for tag in tags.get("place", ()) if tag.value.startswith("departement:")]
    return SimpleNamespace(published=False, sectors=sectors, places=", ".join(places))


def _form_values(curation: Curation) -> SimpleNamespace:
    return SimpleNamespace(starred=curation.starred, hidden=curation.hidden,
                           tags=", ".join(curation.tags), note=curation.note)


def _similar(item_id: str, limit: int) -> list[Similar]:
    """Similar items, or none while the index is unavailable: the item itself is in the store."""
    try:
        return instance().index.similar(item_id, limit)
    except IndexUnavailable:
        return []
