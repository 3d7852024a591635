"""The referentials in the browser (`/admin/referentials`): what is loaded, and an import by
uploading France Travail's ZIP or the files themselves, as `veille referentials import`
does: checked first (a dry run says what would change), imported once confirmed.

Uploads are capped at `[referentials] max_download_mb`, set on the request before any form
is read (CSRF included), so a bigger body is refused with a 413 before it is stored.
"""

from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, HiddenField

from veille.refdata import TITLES
from veille.referentials import staging
from veille.referentials.download import MB
from veille.referentials.importing import describe
from veille.referentials.reading import ReferentialError
from veille.store import referentials as referential_store

from .context import instance
from .forms import ConfirmForm

bp = Blueprint("referentials", __name__, url_prefix="/admin")
FORM_OVERHEAD = 64 * 1024
ENDPOINT = "referentials.index"


class UploadForm(ConfirmForm):
    files = MultipleFileField(_l("L'archive ZIP officielle, ou ses fichiers"))
    force = BooleanField(_l("Importer même une version plus ancienne que celle chargée"))
    token = HiddenField()


def register(app: Flask) -> None:
    """The blueprint, and the upload cap of its page: call it before CSRF protection reads
    the form."""
    cap = app.extensions["veille"].settings.referentials.max_download_mb * MB + FORM_OVERHEAD

    @app.before_request
    def upload_cap():
        if request.endpoint == ENDPOINT:
            request.max_content_length = cap

    app.register_blueprint(bp)


@bp.route("/referentials", methods=["GET", "POST"])
def index():
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(form), 400 if form.is_submitted() else 200
    try:
        if form.confirmed_now():
            return _imported(staging.confirm(instance(), form.token.data,
                                             current_user.user.email, form.force.data))
        uploads = [(each.filename or "", each.stream) for each in form.files.data if each]
        if not uploads:
            return _page(form, error=gettext("Choisissez l'archive ZIP ou les fichiers.")), 400
        token = staging.stage(instance(), uploads)
        reports = staging.check(instance(), token, form.force.data)
    except ReferentialError as refused:
        return _page(form, error=gettext("Ces fichiers ont été refusés : rien n'a été "
                                         "importé."), detail=str(refused)), 400
    return _page(form, reports=reports, token=token)


def _imported(done: staging.Imported):
    for report in done.reports:
        flash(gettext("%(title)s %(release)s importé : %(added)d ajouts, %(changed)d "
                      "modifications, %(removed)d suppressions.", title=report.title,
                      release=describe(report.version), added=report.total.added,
                      changed=report.total.changed, removed=report.total.removed))
    if done.retagged is not None:
        flash(gettext("%(num)d articles étiquetés à nouveau.", num=done.retagged))
    return redirect(url_for(ENDPOINT))


def _page(form: UploadForm, **shown):
    with instance().engine.connect() as conn:
        loaded = referential_store.versions(conn)
    shown.setdefault("reports", None)
    return render_template("console/referentials.html", form=form, loaded=loaded,
                           titles=TITLES, describe=describe, **shown)
