"""Near-duplicates: one story rewritten by several outlets, found without a database.

Shared wording alone misleads: a weekly template ("Offre de la semaine : …") repeats whole
sentences from one job offer to the next, more than two outlets rewriting the same press
release do. What a rewrite keeps is the facts: names, places and figures. So a signature holds
three views of an item: its wording (MinHash of word shingles), its names and its figures
(exact, small sets of hashes), and similarity weighs figures most. bench/dedup.py measured
these choices on tests/data/near-duplicates.

Every hash is fixed (keyed BLAKE2b, and multiply-shift functions with fixed constants for
MinHash): a signature is the same in every process and on every machine, so it can be
stored, and so can the LSH band keys that find candidates in an index.
"""

import base64
import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import numpy as np

from .french import french_term, memo_of

# Chosen with bench/dedup.py: with word pairs and 64 permutations every story of the fixtures
# holds together above 0.45 and no two stories meet above 0.34; the threshold sits between.
# Single words let last quarter's figures in; 128 permutations cost 50 % more for nothing.
SHINGLE_SIZE = 2
PERMUTATIONS = 64
THRESHOLD = 0.4
# Families compared, and their weight in `similarity`: figures vary most between templates
# and between two editions of a recurring article (last quarter's unemployment rate).
WEIGHTS = MappingProxyType({"words": 1.0, "names": 1.0, "figures": 3.0})
# Below this many shingles a text is too short to call anything its near-duplicate; exact
# duplicates are merged by processing.fingerprint anyway.
MIN_SHINGLES = 8
# Long articles keep the FACTS_KEPT smallest hashes of their names and of their figures: a
# consistent sample (bottom-k), exact for the few dozen that news items have.
FACTS_KEPT = 64
WORD_BAND_ROWS = 2
FACT_PERMUTATIONS = 32
FACT_BAND_ROWS = 2
FORMAT_VERSION = 2

_LANE = 16  # 32-bit values in one 64-byte BLAKE2b digest
_HEADER = struct.Struct("<BBBBB")  # version, shingle size, lanes, names, figures
# Capitalised words, hyphenated names whole; an elided article before them is dropped later.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
# A capital after these starts a sentence (or a quote): it says nothing about a name.
_SENTENCE_START = frozenset(".!?…:;«\"“—–")
_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|" \
    "novembre|décembre|decembre"
