"""The web app served on loopback by a thread (werkzeug's threaded server: a thread a
request), for tests that need real HTTP: a browser, or requests sent at the same moment."""

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

