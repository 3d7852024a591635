"""The web UI of veille: a Flask application built by `create_app`, nothing at import time."""

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from veille.instance import open_instance
from veille.settings import load_settings

from . import (
    access,
    admin,
    api,
    auth,
    bulletinlists,
    bulletins,
    console,
    dossiers,
    errors,
    feeds,
    filters,
    items,
    language,
    maison,
    metiers,
    navigation,
    notes,
    portal,
    problems,
    referentials,
    resources,
    rules,
    saved,
    search,
    sources,
    subscribe,
    territoires,
    trends,
)

# Config keys that name where the instance and its config file are, as the variables do.
PATH_KEYS = ("VEILLE_INSTANCE", "VEILLE_CONFIG")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `config` may set VEILLE_INSTANCE, VEILLE_CONFIG and VEILLE_SETTINGS
    (a mapping "section.key" → value overriding the settings)."""
    app = Flask(__name__)
    app.config.from_mapping(VEILLE_SETTINGS={})
    if config:
        app.config.update(config)
    provider = app.json
    assert isinstance(provider, DefaultJSONProvider), "the app keeps Flask's own JSON provider"
    provider.ensure_ascii = False
    env = {**os.environ, **{k: str(app.config[k]) for k in PATH_KEYS if app.config.get(k)}}
    settings = load_settings(env=env, overrides=app.config["VEILLE_SETTINGS"])
    app.extensions["veille"] = open_instance(settings)
    for module in (search, items, api, feeds, portal, rules, dossiers, sources, bulletins,
                   saved, notes, admin, metiers, territoires, trends, console, maison,
                   bulletinlists):
        app.register_blueprint(module.bp)
    access.register(app)  # first: who may come in, before any form is looked at (CSRF)
    referentials.register(app)  # its upload cap, before CSRF protection reads the form
    auth.init(app)
    subscribe.register(app)  # after auth: its one-click unsubscribe skips CSRF protection
    language.init(app)  # French unless the visitor chose English (the `lang` cookie)
    resources.register(app)
    errors.register(app)
    filters.register(app)
    problems.register(app)
    navigation.register(app)
    return app
