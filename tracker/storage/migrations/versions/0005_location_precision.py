"""how exactly each object's point is known

Revision ID: 0005
Revises: 0003
Objects imported from lists without coordinates are placed at their settlement or at the
district centre; ``location_precision`` (exact / settlement / district) says which, so maps
draw them as approximate. Existing objects had their own coordinates: they stay ``exact``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facilities") as batch:
        batch.add_column(sa.Column("location_precision", sa.String(length=20), nullable=False, server_default="exact"))


def downgrade() -> None:
    with op.batch_alter_table("facilities") as batch:
        batch.drop_column("location_precision")
