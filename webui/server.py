"""`veille serve`: the web UI in one process on waitress, scheduler inside, or in several
processes under gunicorn beside one `veille worker` process running the scheduler.

Whoever runs the scheduler holds the instance's leader lock (veille.store.leaderlock): a one-process
`veille serve` beside a running `veille worker` serves only, and takes the scheduler over
when the worker ends. The index's caches are built before listening (SearchEngine.warm),
so that the first search after a start does not pay for them, and kept warm after.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from gunicorn.app.base import BaseApplication
from waitress.server import create_server

from veille.collect.scheduler import start_when_leading
from veille.errors import VeilleError
from veille.instance import Instance
from veille.settings import Settings, load_settings
from veille.tags import storetaggers

from . import create_app

WARM_EVERY = 5  # seconds between two looks at whether the index changed, to warm it
WARMING_WORD = "emploi"  # what a web process searches before it serves


def serve(host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    settings = load_settings()
    host, port = host or settings.web.host, port or settings.web.port
    workers = workers or settings.web.workers or os.cpu_count() or 1
    if workers == 1:
        serve_one(host, port)
    else:
        serve_many(host, port, workers, settings)


def serve_one(host: str, port: int) -> None:
    """The web UI on waitress, the scheduler in the same process."""
    app = create_app()
    instance = app.extensions["veille"]
    settings = instance.settings
    try:
        server = create_server(app, host=host, port=port, threads=settings.web.threads)
    except OSError as exc:
        raise VeilleError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    # The settings in force say where veille is served: the links of the scheduler's alerts
    # start there while [web] base_url is empty (veille.diffuse.links), and so says
    # /admin/settings.
    # types-waitress leaves out effective_port, which every TCP server has; a host naming
    # several addresses would give a MultiSocketServer, which has none.
    port = server.effective_port  # type: ignore[union-attr]
    settings.web.host, settings.web.port = host, port
    scheduler = start_when_leading(instance) if settings.scheduler.enabled else None
    warm(instance, taggers=False)
    keep_warm(instance, taggers=True)
    _say_listening(host, port, instance.root)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler:
            scheduler.stop()
        server.close()


def serve_many(host: str, port: int, workers: int, settings: Settings) -> None:
    """`workers` web processes under gunicorn, and one `veille worker` for the scheduler."""
    _check_free(host, port)
    # Every process of this serve says where veille is served (links of mails, settings page).
    os.environ["VEILLE_WEB_HOST"], os.environ["VEILLE_WEB_PORT"] = host, str(port)
    _Gunicorn(host, port, workers, settings).run()


def warm(instance: Instance, taggers: bool = True) -> None:
    """Build what a first search and a first collection read: the index's caches, and the
    taggers unless `taggers` is false (seconds; a one-process serve builds them after)."""
    instance.index.warm()
    if taggers:
        with instance.engine.connect() as conn:
            storetaggers.taggers(conn)


def keep_warm(instance: Instance, taggers: bool = False) -> None:
    """In the background: build the taggers if asked, then warm each index version other
    processes commit (a merge of segments, say) WARM_EVERY seconds after it at most, so
    that no user's search pays for reading it."""

    def loop() -> None:
        if taggers:
            warm(instance)
        while True:
            time.sleep(WARM_EVERY)
            instance.index.warm()

    threading.Thread(target=loop, name="warm-caches", daemon=True).start()


def _say_listening(host: str, port: int, root: Path) -> None:
    # Printed once the socket listens, so that scripts may wait for this line.
    print(f"veille: http://{host}:{port}/  (instance {root}; Ctrl+C to stop)", file=sys.stderr,
          flush=True)


def _check_free(host: str, port: int) -> None:
    """Say plainly that the address is taken, rather than gunicorn's retries and traceback."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise VeilleError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


class _Gunicorn(BaseApplication):
    """gunicorn run from here. Its master process creates the app and warms it before it
    forks the web processes (preloaded: each starts warm, sharing those caches' memory
    until they change), then starts the `veille worker` once listening and stops it on the
    way out (these hooks run in the master alone, never in the forked web processes)."""

    def __init__(self, host: str, port: int, workers: int, settings: Settings) -> None:
        self.settings = settings
        self.worker: subprocess.Popen | None = None
        self.options = {
            "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
            "threads": settings.web.threads, "proc_name": "veille", "loglevel": "warning",
            "when_ready": lambda _arbiter: self.ready(), "on_exit": self.stop,
            "preload_app": True, "post_fork": self.forked,
            "post_worker_init": lambda worker: self.serving(worker, host, port),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        app = self.app = create_app()
        self.instance = app.extensions["veille"]
        warm(self.instance)
        return app

    def forked(self, _arbiter, _worker) -> None:
        """In a new web process, at once: its own database connections (none crosses a
        fork)."""
        self.instance.engine.dispose(close=False)

    def ready(self) -> None:
        if self.settings.scheduler.enabled:
            self.worker = subprocess.Popen([sys.executable, "-m", "veille", "worker"])

    def serving(self, worker, host: str, port: int) -> None:
        """In a new web process, before it serves: a search through the app, which builds
        what is left to build per process, so that no user's first request pays for it;
        then say that veille listens once the first web process is ready to answer
        (gunicorn binds the socket before it starts them). Here, not right after the fork:
        the process has its own signal handlers by now, so a stop sent while it warms
        stops it (before them, gunicorn's master's handlers took the signal, and the
        master waited its 30 s grace for a process that never heard it)."""
        self.app.test_client().get("/api/search", query_string={"q": WARMING_WORD})
        keep_warm(self.instance)
        if worker.age == 1:
            _say_listening(host, port, self.settings.instance_dir)

    def stop(self, _arbiter) -> None:
        if self.worker:
            self.worker.terminate()
            self.worker.wait(timeout=30)
