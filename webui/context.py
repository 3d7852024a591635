"""Access to the veille instance of the running app."""

from flask import current_app

from veille.instance import Instance


def instance() -> Instance:
    return current_app.extensions["veille"]
