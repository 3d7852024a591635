"""The catalogue: documents added as resources, their text read, their files kept.

A file becomes a record (Dublin Core, `models.Resource`) and an item of kind "resource" of
the same id, whose content is the file's text: the store holds both, the index follows.
The file itself is kept under the instance's `files/` folder by the hash of its bytes,
never by the name it came with (that name is data: `../../x.pdf` is a title, not a path).
"""

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path, PurePath
from typing import Literal

from sqlalchemy import Connection

from ..collect.pipeline import store_items_in
from ..collect.processing import Origin, item_id, normalise
from ..errors import InvalidRequest, NotFound
from ..instance import Instance
from ..models import LOCAL_TIME, Entry, Item, Resource
from ..store import audit
from ..store import items as item_store
from ..store import resources as resource_store
from ..store.schema import utcnow
from . import dublincore, filetext

CATALOGUE_SOURCE = "Maison des compétences"  # the source name of the Maison's own documents
FILES_DIR = "files"
KEYED_BY_ORIGIN = ("dir:", "url:", "item:")  # origins whose record follows their file's changes
RECORDS_BATCH = 500  # item ids looked up at a time
Status = Literal["new", "updated", "unchanged"]
# How the audit log names an addition, by the kind of its origin ("url:<address>": "url").
ADDITIONS = {"upload": "resource-upload", "url": "resource-bookmark", "dir": "resource-import"}


@dataclass
class Added:
    resource: Resource
    status: Status


@dataclass(frozen=True)
class Logged:
    """The audit log's entry of a change, written in the change's own transaction."""

    actor: str
    action: str
    target: str
    details: dict

    def write(self, conn: Connection) -> None:
        audit.record(conn, self.actor, self.action, self.target, self.details)


def add_file(
    instance: Instance, content: bytes, name: str, origin: str, identifier: str = "",
    actor: str | None = None,
) -> Added:
    """Add (or update) the resource of a document file. `origin` is "upload", "dir:<path>"
    for a folder's file or "url:<address>" for a downloaded one: those keep their record
    when the file changes, and are left alone when it has not; an upload is one record per
    distinct content. `identifier` (an address) goes into a new record. `actor`, when given,
    is who adds it, for the audit log. UnsupportedFormat for a file that is no document,
    InvalidRequest for one past the size limit."""
    limit = instance.settings.resources.max_file_mb * 2**20
    if len(content) > limit:
        raise InvalidRequest(f"{_display(name)}: {len(content) / 2**20:,.1f} MB, more than the "
                             f"{instance.settings.resources.max_file_mb} MB a file may have")
    sha256 = hashlib.sha256(content).hexdigest()
    with instance.engine.connect() as conn:
        known = lookup(conn, origin, sha256)
    if known and known.sha256 == sha256:
        return unchanged(instance, known, origin, actor)
    found = filetext.extract(content, name, instance.settings.resources.max_unzipped_mb * 2**20)
    record = _record(known, found, name, origin, sha256, len(content))
    record = replace(record, stored_as=_keep(instance, content, sha256, found.format.suffix),
                     identifier=record.identifier or identifier)
    added = Added(record, "updated" if known else "new")
    save(instance, record, found.content, found.is_html, addition(added, origin, actor))
    return added


def lookup(conn: Connection, origin: str, sha256: str) -> Resource | None:
    """The record a file of `origin` and content `sha256` updates, if any."""
    if origin.startswith(KEYED_BY_ORIGIN):
        return resource_store.by_origin(conn, origin)
    return resource_store.by_sha256(conn, sha256)


def new_id(origin: str, sha256: str) -> str:
    return item_id("", f"resource\n{origin if origin.startswith(KEYED_BY_ORIGIN) else sha256}")


def save(instance: Instance, record: Resource, content: str, is_html: bool,
         logged: Logged | None = None) -> None:
    """Store the record and its item, whose content is `content` (HTML or plain text), and
    the audit entry of the change if there is one, in one transaction: all or nothing."""
    with instance.engine.begin() as conn:
        store_items_in(conn, [_item(record, content, is_html)])
        resource_store.save(conn, record)
        if logged:
            logged.write(conn)


