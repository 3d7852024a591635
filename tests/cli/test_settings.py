"""`veille settings`: the settings in force, printed without opening the instance."""

from tests.cli.helpers import HEAVY, imported_by, within
from tests.conftest import ROOT


def test_the_defaults_are_printed_as_config_veille_toml_holds_them(veille):
    shipped = (ROOT / "config" / "veille.toml").read_text(encoding="utf-8")
    assert veille("settings", "--defaults").stdout == shipped


def test_the_settings_in_force_show_the_environment_and_need_no_instance(veille):
    assert "read_timeout = 1.0" in veille("settings").stdout.splitlines()
    assert within(imported_by("settings"), HEAVY) == set()
