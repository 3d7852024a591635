"""`veille serve` on a bench's instance, in a process of its own, for benches that measure
what users meet through the served app (`/api/search`)."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def veille_serve(folder: Path, workers: int | None = None, store_url: str = ""
                 ) -> Iterator[tuple[str, subprocess.Popen]]:
    """The web UI and its scheduler, as `make run` starts them (`workers` web processes, by
    default one per core), serving the instance at `folder` (its store at `store_url`, if
    given) on a free loopback port: (its base address, its process) once it listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("veille")), "serve", "--host", "127.0.0.1",
               "--port", str(port)] + (["--workers", str(workers)] if workers else [])
    env = {**os.environ, "VEILLE_INSTANCE": str(folder)}
    if store_url:
        env["VEILLE_STORE_URL"] = store_url
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:  # printed once the socket listens
            if line.startswith("veille: http://"):
                break
        else:
            raise RuntimeError(f"veille serve stopped: {server.wait()}")
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=60)
