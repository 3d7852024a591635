"""The address the links of emails start with (alerts, bulletins): `[web] base_url` when
the Maison set it; else, when a person sends from a page, the address that page was asked
at; else the address `veille serve` listens on (`veille serve` writes the host and port it
really listens on into `[web] host` and `port`). So links follow `make run` on another port
without anyone setting base_url, and a Maison behind a proxy sets it once."""

import socket
from types import SimpleNamespace

# Hosts that mean "every interface": no one reaches veille at them.
ANY_INTERFACE = ("", "0.0.0.0", "::")


def site_url(web: SimpleNamespace, request_root: str | None = None) -> str:
    """Where links start, without a final slash; `web` is the `[web]` settings,
    `request_root` the address of the request being answered, if any."""
    if web.base_url:
        return web.base_url.rstrip("/")
    if request_root:
        return request_root.rstrip("/")
    return served_url(web)


def served_url(web: SimpleNamespace) -> str:
    """The address `veille serve` listens on, as people would type it."""
    host = socket.getfqdn() if web.host in ANY_INTERFACE else web.host
    host = f"[{host}]" if ":" in host else host
    scheme = "https" if web.https else "http"
    return f"{scheme}://{host}:{web.port}"
