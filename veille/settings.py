"""Every setting of veille, declared once: section, key, default and help.

Values come from the defaults below, then `config/veille.toml` (or the file named by
`VEILLE_CONFIG`), then the environment: `[fetch] max_bytes` is overridden by
`VEILLE_FETCH_MAX_BYTES`. `VEILLE_INSTANCE` names the folder holding the database and index.
"""

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from .errors import ConfigError

Value = bool | int | float | str


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    default: Value
    help: str
    # A secret (a password, an API key): printed as set or empty, never its value.
    secret: bool = False

    @property
    def env_var(self) -> str:
        return f"VEILLE_{self.section}_{self.key}".upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("fetch", "connect_timeout", 10.0, "Seconds to wait for a connection to a server."),
    Setting("fetch", "read_timeout", 30.0, "Seconds to wait for each read from a server."),
    Setting("fetch", "deadline", 120.0, "Seconds one download may take in all, body included."),
    Setting("fetch", "max_bytes", 10 * 1024 * 1024, "Largest body accepted, after decompression."),
    Setting("fetch", "max_redirects", 5, "Most redirects followed for one download."),
    Setting(
        "fetch",
        "allow_private_networks",
        False,
        "Allow downloads from loopback, private and link-local addresses (tests, intranets).",
    ),
    Setting(
        "fetch",
        "allowed_networks",
        "",
        "Networks allowed although not public, comma-separated (e.g. an intranet: 10.2.0.0/16).",
    ),
    Setting("fetch", "per_host_concurrency", 1, "Most downloads at once from one host."),
    Setting("fetch", "per_host_delay", 1.0, "Seconds between two downloads from one host."),
    Setting("fetch", "respect_robots_txt", True, "Skip URLs that a site's robots.txt disallows."),
    Setting(
        "fetch",
        "contact_url",
        "https://github.com/veille-competences/veille",
        "URL named in the User-Agent so that site owners can reach the operator.",
    ),
    Setting("collect", "workers", 8, "Sources collected at once (on different hosts)."),
    Setting(
        "collect",
        "pause_after",
        10,
        "Consecutive failures after which a source is paused until someone resumes it.",
    ),
    Setting(
        "collect",
        "max_backoff",
        "1d",
        "Longest wait before retrying a failing source (the wait doubles at each failure).",
    ),
    Setting("sources", "file", "sources.toml", "The watch list, relative to the config folder."),
    Setting("sources", "default_every", "1h", "Collection interval of a source naming none."),
    Setting(
        "resources",
        "starter_dir",
        "resources",
        "Documents that `veille init` indexes as resources, relative to the config folder.",
    ),
    Setting("resources", "max_file_mb", 50, "Largest document file accepted, in MB."),
    Setting(
        "resources",
        "max_unzipped_mb",
        200,
        "Largest size a DOCX or ODT may unzip to, in MB (beyond, its text is not read).",
    ),
    Setting(
        "retention",
        "news_after",
        "",
        "Delete news older than this (e.g. 540d) at `veille purge`, unless starred, tagged or "
        "noted; empty: keep it all. A source's keep_for option overrides it.",
    ),
    Setting(
        "store",
        "url",
        "",
        "The database, as an SQLAlchemy URL: empty for SQLite in the instance folder "
        "(veille.db); postgresql+psycopg://veille@/veille for PostgreSQL (its search "
        "engine then too). A password is better kept in ~/.pgpass than here.",
    ),
    Setting("search", "page_size", 20, "Results per page when the request names no limit."),
    Setting("search", "max_page_size", 100, "Largest `limit` a search request may ask for."),
    Setting("index", "lock_timeout", 120.0, "Seconds a writer waits for another one to finish."),
    Setting("scheduler", "enabled", True, "Run the collection scheduler inside `veille serve`."),
    Setting("scheduler", "timezone", "Europe/Paris", "Time zone of the scheduler."),
    Setting(
        "scheduler", "misfire_grace", 3600, "Seconds late a collection may still start."
    ),
    Setting(
        "scheduler",
        "refresh_every",
        60,
        "Seconds between two readings of the sources table for added or changed sources.",
    ),
    Setting(
        "scheduler",
        "lead_check_every",
        15,
        "Seconds between two checks that the process running the scheduler still holds its "
        "lock (on PostgreSQL the lock's session may end under it: it then stops and waits).",
    ),
    Setting(
        "web",
        "base_url",
        "",
        "Address people reach veille at, for the links of emails (alerts, bulletins); empty: "
        "the address of the page a mail is sent from, else the one `veille serve` listens on.",
    ),
    Setting("web", "host", "127.0.0.1", "Address `veille serve` listens on."),
    Setting("web", "port", 8000, "Port `veille serve` listens on."),
    Setting("web", "threads", 8, "Request threads of the web server (of each web process)."),
    Setting(
        "web",
        "workers",
        0,
        "Web processes of `veille serve` (gunicorn above one; the scheduler then runs in one "
        "process of its own); 0: as many as the machine has cores.",
    ),
    Setting(
        "web",
        "public_search",
        "auto",
        "Who searches every item without signing in (search page, API, feeds): yes (everyone), "
        "no (visitors see what was published to the employers' portal), or auto: everyone "
        "until the first account is made (`veille users add`), then as no.",
    ),
    Setting(
        "web",
        "https",
        False,
        "Whether people reach veille over HTTPS (behind a proxy, say): session cookies are "
        "then sent over HTTPS only.",
    ),
    Setting(
        "web",
        "session_idle",
        "8h",
        "A session unused this long ends: the person signs in again (30m, 8h, 1d…; a shared "
        "office browser is left signed in no longer).",
    ),
    Setting("web", "session_max", "7d", "A session ends this long after signing in, used or not."),
    Setting(
        "web",
        "login_failures_per_address",
        100,
        "Failed sign-ins from one address, all accounts together, after which that address "
        "waits for the end of their 15 minutes (an office behind one address shares it).",
    ),
    Setting(
        "web",
        "trusted_proxies",
        "",
        "Reverse proxies in front of veille, comma-separated addresses or networks (e.g. "
        "10.0.0.5, 172.16.0.0/12): only for a request coming from one of them is "
        "X-Forwarded-For read to know who signs in (its last address that is not such a "
        "proxy); empty: the address of the connection, X-Forwarded-For ignored.",
    ),
    Setting(
        "web",
        "remote_images",
        False,
        "Whether an item's page shows the images of its article from their sites; false: "
        "reading an item makes no request to another host, each image is a link to it.",
    ),
    Setting("smtp", "host", "", "SMTP server sending alerts and bulletins; empty: no email."),
    Setting("smtp", "port", 587, "Its port (587 with STARTTLS, 465 with TLS, 25 plain)."),
    Setting("smtp", "security", "starttls", "starttls, tls or none."),
    Setting("smtp", "username", "", "Account to sign in with; empty: no sign-in."),
    Setting("smtp", "password", "", "Its password (better set by VEILLE_SMTP_PASSWORD).",
            secret=True),
    Setting("smtp", "sender", "veille@localhost", "The From address of the emails."),
    Setting("smtp", "timeout", 30.0, "Seconds to wait for the SMTP server."),
    Setting(
        "alerts",
        "hour",
        7,
        "Hour of the day (0-23, [scheduler] timezone) the email alerts of saved searches go out.",
    ),
    Setting(
        "alerts",
        "weekly_day",
        "monday",
        "Day the weekly alerts go out: monday … sunday (lundi … dimanche work too).",
    ),
    Setting("maison", "name", "Maison des compétences",
            "The Maison's name, shown on the employers' portal, in emails and in prints."),
    Setting("maison", "address", "",
            "Its postal address (one line, or lines separated by commas); empty: not shown."),
    Setting("maison", "email", "",
            "Its contact email: \"Contacter la Maison\" on the portal's items; empty: none."),
    Setting("maison", "phone", "", "Its phone number; empty: not shown."),
    Setting("maison", "url", "", "Its website; empty: not shown."),
    Setting(
        "maison",
        "logo",
        "",
        "Its logo: a PNG, JPEG, GIF or WebP file inside the instance folder (e.g. logo.png), "
        "served by veille at /maison/logo; empty: no logo.",
    ),
    Setting(
        "maison",
        "territory",
        "region:44",
        "The Maison's territory, as a place key (region:44, departement:57, bassin:4431, "
        "epci:…, commune:…): the job brief gives its hiring needs (BMO survey), and those of "
        "its départements and bassins d'emploi, and the latest job offers lying in it; "
        "/tendances its jobs in tension.",
    ),
    Setting(
        "referentials",
        "url",
        "",
        "Address of the ROME release's ZIP (France Travail's CSV export) that `veille "
        "referentials update` downloads and imports; empty: import downloaded files with "
        "`veille referentials import DIR`.",
    ),
    Setting(
        "referentials",
        "max_download_mb",
        100,
        "Largest release `veille referentials update` downloads, in MB.",
    ),
    Setting(
        "referentials",
        "max_unzipped_mb",
        500,
        "Largest size a downloaded release may unzip to, in MB.",
    ),
    Setting(
        "francetravail",
        "client_id",
        "",
        "Identifier of the Maison's application on francetravail.io, for the France Travail "
        "sources (francetravail-offres, francetravail-stats); empty: they fail, saying so.",
    ),
    Setting(
        "francetravail",
        "client_secret",
        "",
        "Its secret key (better set by VEILLE_FRANCETRAVAIL_CLIENT_SECRET).",
        secret=True,
    ),
    Setting(
        "francetravail",
        "token_url",
        "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire",
        "France Travail's OAuth2 token endpoint (client credentials).",
    ),
    Setting(
        "francetravail",
        "api_url",
        "https://api.francetravail.io/partenaire",
        "Where France Travail's partner APIs start.",
    ),
    Setting(
        "francetravail",
        "keep_offers",
        "60d",
        "How long a job offer the API no longer returns stays searchable before it is "
        "withdrawn.",
    ),
)

