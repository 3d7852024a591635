"""Who may reach each page: one table, checked before every request.

Every endpoint is declared here with the least role that reaches it ("public": anyone,
employers included, without an account). A role reaches what the roles below it reach:
advisor < documentalist < admin. An endpoint missing from the table is refused to everyone
(and tests/webui/test_access.py fails), so a new page is never open by mistake.
"""

from flask import Flask, abort, g, redirect, request, url_for
from flask_login import current_user

from veille.curate import visitors

from .context import instance

PUBLIC = "public"
RANKS = {"advisor": 1, "documentalist": 2, "admin": 3}
ACCESS = {
    "static": PUBLIC,
    "search.home": PUBLIC,
    "search.index": PUBLIC,
    "items.show": PUBLIC,
    "items.curate": "documentalist",
    "items.edit_tags": "documentalist",
    "api.search_json": PUBLIC,
    "api.facets_json": PUBLIC,  # the portal's facets for visitors, as the search
    "api.trends_json": PUBLIC,  # over published items for visitors, as the search
    "api.besoins_json": PUBLIC,  # the BMO survey's figures: public data
    "feeds.search_atom": PUBLIC,
    "feeds.opensearch": PUBLIC,
    "admin.users": "admin",
    "admin.add": "admin",
    "admin.role": "admin",
    "admin.password": "admin",
    "admin.delete": "admin",
    "admin.settings": "admin",
    "portal.index": PUBLIC,
    "portal.feed": PUBLIC,
    "portal.item": PUBLIC,
    "maison.logo": PUBLIC,  # the Maison's logo, on the portal, in emails and prints
    "items.publish": "documentalist",
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "language.choose": PUBLIC,  # the language switch in every page's footer
    "resources.new": "documentalist",
    "resources.bookmark": "documentalist",
    "resources.edit": "documentalist",
    "resources.file": "advisor",
    "resources.export_csv": "advisor",
    "resources.export_dc": "advisor",
    "dossiers.index": "advisor",
    "dossiers.create": "advisor",
    "dossiers.show": "advisor",
    "dossiers.add": "advisor",
    "dossiers.remove": "advisor",
    "dossiers.printable": "advisor",
    "dossiers.export_csv": "advisor",
    "dossiers.rename": "advisor",  # the owner's; documentalists' for the team's (403 else)
    "dossiers.share": "advisor",
    "dossiers.delete": "advisor",
    "notes.index": "advisor",  # each person's own notes, nobody else's
    "notes.save": "advisor",
    "notes.delete": "advisor",
    "trends.index": PUBLIC,  # those who may not search everything are asked to sign in
    "trends.series_csv": PUBLIC,  # as the trends page
    "trends.tension_csv": PUBLIC,  # as trends.index
    # The brief per ROME job: public like the search, to those who see everything
    # (webui/metiers.py asks the others to sign in).
    "metiers.index": PUBLIC,
    "metiers.show": PUBLIC,
    "metiers.printable": PUBLIC,
    "metiers.needs_csv": PUBLIC,
    # A territory's page and its finder: public like the brief, to those who see
    # everything (webui/territoires.py asks the others to sign in).
    "territoires.index": PUBLIC,
    "territoires.show": PUBLIC,
    "territoires.needs_csv": PUBLIC,
    "rules.index": "documentalist",
    "rules.preview": "documentalist",
    "rules.save": "documentalist",
    "rules.delete": "documentalist",
    "saved.index": "advisor",
    "saved.create": "advisor",
    "saved.rename": "advisor",
    "saved.share": "advisor",
    "saved.alert": "advisor",
    "saved.delete": "advisor",
    "saved.feed": PUBLIC,  # opened by the saved search's token alone (feed readers)
    "bulletins.index": "documentalist",
    "bulletins.archive": PUBLIC,
    "bulletins.new": "documentalist",
    "bulletins.show": PUBLIC,  # sent bulletins; drafts answer 404 to all but documentalists
    "bulletins.email": "documentalist",
    "bulletins.edit": "documentalist",
    "bulletins.send": "documentalist",
    "bulletins.delete": "documentalist",
    "bulletins.unschedule": "documentalist",
    "bulletins.pdf": PUBLIC,  # sent bulletins; drafts answer 404 to all but documentalists
    # Bulletins people subscribe to: the public sign-up, its confirmation, the unsubscribe
    # link of every mail (its token is the proof); the lists are the documentalists'.
    "subscribe.signup": PUBLIC,
    "subscribe.confirm": PUBLIC,
    "subscribe.unsubscribe": PUBLIC,
    "bulletinlists.index": "documentalist",
    "bulletinlists.create": "documentalist",
    "bulletinlists.show": "documentalist",
    "bulletinlists.import_csv": "documentalist",
    "bulletinlists.export_csv": "documentalist",
    "bulletinlists.remove": "documentalist",
    "bulletinlists.delete": "documentalist",
    "sources.index": "documentalist",
    "sources.new": "documentalist",
    "sources.test": "documentalist",
    "sources.create": "documentalist",
    "sources.show": "documentalist",
    "sources.edit": "documentalist",
    "sources.pause": "documentalist",
    "sources.resume": "documentalist",
    "sources.collect": "documentalist",
    "sources.delete": "documentalist",
    "sources.export_opml": "documentalist",
    "sources.import_opml": "documentalist",
    # The documentalist's console: what needed a terminal, in the browser.
    "items.promote": "documentalist",
    "console.hidden": "documentalist",
    "console.purge": "documentalist",
    "console.audit_log": "documentalist",
    "referentials.index": "documentalist",
    "rules.apply": "documentalist",
}


def allowed(endpoint: str, role: str | None) -> bool:
    """Whether someone of `role` (None: not signed in) may reach `endpoint`."""
    needed = ACCESS.get(endpoint)
    if needed is None:
        return False
    return needed == PUBLIC or (role is not None and RANKS[role] >= RANKS[needed])


def can(endpoint: str) -> bool:
    """Whether the person making this request may reach `endpoint` (templates ask, to show
    only the links that lead somewhere)."""
    return allowed(endpoint, _role())


def sees_everything() -> bool:
    """Whether this visitor searches every item: signed in, or on an instance whose search is
    open to all (`[web] public_search`: "yes", or "auto" while nobody has an account);
    others see what was published to the portal."""
    if current_user.is_authenticated:
        return True
    if "open_to_visitors" not in g:  # asked by the page and its template: read once
        g.open_to_visitors = visitors.open_to_all(instance())
    return g.open_to_visitors


def sign_in_unless_sees_everything():
    """For pages listing what may not be published (a job's brief, a territory's page):
    the sign-in page for those who may not search everything (None for the others). Not
    the portal, which has nothing like them: who opens one is an advisor whose session
    ended."""
    if sees_everything():
        return None
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _role() -> str | None:
    return current_user.user.role if current_user.is_authenticated else None


def register(app: Flask) -> None:
    visitors.check_public_search(app.extensions["veille"].settings.web.public_search)
    app.add_template_global(can)
    app.add_template_global(sees_everything)

    @app.before_request
    def check_access():
        if request.endpoint is None:  # no such page: the 404 says so
            return None
        role = _role()
        if allowed(request.endpoint, role):
            return None
        if role is not None or request.endpoint not in ACCESS:
            abort(403)
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
