"""Alembic environment: runs on the connection handed over by ``tracker.storage.schema``."""

from alembic import context

from tracker.storage.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `tracker init` (tracker.storage.schema.upgrade)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
# Batch mode rebuilds a SQLite table by copy, drop and rename; with foreign keys on, dropping a
# table that others point at (facilities ← visits, evidence) fails. SQLite's own procedure for
# this turns them off around the rebuild (it can only be done outside a transaction) and checks
# them after it.
rebuild_sqlite = connection.dialect.name == "sqlite" and not connection.in_transaction()
if rebuild_sqlite:
    connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
try:
    with context.begin_transaction():
        context.run_migrations()
finally:
    if rebuild_sqlite:
        raw = connection.connection.dbapi_connection
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        raw.execute("PRAGMA foreign_keys=ON")
        if broken:
            raise RuntimeError(f"migration left rows pointing at nothing: {broken[:5]}")
