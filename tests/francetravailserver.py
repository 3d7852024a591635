"""France Travail's token endpoint and partner APIs on loopback, speaking their documented
protocol, for the France Travail sources' tests (never the real API).

- `POST /token`: a form body (grant_type=client_credentials, client_id, client_secret,
  scope) answered with `{"access_token", "expires_in", "token_type", "scope"}`, or 401
  `invalid_client` for other credentials;
- `GET /api/offresdemploi/v2/offres/search?codeROME=&departement=|commune=&range=a-b`: the
  offers `offers` holds that match, 206 with `Content-Range: offres a-b/total` (200 when they
  all fit, 204 when there are none), at most 150 a page;
- `POST /api/stats-offres-demandes-emploi/v1/indicateur/NAME`: the file `indicators[NAME]`
  names, as recorded from the real API;
- every API call wants a token the endpoint gave (else 401); `then(path, status, headers,
  body)` queues an answer given instead of the next one to a path starting so (a 429 with
  Retry-After, malformed JSON…).
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from veille.instance import Instance, create_instance
from veille.settings import load_settings

CLIENT_ID, CLIENT_SECRET = "maison-test", "secret-de-test"
SEARCH = "/api/offresdemploi/v2/offres/search"
STATS = "/api/stats-offres-demandes-emploi/v1/indicateur/"
PAGE_MOST = 150


@dataclass
class Canned:
    path: str
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: bytes
    arrived: float = field(default_factory=time.monotonic)


class FranceTravailServer:
    def __init__(self) -> None:
        self.offers: list[dict] = []
        self.indicators: dict[str, Path] = {}
        self.expires_in = 1499
        self.token_scopes: list[str] = []  # the scope of each token request
        self.calls: list[Call] = []  # each API call (token requests aside)
        self.valid: set[str] = set()
        self.canned: list[Canned] = []
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def settings(self) -> dict[str, str]:
        """The `[francetravail]` settings pointing at this server, as overrides."""
        return {"francetravail.token_url": self.url("/token"),
                "francetravail.api_url": self.url("/api"),
                "francetravail.client_id": CLIENT_ID,
                "francetravail.client_secret": CLIENT_SECRET}

    def env(self) -> dict[str, str]:
        """The same settings as VEILLE_FRANCETRAVAIL_* variables."""
        return {f"VEILLE_{key.replace('.', '_').upper()}": value
                for key, value in self.settings().items()}

    def instance(self, monkeypatch) -> Instance:
        """The test instance (tests.conftest.veille_env) with its settings pointing here."""
        for name, value in self.env().items():
            monkeypatch.setenv(name, value)
        return create_instance(load_settings())

    def then(self, path: str, status: int, headers: dict | None = None, body: bytes = b"") -> None:
        self.canned.append(Canned(path, status, headers or {}, body))

    def revoke(self) -> None:
        """Tokens given so far are refused from now on (401)."""
        self.valid.clear()

    def __enter__(self) -> "FranceTravailServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()

    def token(self, form: dict[str, str]) -> tuple[int, dict, bytes]:
        if (form.get("grant_type"), form.get("client_id"), form.get("client_secret")) != (
                "client_credentials", CLIENT_ID, CLIENT_SECRET):
            return 401, {}, b'{"error": "invalid_client"}'
        with self._lock:
            self.token_scopes.append(form.get("scope", ""))
            value = f"jeton-{len(self.token_scopes)}"
            self.valid.add(value)
        return 200, {}, json.dumps({"access_token": value, "expires_in": self.expires_in,
                                    "token_type": "Bearer", "scope": form.get("scope")}).encode()

    def answer(self, call: Call, authorization: str) -> tuple[int, dict, bytes]:
        with self._lock:
            self.calls.append(call)
            canned = next((c for c in self.canned if call.path.startswith(c.path)), None)
            if canned:
                self.canned.remove(canned)
                return canned.status, canned.headers, canned.body
        if authorization.removeprefix("Bearer ") not in self.valid:
            return 401, {}, b'{"message": "invalid token"}'
        if call.path == SEARCH:
            return self.search(call.query)
        name = call.path.removeprefix(STATS)
        if call.path.startswith(STATS) and name in self.indicators:
            return 200, {}, self.indicators[name].read_bytes()
        return 404, {}, b"{}"

    def search(self, query: dict[str, str]) -> tuple[int, dict, bytes]:
        found = [offer for offer in self.offers if _matches(offer, query)]
        first, _, last = query.get("range", "0-149").partition("-")
        first, last = int(first), min(int(last), int(first) + PAGE_MOST - 1)
        page = found[first:last + 1]
        if not page:
            return 204, {}, b""
        headers = {"Content-Range": f"offres {first}-{first + len(page) - 1}/{len(found)}",
                   "Accept-Range": f"offres {PAGE_MOST}"}
        status = 200 if len(page) == len(found) else 206
        return status, headers, json.dumps({"resultats": page}).encode()


def _matches(offer: dict, query: dict[str, str]) -> bool:
    place = offer["lieuTravail"].get("commune", "")
    if "codeROME" in query and offer["romeCode"] not in query["codeROME"].split(","):
        return False
    if "commune" in query and place not in query["commune"].split(","):
        return False
    return "departement" not in query or place[:2] in query["departement"].split(",")


def offer(number: int, rome: str = "H2913", commune: str = "57463", **fields) -> dict:
    """An offer as the search answers it."""
    return {"id": f"{number:03d}ABC", "intitule": f"Soudeur / Soudeuse n°{number}",
            "description": "Soudage TIG et MIG de pièces en acier inoxydable.",
            "dateCreation": "2026-12-01T09:30:00.000Z",
            "dateActualisation": "2026-12-02T10:00:00.000Z",
            "lieuTravail": {"libelle": f"{commune[:2]} - Metz", "commune": commune,
                            "codePostal": "57000"},
            "romeCode": rome, "romeLibelle": "Soudeur / Soudeuse",
            "entreprise": {"nom": "Aciéries de Lorraine"},
            "typeContrat": "CDI", "typeContratLibelle": "Contrat à durée indéterminé",
            **fields}


def _handler_for(server: FranceTravailServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self._handle(b"")

        def do_POST(self) -> None:  # noqa: N802
            self._handle(self.rfile.read(int(self.headers.get("Content-Length", 0))))

        def _handle(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            if parts.path == "/token":
                form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
                answer = server.token(form)
            else:
                call = Call(self.command, parts.path, query, body)
                answer = server.answer(call, self.headers.get("Authorization", ""))
            self._send(*answer)

        def _send(self, status: int, headers: dict, body: bytes) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