_TRUE = {"1", "true", "yes", "on", "oui"}
_FALSE = {"0", "false", "no", "off", "non", ""}


class Settings(SimpleNamespace):
    """Settings by section (`settings.fetch.max_bytes`) plus the instance and config folders."""

    instance_dir: Path
    config_dir: Path | None

    def config_path(self, relative: str) -> Path | None:
        """Resolve a path setting against the config folder (None without a config file)."""
        path = Path(relative)
        if path.is_absolute():
            return path
        return self.config_dir / path if self.config_dir else None


def default_config_file(env: Mapping[str, str]) -> Path | None:
    """Return the config file named by VEILLE_CONFIG, else ./config/veille.toml if present."""
    if env.get("VEILLE_CONFIG"):
        return Path(env["VEILLE_CONFIG"])
    candidate = Path("config/veille.toml")
    return candidate if candidate.is_file() else None


def load_settings(
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Value] | None = None,
) -> Settings:
    """Read defaults, then the config file, then VEILLE_* variables, then `overrides`.

    `overrides` maps "section.key" to a value; the web app factory and tests use it.
    """
    env = os.environ if env is None else env
    config_file = config_file or default_config_file(env)
    from_file = _read_toml(config_file) if config_file else {}
    sections: dict[str, dict[str, Value]] = {}
    for setting in SETTINGS:
        value = from_file.get(setting.section, {}).get(setting.key, setting.default)
        value = _checked(setting, value, f"[{setting.section}] {setting.key} in {config_file}")
        if setting.env_var in env:
            value = _from_env(setting, env[setting.env_var])
        sections.setdefault(setting.section, {})[setting.key] = value
    for name, value in (overrides or {}).items():
        section, _, key = name.partition(".")
        setting = _find(section, key)
        sections[section][key] = _checked(setting, value, f"override {name}")
    return Settings(
        instance_dir=Path(env.get("VEILLE_INSTANCE") or "instance").absolute(),
        config_dir=config_file.parent.absolute() if config_file else None,
        **{name: SimpleNamespace(**values) for name, values in sections.items()},
    )


