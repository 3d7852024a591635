"""One handler turns errors into JSON for the API and into a French page elsewhere."""

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from veille.errors import IndexUnavailable, InvalidRequest, NotFound, VeilleError

STATUS = {InvalidRequest: 400, NotFound: 404, IndexUnavailable: 503}
TITLES = {400: "Requête incorrecte", 401: "Connexion nécessaire", 403: "Accès refusé",
          404: "Page introuvable", 405: "Méthode non autorisée", 413: "Fichier trop lourd",
          500: "Erreur du serveur", 503: "Recherche momentanément indisponible"}
# Seconds a client may wait before asking again while the index is rebuilt.
RETRY_AFTER = "60"
SERVER_ERROR = "veille n'a pas pu répondre ; l'erreur est consignée dans le journal."
# Werkzeug's descriptions and NotFound's messages are English: users read these instead.
MESSAGES = {
    400: "La requête est incorrecte.",
    401: "Connectez-vous pour accéder à cette page.",
    403: "Votre compte ne donne pas accès à cette page.",
    404: "La page demandée n'existe pas, ou plus.",
    405: "Cette adresse n'accepte pas cette méthode.",
    413: "Le fichier dépasse la taille qu'accepte veille ([resources] max_file_mb).",
    500: SERVER_ERROR,
    503: "L'index de recherche est indisponible ; il est en cours de reconstruction. "
    "Réessayez dans quelques minutes.",
}
OTHER_ERROR = "La requête n'a pas pu aboutir."


def register(app: Flask) -> None:
    app.register_error_handler(VeilleError, _veille_error)
    app.register_error_handler(HTTPException, _http_error)


def _veille_error(error: VeilleError):
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)
    if status >= 500:
        current_app.logger.error("%s", error)
    # Only InvalidRequest carries a message written for the user (in French).
    message = str(error) if status == 400 else MESSAGES[status]
    return _respond(status, message)


def _http_error(error: HTTPException):
    status = error.code or 500
    return _respond(status, MESSAGES.get(status, OTHER_ERROR))


def _respond(status: int, message: str):
    headers = {"Retry-After": RETRY_AFTER} if status == 503 else {}
    if request.path.startswith("/api/"):
        return jsonify({"error": message, "status": status}), status, headers
    title = TITLES.get(status, "Erreur")
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return page, status, headers
