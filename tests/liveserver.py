"""The web app served on loopback, for tests that need real HTTP (a browser, requests sent
at the same moment, several web processes): by a thread of the test (werkzeug's threaded
server: a thread a request), or by `veille serve` in a process of its own."""

import os
import socket
import subprocess
import sys
import threading

from werkzeug.serving import make_server


class LiveServer:
    """The web app of a test instance, served on 127.0.0.1 by a thread."""

    def __init__(self, app) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()


class ServedProcess:
    """`veille serve` in a process of its own (the scheduler off), on a free loopback port,
    over the instance the environment names: a web process that may be stopped and started
    again."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self._command = [sys.executable, "-m", "veille", "serve", "--port", str(port)]

    def __enter__(self) -> "ServedProcess":
        env = {**os.environ, "VEILLE_SCHEDULER_ENABLED": "0"}
        self._process = subprocess.Popen(self._command, env=env, stderr=subprocess.PIPE,
                                         text=True)
        said = [self._process.stderr.readline()]  # printed once the socket listens
        while said[-1] and not said[-1].startswith("veille: http://"):
            said.append(self._process.stderr.readline())
        assert said[-1], "".join(said)
        return self

    def __exit__(self, *exc) -> None:
        self._process.terminate()
        self._process.wait(timeout=30)
        self._process.stderr.close()