def _read_toml(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    for section, values in data.items():
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: {section!r} must be a [section]")
        for key in values:
            _find(section, key, where=str(path))
    return data


def _find(section: str, key: str, where: str = "settings") -> Setting:
    for setting in SETTINGS:
        if (setting.section, setting.key) == (section, key):
            return setting
    raise ConfigError(f"unknown setting [{section}] {key} in {where}")


def _checked(setting: Setting, value: object, where: str) -> Value:
    expected = type(setting.default)
    if expected is float and type(value) is int:
        return float(value)
    if type(value) is not expected:
        raise ConfigError(f"{where} must be a {expected.__name__}, got {value!r}")
    return value


def _from_env(setting: Setting, raw: str) -> Value:
    expected = type(setting.default)
    try:
        if expected is bool:
            lowered = raw.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError(raw)
            return lowered in _TRUE
        return expected(raw)
    except ValueError:
        raise ConfigError(
            f"{setting.env_var}={raw!r} is not a valid {expected.__name__}"
        ) from None


HEADER = """\
# veille settings: every setting with its default and what it does.
# Each [section] key can be overridden by the environment variable VEILLE_<SECTION>_<KEY>,
# e.g. VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS=1. VEILLE_CONFIG names another file like this one;
# VEILLE_INSTANCE names the folder of the database and the index (default: ./instance).\
"""


def render_toml(settings: Settings | None = None) -> str:
    """The settings as a commented config file: the defaults, or the values of `settings`.

    `config/veille.toml` is `render_toml()`; `veille settings` prints the values in force.
    """
    lines, section = [HEADER], None
    for setting in SETTINGS:
        if setting.section != section:
            section = setting.section
            lines.append(f"\n[{section}]")
        value = getattr(getattr(settings, section), setting.key) if settings else setting.default
        lines.append(f"# {setting.help}\n{_assignment(setting, value, shown=settings is None)}")
    return "\n".join(lines) + "\n"


def _assignment(setting: Setting, value: Value, shown: bool) -> str:
    """`key = value`; for a secret in force, whether it is set, commented out."""
    if setting.secret and not shown:
        return f"# {setting.key} = ({'set' if value else 'empty'}: never printed)"
    return f"{setting.key} = {_toml_value(value)}"


def _toml_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