def addition(added: Added, origin: str, actor: str | None) -> Logged | None:
    """The audit entry of `actor`'s addition of a resource from `origin` (none without an
    actor: the command line's imports are not logged)."""
    if actor is None:
        return None
    record = added.resource
    return Logged(actor, ADDITIONS[origin.partition(":")[0]], f"resource:{record.id}",
                  {"file_name": record.file_name, "identifier": record.identifier,
                   "status": added.status})


def unchanged(instance: Instance, known: Resource, origin: str, actor: str | None) -> Added:
    """A file the catalogue holds as it is: nothing to store, the addition still logged."""
    added = Added(known, "unchanged")
    logged = addition(added, origin, actor)
    if logged:
        with instance.engine.begin() as conn:
            logged.write(conn)
    return added


def update_record(instance: Instance, record: Resource, actor: str) -> bool:
    """Save an edited record (NotFound if there is none of its id); its item's title,
    summary, tags, creator and date follow, its text stays; the changed elements go to the
    audit log. Whether anything changed."""
    with instance.engine.connect() as conn:
        known = resource_store.get(conn, record.id)
        item = item_store.get(conn, record.id)
    changed = {name: getattr(record, name) for name in dublincore.ELEMENTS
               if getattr(record, name) != getattr(known, name)}
    if record == known:
        return False
    logged = Logged(actor, "record-edit", f"resource:{record.id}", changed) if changed else None
    save(instance, record, item.content_html, True, logged)
    return True


def promote(instance: Instance, item_id: str, actor: str) -> Added:
    """Make a news item a catalogue record, prefilled from it (logged, reaching the index);
    the record's origin names the item ("item:<id>"), and the item is kept by retention
    while the record exists. NotFound for an unknown item, InvalidRequest for a resource."""
    origin = f"item:{item_id}"
    with instance.engine.connect() as conn:
        item = item_store.get(conn, item_id)
        known = resource_store.by_origin(conn, origin)
    if item.kind != "news":
        raise InvalidRequest(f"{item_id} is a resource already")
    if known:
        return Added(known, "unchanged")
    record = _prefilled(item, id=new_id(origin, ""), origin=origin)
    save(instance, record, item.content_html, True,
         Logged(actor, "promote", f"item:{item_id}", {"resource": record.id}))
    instance.sync_index()
    return Added(record, "new")


def ensure_records(instance: Instance, ids: Iterable[str]) -> int:
    """Give a record, prefilled from the item, to the resources among `ids` that have none
    (imported as JSON lines, or the starter documents); how many were given one."""
    given, ids = 0, list(ids)
    with instance.engine.begin() as conn:
        for start in range(0, len(ids), RECORDS_BATCH):
            for item in resource_store.resources_without_record(
                conn, ids[start : start + RECORDS_BATCH]
            ):
                resource_store.save(conn, _prefilled(item, id=item.id, origin="import"))
                given += 1
    return given


def _prefilled(item: Item, **facts) -> Resource:
    """The Dublin Core record an item suggests: its title, authors, tags, summary, source
    (as publisher), date and address."""
    return Resource(
        title=item.title, creator=", ".join(item.authors), subject=item.tags,
        description=item.summary, publisher=item.source,
        date=item.dated.astimezone(LOCAL_TIME).date().isoformat(), type="Text",
        format="text/html", identifier=item.url, **facts,
    )