# 1 200 and 1 200 (no-break spaces), 1.200 and 7,1 are one figure each; "1er mars" is one
# date, and "9 h 30" one time of day.
_FIGURE = re.compile(
    rf"(\d+(?:[ \u00a0\u202f.]\d{{3}})*(?:,\d+)?)"
    rf"(?:(\s?h(?:\s?\d\d)?\b)|(?:er)?\s+({_MONTHS})\b)?",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[ \u00a0\u202f.]")


@dataclass(frozen=True)
class Signature:
    """What near-duplicate detection keeps of an item; store it with `dumps`."""

    shingle_size: int
    words: tuple[int, ...]  # MinHash of the word shingles; () when the text is too short
    names: tuple[int, ...]  # sorted hashes of the proper names
    figures: tuple[int, ...]  # sorted hashes of the numbers

    def dumps(self) -> str:
        """Return a compact ASCII form (about 450 characters) for a text column."""
        header = _HEADER.pack(FORMAT_VERSION, self.shingle_size, len(self.words) // _LANE,
                              len(self.names), len(self.figures))
        values = self.words + self.names + self.figures
        body = struct.pack(f"<{len(values)}I", *values)
        return base64.urlsafe_b64encode(header + body).decode("ascii").rstrip("=")

    @classmethod
    def loads(cls, text: str) -> "Signature":
        """Read what `dumps` wrote; ValueError if it is not that."""
        try:
            data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            version, size, lanes, names, figures = _HEADER.unpack_from(data)
            values = struct.unpack_from(f"<{lanes * _LANE + names + figures}I", data,
                                        _HEADER.size)
        except (ValueError, struct.error) as error:
            raise ValueError(f"not a signature: {text[:40]!r}") from error
        if version != FORMAT_VERSION or len(data) != _HEADER.size + 4 * len(values):
            raise ValueError(f"not a signature of format {FORMAT_VERSION}: {text[:40]!r}")
        words = lanes * _LANE
        return cls(size, values[:words], values[words:words + names], values[words + names:])


def signature(title: str, text: str, *, shingle_size: int = SHINGLE_SIZE,
              permutations: int = PERMUTATIONS) -> Signature:
    """Return the signature of an item from its title and plain text."""
    if permutations % _LANE or not 0 < permutations <= 255 * _LANE:
        raise ValueError(f"permutations must be a multiple of {_LANE}, not {permutations}")
    features = word_features(title, text, shingle_size)
    if len(features) < MIN_SHINGLES:
        return Signature(shingle_size, (), (), ())
    both = f"{title}.\n{text}"
    return Signature(
        shingle_size,
        minhash((f.encode("utf-8") for f in features), permutations),
        _hashes(names(both)),
        _hashes(figures(both)),
    )


def word_features(title: str, text: str, shingle_size: int = SHINGLE_SIZE) -> set[str]:
    """Word n-grams of the text, plus the title's words marked as such: a word that a rewrite
    keeps in its headline weighs twice."""
    body = shingles(normalise(text), shingle_size)
    return body | {f"title:{word}" for word in normalise(title)}


def normalise(text: str) -> list[str]:
    """French words as the index ranks them: lowercased, unaccented, stemmed, without stop
    words or elisions, so that "l'embauche des soudeurs" and "embaucher un soudeur" meet."""
    return memo_of(french_term).sequence(text)


def shingles(words: list[str], size: int) -> set[str]:
    """Runs of `size` consecutive words; a text shorter than that is one shingle."""
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def names(text: str) -> set[str]:
    """Capitalised words inside sentences (places, people, employers, acronyms), folded;
    single letters ("H/F") name nothing."""
    found = set()
    for match in _WORD.finditer(text):
        if match.group().islower():  # most words: no capital, no name
            continue
        word = _ELISION.sub("", match.group())
        if len(word) > 1 and word[0].isupper() and not _starts_sentence(text, match.start()):
            found.add(_fold(word.lower()))
    return found


def _starts_sentence(text: str, position: int) -> bool:
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position == 0 or text[position - 1] in _SENTENCE_START


def figures(text: str) -> set[str]:
    """Numbers without their thousands separators, and dates with their month: 12 mars and
    12 avril are two events. Times of day are left out: weekly templates repeat them."""
    found = set()
    for number, time_of_day, month in _FIGURE.findall(text):
        if not time_of_day:
            value = _SEPARATORS.sub("", number)
            found.add(f"{value} {_fold(month.lower())}" if month else value)
    return found


def minhash(features: Iterable[bytes], permutations: int) -> tuple[int, ...]:
    """The minimum of each of `permutations` hash functions over `features`.

    Each feature is hashed once (keyed BLAKE2b, 64 bits); the functions are multiply-shift
    hashes of it, h → (a·h + b mod 2^64) >> 32 with fixed odd a and any b, computed for all
    features and functions at once.
    """
    hashed = np.frombuffer(b"".join(map(_keyed_digest, features)), dtype="<u8")
    if not len(hashed):
        return ()
    multipliers, offsets = _functions(permutations)
    values = (np.multiply.outer(hashed, multipliers) + offsets) >> np.uint64(32)
    return tuple(int(value) for value in values.min(axis=0))


_KEYED = hashlib.blake2b(digest_size=8, key=b"veille-minhash")


def _keyed_digest(feature: bytes) -> bytes:
    """The keyed BLAKE2b digest of a feature, from a copy of the hash that has taken in its
    key already (a key is one more block to compress, each time)."""
    hashed = _KEYED.copy()
    hashed.update(feature)
    return hashed.digest()


def similarity(a: Signature, b: Signature, *,
               weights: Mapping[str, float] = WEIGHTS) -> float:
    """How likely `a` and `b` tell the same story, from 0 to 1: the weighted mean of the
    Jaccard similarities of their words, names and figures; a family neither has is left out."""
    if not a.words or not b.words:
        return 0.0
    if a.shingle_size != b.shingle_size or len(a.words) != len(b.words):
        raise ValueError("signatures made with different parameters cannot be compared")
    agreeing = sum(x == y for x, y in zip(a.words, b.words, strict=True))
    scores = {
        "words": agreeing / len(a.words),
        "names": _jaccard(a.names, b.names),
        "figures": _jaccard(a.figures, b.figures),
    }
    known = {f: score for f, score in scores.items() if score is not None and weights[f]}
    total = sum(weights[family] for family in known)
    return sum(weights[family] * score for family, score in known.items()) / total


def candidate_keys(sig: Signature) -> list[str]:
    """LSH band keys: items similar enough to be the same story share at least one of them
    (with high probability), so an index on keys finds candidates without a full scan.

    Word bands catch close rewrites, fact bands (names and figures) the looser ones. To place
    a new item, compare it with the stored items that share a key and join the story of those
    whose `similarity` reaches THRESHOLD, as `store.stories` does.
    """
    if not sig.words:
        return []
    facts = [struct.pack("<BI", 0, h) for h in sig.names]
    facts += [struct.pack("<BI", 1, h) for h in sig.figures]
    keys = _band_keys("w", sig.words, WORD_BAND_ROWS)
    return keys + _band_keys("f", minhash(facts, FACT_PERMUTATIONS), FACT_BAND_ROWS)


def _band_keys(family: str, values: tuple[int, ...], rows: int) -> list[str]:
    keys = []
    for band, start in enumerate(range(0, len(values) - rows + 1, rows)):
        packed = struct.pack(f"<{rows}I", *values[start:start + rows])
        keys.append(f"{family}{band}.{hashlib.blake2b(packed, digest_size=6).hexdigest()}")
    return keys


def _jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float | None:
    """Jaccard similarity of two bottom-k samples, estimated on the union's k smallest."""
    if not a and not b:
        return None
    union = sorted(set(a) | set(b))[:FACTS_KEPT]
    common = set(a) & set(b)
    return sum(h in common for h in union) / len(union)


def _hashes(features: set[str]) -> tuple[int, ...]:
    hashes = {int.from_bytes(hashlib.blake2b(f.encode("utf-8"), digest_size=4,
                                             person=b"veille-facts").digest(), "little")
              for f in features}
    return tuple(sorted(hashes)[:FACTS_KEPT])


@cache
def _functions(count: int) -> tuple[np.ndarray, np.ndarray]:
    """The fixed (odd multiplier, offset) pairs of `count` hash functions."""
    seed = hashlib.blake2b(b"veille-minhash-functions", digest_size=64).digest()
    stream = b"".join(hashlib.blake2b(seed + bytes([i]), digest_size=16).digest()
                      for i in range(count))
    pairs = np.frombuffer(stream, dtype="<u8").reshape(count, 2)
    return pairs[:, 0] | np.uint64(1), pairs[:, 1].copy()


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
