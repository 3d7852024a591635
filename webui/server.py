"""`veille serve`: the web UI on waitress, with the collection scheduler in the same process."""

import sys
import threading

import waitress

from veille.collect.scheduler import build_scheduler
from veille.errors import VeilleError
from veille.instance import Instance
from veille.tags import itemtags

from . import create_app


def serve(host: str | None = None, port: int | None = None) -> None:
    app = create_app()
    instance = app.extensions["veille"]
    settings = instance.settings
    host, port = host or settings.web.host, port or settings.web.port
    try:
        server = waitress.create_server(app, host=host, port=port, threads=settings.web.threads)
    except OSError as exc:
        raise VeilleError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    # The settings in force say where veille is served: the links of the scheduler's alerts
    # start there while [web] base_url is empty (veille.diffuse.links), and so says
    # /admin/settings.
    settings.web.host, settings.web.port = host, server.effective_port
    scheduler = build_scheduler(instance) if settings.scheduler.enabled else None
    if scheduler:
        scheduler.start()
    # The taggers take seconds to build: built now, the first search naming a job and the
    # first collection do not wait for them.
    threading.Thread(target=warm_taggers, args=(instance,), name="warm-taggers",
                     daemon=True).start()
    # Printed once the socket listens, so that scripts may wait for this line.
    print(f"veille: http://{host}:{port}/  (instance {instance.root}; Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler:
            scheduler.shutdown(wait=False)
        server.close()


def warm_taggers(instance: Instance) -> None:
    with instance.engine.connect() as conn:
        itemtags.taggers(conn)
