"""Access to the veille instance of the running app, the address it is reached at, and the
page being served."""

from flask import current_app, request

from veille.diffuse import links
from veille.instance import Instance


def instance() -> Instance:
    return current_app.extensions["veille"]


def site_url() -> str:
    """Where the links of the mails sent from this request start (veille.diffuse.links)."""
    return links.site_url(instance().settings.web, request.url_root)


def endpoint() -> str:
    """The endpoint of the page being served (a view runs only for a route it matched)."""
    assert request.endpoint is not None, "read outside a view"
    return request.endpoint
