"""The tables of the store: sources, items, resources and the fetch log."""

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, whatever the database keeps (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} reached the store")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("url", String(2000), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("every", Integer, nullable=False),
    Column("tags", JSON, nullable=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("error_count", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    # What went wrong, as a code (veille.errors.KINDS); last_error holds the detail.
    Column("last_error_kind", String(32)),
    Column("last_success_at", UTCDateTime),
    Column("last_fetched_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    # Kind-specific settings: page selectors, full-text extraction (see watchlist.py).
    Column("options", JSON, nullable=False, server_default="{}"),
    # Set when the source failed too many times in a row; the scheduler skips it until resumed.
    Column("paused_at", UTCDateTime),
)

items = Table(
    "items",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("source", String(300), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("content_html", Text, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("published", UTCDateTime, nullable=False, index=True),
    Column("fetched", UTCDateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("tags", JSON, nullable=False),
    Column("authors", JSON, nullable=False, server_default="[]"),
    Column("enclosures", JSON, nullable=False, server_default="[]"),
    Column("content_hash", String(64), nullable=False),
    # The text's fingerprint: another URL with the same text is the same article.
    Column("fingerprint", String(64), nullable=False, server_default="", index=True),
    # Near-duplicates (one news rewritten by several outlets) share a story: the id of the
    # first item of it that was stored (see stories.py). The signature is clusters.Signature.
    Column("story_id", String(128), index=True),
    Column("signature", Text, nullable=False, server_default=""),
    # False until the index holds this version of the item: what a crash left unindexed
    # is found here and indexed again (see veille.index.whoosh.writer.sync).
    Column("indexed", Boolean, nullable=False, default=False),
    # The pending items in id order (store.items.pending), a batch at a time without sorting
    # them all at each batch.
    Index("ix_items_indexed_id", "indexed", "id"),
    # A source's newest items (its page in the web UI) without sorting all of its items.
    Index("ix_items_source_id_published", "source_id", "published"),
)

# Every source an item was collected from: the same article from two feeds is one item.
item_sources = Table(
    "item_sources",
    metadata,
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("url", String(2000), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
)

# For each LSH band key of the signatures, the latest items that had it, as a JSON list of
# [item id, publication timestamp]: the candidates a new item is compared with (stories.py).
story_buckets = Table(
    "story_buckets",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("entries", JSON, nullable=False),
)

# The people who sign in (models.User); passwords are stored hashed (scrypt). An id is never
# given twice, even after its account is deleted (SQLite's AUTOINCREMENT; a sequence
# elsewhere): nothing naming a deleted account ever names a later one.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("role", String(32), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_login_at", UTCDateTime),
    sqlite_autoincrement=True,
)

# The sessions of the people signed in (veille/accounts/sessions.py): the SHA-256 of the
# secret their cookie carries, the account, when it began and when it was last used
# (refreshed about once a minute). Signing out deletes the row; a password or role change
# deletes the account's rows, its deletion too (cascade).
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
)

# Failed sign-ins (veille/accounts/signins.py), counted before each password is checked: per
# email and address (scope "pair"), and per address whatever the email (scope "address",
# email "").
# `since` starts the count; `locked_until` refuses attempts until then.
login_failures = Table(
    "login_failures",
    metadata,
    Column("scope", String(8), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("email", String(320), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("since", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime),
)

# What documentalists added to items (models.Curation); every change is in the audit log.
curation = Table(
    "curation",
    metadata,
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("starred", Boolean, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    Column("tags", JSON, nullable=False),
    Column("updated_by", String(300), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Published to the employers' portal, under these sectors and places.
    Column("published", Boolean, nullable=False, server_default=false()),
    Column("sectors", JSON, nullable=False, server_default="[]"),
    Column("places", JSON, nullable=False, server_default="[]"),
)

# Dossiers: named, ordered baskets of items and resources, with a note per entry. One made
# on the web belongs to its maker (`owner_id`), private until `shared`; those without an
# owner (made with the CLI, or before owners existed) are the team's. Names are unique per
# owner; the team's are kept unique by the repository (NULL owners never collide in SQL).
dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True),
    Column("shared", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("owner_id", "name", name="uq_dossiers_owner_name"),
)

dossier_entries = Table(
    "dossier_entries",
    metadata,
    Column("dossier_id", Integer, ForeignKey("dossiers.id", ondelete="CASCADE"),
           primary_key=True),
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("position", Integer, nullable=False),
    Column("note", Text, nullable=False),
)

# Personal notes (veille/curate/notes.py): a person's private note on an item, one per person and
# item; kept when the item is collected again, gone with the item or with the person.
item_notes = Table(
    "item_notes",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("text", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# An item's ROME jobs, domaines, grands domaines, skills and places (veille/tags/itemtags.py):
# "auto" rows are the taggers' and are replaced whenever the item is tagged again; "manual"
# rows are a documentalist's, an addition or (`removed`) the removal of an automatic tag, and
# survive re-tagging.
item_tags = Table(
    "item_tags",
    metadata,
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("value", String(64), primary_key=True),
    Column("origin", String(8), primary_key=True),
    Column("removed", Boolean, nullable=False, server_default=false()),
)

# How many items were published each French day, in all ("all", "") and per source, kind,
# tag, job (rome), domaine, place and skill: trends over years survive purges (daily.py).
daily_counts = Table(
    "daily_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("dimension", String(16), primary_key=True),
    Column("value", String(300), primary_key=True),
    Column("count", Integer, nullable=False),
)

# Who changed what, when: curation, records, rules.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor", String(300), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(2000), nullable=False),
    Column("details", JSON, nullable=False),
)

# Keep and block rules (models.Rule), for one source or, without one, for all.
rules = Table(
    "rules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),
    Column("match", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), index=True),
    Column("created_at", UTCDateTime, nullable=False),
)

# Ids of deleted items the index may still hold: the writer's next sync removes them from the
# index, then from here (a crash in between leaves them here, found again).
index_removals = Table(
    "index_removals",
    metadata,
    Column("id", String(128), primary_key=True),
)

# The catalogue's records (Dublin Core) of the resource items, and their files.
resources = Table(
    "resources",
    metadata,
    Column("id", String(128), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("title", Text, nullable=False),
    Column("creator", Text, nullable=False),
    Column("subject", JSON, nullable=False),
    Column("description", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("date", String(64), nullable=False),
    Column("type", String(200), nullable=False),
    Column("format", String(200), nullable=False),
    Column("identifier", String(2000), nullable=False),
    Column("language", String(35), nullable=False),
    Column("coverage", Text, nullable=False),
    Column("rights", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("stored_as", String(200), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("origin", String(2000), nullable=False, index=True),
    Column("problem", Text, nullable=False),
)

fetch_log = Table(
    "fetch_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), index=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("http_status", Integer),
    Column("fetched", Integer, nullable=False, default=0),
    Column("new", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("error", Text),
)


def utcnow() -> datetime:
    return datetime.now(UTC)

# Saved searches (models.SavedSearch): the arguments of a search, its owner, its feed's token
# and its alert ("", "daily" or "weekly"), last run at `alerted_at`; items first seen after
# `new_after` are new to it (see veille/diffuse/alerts.py).
saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("name", String(300), nullable=False),
    Column("query", JSON, nullable=False),
    Column("shared", Boolean, nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("alert", String(16), nullable=False),
    Column("alerted_at", UTCDateTime),
    Column("new_after", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# Watch bulletins: their entries as they were sent (title, link, summary, comment), so that
# the archived page stays whole when an item is later purged. While a draft is being sent,
# `sending_since` claims it (refreshed at each mail) and `delivered` lists whom the server
# has accepted it for, so that a retry after a failure sends to the others only.
bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(300), nullable=False),
    Column("editorial", Text, nullable=False),
    Column("entries", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("created_by", String(300), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("sending_since", UTCDateTime),
    Column("delivered", JSON, nullable=False, server_default="[]"),
    # A sending planned: when (the scheduler sends it then), and to whom (`schedule`:
    # the list's id, the pasted addresses, who planned it, the last failure).
    Column("scheduled_at", UTCDateTime, index=True),
    Column("schedule", JSON),
)

# People who receive bulletins: lists by theme, each subscriber confirmed by email (double
# opt-in) or imported by documentalists; `token` is the unsubscribe link's, in every mail.
bulletin_lists = Table(
    "bulletin_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("description", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

bulletin_subscribers = Table(
    "bulletin_subscribers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, ForeignKey("bulletin_lists.id", ondelete="CASCADE"),
           nullable=False),
    Column("email", String(320), nullable=False),
    Column("status", String(16), nullable=False),  # pending, confirmed, unsubscribed
    Column("origin", String(16), nullable=False),  # form, import
    Column("token", String(64), nullable=False, unique=True),
    Column("confirm_hash", String(64), index=True),  # SHA-256 of the confirmation link's
    Column("confirm_expires", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("confirmed_at", UTCDateTime),
    Column("unsubscribed_at", UTCDateTime),
    UniqueConstraint("list_id", "email", name="uq_bulletin_subscribers_list_email"),
)

# Addresses pasted into a bulletin's sending: each has its unsubscribe token too, and one who
# unsubscribed is left out of the next pasted lists.
pasted_recipients = Table(
    "pasted_recipients",
    metadata,
    Column("email", String(320), primary_key=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("unsubscribed_at", UTCDateTime),
)

# The referentials (veille/referentials): France Travail's ROME 4.0 and the INSEE geography,
# as their official files give them. `referential_versions` holds the release of each
# that the other tables hold ("460", "6.0.0"), where it came from and its counts; an import
# rewrites a referential's tables in place, in one transaction (store/referentials.py).
referential_versions = Table(
    "referential_versions",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("source", String(2000), nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("counts", JSON, nullable=False),
)

rome_grands_domaines = Table(
    "rome_grands_domaines",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("label", Text, nullable=False),
)

rome_domaines = Table(
    "rome_domaines",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("label", Text, nullable=False),
    Column("grand_domaine", String(8), nullable=False),
)

rome_metiers = Table(
    "rome_metiers",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("label", Text, nullable=False),
    Column("domaine", String(8), nullable=False, index=True),
    Column("grand_domaine", String(8), nullable=False),
    Column("parent", String(8), nullable=False, server_default=""),
)

rome_appellations = Table(
    "rome_appellations",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("label", Text, nullable=False),
    Column("short_label", Text, nullable=False),
    Column("rome_code", String(8), nullable=False, index=True),
    Column("principal", Boolean, nullable=False),
)

# Compétences (savoir-faire, savoir-être professionnels) and savoirs share the OGR codes.
rome_skills = Table(
    "rome_skills",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("label", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("category", Text, nullable=False),
)

rome_skill_links = Table(
    "rome_skill_links",
    metadata,
    Column("rome_code", String(8), primary_key=True),
    Column("skill_code", String(16), primary_key=True, index=True),
)

geo_regions = Table(
    "geo_regions",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
)

geo_departements = Table(
    "geo_departements",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
    Column("region", String(8), nullable=False),
)

geo_epcis = Table(
    "geo_epcis",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("population", Integer),
)

geo_communes = Table(
    "geo_communes",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
    Column("departement", String(8), nullable=False, index=True),
    Column("region", String(8), nullable=False, index=True),
    Column("epci", String(16), nullable=False, index=True),
    Column("population", Integer),
    Column("postcodes", JSON, nullable=False),
)

# DARES' FAP-2021 (referential "fap"): its families at each level (22, 86, 228, 341) and the
# table from ROME v3 job sheets × qualification levels to FAP341 families.
fap_families = Table(
    "fap_families",
    metadata,
    Column("level", Integer, primary_key=True),
    Column("code", String(8), primary_key=True),
    Column("label", Text, nullable=False),
)

fap_rome = Table(
    "fap_rome",
    metadata,
    Column("rome", String(8), primary_key=True),
    Column("qualification", Integer, primary_key=True),
    Column("fap", String(8), nullable=False),
)

# The bassins d'emploi of the BMO survey as places (referential "bassins"): which one each
# commune is in.
bassins = Table(
    "bassins",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
)

bassin_communes = Table(
    "bassin_communes",
    metadata,
    Column("commune", String(8), primary_key=True),
    Column("bassin", String(8), nullable=False, index=True),
)

# France Travail's BMO survey, one referential a year ("bmo:2024"), the years side by side:
# its jobs (FAP228), its bassins, and a job's recruitment projects in the part of a bassin
# inside a département (NULL: a secret cell).
bmo_jobs = Table(
    "bmo_jobs",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("code", String(8), primary_key=True),
    Column("label", Text, nullable=False),
    Column("family", String(8), nullable=False),
    Column("family_label", Text, nullable=False),
)

bmo_bassins = Table(
    "bmo_bassins",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
)

bmo_figures = Table(
    "bmo_figures",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("job", String(8), primary_key=True),
    Column("bassin", String(8), primary_key=True),
    Column("departement", String(8), primary_key=True),
    Column("region", String(8), nullable=False),
    Column("projects", Integer),
    Column("difficult", Integer),
    Column("seasonal", Integer),
    Index("ix_bmo_figures_region", "year", "region"),
    Index("ix_bmo_figures_departement", "year", "departement"),
    Index("ix_bmo_figures_bassin", "year", "bassin"),
)

# Labour-market figures as dated points (veille/collectors/francetravail_*.py): one value of an
# indicator ("offres", "DE_1/A"…) for a ROME job and a place ("departement:57") on a day (a
# quarter's first day for quarterly ones). A later collection of the same point replaces it.
labour_figures = Table(
    "labour_figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("indicator", String(32), nullable=False),
    Column("rome", String(8), nullable=False),
    Column("place", String(40), nullable=False),
    Column("date", Date, nullable=False),
    Column("value", Float, nullable=False),
    UniqueConstraint("indicator", "rome", "place", "date", name="uq_labour_figures_point"),
    Index("ix_labour_figures_rome_place", "rome", "place"),
)

# When an API source last returned each item of its (the offers of francetravail-offres):
# an offer not returned for `[francetravail] keep_offers` is withdrawn.
sightings = Table(
    "sightings",
    metadata,
    Column("item_id", String(128), ForeignKey("items.id", ondelete="CASCADE"),
           primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("last_seen", UTCDateTime, nullable=False),
)
