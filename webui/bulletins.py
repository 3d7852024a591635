"""Watch bulletins in the web UI: documentalists draft one from curated items or a dossier,
preview the email, send it to a list; a sent bulletin is a public page, in the archive.

The preview shows the email's own HTML in a sandboxed frame, served with a policy of its
own (no script, inline styles only there), so the page around it keeps the site's policy.
"""

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext, ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from veille.diffuse import bulletinmail, bulletinpdf, bulletins, maison
from veille.diffuse.mailer import MailError
from veille.errors import InvalidRequest
from veille.models import Bulletin, stored_id
from veille.store import bulletins as bulletin_store

from . import problems
from .access import can
from .bulletinform import (
    BulletinForm,
    SendForm,
    chosen_dossier,
    chosen_items,
    edited_entries,
    new_form,
    send_form,
)
from .context import instance, site_url
from .filters import day_label
from .language import translated

bp = Blueprint("bulletins", __name__, url_prefix="/bulletins")
# The email shown in the preview frame: its inline styles, nothing else, framed by us only.
EMAIL_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
                "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox")
MANAGE = "bulletins.index"
bp.add_app_template_global(bulletinmail.web_link, "web_link")


@bp.get("")
def index():
    with instance().engine.connect() as conn:
        found = bulletin_store.all_bulletins(conn)
    return render_template("bulletins/index.html", drafts=[b for b in found if not b.sent],
                           sent=[b for b in found if b.sent])


@bp.get("/archive")
def archive():
    with instance().engine.connect() as conn:
        found = bulletin_store.sent(conn)
    return render_template("bulletins/archive.html", bulletins=found)


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = new_form()
    if not form.validate_on_submit():
        return _new_page(form), 400 if form.is_submitted() else 200
    try:
        bulletin = bulletins.draft(instance(), form.title.data, form.editorial.data or "",
                                   _actor(), item_ids=chosen_items(),
                                   dossier_id=chosen_dossier(form))
    except InvalidRequest as exc:
        return _new_page(form, error=translated(str(exc))), 400
    flash(gettext("Brouillon enregistré : vérifiez l'aperçu avant l'envoi."))
    return redirect(url_for("bulletins.show", bulletin_id=bulletin.id))


@bp.get("/<int:bulletin_id>")
def show(bulletin_id: int):
    """A sent bulletin, to anyone; a draft's preview, to documentalists only."""
    bulletin = _bulletin(bulletin_id)
    if bulletin.sent:
        return render_template("bulletins/archived.html", bulletin=bulletin,
                               editorial=bulletinmail.paragraphs(bulletin.editorial))
    return _preview_page(bulletin, send_form(recipients=_last_recipients()))


@bp.get("/<int:bulletin_id>/email.html")
def email(bulletin_id: int):
    """The HTML of the bulletin's email, exactly as it is (or was) sent."""
    body = bulletinmail.html_body(_bulletin(bulletin_id), site_url(),
                                  bulletins.letterhead(instance()))
    return Response(body, mimetype="text/html",
                    headers={"Content-Security-Policy": EMAIL_POLICY})


@bp.route("/<int:bulletin_id>/edit", methods=["GET", "POST"])
def edit(bulletin_id: int):
    bulletin = _draft(bulletin_id)
    form = BulletinForm(obj=bulletin)
    if not form.validate_on_submit():
        return _edit_page(bulletin, form), 400 if form.is_submitted() else 200
    try:
        bulletins.revise(instance(), bulletin_id, _actor(), title=form.title.data,
                         editorial=form.editorial.data or "", entries=edited_entries(bulletin),
                         add_ids=chosen_items())
    except InvalidRequest as exc:
        return _edit_page(bulletin, form, error=translated(str(exc))), 400
    flash(gettext("Brouillon modifié."))
    return redirect(url_for("bulletins.show", bulletin_id=bulletin_id))


@bp.post("/<int:bulletin_id>/send")
def send(bulletin_id: int):
    bulletin = _draft(bulletin_id)
    form = send_form()
    if not form.validate_on_submit():
        return _preview_page(bulletin, form, gettext("Vérifiez le formulaire d'envoi.")), 400
    if form.moment():
        return _schedule(bulletin, form)
    try:
        count = bulletins.send(instance(), bulletin_id, form.recipients.data or "", _actor(),
                               form.chosen_list(), request.url_root)
    except InvalidRequest as exc:
        return _preview_page(bulletin, form, translated(str(exc))), 400
    except bulletins.PartlySent as exc:
        said = ngettext("L'envoi s'est interrompu. %(problem)s Le bulletin est parti vers "
                        "%(num)d destinataire, qui ne le recevra pas deux fois : réessayez "
                        "et il partira vers les autres seulement.",
                        "L'envoi s'est interrompu. %(problem)s Le bulletin est parti vers "
                        "%(num)d destinataires, qui ne le recevront pas deux fois : "
                        "réessayez et il partira vers les autres seulement.",
                        exc.delivered, problem=problems.sentence(exc.kind))
        return _preview_page(bulletin, form, problems.of(exc.cause, said)), 502
    except MailError as exc:
        said = gettext("L'envoi a échoué. %(problem)s Le bulletin reste un brouillon ; "
                       "vérifiez les réglages [smtp] ou réessayez plus tard.",
                       problem=problems.sentence(exc.kind))
        return _preview_page(bulletin, form, problems.of(exc, said)), 502
    flash(ngettext("Bulletin envoyé à %(num)d destinataire.",
                   "Bulletin envoyé à %(num)d destinataires.", count))
    return redirect(url_for("bulletins.show", bulletin_id=bulletin_id))


