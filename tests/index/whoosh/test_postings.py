"""The index's files as search reads them: BulkWriter writes what Whoosh's own writer writes,
and the arrays it writes beside them hold what Whoosh's matchers read, segment after
segment."""

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from tests.conftest import DATA
from veille.index.whoosh import arrays
from veille.index.whoosh.bulk import BulkWriter
from veille.index.whoosh.columns import SINGLE_VALUED, columns
from veille.index.whoosh.postings import Postings
from veille.index.whoosh.schema import build_schema
from veille.index.whoosh.spelling import document_counts

FIELDS = ("title", "content", "exact", "tags")
POSITIONAL = ("title", "exact")


def documents(count: int) -> list[dict]:
    """`count` documents cycling through the fixture stories: enough that common words span
    several posting blocks (128 postings each)."""
    rows = [json.loads(line) for line in
            (DATA / "near-duplicates" / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    start = datetime(2026, 3, 1, tzinfo=UTC)
    docs = []
    for number in range(count):
        row = rows[number % len(rows)]
        docs.append({
            "id": f"{row['id']}-{number}",
            "title": row["title"],
            "content": f"{row['text']} Édition {number}.",
            "exact": f"{row['title']}\n{row['text']} Édition {number}.",
            "source": row["id"].rsplit("-", 1)[-1],
            "kind": "news",
            "story": row["story"],
            "tags": row["story"],
            "published": (start + timedelta(hours=5 * number)).replace(tzinfo=None),
            "day": (start + timedelta(hours=5 * number)).toordinal(),
            "month": f"{start + timedelta(hours=5 * number):%Y-%m}",
        })
    return docs


def write(folder, writer_class, batches: list[list[dict]]):
    folder.mkdir()
    ix = whoosh_index.create_in(folder, build_schema())
    for batch in batches:
        writer = writer_class(ix)
        for doc in batch:
            writer.add_document(**doc)
        writer.commit(merge=False)
    return ix


def everything(ix) -> dict:
    """Every posting (document, weight, value) and field length of the index."""
    with ix.reader() as reader:
        postings = {
            (field, text): [(m.id(), m.weight(), m.value()) for m in _walk(reader, field, text)]
            for field in FIELDS
            for text in reader.field_terms(field)
        }
        lengths = {
            field: [reader.doc_field_length(doc, field) for doc in range(reader.doc_count_all())]
            for field in FIELDS
        }
        stored = list(reader.all_stored_fields())
    return {"postings": postings, "lengths": lengths, "stored": stored}


def _walk(reader, field, text):
    matcher = reader.postings(field, text)
    while matcher.is_active():
        yield matcher
        matcher.next()


@pytest.fixture(scope="module")
def three_segments(tmp_path_factory):
    """300 documents in three segments, one document deleted since."""
    docs = documents(300)
    ix = write(tmp_path_factory.mktemp("index") / "ix", BulkWriter,
               [docs[:130], docs[130:260], docs[260:]])
    writer = BulkWriter(ix)
    writer.delete_by_term("id", docs[5]["id"])
    writer.commit(merge=False)
    return ix


@pytest.mark.slow
@pytest.mark.parametrize("batches", [[300], [100, 150, 50]], ids=["one commit", "three"])
def test_the_bulk_writer_writes_what_whoosh_writes(tmp_path, batches):
    docs, cut = documents(sum(batches)), np.cumsum([0, *batches])
    parts = [docs[start:end] for start, end in zip(cut, cut[1:], strict=False)]
    ours = everything(write(tmp_path / "bulk", BulkWriter, parts))
    theirs = everything(write(tmp_path / "whoosh", SegmentWriter, parts))
    assert ours["postings"] == theirs["postings"]
    assert ours["lengths"] == theirs["lengths"]
    assert ours["stored"] == theirs["stored"]


def whoosh_files(ix) -> list[dict[str, bytes]]:
    """Each segment's files but veille's arrays, by their extension, in the segments' order."""
    found = []
    for segment in ix._segments():
        prefix = segment.make_filename("")
        folder = Path(ix.storage.folder)
        found.append({name[len(prefix):]: (folder / name).read_bytes()
                      for name in ix.storage.list() if name.startswith(prefix)
                      and not name.endswith(arrays.EXTENSION)})
    return found


def test_the_bulk_writers_files_are_whooshs_byte_for_byte_merges_too(tmp_path):
    """BulkWriter hands Whoosh's postings writer whole blocks (blocks.py): the bytes are
    those of Whoosh's SegmentWriter, for new documents and for the segments a commit merges
    (six small segments, then one commit merging them all)."""
    docs = documents(700)
    parts = [docs[start : start + 100] for start in range(0, 700, 100)]
    indexes = {}
    for name, writer_class in (("bulk", BulkWriter),
                               ("whoosh", lambda ix: SegmentWriter(ix, compound=False))):
        (tmp_path / name).mkdir()
        ix = indexes[name] = whoosh_index.create_in(tmp_path / name, build_schema())
        for number, part in enumerate(parts):
            writer = writer_class(ix)
            for doc in part:
                writer.add_document(**doc)
            writer.commit(merge=False, optimize=number == len(parts) - 1)
    ours, theirs = whoosh_files(indexes["bulk"]), whoosh_files(indexes["whoosh"])
    assert len(ours) == 1 and {".pst", ".trm", "._stored.col"} <= set(ours[0])
    assert ours == theirs


def live(reader, pairs) -> list[tuple]:
    """The pairs whose document is not deleted: the arrays keep deleted documents, which
    search masks (columns.live); Whoosh's matchers skip them."""
    return [pair for pair in pairs if not reader.is_deleted(pair[0])]


def test_a_terms_arrays_are_what_whoosh_reads_across_segments(three_segments):
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        found = Postings(reader)
        for field in FIELDS:
            for text in reader.field_terms(field):
                ids, weights = found.term(field, text)
                expected = [(m.id(), m.weight()) for m in _walk(reader, field, text)]
                assert live(reader, zip(ids.tolist(), weights.tolist(), strict=True)) == expected


def test_positions_arrays_are_what_whoosh_reads_across_segments(three_segments):
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        every = np.ones(reader.doc_count_all(), dtype=bool)
        for field in POSITIONAL:
            for text in reader.field_terms(field):
                docs, where = Postings(reader).positions(field, text, every)
                expected = [(m.id(), position) for m in _walk(reader, field, text)
                            for position in m.value_as("positions")]
                assert live(reader, zip(docs.tolist(), where.tolist(), strict=True)) == expected


def test_positions_are_read_for_the_documents_asked_only(three_segments):
    """Every third document of the second half."""
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        numbers = np.arange(reader.doc_count_all())
        among = (numbers % 3 == 0) & (numbers >= 150)
        for text in ("le", "metz", "forum"):
            docs, where = Postings(reader).positions("exact", text, among)
            expected = [(m.id(), position) for m in _walk(reader, "exact", text)
                        for position in m.value_as("positions") if among[m.id()]]
            found = live(reader, zip(docs.tolist(), where.tolist(), strict=True))
            assert expected and found == expected


def test_an_unknown_term_has_empty_arrays(three_segments):
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        found = Postings(reader)
        every = np.ones(reader.doc_count_all(), dtype=bool)
        assert [len(a) for a in found.term("content", "zzz")] == [0, 0]
        assert [len(a) for a in found.positions("exact", "zzz", every)] == [0, 0]
        assert [len(a) for a in found.term("nowhere", "zzz")] == [0, 0]


def test_the_spelling_vocabulary_counts_documents_as_whoosh_does(three_segments):
    """spelling reads each segment's term table itself: the same counts as Whoosh's walk."""
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        expected = {text.decode("utf-8"): info.doc_frequency()
                    for text, info in reader.iter_field("exact")}
        counts = Counter()
        for segment, _ in reader.leaf_readers():
            document_counts(segment, "exact").add_to(counts)
        assert len(expected) > 500 and dict(counts) == expected


def test_columns_put_the_segments_values_end_to_end(three_segments):
    """Each segment's columns are read once and joined, their values coded anew: a table
    where every document has its own values, deleted ones marked."""
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        table = columns(searcher, ("three segments", reader.generation()))
        for docnum, stored in enumerate(documents(reader.doc_count_all())):
            assert table.live[docnum] == (not reader.is_deleted(docnum))
            for name in SINGLE_VALUED:
                codes = table.single[name]
                assert codes.values[codes.codes[docnum]] == stored[name], (docnum, name)
            occurrences = table.multi["tags"]
            tags = {occurrences.values[code] for code, doc in
                    zip(occurrences.codes, occurrences.docs, strict=True) if doc == docnum}
            assert tags == ({stored["tags"]} if table.live[docnum] else set())
            assert table.day[docnum] == stored["day"]
        assert list(table.published) == sorted(table.published)  # dates in document order


def test_a_prefix_names_the_documents_of_every_term_it_starts(three_segments):
    with three_segments.searcher() as searcher:
        reader = searcher.reader()
        found = Postings(reader)
        for prefix in ("for", "m", "zz", "édi", ""):
            mask = found.pattern(reader, "exact", query.Prefix("exact", prefix))
            expected = {m.id() for text in reader.field_terms("exact")
                        if text.startswith(prefix) for m in _walk(reader, "exact", text)}
            assert set(np.flatnonzero(mask & ~deleted(reader)).tolist()) == expected, prefix


def deleted(reader) -> np.ndarray:
    return np.array([reader.is_deleted(doc) for doc in range(reader.doc_count_all())])


def test_merged_segments_have_their_arrays(tmp_path):
    """Whoosh merges small segments at a commit through the writer's pool: the merged
    segment's arrays hold the documents of the segments it replaced."""
    docs = documents(60)
    ix = write(tmp_path / "ix", BulkWriter, [docs[:20], docs[20:40]])
    writer = BulkWriter(ix)
    for doc in docs[40:]:
        writer.add_document(**doc)
    writer.commit(optimize=True)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) == 1
        found = Postings(reader)
        for text in reader.field_terms("exact"):
            ids, _ = found.term("exact", text)
            assert ids.tolist() == [m.id() for m in _walk(reader, "exact", text)]
    leftovers = [name for name in ix.storage.list() if name.endswith(arrays.EXTENSION)]
    assert len(leftovers) == 1  # the merged segments' files went with them


def test_after_a_commit_only_the_new_segment_is_read_for_a_known_term(tmp_path, monkeypatch):
    docs = documents(400)
    ix = write(tmp_path / "ix", BulkWriter, [docs[:300]])
    with ix.searcher() as searcher:
        reader = searcher.reader()
        text = max(reader.iter_field("content"), key=lambda item: item[1].doc_frequency())[0]
        text = text.decode("utf-8")
        before = Postings(reader)
        before.term("content", text)
    writer = BulkWriter(ix)
    for doc in docs[300:]:
        writer.add_document(**doc)
    writer.commit(merge=False)
    reads = []
    read = arrays.SegmentArrays.postings

    def counted(self, field, term):
        reads.append(self)
        return read(self, field, term)

    monkeypatch.setattr(arrays.SegmentArrays, "postings", counted)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids, weights = Postings(reader, before).term("content", text)
        inherited = len(reads)
        fresh = Postings(reader).term("content", text)
    assert ids.tolist() == fresh[0].tolist() and weights.tolist() == fresh[1].tolist()
    assert (inherited, len(reads) - inherited) == (1, 2)


def _titles(ix) -> dict[str, list[str]]:
    """Each id's titles, one for each of its documents."""
    found: dict[str, list[str]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            found.setdefault(fields["id"], []).append(fields["title"])
    return found


def test_updating_replaces_what_any_segment_holds_and_adds_the_rest(tmp_path):
    docs = documents(90)
    ix = write(tmp_path / "ix", BulkWriter, [docs[:30], docs[30:60]])
    writer = BulkWriter(ix)
    changed = [{**doc, "title": "Titre changé"} for doc in (docs[3], docs[45])]
    for doc in [*changed, *docs[60:]]:
        writer.update_document(**doc)
    writer.commit(merge=False)
    assert _titles(ix) == {doc["id"]: [doc["title"]] for doc in [*docs[:90], *changed]}


def test_updating_a_document_no_segment_holds_looks_nothing_up(tmp_path, monkeypatch):
    """SegmentWriter.update_document looks each document's id up in every segment: a cost
    growing with the segments, for nothing when the document is new (an import)."""
    docs = documents(80)
    ix = write(tmp_path / "ix", BulkWriter, [docs[:20], docs[20:40], docs[40:60]])
    lookups = []
    find = Searcher._find_unique

    def counted(self, uniques):
        lookups.append(uniques)
        return find(self, uniques)

    monkeypatch.setattr(Searcher, "_find_unique", counted)
    writer = BulkWriter(ix)
    for doc in [docs[7], *docs[60:]]:
        writer.update_document(**doc)
    writer.commit(merge=False)
    assert lookups == [[("id", docs[7]["id"])]]
    assert sorted(_titles(ix)) == sorted(doc["id"] for doc in docs)
