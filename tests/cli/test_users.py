"""`veille users`: accounts made from the command line; no default one. Changing a role or a
password, or deleting an account, ends its sessions."""

import pytest
from click.testing import CliRunner

from veille.accounts import sessions, users
from veille.cli import cli
from veille.instance import open_instance
from veille.settings import load_settings

PASSWORD = "un mot de passe long"


def add(*args: str, password: str, expect: int = 0):
    return with_password("add", *args, password=password, expect=expect)


def with_password(command: str, *args: str, password: str, expect: int = 0):
    """`veille users COMMAND ARGS --password-stdin`, the password typed on its input."""
    result = CliRunner().invoke(cli, ["users", command, *args, "--password-stdin"],
                                input=f"{password}\n")
    assert result.exit_code == expect, (result.stdout, result.stderr)
    return result


def test_an_account_is_made_with_its_role_and_listed(veille):
    veille("init")
    assert veille("users", "list").stdout == ""  # no default account
    assert "account claire@maison.test (documentalist) created" in add(
        "Claire@Maison.test", "--role", "documentalist", password="un mot de passe long").stdout
    assert veille("users", "list").stdout == (
        "claire@maison.test  documentalist  last signed in: never\n")


def test_bad_accounts_are_refused_with_a_message(veille):
    veille("init")
    add("claire@maison.test", "--role", "advisor", password="un mot de passe long")
    assert "already" in add("claire@maison.test", "--role", "advisor",
                            password="un mot de passe long", expect=1).stderr
    assert "10 characters at least" in add("paul@maison.test", "--role", "advisor",
                                           password="court", expect=1).stderr
    assert "not an email address" in add("paul", "--role", "advisor",
                                         password="un mot de passe long", expect=1).stderr
    assert "Invalid value for '--role'" in add("paul@maison.test", "--role", "patron",
                                               password="un mot de passe long",
                                               expect=2).stderr


def test_a_role_changes_and_an_account_goes_but_the_last_admin_stays(veille):
    veille("init")
    add("chef@maison.test", "--role", "admin", password="un mot de passe long")
    add("paul@maison.test", "--role", "advisor", password="un mot de passe long")
    assert veille("users", "role", "Paul@maison.test", "--role", "documentalist",
                  "--by", "chef").stdout == "account paul@maison.test is now documentalist\n"
    assert "last admin" in veille("users", "role", "chef@maison.test", "--role", "advisor",
                                  expect=1).stderr
    assert "last admin" in veille("users", "delete", "chef@maison.test", expect=1).stderr
    assert veille("users", "delete", "paul@maison.test").stdout == (
        "account paul@maison.test deleted\n")
    assert "no account for paul@maison.test" in veille("users", "delete", "paul@maison.test",
                                                       expect=1).stderr
    assert "chef user-role user:paul@maison.test" in veille("audit").stdout
    assert veille("users", "list").stdout.startswith("chef@maison.test  admin")


def test_a_password_changes_and_is_logged(veille):
    veille("init")
    add("paul@maison.test", "--role", "advisor", password=PASSWORD)
    assert with_password("password", "Paul@maison.test", "--by", "chef",
                         password="un tout autre mot de passe").stdout == (
        "password of paul@maison.test changed\n")
    instance = open_instance(load_settings())
    assert users.authenticate(instance, "paul@maison.test", "un tout autre mot de passe")
    assert "chef user-password user:paul@maison.test" in veille("audit").stdout
    assert "10 characters at least" in with_password("password", "paul@maison.test",
                                                     password="court", expect=1).stderr
    assert "no account for pierre@maison.test" in with_password(
        "password", "pierre@maison.test", password=PASSWORD, expect=1).stderr


@pytest.mark.parametrize("command", [("role", "--role", "documentalist"), ("password",),
                                     ("delete",)])
def test_changing_or_deleting_an_account_ends_its_sessions(veille, command):
    veille("init")
    add("paul@maison.test", "--role", "advisor", password=PASSWORD)
    instance = open_instance(load_settings())
    token = sessions.start(instance, users.authenticate(instance, "paul@maison.test",
                                                           PASSWORD).id)
    assert sessions.user_of(instance, token)
    name, *options = command
    if name == "password":
        with_password(name, "paul@maison.test", password="un tout autre mot de passe")
    else:
        veille("users", name, "paul@maison.test", *options)
    assert sessions.user_of(instance, token) is None
