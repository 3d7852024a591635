"""A real HTTP server on loopback serving the feed fixtures, with cache validators and faults.

Routes: `/feeds/NAME` serves tests/data/feeds/NAME (ETag, Last-Modified, 304s);
`/status/CODE` answers CODE; `/slow` holds the answer until the server stops (clients time
out first); `/redirect/N` redirects N times to end at the RSS fixture; `/loop` redirects to
itself; anything `put()` adds is served as given.
"""

import hashlib
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
LAST_MODIFIED = formatdate(1_772_000_000, usegmt=True)
SLOW_LIMIT = 30


class FeedServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.served: list[tuple[str, int]] = []
        self.user_agents: list[str] = []
        self.extra: dict[str, tuple[bytes, str]] = {}
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def put(self, path: str, body: bytes, content_type: str = CONTENT_TYPES[".rss"]) -> None:
        self.extra[path] = (body, content_type)

    def statuses(self, path: str) -> list[int]:
        return [status for served_path, status in self.served if served_path == path]

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            server.user_agents.append(self.headers.get("User-Agent", ""))
            path = self.path.split("?", 1)[0]
            if path in server.extra:
                self._send_document(*server.extra[path])
            elif path.startswith("/feeds/"):
                self._send_file(path.removeprefix("/feeds/"))
            elif path.startswith("/status/"):
                self._send(int(path.removeprefix("/status/")), b"error page", "text/plain")
            elif path == "/slow":
                server.stopping.wait(SLOW_LIMIT)
                self._send(200, b"too late", "text/plain")
            elif path.startswith("/redirect/"):
                hops = int(path.removeprefix("/redirect/"))
                target = f"/redirect/{hops - 1}" if hops > 1 else "/feeds/emploi-grand-est.rss"
                self._send(302, b"", "text/plain", {"Location": target})
            elif path == "/loop":
                self._send(302, b"", "text/plain", {"Location": "/loop"})
            else:
                self._send(404, b"not found", "text/plain")

        def _send_file(self, name: str) -> None:
            file = server.root / name
            if "/" in name or not file.is_file():
                self._send(404, b"not found", "text/plain")
                return
            self._send_document(file.read_bytes(), CONTENT_TYPES.get(file.suffix, "text/plain"))

        def _send_document(self, body: bytes, content_type: str) -> None:
            etag = '"%s"' % hashlib.sha1(body).hexdigest()
            validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", content_type, validators)
            else:
                self._send(200, body, content_type, validators)

        def _send(self, status: int, body: bytes, content_type: str, headers=None) -> None:
            server.served.append((self.path.split("?", 1)[0], status))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format, *args) -> None:  # noqa: A002 - keep test output quiet
            pass

    return Handler
