"""The Content-Security-Policy of veille's pages, and what a page may add to it.

Scripts and styles come from veille's own files only, so a text that slipped past escaping
runs nothing. Images too, unless `[web] remote_images` lets the articles' own images load
from their sites (the item pages show stored articles): by default reading an item makes no
request to any other host, even for an image the rendering missed. A page built outside
the templates with a style of its own (the printed dossier, also a file opened offline)
names that exact style by its hash rather than loosening the policy for every inline style.
"""

import base64
import hashlib

from flask import current_app

SELF_ONLY = "'self'"
# http: too, as feeds still link images over http; both only with [web] remote_images.
WITH_REMOTE_IMAGES = "'self' https: http:"


def policy(*styles: str) -> str:
    """The policy of a page of this app, allowing the inline `styles` given."""
    images = WITH_REMOTE_IMAGES if current_app.extensions["veille"].settings.web.remote_images \
        else SELF_ONLY
    style_sources = " ".join((SELF_ONLY, *(_hash(style) for style in styles)))
    return (f"default-src 'self'; img-src {images}; style-src {style_sources}; "
            "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def _hash(style: str) -> str:
    """The hash source of a `<style>` element's exact text."""
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
