"""`veille init`: create the instance, add the watch list, index the starter resources.

Running it again is safe: what exists is kept, what the config adds is added.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..collect.pipeline import ImportReport, import_entries
from ..collect.processing import Origin
from ..collectors.documents import parse_markdown
from ..errors import ParseError
from ..instance import Instance, create_instance
from ..library import catalogue
from ..settings import Settings
from ..store import sources as source_store
from ..store.schema import utcnow
from .watchlist import read_watchlist

STARTER_SOURCE = catalogue.CATALOGUE_SOURCE


@dataclass
class InitReport:
    instance: Instance
    sources_added: list[str] = field(default_factory=list)
    resources: ImportReport = field(default_factory=ImportReport)


def initialise(settings: Settings) -> InitReport:
    report = InitReport(create_instance(settings))
    watchlist = settings.config_path(settings.sources.file)
    if watchlist and watchlist.is_file():
        with report.instance.engine.begin() as conn:
            for source in read_watchlist(watchlist, settings.sources.default_every):
                _, added = source_store.ensure(conn, source)
                if added:
                    report.sources_added.append(source.name)
    starter = settings.config_path(settings.resources.starter_dir)
    if starter and starter.is_dir():
        report.resources = import_entries(
            report.instance,
            _documents(starter),
            Origin(source=STARTER_SOURCE, fetched=utcnow(), namespace="starter-resources"),
        )
        catalogue.ensure_records(report.instance, report.resources.counts.ids)
    return report


def _documents(folder: Path):
    """Yield (number, entry or error) for each Markdown document, named by its path."""
    for number, path in enumerate(sorted(folder.rglob("*.md")), start=1):
        name = path.relative_to(folder).as_posix()
        try:
            entry = parse_markdown(name, path.read_bytes())
        except ParseError as exc:
            yield number, exc
            continue
        entry.guid = name
        yield number, entry