def _schedule(bulletin: Bulletin, form: SendForm):
    try:
        bulletins.schedule(instance(), stored_id(bulletin), form.moment(),
                           form.recipients.data or "", _actor(), form.chosen_list())
    except InvalidRequest as exc:
        return _preview_page(bulletin, form, translated(str(exc))), 400
    flash(gettext("Envoi programmé."))
    return redirect(url_for("bulletins.show", bulletin_id=bulletin.id))


@bp.post("/<int:bulletin_id>/unschedule")
def unschedule(bulletin_id: int):
    _draft(bulletin_id)
    if FlaskForm().validate_on_submit():
        bulletins.unschedule(instance(), bulletin_id, _actor())
        flash(gettext("Envoi programmé annulé : le bulletin reste un brouillon."))
    return redirect(url_for("bulletins.show", bulletin_id=bulletin_id))


@bp.get("/<int:bulletin_id>.pdf")
def pdf(bulletin_id: int):
    """The bulletin as a PDF, to print or attach (a draft's, to documentalists only)."""
    bulletin = _bulletin(bulletin_id)
    document = bulletinpdf.render(bulletin, site_url(),
                                  maison.of(instance().settings),
                                  maison.logo(instance().settings))
    return Response(document, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="bulletin-{bulletin_id}.pdf"'})


@bp.post("/<int:bulletin_id>/delete")
def delete(bulletin_id: int):
    _draft(bulletin_id)
    if FlaskForm().validate_on_submit():
        bulletins.delete(instance(), bulletin_id, _actor())
        flash(gettext("Brouillon supprimé."))
    return redirect(url_for("bulletins.index"))


def _bulletin(bulletin_id: int) -> Bulletin:
    """The bulletin if this visitor may see it: drafts exist for documentalists only."""
    with instance().engine.connect() as conn:
        bulletin = bulletin_store.get(conn, bulletin_id)
    if not bulletin.sent and not can(MANAGE):
        abort(404)
    return bulletin


def _draft(bulletin_id: int) -> Bulletin:
    bulletin = _bulletin(bulletin_id)
    if bulletin.sent:
        flash(gettext("Ce bulletin a déjà été envoyé : il ne peut plus être modifié."))
        abort(redirect(url_for("bulletins.show", bulletin_id=bulletin_id)))
    return bulletin


@bp.app_template_global()
def day_fr(iso_day: str) -> str:
    """"2026-04-01" → "1er avril 2026" ("April 1, 2026" in English), as bulletins write
    days; what is not a day stays as it is."""
    try:
        return day_label(date.fromisoformat(iso_day[:10]))
    except ValueError:
        return iso_day


def _last_recipients() -> str:
    with instance().engine.connect() as conn:
        return "\n".join(bulletin_store.last_recipients(conn))


def _actor() -> str:
    return current_user.user.email


def _new_page(form, error: str | None = None) -> str:
    return render_template("bulletins/new.html", form=form, error=error,
                           candidates=bulletins.candidates(instance()),
                           chosen=set(chosen_items()), limit=bulletins.CANDIDATES)


def _edit_page(bulletin: Bulletin, form: BulletinForm, error: str | None = None) -> str:
    present = {entry.item_id for entry in bulletin.entries}
    others = [(item, marks) for item, marks in bulletins.candidates(instance())
              if item.id not in present]
    return render_template("bulletins/edit.html", bulletin=bulletin, form=form, error=error,
                           candidates=others, chosen=set(chosen_items()),
                           limit=bulletins.CANDIDATES)


def _preview_page(bulletin: Bulletin, form: SendForm,
                  error: str | problems.Problem | None = None) -> str:
    text = bulletinmail.text_body(bulletin, site_url(), bulletins.letterhead(instance()))
    return render_template("bulletins/preview.html", bulletin=bulletin, form=form,
                           error=error, text=text, delete_form=FlaskForm())
