"""What every command shares: the database of the settings, and refusals told in one line each."""

import sys
from typing import NoReturn

import click

from tracker.config import get_settings
from tracker.i18n.errors import messages
from tracker.storage.database import Database


def database(initialise: bool = True) -> Database:
    """The database ``TRACKER_DATABASE_URL`` names, migrated and with its districts unless told not to."""
    db = Database.at(get_settings().resolved_database_url)
    if initialise:
        from tracker.services.setup import initialise as prepare

        prepare(db)
    return db


def refuse(error: Exception, exit_code: int, lang: str = "en") -> NoReturn:
    """Print a refusal (a rule, a permission, pydantic's checks) as readable lines and exit."""
    for line in messages(error, lang):
        click.echo(f"error: {line}", err=True)
    sys.exit(exit_code)
