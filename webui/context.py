"""Access to the veille instance of the running app, and the address it is reached at."""

from flask import current_app, request

from veille.diffuse import links
from veille.instance import Instance


def instance() -> Instance:
    return current_app.extensions["veille"]


def site_url() -> str:
    """Where the links of the mails sent from this request start (veille.diffuse.links)."""
    return links.site_url(instance().settings.web, request.url_root)
