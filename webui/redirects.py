"""Where a form may send the visitor back to: a page of this site, never another one."""

from urllib.parse import urlsplit

from flask import request


def local_path(wanted: str | None, default: str) -> str:
    """`wanted` if it is a path of this site ("/search?q=…"), else `default`. Refused: other
    sites ("https://…", "//host…") and what browsers read as one ("/\\host", control
    characters), so that a form cannot be made to send people elsewhere."""
    wanted = wanted or ""
    if (not wanted.startswith("/") or wanted.startswith("//") or "\\" in wanted
            or any(ord(char) < 32 or ord(char) == 127 for char in wanted)):
        return default
    parts = urlsplit(wanted)
    return wanted if not (parts.scheme or parts.netloc) else default


def here() -> str:
    """This page's path and query, to come back to after a form (the language switch): the
    page itself when it can be asked for again (GET), else the home page."""
    rule = request.url_rule
    if request.method in ("GET", "HEAD") or (rule and rule.methods and "GET" in rule.methods):
        return request.full_path.rstrip("?")
    return "/"
