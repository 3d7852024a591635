"""Commands on the accounts of the people who sign in."""

import sys

import click

from ..accounts import users
from ..errors import NotFound
from ..models import ROLES, stored_id
from ..store import users as user_store
from .base import actor_option, current_instance, who


@click.group("users")
def users_group() -> None:
    """Manage the accounts (there is none by default)."""


@users_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="admin (users, settings), documentalist (sources, resources, curation), "
                   "advisor (search, saved searches, dossiers).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input (scripts); else it is asked twice.")
def add(email: str, role: str, password_stdin: bool) -> None:
    """Create an account."""
    user = users.add_user(current_instance(), email, role, _password(password_stdin))
    click.echo(f"account {user.email} ({user.role}) created")


@users_group.command("list")
def list_users() -> None:
    """The accounts, with their role and last sign-in."""
    with current_instance().engine.connect() as conn:
        for user in user_store.all_users(conn):
            last = f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else "never"
            click.echo(f"{user.email}  {user.role}  last signed in: {last}")


@users_group.command("role")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@actor_option
def role(email: str, role: str, actor: str | None) -> None:
    """Give an account another role (the last admin stays one; its sessions end)."""
    instance = current_instance()
    user = users.change_role(instance, _user_id(instance, email), role, who(actor))
    click.echo(f"account {user.email} is now {user.role}")


@users_group.command("password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input (scripts); else it is asked twice.")
@actor_option
def password(email: str, password_stdin: bool, actor: str | None) -> None:
    """Give an account a new password (its sessions end)."""
    instance = current_instance()
    user_id = _user_id(instance, email)
    users.change_password(instance, user_id, _password(password_stdin), who(actor))
    click.echo(f"password of {users.normalise_email(email)} changed")


@users_group.command("delete")
@click.argument("email")
@actor_option
def delete(email: str, actor: str | None) -> None:
    """Delete an account, with its sessions, saved searches, dossiers and notes (not the last
    admin)."""
    instance = current_instance()
    user = users.remove_user(instance, _user_id(instance, email), who(actor))
    click.echo(f"account {user.email} deleted")


def _user_id(instance, email: str) -> int:
    with instance.engine.connect() as conn:
        user = user_store.by_email(conn, users.normalise_email(email))
    if user is None:
        raise NotFound(f"no account for {email}")
    return stored_id(user)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)
