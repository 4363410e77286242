"""monitoring visits carry a demo flag, like every other record

Revision ID: 0007
Revises: 0003
Visits of the labelled demo (by its invented NGO) are marked demo; every other visit keeps
demo = false. Nothing else changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

DEMO_ORGANISATION = "«Қолжетімді орта» ҚБ (демо)"  # tracker.demo.visits.DEMO_ORGANISATION when written


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False))
    visits = sa.table("visits", sa.column("organisation", sa.String()), sa.column("demo", sa.Boolean()))
    op.execute(visits.update().where(visits.c.organisation == DEMO_ORGANISATION).values(demo=True))


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("demo")