def from_row(instance: Instance, row: dict[str, str], folder: Path, actor: str) -> Added:
    """Apply a row of a catalogue CSV (dublincore.read_csv): with an `id`, update that
    record; with a `file` (a path within `folder`, the CSV's), add the file as a folder
    import would, then give it the row's elements. InvalidRequest for a row that can do
    neither; NotFound for an unknown id."""
    if row.get("id"):
        with instance.engine.connect() as conn:
            known = resource_store.get(conn, row["id"])
        edited = dublincore.with_elements(known, row)
        changed = update_record(instance, edited, actor)
        return Added(edited, "updated" if changed else "unchanged")
    if not row.get("file"):
        raise InvalidRequest("the row names neither a record (`id`) nor a file (`file`)")
    path, name = _within(folder, row["file"])
    added = add_file(instance, path.read_bytes(), path.name, f"dir:{name}")
    edited = dublincore.with_elements(added.resource, row)
    if update_record(instance, edited, actor) and added.status == "unchanged":
        return Added(edited, "updated")
    return Added(edited, added.status)


def _within(folder: Path, name: str) -> tuple[Path, str]:
    """The file `name` of `folder`, and its path within it; InvalidRequest for any other
    place (`../`, absolute paths, links out of the folder)."""
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise InvalidRequest(f"{name!r} is not a file of {folder}")
    return path, path.relative_to(root).as_posix()


def delete(instance: Instance, resource_id: str, actor: str) -> Resource:
    """Delete a resource: its record, its item, and its file unless another record has the
    same one. NotFound if there is none of that id; the index forgets it at the next sync."""
    with instance.engine.begin() as conn:
        record = resource_store.get(conn, resource_id)
        item_store.delete(conn, [resource_id])
        audit.record(conn, actor, "resource-delete", f"resource:{resource_id}",
                     {"title": record.title, "file_name": record.file_name})
        shared = record.stored_as and resource_store.by_stored_as(conn, record.stored_as)
    if record.stored_as and not shared:
        (instance.root / FILES_DIR / record.stored_as).unlink(missing_ok=True)
    return record


def _record(known: Resource | None, found: filetext.FileText, name: str, origin: str,
            sha256: str, size: int) -> Resource:
    """The record of a new file, or `known` (the documentalist's metadata) with its file's
    new facts."""
    file_name = _display(name)
    base = known or Resource(
        id=new_id(origin, sha256),
        title=found.title or PurePath(file_name).stem or file_name,
        type="Text",
    )
    return replace(base, format=found.format.media_type, file_name=file_name, sha256=sha256,
                   size=size, origin=origin, problem=found.problem)


def _item(record: Resource, content: str, is_html: bool) -> Item:
    entry = Entry(
        id=record.id,
        url=record.identifier if record.identifier.startswith(("http://", "https://")) else "",
        title=record.title,
        summary=record.description,
        content=content,
        content_is_text=not is_html,
        published=_date(record.date),
        tags=record.subject,
        authors=(record.creator,) if record.creator else (),
        kind="resource",
    )
    origin = Origin(source=CATALOGUE_SOURCE, fetched=utcnow(), namespace="catalogue")
    return normalise(entry, origin)


def _date(value: str) -> datetime | None:
    try:
        day = datetime.fromisoformat(value)
    except ValueError:
        return None
    return day if day.tzinfo else datetime.combine(day.date(), time(), LOCAL_TIME)


def _keep(instance: Instance, content: bytes, sha256: str, suffix: str) -> str:
    """Write the file under its hash (once: the same bytes are one file); its stored name."""
    stored_as = f"{sha256[:2]}/{sha256}{suffix}"
    path = instance.root / FILES_DIR / stored_as
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
            temporary.write(content)
        os.replace(temporary.name, path)
    return stored_as


def stored_file(instance: Instance, record: Resource) -> Path:
    """Where the file of `record` is kept (records of bookmarks have none: NotFound)."""
    if not record.stored_as:
        raise NotFound(f"the resource {record.id} has no file")
    return instance.root / FILES_DIR / record.stored_as


def _display(name: str) -> str:
    """The name a file came with, as data: control characters (a NUL byte…) removed, and
    only its last part (a browser may send a path)."""
    cleaned = "".join(char for char in name if char.isprintable())
    return PurePath(cleaned.replace("\\", "/")).name or cleaned
