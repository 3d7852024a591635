"""Between dataclasses and table rows: tuples (tags) are JSON lists in the database."""

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import CursorResult, RowMapping

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def to_row(obj: Any) -> dict[str, Any]:
    """The column values of a dataclass instance whose fields are all columns."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    return {name: list(v) if isinstance(v, tuple) else v for name, v in values.items()}


def from_row(cls: type[T], row: RowMapping | Mapping[str, Any]) -> T:
    """The dataclass instance of a row holding (at least) a column per field."""
    values = {f.name: row[f.name] for f in fields(cls)}
    return cls(**{name: tuple(v) if isinstance(v, list) else v for name, v in values.items()})


def inserted_id(result: CursorResult) -> int:
    """The id of the row a single-row INSERT added."""
    key = result.inserted_primary_key
    assert key is not None, "SQLAlchemy reports the key of every single-row insert"
    return key[0]
