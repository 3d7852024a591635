"""The plain data that flows between the stages: sources, entries, items, fetch results."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

# An "offre" is a job offer an API source brings (veille/collectors/francetravail_offres.py).
Kind = Literal["news", "resource", "offre"]
KINDS: tuple[Kind, ...] = ("news", "resource", "offre")
# The time of the people using veille: dates without a zone, and days in filters, are theirs.
LOCAL_TIME = ZoneInfo("Europe/Paris")


@dataclass
class Source:
    """A place veille collects from, with its collection state."""

    name: str
    url: str
    kind: str = "feed"
    every: int = 3600
    tags: tuple[str, ...] = ()
    enabled: bool = True
    id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error: str | None = None  # the technical detail (English), None once it succeeds again
    last_error_at: datetime | None = None
    last_error_kind: str | None = None  # what went wrong (veille.errors.KINDS)
    last_success_at: datetime | None = None
    last_fetched_at: datetime | None = None
    options: dict = field(default_factory=dict)
    paused_at: datetime | None = None


@dataclass
class Entry:
    """One item as a collector or an import file gives it, before normalisation.

    `content` may be HTML or plain text; processing sanitises it and derives the rest.
    """

    title: str
    url: str = ""
    content: str = ""
    summary: str = ""
    published: datetime | None = None
    tags: tuple[str, ...] = ()
    guid: str = ""
    id: str = ""
    kind: Kind = "news"
    source: str = ""
    # True for content the feed declares as plain text (Atom type="text"): never interpreted.
    content_is_text: bool = False
    authors: tuple[str, ...] = ()
    enclosures: tuple[dict, ...] = ()  # {"url", "type", "length"}: podcasts, PDFs…


@dataclass
class Item:
    """A normalised item as the store keeps it and the index holds it."""

    id: str
    title: str
    url: str
    source: str
    kind: Kind
    # None only on the way in, for an entry without a date: the store dates it when first seen.
    published: datetime | None
    fetched: datetime
    summary: str = ""
    content_html: str = ""
    content_text: str = ""
    tags: tuple[str, ...] = ()
    source_id: int | None = None
    authors: tuple[str, ...] = ()
    enclosures: tuple[dict, ...] = ()
    fingerprint: str = ""
    # The story of near-duplicates the item belongs to: set by the store (stories.py).
    story_id: str | None = None

    @property
    def dated(self) -> datetime:
        """Its publication date, which an item read from the store always has."""
        if self.published is None:
            raise ValueError(f"item {self.id} is not dated yet: the store dates it")
        return self.published


Role = Literal["admin", "documentalist", "advisor"]
ROLES: tuple[Role, ...] = ("admin", "documentalist", "advisor")


@dataclass
class User:
    """A person who signs in (employers browse the public pages without an account)."""

    email: str
    role: Role
    password_hash: str = ""
    id: int | None = None
    created_at: datetime | None = None
    last_login_at: datetime | None = None


@dataclass(frozen=True)
class Session:
    """A signed-in session (veille/accounts/sessions.py): whose it is, when it began and when it was
    last used."""

    user: User
    created_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True)
class FailureCount:
    """Failed sign-ins counted since `since` (veille/accounts/signins.py); none is checked before
    `locked_until`."""

    failures: int
    since: datetime
    locked_until: datetime | None = None


@dataclass
class Curation:
    """What documentalists added to an item: a star, their tags, a note, hiding it,
    publishing it to the employers' portal under sectors and places."""

    item_id: str
    starred: bool = False
    hidden: bool = False  # left out of searches (kept in the store)
    note: str = ""
    tags: tuple[str, ...] = ()  # added to the item's own, in the index
    updated_by: str = ""
    updated_at: datetime | None = None
    published: bool = False  # shown on the portal, to anyone
    sectors: tuple[str, ...] = ()  # codes of sectors.SECTORS
    places: tuple[str, ...] = ()  # territories named by the documentalist

    @property
    def marks(self) -> tuple[str, ...]:
        """The index's words for it, for filters: "starred", "hidden", "noted", "tagged",
        "published"."""
        flags = {"starred": self.starred, "hidden": self.hidden, "noted": bool(self.note),
                 "tagged": bool(self.tags), "published": self.published}
        return tuple(mark for mark, on in flags.items() if on)


Alert = Literal["", "daily", "weekly", "spike"]
ALERTS: tuple[Alert, ...] = ("", "daily", "weekly", "spike")


@dataclass
class SavedSearch:
    """A person's search kept under a name: its arguments as the search page takes them
    (`{"q": ["soudeur"], "source": ["DARES"]}`), shared with the team or not, with an Atom
    feed reached by its token and an email alert ("": none, "daily", "weekly", "spike")."""

    user_id: int
    name: str
    query: dict[str, list[str]]
    token: str
    # Items first seen after this are new to its alert (the newest one it has considered).
    new_after: datetime
    shared: bool = False
    alert: Alert = ""
    # The last alert run for it (with or without a mail); a spike alert's last mail.
    alerted_at: datetime | None = None
    created_at: datetime | None = None
    id: int | None = None
    owner: str = ""  # the owner's email (read from the accounts, not a column)


