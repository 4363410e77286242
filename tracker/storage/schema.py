"""Create or upgrade the schema with Alembic; safe to run from several processes at once."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from tracker.storage.engine import WRITE

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant will do; it only has to be the same in every process running `tracker init`.
ADVISORY_LOCK = 7_420_021


def _config(connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest revision (no-op when it is there already)."""
    with engine.connect().execution_options(**{WRITE: True}) as conn:
        if conn.dialect.name == "postgresql":
            # Serialise concurrent `tracker init`s; the lock ends with the session.
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK})
            conn.commit()
        try:
            command.upgrade(_config(conn), "head")
            conn.commit()
        finally:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK})
                conn.commit()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(_config(None)).get_current_head()
