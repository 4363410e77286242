"""an amount nobody gave is unknown, not zero

Revision ID: 0010
Revises: 0009
The four money columns of an object become nullable: NULL is an amount a list or a form left
empty. Stored amounts keep their value (a 0 already stored stays 0: nobody can tell now whether
it was stated or left empty). Downgrading writes 0 where an amount is unknown. On SQLite the
table is rebuilt (batch mode), with foreign keys checked after the rebuild (``migrations/env.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MONEY = ("budget_planned_tiyn", "budget_allocated_tiyn", "budget_contracted_tiyn", "budget_spent_tiyn")


def upgrade() -> None:
    with op.batch_alter_table("facilities") as batch:
        for column in MONEY:
            batch.alter_column(column, existing_type=sa.BigInteger(), nullable=True)


def downgrade() -> None:
    for column in MONEY:
        op.execute(sa.text(f"UPDATE facilities SET {column} = 0 WHERE {column} IS NULL"))
    with op.batch_alter_table("facilities") as batch:
        for column in MONEY:
            batch.alter_column(column, existing_type=sa.BigInteger(), nullable=False)
