"""A real HTTP server on loopback serving the feed fixtures, with cache validators and faults.

Routes:
- `/feeds/NAME` serves tests/data/feeds/NAME with ETag and Last-Modified, and 304s;
- anything `put()` adds is served as given (with validators too);
- `/status/CODE` answers CODE; `/slow` holds its answer until the server stops;
- `/redirect/N` redirects N times to end at the RSS fixture; `/loop` redirects to itself;
  `/redirect-to?url=U` redirects to U, whatever it is;
- `/huge` announces a 200 MB body; `/endless` streams chunks until the client gives up;
  `/gzip-bomb` sends 64 MiB of zeros gzipped into 64 KiB; `/trickle` sends a byte every 10 s.
"""

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/feed+json",
}
LAST_MODIFIED = formatdate(1_772_000_000, usegmt=True)
HOLD_LIMIT = 30  # seconds a held answer waits at most, should the test not stop the server
RSS_FIXTURE = "/feeds/emploi-grand-est.rss"


@dataclass
class Document:
    body: bytes
    content_type: str
    encoding: str = ""
    status: int = 200


class FeedServer:
    def __init__(self, root: Path, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        self.root = root
        self.latency = latency
        self.served: list[tuple[str, int]] = []
        self.user_agents: list[str] = []
        self.started: list[float] = []  # time.monotonic() of each request's arrival
        self.in_flight = self.most_in_flight = 0
        self._count_lock = threading.Lock()
        self.extra: dict[str, Document] = {}
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer((host, 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 128
        # Clients hanging up on hostile answers is what the tests want: no traceback for it.
        self.httpd.handle_error = lambda request, client_address: None
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def put(
        self,
        path: str,
        body: bytes,
        content_type: str = CONTENT_TYPES[".rss"],
        encoding: str = "",
        status: int = 200,
    ) -> None:
        """Serve `body` at `path`; `encoding` names its Content-Encoding (gzip, br…)."""
        self.extra[path] = Document(body, content_type, encoding, status)

    def arrive(self) -> None:
        with self._count_lock:
            self.started.append(time.monotonic())
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._count_lock:
            self.in_flight -= 1

    def statuses(self, path: str) -> list[int]:
        return [status for served_path, status in self.served if served_path == path]

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@cache
def gzip_bomb() -> bytes:
    return gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            server.arrive()
            try:
                self._answer()
            finally:
                server.leave()

        def _answer(self) -> None:
            server.user_agents.append(self.headers.get("User-Agent", ""))
            if server.latency:
                server.stopping.wait(server.latency)
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            if path in server.extra:
                self._send_document(server.extra[path])
            elif path.startswith("/feeds/"):
                self._send_file(path.removeprefix("/feeds/"))
            elif path.startswith("/status/"):
                self._send(int(path.removeprefix("/status/")), b"error page", "text/plain")
            elif path.startswith("/redirect/"):
                hops = int(path.removeprefix("/redirect/"))
                self._redirect(f"/redirect/{hops - 1}" if hops > 1 else RSS_FIXTURE)
            elif path == "/loop":
                self._redirect("/loop")
            elif path == "/redirect-to":
                self._redirect(query["url"][0])
            else:
                self._fault(path)

        def _fault(self, path: str) -> None:
            faults = {
                "/slow": self._slow,
                "/huge": self._huge,
                "/endless": self._endless,
                "/gzip-bomb": self._gzip_bomb,
                "/trickle": self._trickle,
            }
            faults.get(path, lambda: self._send(404, b"not found", "text/plain"))()

        def _slow(self) -> None:
            server.stopping.wait(HOLD_LIMIT)
            self._send(200, b"too late", "text/plain")

        def _huge(self) -> None:
            self._head(200, "application/rss+xml", {"Content-Length": str(200 * 1024 * 1024)})
            self.wfile.write(b"<rss>" + b" " * 65536)

        def _endless(self) -> None:
            self._head(200, "application/rss+xml", {"Transfer-Encoding": "chunked"})
            chunk = b"<item>" + b"x" * 65530
            while not server.stopping.is_set():
                try:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except OSError:
                    return

        def _gzip_bomb(self) -> None:
            body = gzip_bomb()
            headers = {"Content-Encoding": "gzip", "Content-Length": str(len(body))}
            self._head(200, "application/rss+xml", headers)
            self.wfile.write(body)

        def _trickle(self) -> None:
            self._head(200, "application/rss+xml", {"Content-Length": "100"})
            for _ in range(100):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                if server.stopping.wait(10):
                    return

        def _redirect(self, location: str) -> None:
            self._send(302, b"", "text/plain", {"Location": location})

        def _send_file(self, name: str) -> None:
            file = server.root / name
            if "/" in name or not file.is_file():
                self._send(404, b"not found", "text/plain")
                return
            content_type = CONTENT_TYPES.get(file.suffix, "text/plain")
            self._send_document(Document(file.read_bytes(), content_type))

        def _send_document(self, document: Document) -> None:
            etag = '"%s"' % hashlib.sha1(document.body).hexdigest()
            headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if document.encoding:
                headers["Content-Encoding"] = document.encoding
            if self.headers.get("If-None-Match") == etag and document.status == 200:
                self._send(304, b"", document.content_type, headers)
            else:
                self._send(document.status, document.body, document.content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str, headers=None) -> None:
            length = {} if status == 304 else {"Content-Length": str(len(body))}
            self._head(status, content_type, {**(headers or {}), **length})
            if status != 304:
                self.wfile.write(body)

        def _head(self, status: int, content_type: str, headers: dict[str, str]) -> None:
            server.served.append((urlsplit(self.path).path, status))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

        def log_message(self, format, *args) -> None:  # noqa: A002 - keep test output quiet
            pass

    return Handler
