"""The documentalist's console: what needed a terminal (`veille purge`, `veille audit`,
showing hidden items again) done in the browser. Each change asks first, then calls the
same domain function as the command, which logs it."""

from datetime import date, datetime, time, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user

from veille.collect import retention
from veille.curate import curation as curating
from veille.errors import InvalidRequest
from veille.models import LOCAL_TIME
from veille.store import audit
from veille.store import curation as curation_store
from veille.store import items as item_store

from .context import instance
from .forms import ConfirmForm

bp = Blueprint("console", __name__)
AUDIT_PAGE = 50
HIDDEN_PAGE = 50
SHOWN_TITLES = 20  # titles a purge's preview lists


@bp.route("/admin/purge", methods=["GET", "POST"])
def purge():
    """What `veille purge --dry-run` says, and a button that purges (POST, confirmed)."""
    form = ConfirmForm()
    if form.confirmed_now():
        done = retention.purge(instance(), _actor())
        flash(ngettext("%(num)d article supprimé.", "%(num)d articles supprimés.", done.total))
        return redirect(url_for("console.purge"))
    preview = retention.purge(instance(), _actor(), dry_run=True)
    return render_template("console/purge.html", preview=preview, form=form,
                           shown=SHOWN_TITLES,
                           policy=instance().settings.retention.news_after)


@bp.get("/admin/audit")
def audit_log():
    """The audit log, the latest first, by person, action and days."""
    try:
        wanted = _audit_filter()
    except InvalidRequest as refused:
        return render_template("console/audit.html", error=str(refused), entries=[],
                               **_audit_choices()), 400
    page = request.args.get("page", 1, type=int) or 1
    with instance().engine.connect() as conn:
        total = audit.count(conn, wanted)
        entries = audit.find(conn, wanted, AUDIT_PAGE, (max(page, 1) - 1) * AUDIT_PAGE)
    pages = max(1, -(-total // AUDIT_PAGE))
    return render_template("console/audit.html", entries=entries, total=total, page=page,
                           pages=pages, error=None, **_audit_choices())


@bp.route("/items/hidden", methods=["GET", "POST"])
def hidden():
    """The hidden items; the checked ones are shown again once confirmed."""
    form = ConfirmForm()
    chosen = request.form.getlist("items")
    if form.confirmed_now():
        shown = curating.show_again(instance(), chosen, _actor())
        flash(ngettext("%(num)d article remis dans les recherches.",
                       "%(num)d articles remis dans les recherches.", shown))
        return redirect(url_for("console.hidden"))
    if form.validate_on_submit():
        if not chosen:
            flash(gettext("Cochez au moins un article."))
            return redirect(url_for("console.hidden"))
        with instance().engine.connect() as conn:
            found = item_store.get_many(conn, chosen)
        return render_template("console/show_again.html", items=found, form=form)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    with instance().engine.connect() as conn:
        marks, total = curation_store.hidden(conn, HIDDEN_PAGE, (page - 1) * HIDDEN_PAGE)
        found = {item.id: item for item in item_store.get_many(conn, [m.item_id for m in marks])}
    rows = [(found[mark.item_id], mark) for mark in marks if mark.item_id in found]
    return render_template("console/hidden.html", rows=rows, total=total, page=page,
                           pages=max(1, -(-total // HIDDEN_PAGE)), form=form)


def _audit_filter() -> audit.Filter:
    args = request.args
    since, until = _day(args.get("du", "")), _day(args.get("au", ""))
    return audit.Filter(
        actor=args.get("qui") or None, action=args.get("action") or None,
        since=_start_of(since) if since else None,
        before=_start_of(until + timedelta(days=1)) if until else None,
    )


def _audit_choices() -> dict:
    with instance().engine.connect() as conn:
        return {"actors": audit.actors(conn), "actions": audit.actions(conn),
                "args": request.args}


def _day(raw: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidRequest(gettext("Date incorrecte : « %(raw)s » (attendu AAAA-MM-JJ).",
                                     raw=raw)) from None


def _start_of(day: date) -> datetime:
    """Midnight of `day` in French time: the log's days are the Maison's."""
    return datetime.combine(day, time(), LOCAL_TIME)


def _actor() -> str:
    return current_user.user.email
