"""veille.settings: defaults, then the config file, then VEILLE_* variables."""

from pathlib import Path

import pytest

from veille.errors import ConfigError
from veille.settings import SETTINGS, load_settings, render_toml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "veille.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_has_its_default_without_config(tmp_path):
    settings = load_settings(config_file=None, env={"VEILLE_CONFIG": ""})
    for setting in SETTINGS:
        assert getattr(getattr(settings, setting.section), setting.key) == setting.default


def test_the_config_file_overrides_the_defaults(tmp_path):
    config = write(tmp_path, "[fetch]\nmax_bytes = 2048\n")
    assert load_settings(config_file=config, env={}).fetch.max_bytes == 2048


def test_the_environment_overrides_the_config_file(tmp_path):
    config = write(tmp_path, "[fetch]\nallow_private_networks = false\n")
    env = {"VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS": "1", "VEILLE_FETCH_READ_TIMEOUT": "2.5"}
    settings = load_settings(config_file=config, env=env)
    assert settings.fetch.allow_private_networks is True
    assert settings.fetch.read_timeout == 2.5


def test_veille_config_and_veille_instance_name_the_file_and_the_folder(tmp_path):
    config = write(tmp_path, "[web]\nport = 9001\n")
    env = {"VEILLE_CONFIG": str(config), "VEILLE_INSTANCE": str(tmp_path / "here")}
    settings = load_settings(env=env)
    assert settings.web.port == 9001
    assert settings.instance_dir == tmp_path / "here"
    assert settings.config_path("sources.toml") == tmp_path / "sources.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\nmax_byte = 1\n", r"unknown setting \[fetch\] max_byte"),
        ("[nothing]\nkey = 1\n", r"unknown setting \[nothing\] key"),
        ("[fetch]\nmax_bytes = \"big\"\n", r"\[fetch\] max_bytes .* must be a int"),
        ("fetch = 3\n", "must be a \\[section\\]"),
        ("[fetch\n", "cannot read config file"),
    ],
)
def test_a_wrong_config_file_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(config_file=write(tmp_path, text), env={})


@pytest.mark.parametrize(
    ("variable", "value"),
    [("VEILLE_FETCH_MAX_BYTES", "ten"), ("VEILLE_SCHEDULER_ENABLED", "maybe")],
)
def test_a_wrong_environment_value_names_the_variable(variable, value):
    with pytest.raises(ConfigError, match=variable):
        load_settings(config_file=None, env={variable: value})


def test_the_shipped_config_file_is_the_rendering_of_every_default():
    shipped = Path(__file__).parents[1] / "config" / "veille.toml"
    assert shipped.read_text(encoding="utf-8") == render_toml(), (
        "regenerate it: veille settings --defaults > config/veille.toml"
    )
    settings = load_settings(config_file=shipped, env={})
    for setting in SETTINGS:
        assert getattr(getattr(settings, setting.section), setting.key) == setting.default


def test_the_settings_in_force_render_as_a_config_file_that_reads_back(tmp_path):
    env = {"VEILLE_FETCH_CONTACT_URL": 'https://x.test/"q"', "VEILLE_FETCH_PER_HOST_DELAY": "0"}
    settings = load_settings(config_file=None, env=env)
    rendered = write(tmp_path, render_toml(settings))
    again = load_settings(config_file=rendered, env={})
    assert again.fetch.contact_url == 'https://x.test/"q"'
    assert again.fetch.per_host_delay == 0.0


@pytest.mark.parametrize("variable", ["VEILLE_SMTP_PASSWORD", "VEILLE_FRANCETRAVAIL_CLIENT_SECRET"])
def test_secrets_in_force_are_printed_as_set_never_their_value(variable):
    rendered = render_toml(load_settings(config_file=None, env={variable: "motdepasse-123"}))
    assert "motdepasse-123" not in rendered
    assert "(set: never printed)" in rendered
    assert "(empty: never printed)" in rendered  # the other secret


def test_the_france_travail_settings_have_their_defaults():
    settings = load_settings(config_file=None, env={}).francetravail
    assert settings.api_url == "https://api.francetravail.io/partenaire"
    assert settings.token_url.endswith("/connexion/oauth2/access_token?realm=%2Fpartenaire")
    assert (settings.client_id, settings.client_secret, settings.keep_offers) == ("", "", "60d")
