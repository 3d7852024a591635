"""What each setting does, as the settings page (/admin/settings) says it in the page's
language. The help texts of `veille.settings.SETTINGS` are English, for the config file and
the command line; these are their French, the web UI's source language, translated back to
English by the catalogue. A setting added to SETTINGS needs its line here
(tests/webui/test_admin.py fails without it)."""

from flask_babel import lazy_gettext as _l

DESCRIPTIONS = {
    "fetch.connect_timeout": _l("Secondes d'attente d'une connexion à un serveur."),
    "fetch.read_timeout": _l("Secondes d'attente de chaque lecture auprès d'un serveur."),
    "fetch.deadline": _l("Secondes que peut durer un téléchargement en tout, contenu compris."),
    "fetch.max_bytes": _l("Plus grand contenu accepté, après décompression (en octets)."),
    "fetch.max_redirects": _l("Nombre maximal de redirections suivies pour un téléchargement."),
    "fetch.allow_private_networks": _l("Autoriser les téléchargements depuis les adresses "
                                       "locales, privées et de lien local (tests, intranets)."),
    "fetch.allowed_networks": _l("Réseaux autorisés bien que non publics, séparés par des "
                                 "virgules (ex. un intranet : 10.2.0.0/16)."),
    "fetch.per_host_concurrency": _l("Téléchargements simultanés au plus sur un même site."),
    "fetch.per_host_delay": _l("Secondes entre deux téléchargements sur un même site."),
    "fetch.respect_robots_txt": _l("Ne pas lire les adresses que le fichier robots.txt d'un "
                                   "site interdit."),
    "fetch.contact_url": _l("Adresse nommée dans l'agent utilisateur, pour que les sites "
                            "puissent joindre la Maison."),
    "collect.workers": _l("Sources collectées en même temps (sur des sites différents)."),
    "collect.pause_after": _l("Échecs de suite après lesquels une source est mise en pause, "
                              "jusqu'à ce que quelqu'un la reprenne."),
    "collect.max_backoff": _l("Attente la plus longue avant de réessayer une source en échec "
                              "(l'attente double à chaque échec)."),
    "sources.file": _l("La liste de veille, relative au dossier de configuration."),
    "sources.default_every": _l("Fréquence de collecte d'une source qui n'en indique pas."),
    "resources.starter_dir": _l("Documents que `veille init` indexe comme ressources, "
                                "relatif au dossier de configuration."),
    "resources.max_file_mb": _l("Plus grand fichier de document accepté, en Mo."),
    "resources.max_unzipped_mb": _l("Taille maximale d'un DOCX ou ODT décompressé, en Mo (au-"
                                    "delà, son texte n'est pas lu)."),
    "retention.news_after": _l("Supprimer les actualités plus anciennes (ex. 540d) à `veille "
                               "purge`, sauf favorites, étiquetées ou annotées ; vide : tout "
                               "garder. L'option keep_for d'une source l'emporte."),
    "search.page_size": _l("Résultats par page quand la requête n'indique pas de limite."),
    "search.max_page_size": _l("Plus grande limite (`limit`) qu'une recherche peut demander."),
    "store.url": _l("La base de données, en adresse SQLAlchemy : vide pour SQLite dans le "
                    "dossier de l'instance ; postgresql+psycopg://veille@/veille pour "
                    "PostgreSQL (qui sert alors aussi à chercher)."),
    "index.lock_timeout": _l("Secondes qu'un écrivain de l'index attend la fin d'un autre."),
    "scheduler.enabled": _l("Faire tourner le planificateur des collectes dans `veille "
                            "serve`."),
    "scheduler.timezone": _l("Fuseau horaire du planificateur."),
    "scheduler.misfire_grace": _l("Secondes de retard avec lesquelles une collecte peut encore "
                                  "partir."),
    "scheduler.refresh_every": _l("Secondes entre deux lectures de la table des sources, pour "
                                  "les sources ajoutées ou modifiées."),
    "scheduler.lead_check_every": _l("Secondes entre deux vérifications que le processus qui "
                                     "fait tourner le planificateur tient toujours son verrou "
                                     "(sur PostgreSQL, la session du verrou peut prendre fin "
                                     "sous lui : il s'arrête alors et attend)."),
    "web.base_url": _l("Adresse à laquelle on joint veille, pour les liens des courriels "
                       "(alertes, bulletins) ; vide : l'adresse de la page d'où part le "
                       "courriel, sinon celle où `veille serve` écoute."),
    "web.host": _l("Adresse où `veille serve` écoute."),
    "web.port": _l("Port où `veille serve` écoute."),
    "web.threads": _l("Fils de traitement des requêtes du serveur web (de chaque processus "
                      "web)."),
    "web.workers": _l("Processus web de `veille serve` (gunicorn au-delà d'un ; le "
                      "planificateur tourne alors dans un processus à lui) ; 0 : autant que "
                      "la machine a de cœurs."),
    "web.public_search": _l("Qui cherche dans tous les documents sans se connecter (page de "
                            "recherche, API, flux) : yes (tout le monde), no (les visiteurs "
                            "voient ce qui est publié sur le portail des employeurs), ou auto : "
                            "tout le monde jusqu'au premier compte créé (`veille users add`), "
                            "puis comme no."),
    "web.https": _l("Si l'on joint veille en HTTPS (derrière un mandataire, par exemple) : les "
                    "cookies de session ne passent alors qu'en HTTPS."),
    "web.session_idle": _l("Une session inutilisée aussi longtemps prend fin : la personne se "
                           "reconnecte (30m, 8h, 1d… ; un navigateur partagé ne reste pas "
                           "connecté plus longtemps)."),
    "web.session_max": _l("Une session prend fin ce délai après la connexion, utilisée ou "
                          "non."),
    "web.login_failures_per_address": _l("Connexions manquées depuis une adresse, tous comptes "
                                         "confondus, après lesquelles cette adresse attend la "
                                         "fin de leurs 15 minutes (un bureau derrière une "
                                         "adresse la partage)."),
    "web.trusted_proxies": _l("Mandataires inverses devant veille, adresses ou réseaux séparés "
                              "par des virgules (ex. 10.0.0.5, 172.16.0.0/12) : X-Forwarded-For "
                              "n'est lu que pour une requête venant de l'un d'eux ; vide : "
                              "l'adresse de la connexion, X-Forwarded-For ignoré."),
    "web.remote_images": _l("Si la page d'un document montre les images de son article "
                            "depuis leurs sites ; false : lire un document n'envoie aucune "
                            "requête à un autre site, chaque image est un lien."),
    "smtp.host": _l("Serveur SMTP qui envoie les alertes et les bulletins ; vide : pas de "
                    "courriel."),
    "smtp.port": _l("Son port (587 avec STARTTLS, 465 avec TLS, 25 en clair)."),
    "smtp.security": _l("starttls, tls ou none."),
    "smtp.username": _l("Compte pour s'y connecter ; vide : sans connexion."),
    "smtp.password": _l("Son mot de passe (mieux donné par VEILLE_SMTP_PASSWORD)."),
    "smtp.sender": _l("L'adresse d'expédition (From) des courriels."),
    "smtp.timeout": _l("Secondes d'attente du serveur SMTP."),
    "alerts.hour": _l("Heure du jour (0-23, fuseau du planificateur) où partent les alertes "
                      "des recherches enregistrées."),
    "alerts.weekly_day": _l("Jour des alertes hebdomadaires : monday … sunday (lundi … "
                            "dimanche aussi)."),
    "referentials.url": _l("Adresse du ZIP de la version du ROME (export CSV de France "
                           "Travail) que `veille referentials update` télécharge et importe ; "
                           "vide : importer des fichiers téléchargés avec `veille "
                           "referentials import DIR`."),
    "referentials.max_download_mb": _l("Plus grande version que `veille referentials update` "
                                       "télécharge, en Mo."),
    "referentials.max_unzipped_mb": _l("Taille maximale d'une version décompressée, en Mo."),
    "francetravail.client_id": _l("Identifiant de l'application de la Maison sur "
                                  "francetravail.io, pour les sources France Travail "
                                  "(francetravail-offres, francetravail-stats) ; vide : elles "
                                  "échouent en le disant."),
    "francetravail.client_secret": _l("Sa clé secrète (mieux donnée par "
                                      "VEILLE_FRANCETRAVAIL_CLIENT_SECRET)."),
    "francetravail.token_url": _l("Adresse où France Travail délivre les jetons OAuth2 "
                                  "(client credentials)."),
    "francetravail.api_url": _l("Adresse où commencent les API partenaires de France Travail."),
    "francetravail.keep_offers": _l("Durée pendant laquelle une offre d'emploi que l'API ne "
                                    "renvoie plus reste consultable avant d'être retirée."),
    # The Maison's identity (issue 19, part B, merged into main beside this branch).
    "maison.name": _l("Le nom de la Maison, montré sur le portail des employeurs, dans les "
                      "courriels et les impressions."),
    "maison.address": _l("Son adresse postale (une ligne, ou des lignes séparées par des "
                         "virgules) ; vide : non montrée."),
    "maison.email": _l("Son adresse électronique de contact : « Contacter la Maison » sur les "
                       "articles du portail ; vide : aucune."),
    "maison.phone": _l("Son numéro de téléphone ; vide : non montré."),
    "maison.url": _l("Son site web ; vide : non montré."),
    "maison.logo": _l("Son logo : un fichier PNG, JPEG, GIF ou WebP du dossier de l'instance "
                      "(ex. logo.png), servi par veille à /maison/logo ; vide : pas de logo."),
    "maison.territory": _l("Le territoire de la Maison, en clé de lieu (region:44, "
                           "departement:57, bassin:4431, epci:…, commune:…) : la fiche métier "
                           "donne ses besoins en main-d'œuvre (enquête BMO) et ceux de ses "
                           "départements et bassins d'emploi, et les dernières offres d'emploi "
                           "qui s'y trouvent ; /tendances ses métiers en tension."),
}
