"""What went wrong, as the web UI says it: a sentence in the page's language chosen by the
error's kind (veille.errors.KINDS, set where the error was made), and veille's own message,
in English, as the technical detail that pages keep behind a "Détails" disclosure
(templates/_problem.html). So a documentalist reads "Adresse inconnue…", and whoever fixes
it still finds "cannot resolve …: [Errno -2] Name or service not known"."""

from dataclasses import dataclass

from flask import Flask
from flask_babel import lazy_gettext as _l

from veille.errors import VeilleError
from veille.models import Source

SENTENCES = {
    "unknown_host": _l("Adresse inconnue : ce nom de site n'existe pas, ou plus (ou le réseau "
                       "de veille ne le trouve pas)."),
    "unreachable": _l("Site injoignable : son serveur refuse la connexion ou la coupe."),
    "timeout": _l("Délai dépassé : le site a mis trop de temps à répondre."),
    "too_large": _l("Trop volumineux : le site envoie plus que la taille permise."),
    "blocked_address": _l("Adresse bloquée : elle mène à un réseau interne, que veille ne "
                          "consulte pas sans autorisation (réglages [fetch])."),
    "invalid_address": _l("Adresse invalide : ce n'est pas une adresse web http:// ou "
                          "https:// lisible."),
    "robots": _l("Refusé par le site : son fichier robots.txt interdit à veille de le lire."),
    "too_many_redirects": _l("Trop de redirections : le site renvoie d'adresse en adresse."),
    "not_found": _l("Page introuvable : le site répond que cette adresse n'existe pas, ou "
                    "plus."),
    "forbidden": _l("Accès refusé : le site demande une connexion, ou interdit l'accès."),
    "server_error": _l("Erreur du serveur : le site est en panne ou en maintenance."),
    "http_error": _l("Réponse inattendue : le site n'a pas envoyé ce qui était demandé."),
    "not_a_feed": _l("Ce n'est pas un flux : le contenu reçu n'est ni RSS, ni Atom, ni JSON "
                     "Feed (une page web, peut-être)."),
    "not_a_page": _l("La page n'a pas la forme attendue : ses sélecteurs n'y trouvent aucune "
                     "actualité."),
    "unreadable": _l("Contenu illisible : ce que le site envoie n'a pas pu être lu."),
    "credentials": _l("Identifiants refusés : l'identifiant ou la clé de l'API manque dans les "
                      "réglages ([francetravail]), ou son éditeur ne les accepte pas."),
    "quota": _l("Quota atteint : l'API limite le nombre de demandes ; veille réessaiera plus "
                "tard."),
    "api_changed": _l("L'API a changé : sa réponse n'a plus la forme que veille connaît."),
    "config": _l("La source est mal définie."),
    "mail_unset": _l("Aucun serveur de courriel n'est réglé ([smtp] host)."),
    "mail_failed": _l("Le serveur de courriel n'a pas pu être joint, ou a refusé l'envoi."),
    "mail_address": _l("Une adresse électronique n'est pas valide."),
    "unexpected": _l("Erreur inattendue de veille : elle est consignée dans son journal."),
    "other": _l("L'opération a échoué."),
}


@dataclass(frozen=True)
class Problem:
    """A sentence for the person, and the technical detail behind it (may be empty)."""

    sentence: str
    detail: str = ""


def sentence(kind: str | None) -> str:
    """The sentence of a kind of error (an unknown or missing kind: the general one)."""
    return str(SENTENCES.get(kind or "other", SENTENCES["other"]))


def of(error: VeilleError, said: str | None = None) -> Problem:
    """An error as a page shows it: `said` (else the sentence of its kind), and its message."""
    return Problem(said or sentence(error.kind), str(error))


def of_source(source: Source) -> Problem | None:
    """A source's last error (none once it succeeded again)."""
    if not source.last_error:
        return None
    return Problem(sentence(source.last_error_kind), source.last_error)


def register(app: Flask) -> None:
    app.add_template_global(of_source, "source_problem")
