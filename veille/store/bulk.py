"""Many rows into a PostgreSQL table at once, with COPY: the bulk writes of an import.

An INSERT of a batch (executemany) is a statement a row for the server to parse, plan and
run, even pipelined; COPY streams the rows through one statement, several times faster for
the wide rows of the search tables. Each value is bound as its column's type binds it for an
INSERT (an aware datetime made naive UTC, and so on), then written by psycopg as COPY's text
format writes it, which the server reads as the column's type reads text (a tsvector from its
literal, an array from its braces). PostgreSQL only: SQLite has no COPY.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table


def copy_rows(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write `rows` (each a value for every column of `table`) in the caller's transaction."""
    names = [column.name for column in table.columns]
    binders = [_binder(conn, table, name) for name in names]
    cursor = conn.connection.driver_connection.cursor()
    columns = ", ".join(f'"{name}"' for name in names)
    with cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([bind(row[name]) for name, bind in zip(names, binders, strict=True)])


def _binder(conn: Connection, table: Table, name: str) -> Callable[[Any], Any]:
    return table.columns[name].type.bind_processor(conn.dialect) or _same


def _same(value: Any) -> Any:
    return value
