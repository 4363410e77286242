"""A fast stand-in database for service tests: an in-memory SQLite copy of a migrated template.

The same schema, triggers, repositories and SQL as the real thing (so no second implementation
to keep in step), copied with SQLite's backup API in about a millisecond instead of migrating
and loading the district catalogue for every test. One connection serves the whole test
(``StaticPool``): the app's services never nest transactions, and a test that made one nest
would fail here at once.
"""

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from tracker.storage.database import Database
from tracker.storage.engine import configure_sqlite


def memory_copy(template: Path) -> Database:
    """A private in-memory database holding what the SQLite file ``template`` holds."""
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    configure_sqlite(engine)
    raw = engine.raw_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(raw.driver_connection)
    finally:
        source.close()
        raw.close()
    return Database(engine)
