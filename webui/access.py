"""Who may reach each page: one table, checked before every request.

Every endpoint is declared here with the least role that reaches it ("public": anyone,
employers included, without an account). A role reaches what the roles below it reach:
advisor < documentalist < admin. An endpoint missing from the table is refused to everyone
(and tests/webui/test_access.py fails), so a new page is never open by mistake.
"""

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
RANKS = {"advisor": 1, "documentalist": 2, "admin": 3}
ACCESS = {
    "static": PUBLIC,
    "search.home": PUBLIC,
    "search.index": PUBLIC,
    "items.show": PUBLIC,
    "items.curate": "documentalist",
    "api.search_json": PUBLIC,
    "feeds.search_atom": PUBLIC,
    "feeds.opensearch": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
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
    "rules.index": "documentalist",
    "rules.preview": "documentalist",
    "rules.save": "documentalist",
    "rules.delete": "documentalist",
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


def _role() -> str | None:
    return current_user.user.role if current_user.is_authenticated else None


def register(app: Flask) -> None:
    app.add_template_global(can)

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
