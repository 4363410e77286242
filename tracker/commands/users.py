"""``tracker users``: add, list, disable and enable people, reset passwords.

No password is ever taken from the command line's arguments (they end up in shell history and
process lists): it is asked for twice on a terminal, or read from standard input with
``--password-stdin`` for scripts. The first administrator is made the same way on a new database:
``tracker users add --role admin NAME``. A refused change is told in one line per problem
(English: the command line has no --lang here) and exits with 2.
"""

import sys

import click
from pydantic import ValidationError

from tracker.commands.common import database, refuse
from tracker.domain.errors import TrackerError
from tracker.services.actor import ASSIGNABLE_ROLES, SYSTEM

REFUSED = (TrackerError, ValidationError)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _password(from_stdin: bool, username: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        _fail("no terminal to ask for the password on: pass it on standard input with --password-stdin")
    return click.prompt(f"password for {username}", hide_input=True, confirmation_prompt=True)


@click.group()
def users() -> None:
    """People who sign in to the app, their roles and scopes."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in ASSIGNABLE_ROLES]), required=True)
@click.option("--name", "display_name", default=None, help="Full name shown in the app (default: USERNAME).")
@click.option("--email", default=None, help="E-mail, used to match single sign-on (OIDC) accounts.")
@click.option("--oidc-subject", default=None, help="The identity provider's subject identifier, if known.")
@click.option("--district", "districts", multiple=True, help="KATO code of a district (district editors; repeat).")
@click.option("--oblast", "oblasts", multiple=True, help="Oblast in English, e.g. Zhetysu (managers; none = national).")
@click.option("--organisation", default=None, help="Organisation (e.g. the NGO of a monitor).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--no-password", is_flag=True, help="No password: the person signs in through OIDC only.")
def add(
    username: str,
    role: str,
    display_name: str | None,
    email: str | None,
    oidc_subject: str | None,
    districts: tuple[str, ...],
    oblasts: tuple[str, ...],
    organisation: str | None,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Add a person; asks for their password unless --no-password."""
    from tracker.services.users import add_user, check_password

    db = database()
    password = None if no_password else _password(password_stdin, username)
    try:
        if password is not None:
            check_password(password, username)
        user = add_user(
            db,
            SYSTEM,
            {
                "username": username,
                "display_name": display_name or username,
                "email": email,
                "oidc_subject": oidc_subject,
                "role": role,
                "districts": list(districts),
                "oblasts": list(oblasts),
                "organisation": organisation,
            },
            password,
        )
    except REFUSED as exc:
        refuse(exc, 2)
    click.echo(f"added {user.username} ({user.role.value})")


@users.command("list")
def list_() -> None:
    """List people with their role, scope and whether they are active."""
    from tracker.services.users import list_users

    for user in list_users(database(), SYSTEM):
        scope = ",".join(user.districts or user.oblasts) or "-"
        state = "active" if user.active else "disabled"
        login = "password" if user.has_password else "oidc"
        click.echo(f"{user.username}\t{user.role.value}\t{scope}\t{state}\t{login}\t{user.display_name}")


def _set_active(username: str, active: bool) -> None:
    from tracker.services.users import get_user, set_active

    db = database()
    try:
        # The command acts on the person as it finds them: that is the version it names.
        set_active(db, SYSTEM, username, active, get_user(db, username).version)
    except REFUSED as exc:
        refuse(exc, 2)


@users.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable a person and end their open sessions."""
    _set_active(username, False)
    click.echo(f"disabled {username}")


@users.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled person again."""
    _set_active(username, True)
    click.echo(f"enabled {username}")


@users.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
def reset_password(username: str, password_stdin: bool) -> None:
    """Set a new password (asked for twice) and end the person's open sessions."""
    from tracker.services.users import get_user, set_password

    db = database()
    try:
        seen = get_user(db, username).version
    except REFUSED as exc:
        refuse(exc, 2)
    password = _password(password_stdin, username)
    try:
        set_password(db, SYSTEM, username, password, seen)
    except REFUSED as exc:
        refuse(exc, 2)
    click.echo(f"password of {username} changed; their sessions were ended")
