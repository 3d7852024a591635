"""Web addresses as veille keeps them: absolute http(s), of a reasonable length, without
fragments and tracking parameters (so that one article has one address)."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

URL_CHARS = 2000  # what browsers and servers reliably accept; longer is a blob, not an address
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|xtor|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """Return the URL without fragment and tracking parameters; "" unless a web address."""
    if not web_url(url):
        return ""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMS.match(k)]
    return web_url(urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    ))


def web_url(url: str) -> str:
    """`url` trimmed if it is an absolute http(s) address of at most URL_CHARS, else ""."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host, such as an unclosed IPv6 bracket
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url if len(url) <= URL_CHARS else ""
