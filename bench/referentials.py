"""Importing the referentials: seconds to read, check and store the whole ROME 4.0, all of
France's geography, FAP-2021 and a year of the BMO survey with its bassins (53,443 rows of
xlsx), first into an empty store, then again (nothing changed), then reading them back as
the taggers do.

Run: .venv/bin/python bench/referentials.py  (the shared data: $VEILLE_SHARED_DATA, else
../shared/data beside the checkout)
"""

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from veille.referentials import bmo
from veille.referentials.importing import import_folder
from veille.store import migrate
from veille.store import referentials as store
from veille.store.database import connect, sqlite_url

ROOT = Path(__file__).parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED_DATA") or ROOT.parent / "shared" / "data")


def timed(label: str, step: Callable[[], object]) -> None:
    started = time.perf_counter()
    step()
    print(f"{label:<48} {time.perf_counter() - started:6.2f} s")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = connect(sqlite_url(Path(folder) / "veille.db"))
        migrate.upgrade(engine)
        for round_ in ("first import", "same release again"):
            timed(f"ROME 4.0, {round_}", lambda: import_folder(engine, SHARED / "rome-4.0"))
            timed(f"geography, {round_}", lambda: import_folder(engine, SHARED / "geo-fr"))
            timed(f"FAP-2021, {round_}", lambda: import_folder(engine, SHARED / "fap-2021"))
            timed(f"BMO 2024 and its bassins, {round_}",
                  lambda: import_folder(engine, SHARED / "bmo-2024"))
        with engine.connect() as conn:
            timed("load_rome", lambda: store.load_rome(conn))
            timed("load_geo", lambda: store.load_geo(conn))
            timed("reading the BMO workbook alone", lambda: bmo.read(SHARED / "bmo-2024"))
        engine.dispose()


if __name__ == "__main__":
    main()
