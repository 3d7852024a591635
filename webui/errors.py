"""One handler turns errors into JSON for the API and into a page elsewhere, in the
visitor's language (French unless they chose English)."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext, lazy_gettext
from werkzeug.exceptions import HTTPException

from veille.errors import (
    Forbidden,
    IndexUnavailable,
    InvalidRequest,
    NoFigures,
    NotFound,
    VeilleError,
)

from .language import translated

STATUS = {InvalidRequest: 400, Forbidden: 403, NotFound: 404, IndexUnavailable: 503}
TITLES = {400: lazy_gettext("Requête incorrecte"), 401: lazy_gettext("Connexion nécessaire"),
          403: lazy_gettext("Accès refusé"), 404: lazy_gettext("Page introuvable"),
          405: lazy_gettext("Méthode non autorisée"), 413: lazy_gettext("Fichier trop lourd"),
          500: lazy_gettext("Erreur du serveur"),
          503: lazy_gettext("Recherche momentanément indisponible")}
# Seconds a client may wait before asking again while the index is rebuilt.
RETRY_AFTER = "60"
SERVER_ERROR = lazy_gettext("veille n'a pas pu répondre ; l'erreur est consignée dans le "
                            "journal.")
# Werkzeug's descriptions and NotFound's messages are English: users read these instead.
MESSAGES = {
    400: lazy_gettext("La requête est incorrecte."),
    401: lazy_gettext("Connectez-vous pour accéder à cette page."),
    403: lazy_gettext("Votre compte ne donne pas accès à cette page."),
    404: lazy_gettext("La page demandée n'existe pas, ou plus."),
    405: lazy_gettext("Cette adresse n'accepte pas cette méthode."),
    413: lazy_gettext("Le fichier dépasse la taille qu'accepte veille ([resources] "
                      "max_file_mb)."),
    500: SERVER_ERROR,
    503: lazy_gettext("L'index de recherche est indisponible ; il est en cours de "
                      "reconstruction. Réessayez dans quelques minutes."),
}
OTHER_ERROR = lazy_gettext("La requête n'a pas pu aboutir.")


def register(app: Flask) -> None:
    app.register_error_handler(VeilleError, _veille_error)
    app.register_error_handler(HTTPException, _http_error)


def _veille_error(error: VeilleError):
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)
    if status >= 500:
        current_app.logger.error("%s", error)
    # Only InvalidRequest and NoFigures carry a message written for the user (in French;
    # those veille marks for translation are given in the visitor's language).
    written = status == 400 or isinstance(error, NoFigures)
    message = translated(str(error)) if written else str(MESSAGES[status])
    return _respond(status, message)


def _http_error(error: HTTPException):
    status = error.code or 500
    return _respond(status, str(MESSAGES.get(status, OTHER_ERROR)))


def _respond(status: int, message: str):
    headers = {"Retry-After": RETRY_AFTER} if status == 503 else {}
    if request.path.startswith("/api/"):
        return jsonify({"error": message, "status": status}), status, headers
    title = TITLES[status] if status in TITLES else gettext("Erreur")
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return page, status, headers
