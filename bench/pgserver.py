"""A PostgreSQL database for a bench: a new one on the server `--store-url` names (dropped
at the end), or, without it, on a throwaway cluster started in a temporary folder as
`.ci/run` starts its own (initdb, pg_ctl on a socket there, no TCP; as root, run as Debian's
`postgres` user), stopped and removed at the end. The cluster keeps PostgreSQL's default
durability (fsync, synchronous commits): import rates are what a real server gives."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PORT = 54339


@contextmanager
def bench_database(server_url: str | None) -> Iterator[str]:
    """The URL of a new, empty database: on `server_url`'s server, else on a throwaway
    cluster."""
    if server_url:
        with _database_on(server_url) as url:
            yield url
        return
    with _throwaway_cluster() as cluster_url, _database_on(cluster_url) as url:
        yield url


@contextmanager
def _database_on(server_url: str) -> Iterator[str]:
    name = f"veille_bench_{os.getpid()}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    finally:
        admin.dispose()


@contextmanager
def _throwaway_cluster() -> Iterator[str]:
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda path: int(path.parent.name))
    if not binaries:
        raise SystemExit("no PostgreSQL in /usr/lib/postgresql: install it, or give --store-url")
    folder = Path(tempfile.mkdtemp(prefix="veille-bench-pg-"))
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if as_owner:
        shutil.chown(folder, "postgres")
    pg_ctl = [*as_owner, str(binaries[-1] / "pg_ctl"), "-D", str(folder / "data")]
    try:
        subprocess.run([*as_owner, str(binaries[-1] / "initdb"), "-D", str(folder / "data"),
                        "-U", "veille", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)
        subprocess.run([*pg_ctl, "-l", str(folder / "server.log"), "-w", "start", "-o",
                        f"-k {folder} -p {PORT} -c listen_addresses= -c max_connections=200"],
                       check=True, capture_output=True)
        yield f"postgresql+psycopg://veille@/postgres?host={folder}&port={PORT}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
