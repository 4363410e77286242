"""PostGIS point columns where the extension is available

On PostgreSQL with PostGIS, facilities and rehab centres get a generated point column with a
GiST index so that spatial queries (objects in view, nearest centre) run in the database.
SQLite and PostgreSQL without PostGIS keep plain lat/lon columns and need nothing here.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("facilities", "rehab_centers")


def _postgis_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    found = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"))
    return found.first() is not None


def upgrade() -> None:
    if not _postgis_available():
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_geom")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom")
