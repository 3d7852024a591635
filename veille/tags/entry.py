"""Tags as documentalists see and type them on an item's page: an item's tags labelled
(jobs, skills, places by name, those added by hand marked), and what a typed job or place
means ("soudeur" is H2913, "Moselle" is departement:57). A text meaning no job or place,
or several, is refused with the candidates named: an ambiguous name is never tagged with a
guess."""

from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from ..errors import InvalidRequest
from ..index.vocabulary import PLACE_KINDS, rome_codes
from ..store import tags as tag_store
from ..store.tags import KINDS
from . import labels
from .vocabulary import StoreVocabulary


@dataclass(frozen=True)
class ItemTag:
    """One of an item's tags, as its page shows it."""

    kind: str
    value: str
    label: str  # the referential's name; the code itself when it has none
    by_hand: bool  # added by a documentalist, not found by the taggers

    @property
    def key(self) -> str:
        """The tag as a removal names it ("place:departement:57")."""
        return f"{self.kind}:{self.value}"


def item_tags(conn: Connection, item_id: str) -> dict[str, list[ItemTag]]:
    """The item's tags by kind (store.tags.KINDS order, the kinds it has), labelled."""
    found = tag_store.effective_of(conn, [item_id]).get(item_id, {})
    auto = tag_store.auto_of(conn, item_id)
    shown = {}
    for kind in KINDS:
        named = labels.labels(conn, kind, found.get(kind, ()))
        shown[kind] = [ItemTag(kind, value, named.get(value, value), (kind, value) not in auto)
                       for value in found.get(kind, ())]
    return {kind: tags for kind, tags in shown.items() if tags}


def meant(engine: Engine, kind: str, text: str) -> tuple[str, str]:
    """The tag a documentalist means by `text` for `kind` ("rome" or "lieu"), written as
    itemtags.edit reads it ("rome:H2913", "lieu:departement:57"), and its label: for a job,
    a ROME code or words naming exactly one job; for a place, a key, an INSEE code or a
    name."""
    text = " ".join(text.split())
    if not text:
        raise InvalidRequest("Indiquez un code ou un nom.")
    if kind == "rome":
        code, label = job(engine, text)
        return f"rome:{code}", f"{code} · {label}"
    key, label = place(engine, text)
    return f"lieu:{key}", label


def job(engine: Engine, text: str) -> tuple[str, str]:
    """The ROME job `text` means (its code, or words naming exactly one job): its code and
    label; InvalidRequest, in French, naming the candidates when it means none or several."""
    codes = rome_codes(text, StoreVocabulary(engine))
    with engine.connect() as conn:
        named = labels.labels(conn, "rome", codes)
    if not named:
        raise InvalidRequest(f"Aucun métier du ROME ne correspond à « {text} ».")
    if len(named) > 1:
        jobs = ", ".join(f"{label} ({code})" for code, label in named.items())
        raise InvalidRequest(f"« {text} » nomme plusieurs métiers : {jobs}. Indiquez le code "
                             "de celui que vous voulez.")
    return next(iter(named.items()))


def place(engine: Engine, text: str) -> tuple[str, str]:
    """The place `text` means (a key, a code or a name): its key ("departement:57") and
    label; InvalidRequest, in French, naming the candidates when it means none or several.
    A bare code is the first kind of place that has it (PLACE_KINDS)."""
    by_code = any(char.isdigit() for char in text)
    if by_code:
        kind, _, code = text.replace(" ", "").rpartition(":")
        keys = [f"{kind}:{code.upper()}" for kind in ([kind.lower()] if kind else PLACE_KINDS)]
    else:
        keys = list(StoreVocabulary(engine).place_keys(text))
    with engine.connect() as conn:
        named = labels.place_labels(conn, keys)
    # A bare code is the first kind of place that has it (PLACE_KINDS is the order
    # itemtags.edit tries them in).
    found = [key for key in keys if key in named][:1 if by_code else None]
    if not found:
        raise InvalidRequest(f"Aucun lieu ne correspond à « {text} » (un nom, un code INSEE "
                             "ou une clé comme departement:57).")
    if len(found) > 1:
        places = ", ".join(f"{named[key]} [{key}]" for key in found)
        raise InvalidRequest(f"Plusieurs lieux s'appellent « {text} » : {places}. Indiquez "
                             "le code de celui que vous voulez.")
    return found[0], named[found[0]]