RuleAction = Literal["keep", "block"]
RuleMatch = Literal["words", "phrase", "regex", "source", "tag"]
RULE_ACTIONS: tuple[RuleAction, ...] = ("keep", "block")
RULE_MATCHES: tuple[RuleMatch, ...] = ("words", "phrase", "regex", "source", "tag")


@dataclass
class Rule:
    """A keep or block rule, applied to what sources bring (enrich/rules.py): for one
    source, or for all when `source_id` is None."""

    action: RuleAction
    match: RuleMatch
    value: str
    source_id: int | None = None
    id: int | None = None


@dataclass
class Resource:
    """A document of the Maison's catalogue: its Dublin Core record and, for a file, where
    veille keeps it. Its text is its item's (same id), which the index holds."""

    id: str
    title: str
    creator: str = ""
    subject: tuple[str, ...] = ()  # free tags and controlled terms
    description: str = ""
    publisher: str = ""
    date: str = ""  # as the record gives it, ISO 8601 when known
    type: str = ""  # "Text", "Report"…
    format: str = ""  # media type
    identifier: str = ""  # its address, an ISBN…
    language: str = "fr"
    coverage: str = ""  # the territory it is about
    rights: str = ""
    file_name: str = ""  # the name it came with: data, never a path
    stored_as: str = ""  # the name veille gave its copy under the instance's files
    sha256: str = ""
    size: int = 0
    origin: str = ""  # "dir:<path within the imported folder>", "upload", "url"
    problem: str = ""  # why no text was extracted; "" when it was


@dataclass
class FetchResult:
    """What `fetch.fetch` got: the final URL, and either a body or "not modified"."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class Figure:
    """A labour-market figure on a day: an indicator ("offres", "DE_1/A"…) for a ROME job and
    a place key ("departement:57", "commune:57463"); quarterly ones on the quarter's first
    day."""

    indicator: str
    rome: str
    place: str
    date: date
    value: float


@dataclass
class Harvest:
    """What an API source gives at one collection: entries, dated figures, and the tags the
    API gives some entries by entry id ("rome:H2913", "lieu:commune:57463"), which replace
    the taggers' for them."""

    entries: list[Entry] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SourceReport:
    """The outcome of collecting one source, as `veille collect` prints it."""

    source: str
    source_id: int | None = None
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error: str | None = None
    error_kind: str | None = None  # veille.errors.KINDS
    blocked: int = 0  # entries the source's keep and block rules left out

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class UpsertCounts:
    """How many items a write added, changed or left as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)

    def add(self, other: "UpsertCounts") -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.ids.extend(other.ids)
        self.new_ids.extend(other.new_ids)
        self.updated_ids.extend(other.updated_ids)


@dataclass
class BulletinEntry:
    """One article of a watch bulletin, as it was chosen: copied from its item, so that the
    bulletin stays whole when the item is later purged."""

    title: str
    url: str = ""  # the original address (http or https only), "" when there is none
    summary: str = ""
    source: str = ""
    date: str = ""  # day of publication, ISO 8601, French time
    comment: str = ""  # the documentalist's word on it, sent with the bulletin
    item_id: str = ""  # the item it was copied from (it may be gone since)


@dataclass
class Bulletin:
    """A watch bulletin: an editorial and chosen articles, sent by email and then archived
    as a public page. A draft until `sent_at`."""

    title: str
    editorial: str = ""  # plain text; paragraphs are separated by blank lines
    entries: tuple[BulletinEntry, ...] = ()
    recipients: tuple[str, ...] = ()  # whom it was sent to (never shown publicly)
    created_by: str = ""
    created_at: datetime | None = None
    sent_at: datetime | None = None
    id: int | None = None
    scheduled_at: datetime | None = None  # when the scheduler sends it, if planned
    schedule: "Schedule | None" = None

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


@dataclass(frozen=True)
class Schedule:
    """A bulletin's planned sending: to the confirmed subscribers of a list and to pasted
    addresses, as planned by `by`; `error` holds the last failure, tried again later."""

    recipients: str = ""  # pasted addresses, as typed
    list_id: int | None = None
    by: str = ""
    error: str = ""


@dataclass(frozen=True)
class BulletinList:
    """A list of people who receive the bulletins of a theme."""

    name: str
    description: str = ""
    created_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Subscriber:
    """One address on one list: "pending" until it follows the link mailed to it (double
    opt-in), then "confirmed"; "unsubscribed" once it followed the unsubscribe link."""

    list_id: int
    email: str
    status: str
    origin: str  # "form" (signed up on the site) or "import" (a documentalist's CSV)
    token: str  # of the unsubscribe link in every mail
    created_at: datetime
    confirmed_at: datetime | None = None
    unsubscribed_at: datetime | None = None
    confirm_hash: str | None = None
    confirm_expires: datetime | None = None
    id: int | None = None


class Numbered(Protocol):
    """A record the store numbers: its id is None until the store adds it."""

    @property
    def id(self) -> int | None: ...


def stored_id(record: Numbered) -> int:
    """The id of a record read from the store (only one not added yet has none)."""
    if record.id is None:
        raise ValueError(f"this {type(record).__name__} has no id: it is not stored yet")
    return record.id
