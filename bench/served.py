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
def veille_serve(folder: Path, workers: int | None = None
                 ) -> Iterator[tuple[str, subprocess.Popen]]:
    """The web UI and its scheduler, as `make run` starts them (`workers` web processes, by
    default one per core), serving the instance at `folder` on a free loopback port: (its
    base address, its process) once it listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("veille")), "serve", "--host", "127.0.0.1",
               "--port", str(port)] + (["--workers", str(workers)] if workers else [])
    server = subprocess.Popen(command, env={**os.environ, "VEILLE_INSTANCE": str(folder)},
                              stderr=subprocess.PIPE, text=True)
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
