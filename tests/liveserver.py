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


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServedProcess:
    """`veille serve` in a process of its own (the scheduler off unless asked for), on a
    free loopback port, over the instance the environment names: a web process (or
    `workers` of them under gunicorn) that may be stopped and started again."""

    def __init__(self, workers: int = 1, scheduler: bool = False) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self._command = [sys.executable, "-m", "veille", "serve", "--port", str(port),
                         "--workers", str(workers)]
        self._scheduler = scheduler

    def __enter__(self) -> "ServedProcess":
        env = {**os.environ, "VEILLE_SCHEDULER_ENABLED": "1" if self._scheduler else "0"}
        self._process = subprocess.Popen(self._command, env=env, stderr=subprocess.PIPE,
                                         text=True)
        said = [self._process.stderr.readline()]  # printed once the socket listens
        while said[-1] and not said[-1].startswith("veille: http://"):
            said.append(self._process.stderr.readline())
        assert said[-1], "".join(said)
        return self

    def stop(self) -> None:
        """Stop it as Ctrl+C or a service manager does (SIGTERM), and wait until it ends."""
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)

    def __exit__(self, *exc) -> None:
        self.stop()
        self._process.stderr.close()


class VeilleProcess:
    """A `veille` command in a process of its own, over the instance the environment names,
    its stderr read by a thread: `said(text)` waits for a line holding `text`."""

    def __init__(self, *args: str) -> None:
        self._command = [sys.executable, "-m", "veille", *args]
        self.lines: list[str] = []
        self._heard = threading.Condition()

    def __enter__(self) -> "VeilleProcess":
        self.process = subprocess.Popen(self._command, stderr=subprocess.PIPE, text=True,
                                        env=os.environ.copy())
        threading.Thread(target=self._listen, daemon=True).start()
        return self

    def _listen(self) -> None:
        for line in self.process.stderr:
            with self._heard:
                self.lines.append(line)
                self._heard.notify_all()

    def said(self, text: str, timeout: float = 30) -> bool:
        """Whether the process says `text` within `timeout` seconds (or has said it)."""
        with self._heard:
            return self._heard.wait_for(lambda: any(text in line for line in self.lines),
                                        timeout)

    def kill(self) -> None:
        """Kill it as a crash would (SIGKILL): nothing of it runs any more."""
        self.process.kill()
        self.process.wait(timeout=30)

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process.stderr.close()
